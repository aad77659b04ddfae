// The upload gallery (examples/upload_gallery.rs) in a real browser, one test per UploadButton
// feature, each on a page of its own: several files, a folder, accepted types (.csv, image; an
// image by its name and its content), the click / change / upload events, a handler that
// relabels its button, an upload handed to a download button, variants and sizes, the disabled
// button (refused by the server too), axe-core, and light and dark screenshots for a person to
// look at.

import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { assertNone, seriousViolations } from "../lib/axe.mjs";
import { downloadFrom, launchBrowser, openApp } from "../lib/browser.mjs";
import { findById } from "../lib/gallery.mjs";
import { SCREENSHOTS, UPLOAD_GALLERY_BIN, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

const OUT = process.env.FERRY_E2E_SCREENSHOTS || SCREENSHOTS;
const READY = "#multiple button";
// A real 1×1 PNG (70 bytes).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const fx = { server: null, browser: null, dir: null };
before(async () => {
  [fx.server, fx.browser, fx.dir] = await Promise.all([
    startServer({ bin: UPLOAD_GALLERY_BIN }),
    launchBrowser(),
    mkdtemp(join(tmpdir(), "ferry-e2e-upload-gallery-")),
  ]);
});
after(async () => {
  await fx.browser?.close();
  await fx.server?.stop();
  if (fx.dir) await rm(fx.dir, { recursive: true, force: true });
});

/** Opens the gallery in a new context: `{ context, page, session, errors }`. */
function openGallery(contextOptions = {}) {
  return openApp(fx.browser, fx.server.url, contextOptions, { ready: READY });
}

/** A file for `setInputFiles`. */
function file(name, content, mimeType = "application/octet-stream") {
  return { name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) };
}

/** The hidden file input of the upload button `#id`. */
function inputOf(page, id) {
  return page.locator(`#${id} input[type=file]`);
}

/** The text on the button of `#id` (its label span). */
async function labelOf(page, id) {
  return (await page.locator(`#${id} .ferry-btn-label`).innerText()).trim();
}

/** The value of the textbox `#id` (its input or textarea). */
function valueOf(page, id) {
  return page.locator(`#${id} :is(input, textarea)`).inputValue();
}


/** Waits until the textbox `#id` shows exactly `expected`; fails showing what it shows. */
async function waitForValue(page, id, expected, timeout = 5000) {
  let last;
  try {
    await until(async () => (last = await valueOf(page, id)) === expected, `#${id} to show ${JSON.stringify(expected)}`, timeout);
  } catch {
    assert.equal(last, expected, `#${id} shows what the handler wrote`);
  }
}

/** The error shown under the component `#id`. */
async function alertOf(page, id) {
  const alert = page.locator(`#${id} [role="alert"]`);
  await alert.waitFor();
  return (await alert.innerText()).trim();
}

/** Makes `album/` under `parent` with nested files; returns its path. */
async function makeAlbum(parent) {
  const root = join(parent, "album");
  await mkdir(join(root, "2024", "jan"), { recursive: true });
  await writeFile(join(root, "readme.txt"), "read me\n");
  await writeFile(join(root, "2024", "notes.csv"), "x\ny\n");
  await writeFile(join(root, "2024", "jan", "photo.png"), PNG);
  return root;
}

/** Records every request to the upload route that `page` makes. */
function watchUploads(page) {
  const seen = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname.startsWith("/api/upload/")) seen.push(req);
  });
  return seen;
}

/** Clicks the button of `#id` and returns the file picker it opened. */
async function openPicker(page, id) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 5000 }), page.locator(`#${id} > button`).click()]);
  return chooser;
}

/** POSTs `name` to the upload route of the component `elemId`, from the page; `{ status, body }`. */
function postFromPage(page, session, elemId, name, content) {
  const id = findById(session.root, elemId).id;
  return page.evaluate(
    async ({ session, id, name, content }) => {
      const form = new FormData();
      form.append("files", new Blob([content]), name);
      const res = await fetch(`/api/upload/${session}/${id}`, { method: "POST", body: form });
      return { status: res.status, body: await res.json() };
    },
    { session: session.session, id, name, content },
  );
}

describe("upload_gallery", () => {
  let app;
  beforeEach(async () => {
    app = await openGallery();
  });
  afterEach(async () => {
    assert.deepEqual(app.errors, [], "the page threw no uncaught exception");
    assert.equal(await app.page.locator('[data-testid="toast"]').count(), 0, "no error toast is left on the page");
    await app.context.close();
  });

  test("multiple: the picker takes three files; the textbox lists each name, size and type, in order", async () => {
    const { page } = app;
    assert.equal(await labelOf(page, "multiple"), "Upload several files");
    const chooser = await openPicker(page, "multiple");
    assert.equal(chooser.isMultiple(), true);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/upload/"));
    await chooser.setFiles([
      file("notes.txt", "hello\n", "text/plain"),
      file("data.csv", "a,b\n1,2\n", "text/csv"),
      file("pixel.png", PNG, "image/png"),
    ]);
    assert.equal((await answer).status(), 200);
    await waitForValue(
      page,
      "multiple-list",
      [
        "notes.txt (6 B, text/plain; charset=utf-8)",
        "data.csv (8 B, text/csv; charset=utf-8)",
        `pixel.png (${PNG.length} B, image/png)`,
      ].join("\n"),
    );
  });

  test("directory: a folder with nested files uploads; the page sends each file's path in the folder; the textbox lists them", async () => {
    const { page } = app;
    const root = await makeAlbum(await mkdtemp(join(fx.dir, "directory-")));

    const input = inputOf(page, "directory");
    assert.deepEqual(await input.evaluate((el) => [el.multiple, el.webkitdirectory]), [true, true]);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/upload/"));
    await input.setInputFiles(root);
    const res = await answer;
    assert.equal(res.status(), 200);
    // The page names each multipart part by the file's path inside the chosen folder (Chromium
    // does not expose a body of files read from disk, so the server's answer shows it: it takes
    // `relative_path` from the part's file name, and keeps the last segment as `file_name`).
    const { files } = await res.json();
    assert.deepEqual(files.map((f) => [f.relative_path, f.file_name, f.size]).sort(), [
      ["album/2024/jan/photo.png", "photo.png", PNG.length],
      ["album/2024/notes.csv", "notes.csv", 4],
      ["album/readme.txt", "readme.txt", 8],
    ]);
    // The handler gets Vec<UploadedFile>, with each file's path in the folder.
    await until(async () => (await valueOf(page, "directory-list")) !== "", "the folder's list");
    const [head, ...lines] = (await valueOf(page, "directory-list")).split("\n");
    assert.equal(head, "3 files:");
    assert.deepEqual(lines.sort(), [
      `album/2024/jan/photo.png (${PNG.length} B)`,
      "album/2024/notes.csv (4 B)",
      "album/readme.txt (8 B)",
    ]);
  });

  test(".csv: the picker offers .csv; a .txt is refused in the page, nothing sent; a .csv shows its line count", async () => {
    const { page } = app;
    const input = inputOf(page, "csv");
    assert.equal(await input.getAttribute("accept"), ".csv");
    const uploads = watchUploads(page);
    await input.setInputFiles(file("notes.txt", "one\ntwo\n", "text/plain"));
    assert.equal(await alertOf(page, "csv"), "“notes.txt” is not an accepted type: .csv");
    assert.equal(uploads.length, 0, "nothing was sent");
    assert.equal(await valueOf(page, "csv-lines"), "");

    await input.setInputFiles(file("cities.csv", "city,temp\nKöln,21\nLyon,24\n", "text/csv"));
    await waitForValue(page, "csv-lines", "3 lines");
    assert.equal(uploads.length, 1);
    assert.equal(await page.locator('#csv [role="alert"]').count(), 0, "the message is gone");
  });

  test("image: the picker offers image/*; a .csv is refused (by the server, 415) under the button; a .png is accepted", async () => {
    const { page } = app;
    const input = inputOf(page, "image");
    assert.equal(await input.getAttribute("accept"), "image/*");
    assert.equal(await page.locator("#image > button img.ferry-btn-icon").count(), 1, "the button has its icon");
    // The page leaves categories to the server (it guesses the type from the name).
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/upload/"));
    await input.setInputFiles(file("data.csv", "a,b\n", "text/csv"));
    assert.equal((await answer).status(), 415);
    assert.equal(await alertOf(page, "image"), "“data.csv” is not an accepted type: image");
    assert.equal(await valueOf(page, "image-info"), "");
    // The same message in a toast; dismiss it (the suite checks no toast is left).
    const toast = page.locator('[data-testid="toast"]');
    assert.equal((await toast.locator(".ferry-toast-message").innerText()).trim(), "“data.csv” is not an accepted type: image");
    await toast.getByRole("button", { name: "Dismiss" }).click();
    await toast.waitFor({ state: "detached" });

    await input.setInputFiles(file("pixel.png", PNG, "image/png"));
    await waitForValue(page, "image-info", `pixel.png (${PNG.length} B, image/png)`);
    assert.equal(await page.locator('#image [role="alert"]').count(), 0, "the message is gone");
  });

  test("image: HTML named notimage.png is refused by its content (415), the message under the button; nothing is shown", async () => {
    const { page } = app;
    const input = inputOf(page, "image");
    const html = "<!DOCTYPE html><html><script>alert(document.domain)</script></html>\n";
    for (const [name, shown] of [
      ["notimage.png", "notimage.png"],
      ["evil.html:x.png", "evil.html_x.png"],
    ]) {
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/upload/"));
      await input.setInputFiles(file(name, html, "image/png"));
      assert.equal((await answer).status(), 415);
      const message = `“${shown}” is not an image: its content does not match its name`;
      assert.equal(await alertOf(page, "image"), message);
      assert.equal(await valueOf(page, "image-info"), "", "the handler did not run");
      const toast = page.locator('[data-testid="toast"]');
      assert.equal((await toast.locator(".ferry-toast-message").innerText()).trim(), message);
      await toast.getByRole("button", { name: "Dismiss" }).click();
      await toast.waitFor({ state: "detached" });
    }
    // A real PNG still goes through.
    await input.setInputFiles(file("pixel.png", PNG, "image/png"));
    await waitForValue(page, "image-info", `pixel.png (${PNG.length} B, image/png)`);
  });

  test("click: each click counts, before the picker opens; closing the picker uploads nothing", async () => {
    const { page } = app;
    const uploads = watchUploads(page);
    assert.equal(await valueOf(page, "clicks"), "0");
    for (const n of [1, 2]) {
      const chooser = await openPicker(page, "events");
      await waitForValue(page, "clicks", String(n));
      await chooser.setFiles([]); // the user closes the picker without choosing
    }
    await page.waitForTimeout(200);
    assert.equal(uploads.length, 0, "nothing was sent");
    assert.equal(await valueOf(page, "changed"), "", "no change without a file");
  });

  test("change: an upload writes “changed: NAME”; another upload, the new name", async () => {
    const { page } = app;
    await inputOf(page, "events").setInputFiles(file("hello.txt", "hello\n", "text/plain"));
    await waitForValue(page, "changed", "changed: hello.txt");
    await inputOf(page, "events").setInputFiles(file("été.md", "# été\n", "text/markdown"));
    await waitForValue(page, "changed", "changed: été.md");
    assert.equal(await valueOf(page, "clicks"), "0", "setting the input is not a click");
  });

  test("upload handler relabels its own button: “Uploaded 2 files”, then “Uploaded 1 file”", async () => {
    const { page } = app;
    assert.equal(await labelOf(page, "relabel"), "Upload, and I relabel myself");
    await inputOf(page, "relabel").setInputFiles([file("a.txt", "a"), file("b.txt", "b")]);
    await until(async () => (await labelOf(page, "relabel")) === "Uploaded 2 files", "the label “Uploaded 2 files”");
    await inputOf(page, "relabel").setInputFiles(file("c.txt", "c"));
    await until(async () => (await labelOf(page, "relabel")) === "Uploaded 1 file", "the label “Uploaded 1 file”");
  });

  test("upload → download: the download saves the exact name and bytes; the upload button stays", async () => {
    const { page } = app;
    const download = page.locator("#download > button");
    assert.equal(await labelOf(page, "download"), "Nothing uploaded yet");
    assert.equal(await download.isEnabled(), false);
    const name = "données été.csv";
    const bytes = Buffer.concat([Buffer.from("ville;été\nKöln;21\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
    await inputOf(page, "to-download").setInputFiles(file(name, bytes, "text/csv"));
    await until(async () => (await labelOf(page, "download")) === `Download ${name}`, "the download button's new label");
    assert.equal(await download.isEnabled(), true);
    assert.match(await download.getAttribute("class"), /\bferry-btn-primary\b/);
    const saved = await downloadFrom(page, () => download.click());
    assert.equal(saved.name, name);
    assert.deepEqual(saved.bytes, bytes);
    // The upload button is still there, and a second upload replaces the file.
    assert.equal(await page.locator("#to-download > button").isVisible(), true);
    assert.equal(await labelOf(page, "to-download"), "Upload a file");
    await inputOf(page, "to-download").setInputFiles(file("second.bin", Buffer.from([0, 1, 2, 255])));
    await until(async () => (await labelOf(page, "download")) === "Download second.bin", "the second file's label");
    const again = await downloadFrom(page, () => download.click());
    assert.equal(again.name, "second.bin");
    assert.deepEqual(again.bytes, Buffer.from([0, 1, 2, 255]));
  });

  test("variants and sizes: each button has its variant's and size's classes", async () => {
    const { page } = app;
    for (const variant of ["primary", "secondary", "stop"]) {
      assert.match(await page.locator(`#variant-${variant} > button`).getAttribute("class"), new RegExp(`\\bferry-btn-${variant}\\b`));
    }
    for (const [id, size] of [["small", "sm"], ["medium", "md"], ["large", "lg"]]) {
      assert.match(await page.locator(`#size-${id} > button`).getAttribute("class"), new RegExp(`\\bferry-btn-${size}\\b`));
    }
    const heights = [];
    for (const id of ["small", "medium", "large"]) heights.push((await page.locator(`#size-${id} > button`).boundingBox()).height);
    assert.ok(heights[0] < heights[1] && heights[1] < heights[2], `small < medium < large: ${heights.join(" < ")}`);
  });

  test("not interactive: the button and its input are disabled, a click opens no picker; the server answers 403", async () => {
    const { page, session } = app;
    const button = page.locator("#disabled > button");
    assert.equal(await labelOf(page, "disabled"), "Uploads are off");
    assert.equal(await button.isDisabled(), true);
    assert.equal(await inputOf(page, "disabled").isDisabled(), true);
    const choosers = [];
    page.on("filechooser", (c) => choosers.push(c));
    await button.click({ force: true });
    await page.waitForTimeout(300);
    assert.equal(choosers.length, 0, "no file picker opened");
    // A script can still set the disabled input's files and fire its `change` (Playwright's
    // setInputFiles does): the page sends nothing. (A person cannot: the input is disabled.)
    const uploads = watchUploads(page);
    await inputOf(page, "disabled").setInputFiles(file("sneaky.txt", "x"));
    await page.waitForTimeout(500);
    assert.equal(uploads.length, 0, "nothing was sent");
    assert.equal(await labelOf(page, "disabled"), "Uploads are off");
    // And the server refuses an upload to it whatever the page does.
    const answer = await postFromPage(page, session, "disabled", "sneaky.txt", "x");
    assert.deepEqual(answer, { status: 403, body: { error: "this upload button is disabled" } });
  });
});

describe("upload_gallery: accessibility and screenshots", () => {
  for (const colorScheme of ["light", "dark"]) {
    test(`axe: the gallery as loaded and after uploads, no serious or critical violations (${colorScheme})`, async () => {
      const app = await openGallery({ colorScheme });
      assertNone(await seriousViolations(app.page));
      await inputOf(app.page, "csv").setInputFiles(file("notes.txt", "x", "text/plain"));
      await alertOf(app.page, "csv");
      await inputOf(app.page, "multiple").setInputFiles([file("a.txt", "a"), file("b.txt", "b")]);
      await until(async () => (await valueOf(app.page, "multiple-list")) !== "", "the list");
      assertNone(await seriousViolations(app.page));
      assert.deepEqual(app.errors, []);
      await app.context.close();
    });
  }

  test("screenshots: the whole page, as loaded and after uploads (light and dark)", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const app = await openGallery({ colorScheme, viewport: { width: 1100, height: 900 } });
      const { page } = app;
      const shot = (name) =>
        page.screenshot({ path: `${OUT}/ferry-e2e-upload-gallery-${name}-${colorScheme}.png`, fullPage: true, animations: "disabled" });
      await shot("before");
      await inputOf(page, "multiple").setInputFiles([
        file("notes.txt", "hello\n", "text/plain"),
        file("data.csv", "a,b\n1,2\n", "text/csv"),
        file("pixel.png", PNG, "image/png"),
      ]);
      await inputOf(page, "directory").setInputFiles(await makeAlbum(await mkdtemp(join(fx.dir, "shot-"))));
      await inputOf(page, "csv").setInputFiles(file("notes.txt", "x", "text/plain"));
      await inputOf(page, "image").setInputFiles(file("pixel.png", PNG, "image/png"));
      await inputOf(page, "events").setInputFiles(file("hello.txt", "hello\n", "text/plain"));
      await inputOf(page, "relabel").setInputFiles([file("a.txt", "a"), file("b.txt", "b")]);
      await inputOf(page, "to-download").setInputFiles(file("report.csv", "a,b\n", "text/csv"));
      await until(async () => (await labelOf(page, "download")) === "Download report.csv", "the download label");
      await until(async () => (await labelOf(page, "relabel")) === "Uploaded 2 files", "the relabel");
      await until(async () => (await valueOf(page, "multiple-list")) !== "", "the list");
      await until(async () => (await valueOf(page, "directory-list")) !== "", "the folder's list");
      await shot("after");
      assert.deepEqual(app.errors, []);
      await app.context.close();
    }
  });
});
