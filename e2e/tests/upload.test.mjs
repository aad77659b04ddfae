// Gradio's upload_and_download demo (examples/upload_and_download.rs) in a real browser: upload a
// file, the buttons swap, the download saves exactly what was uploaded, the buttons swap back.
// Also the size limit (checked in the page, enforced by the server), the server's own errors,
// upload progress, keyboard use, axe-core, and screenshots for a person to look at.

import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { assertNone, seriousViolations } from "../lib/axe.mjs";
import { downloadFrom, launchBrowser, openApp } from "../lib/browser.mjs";
import { findById } from "../lib/gallery.mjs";
import { UPLOAD_BIN, startServer, SCREENSHOTS } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

const OUT = process.env.FERRY_E2E_SCREENSHOTS || SCREENSHOTS;
const TEXT = "First upload a file and and then you'll be able download it (but only once!)";
const NAME = "données été.csv";
// Non-ASCII text and every byte value: the round trip must keep them all.
const BYTES = Buffer.concat([Buffer.from("ville;été\nKöln;21\n", "utf8"), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const LIMIT_MESSAGE = "“big.bin” is larger than the 1 kB limit";
const READY = "#upload button";

// One browser for the file; the demo twice: as shipped, and with FERRY_MAX_FILE_SIZE=1000.
const fx = { browser: null, demo: null, limited: null };
before(async () => {
  [fx.demo, fx.limited, fx.browser] = await Promise.all([
    startServer({ bin: UPLOAD_BIN }),
    startServer({ bin: UPLOAD_BIN, env: { FERRY_MAX_FILE_SIZE: "1000" } }),
    launchBrowser(),
  ]);
});
after(async () => {
  await fx.browser?.close();
  await Promise.all([fx.demo?.stop(), fx.limited?.stop()]);
});

/** Opens the demo served by `server` (fx.demo by default). */
function openDemo(server = fx.demo, contextOptions = {}) {
  return openApp(fx.browser, server.url, contextOptions, { ready: READY });
}

/**
 * Opens the demo on `server` with the upload button's props as `rewrite(props)` leaves them in the
 * page's copies of them, the declared page inlined in the shell and the answer of `api/session`
 * (the server keeps its own rules): for page behaviour the demo does not declare. Returns
 * `{ context, page, errors }`.
 */
async function openRewritten(server, rewrite, contextOptions = {}) {
  const context = await fx.browser.newContext({ acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.route("**/api/session", async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    rewrite(findById(body.root, "upload").props);
    await route.fulfill({ response: res, json: body });
  });
  await page.route(`${server.url}/`, async (route) => {
    const res = await route.fetch();
    const html = await res.text();
    const inline = /(<script type="application\/json" id="ferry-page">)(.*?)(<\/script>)/s;
    const rewritten = html.replace(inline, (_, open, json, close) => {
      const declared = JSON.parse(json);
      rewrite(findById(declared.root, "upload").props);
      return open + JSON.stringify(declared).replace(/</g, "\\u003c") + close;
    });
    await route.fulfill({ response: res, body: rewritten, contentType: "text/html; charset=utf-8" });
  });
  await page.goto(`${server.url}/`);
  await page.locator(READY).waitFor();
  return { context, page, errors };
}

/** Records every request to the upload route that `page` makes. */
function watchUploads(page) {
  const seen = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname.startsWith("/api/upload/")) seen.push(req);
  });
  return seen;
}

/** A file for `setInputFiles`. */
function file(name, buffer, mimeType = "application/octet-stream") {
  return { name, mimeType, buffer };
}

/** The text on a button (its label span). */
async function labelOf(page, selector) {
  return (await page.locator(`${selector} .ferry-btn-label`).innerText()).trim();
}


/**
 * Every file picker `page` opens from now on, in an array. Listening turns on Playwright's
 * interception of pickers; the round trip after it makes sure that is in place before any
 * key press (a picker opened earlier would go to the real, headless, dialog and be lost).
 */
async function catchFileChoosers(page) {
  const choosers = [];
  page.on("filechooser", (chooser) => choosers.push(chooser));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  return choosers;
}

/** Uploads `files` through the upload button's own input and waits for the download button. */
async function uploadThroughInput(page, files) {
  await page.locator("#upload input[type=file]").setInputFiles(files);
  await page.locator("#download button").waitFor();
}

async function sha256(path) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest("hex");
}

describe("upload_and_download: the demo as shipped", () => {
  let app;
  beforeEach(async () => {
    app = await openDemo();
  });
  afterEach(async () => {
    assert.deepEqual(app.errors, [], "the page threw no uncaught exception");
    await app.context.close();
  });

  test("the page shows the text and the “Upload a file” button; the download button is not in the DOM", async () => {
    const { page, session } = app;
    assert.equal((await page.locator('[data-testid="markdown"]').innerText()).trim(), TEXT);
    const outer = page.locator("#upload");
    assert.equal(await outer.getAttribute("data-testid"), "upload_button");
    assert.match(await outer.getAttribute("class"), /\bferry-block\b.*\bferry-upload-button\b/);
    const button = page.locator("#upload > button");
    assert.equal(await button.getAttribute("type"), "button");
    assert.equal(await labelOf(page, "#upload"), "Upload a file");
    assert.match(await button.getAttribute("class"), /\bferry-btn ferry-btn-secondary ferry-btn-lg\b/, "looks like a download button");
    assert.equal(await button.isEnabled(), true);
    // The picker's input: hidden from sight and from the tab order; one file of any type.
    const input = page.locator("#upload input[type=file]");
    assert.equal(await input.count(), 1);
    const box = await input.evaluate((el) => el.getBoundingClientRect());
    assert.ok(box.width <= 1 && box.height <= 1, `the input is not seen (${box.width}×${box.height} px)`);
    assert.equal(await input.getAttribute("tabindex"), "-1");
    assert.deepEqual(await input.evaluate((el) => [el.multiple, el.webkitdirectory, el.accept]), [false, false, ""]);
    // visible=false: not rendered at all.
    assert.equal(findById(session.root, "download").props.visible, false);
    assert.equal(await page.locator("#download").count(), 0);
    assert.equal(await page.locator('[data-testid="download_button"]').count(), 0);
    assert.equal(findById(session.root, "upload").props.max_file_size, 4 * 2 ** 30, "the server's default limit, 4 GiB");
  });

  test(`clicking “Upload a file” and choosing “${NAME}” swaps the buttons; the download saves that exact name and bytes; then they swap back`, async () => {
    const { page } = app;
    const uploads = watchUploads(page);
    const choosers = await catchFileChoosers(page);
    await page.locator("#upload button").click();
    const chooser = await until(() => choosers[0], "the click to open the file picker");
    assert.equal(chooser.isMultiple(), false);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/upload/"));
    await chooser.setFiles(file(NAME, BYTES, "text/csv"));
    const res = await answer;
    assert.equal(res.status(), 200);
    const { files } = await res.json();
    assert.equal(files.length, 1);
    assert.equal(files[0].file_name, NAME);
    assert.equal(files[0].size, BYTES.length);
    assert.equal(uploads.length, 1, "one upload request");
    assert.equal(uploads[0].url(), `${fx.demo.url}/api/upload/${app.session.session}/${findById(app.session.root, "upload").id}`);
    assert.match(uploads[0].headers()["content-type"], /^multipart\/form-data; boundary=/);

    // The handler hides the upload button and shows "Download NAME".
    await page.locator("#download button").waitFor();
    assert.equal(await labelOf(page, "#download"), `Download ${NAME}`);
    await page.locator("#upload").waitFor({ state: "detached" });

    const saved = await downloadFrom(page, () => page.locator("#download button").click());
    assert.equal(saved.name, NAME);
    assert.deepEqual(saved.bytes, BYTES);

    // Its click handler swaps them back.
    await page.locator("#upload button").waitFor();
    assert.equal(await labelOf(page, "#upload"), "Upload a file");
    await page.locator("#download").waitFor({ state: "detached" });
    assert.equal(await page.locator('[data-testid="toast"]').count(), 0, "no error toast");

    // And again, with another file: the new file, not the old one.
    const second = Buffer.from("second file\n");
    await uploadThroughInput(page, file("autre.txt", second, "text/plain"));
    assert.equal(await labelOf(page, "#download"), "Download autre.txt");
    const again = await downloadFrom(page, () => page.locator("#download button").click());
    assert.equal(again.name, "autre.txt");
    assert.deepEqual(again.bytes, second);
  });

  test("keyboard: the button is the one tab stop; Enter and Space on it open the file picker", async () => {
    const { page } = app;
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.matches("#upload > button")), true, "Tab reaches the button");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.type === "file"), false, "the file input is not a tab stop");
    const choosers = await catchFileChoosers(page);
    for (const key of ["Enter", "Space"]) {
      await page.locator("#upload button").focus();
      const before = choosers.length;
      await page.keyboard.press(key);
      const chooser = await until(() => choosers[before], `${key} to open the file picker`);
      assert.equal(chooser.isMultiple(), false, key);
      await chooser.setFiles([]); // closes the picker, choosing nothing
      assert.equal(await page.locator("#upload").getAttribute("aria-busy"), null, `${key}: choosing nothing sends nothing`);
    }
    // The button's accessible name is its label.
    assert.equal(await page.getByRole("button", { name: "Upload a file" }).count(), 1);
  });

  test("the same file can be uploaded again, and again through the input itself", async () => {
    const { page } = app;
    const uploads = watchUploads(page);
    await uploadThroughInput(page, file("same.txt", Buffer.from("same\n")));
    await downloadFrom(page, () => page.locator("#download button").click());
    await page.locator("#upload button").waitFor();
    await uploadThroughInput(page, file("same.txt", Buffer.from("same\n")));
    assert.equal(uploads.length, 2, "the same file was sent twice");
    await downloadFrom(page, () => page.locator("#download button").click());
    await page.locator("#upload button").waitFor();
    const input = page.locator("#upload input[type=file]");
    await input.setInputFiles(file("same.txt", Buffer.from("same\n")));
    await page.locator("#download button").waitFor();
    assert.equal(uploads.length, 3);
  });

  test("a network failure shows a clear message under the button and in a toast; the next try works", async () => {
    const { page } = app;
    await page.route("**/api/upload/**", (route) => route.abort("connectionreset"));
    await page.locator("#upload input[type=file]").setInputFiles(file("a.txt", Buffer.from("a")));
    const alert = page.locator('#upload [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /could not reach the server/);
    assert.match(await page.locator('[data-testid="toast"]').innerText(), /could not reach the server/);
    assert.equal(await page.locator("#upload").getAttribute("aria-busy"), null, "no longer busy");
    await page.unroute("**/api/upload/**");
    await uploadThroughInput(page, file("a.txt", Buffer.from("a")));
    assert.equal(await labelOf(page, "#download"), "Download a.txt");
  });
});

describe("upload_and_download with FERRY_MAX_FILE_SIZE=1000", () => {
  let app;
  beforeEach(async () => {
    app = await openDemo(fx.limited);
  });
  afterEach(async () => {
    assert.deepEqual(app.errors, [], "the page threw no uncaught exception");
    await app.context.close();
  });

  test("a 2000-byte file is refused in the page with the server's words, nothing is sent; a small file then uploads", async () => {
    const { page, session } = app;
    assert.equal(findById(session.root, "upload").props.max_file_size, 1000, "the server tells the page its limit");
    const uploads = watchUploads(page);
    await page.locator("#upload input[type=file]").setInputFiles(file("big.bin", Buffer.alloc(2000, 1)));
    const alert = page.locator('#upload [role="alert"]');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), LIMIT_MESSAGE);
    assert.equal(uploads.length, 0, "nothing was sent");
    assert.equal(await page.locator("#upload input[type=file]").evaluate((el) => el.files.length), 0, "the input is emptied, ready for the same file again");
    assert.equal(await page.locator("#upload").getAttribute("aria-busy"), null);
    assert.equal(await page.locator("#upload button").isEnabled(), true, "the button still works");
    assert.equal(await page.locator("#download").count(), 0);

    // 1000 bytes is within the limit; the message goes away and the demo goes on.
    const small = randomBytes(1000);
    await uploadThroughInput(page, file("petit.bin", small));
    assert.equal(uploads.length, 1);
    assert.equal(await labelOf(page, "#download"), "Download petit.bin");
    const saved = await downloadFrom(page, () => page.locator("#download button").click());
    assert.equal(saved.name, "petit.bin");
    assert.deepEqual(saved.bytes, small);
    await page.locator("#upload button").waitFor();
    assert.equal(await page.locator('#upload [role="alert"]').count(), 0, "the message is gone");
  });

  test("the server enforces the limit: a direct POST of a 2000-byte file answers 413 with the same message", async () => {
    const { page, session } = app;
    const id = findById(session.root, "upload").id;
    const answer = await page.evaluate(
      async ({ session, id }) => {
        const form = new FormData();
        form.append("files", new Blob([new Uint8Array(2000)]), "big.bin");
        const res = await fetch(`/api/upload/${session}/${id}`, { method: "POST", body: form });
        return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
      },
      { session: session.session, id },
    );
    assert.equal(answer.status, 413);
    assert.match(answer.type, /^application\/json/);
    assert.deepEqual(answer.body, { error: LIMIT_MESSAGE });
  });

  test("when the page does not know the limit, the server's 413 message shows under the button and in a toast", async () => {
    // Hide max_file_size from the page (as an older server would): the file is sent, the server refuses it.
    const { context: ctx, page, errors } = await openRewritten(fx.limited, (props) => delete props.max_file_size);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/upload/"));
    await page.locator("#upload input[type=file]").setInputFiles(file("big.bin", Buffer.alloc(2000, 1)));
    assert.equal((await answer).status(), 413);
    const alert = page.locator('#upload [role="alert"]');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), LIMIT_MESSAGE);
    assert.equal((await page.locator('[data-testid="toast"] .ferry-toast-message').innerText()).trim(), LIMIT_MESSAGE);
    assert.equal(await page.locator("#download").count(), 0, "the upload event did not fire");
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  test("axe: the limit message next to the button has no serious or critical violations (light and dark)", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const other = await openDemo(fx.limited, { colorScheme });
      await other.page.locator("#upload input[type=file]").setInputFiles(file("big.bin", Buffer.alloc(2000, 1)));
      await other.page.locator('#upload [role="alert"]').waitFor();
      const found = await seriousViolations(other.page);
      await other.context.close();
      assertNone(found);
    }
  });
});

describe("upload button props the demo does not use (the page's side)", () => {
  test("file_types sets the picker's accept: extensions and MIME types as they are, categories as type/*", async () => {
    const { context, page, errors } = await openRewritten(fx.demo, (props) => {
      props.file_types = [".csv", "image", "text/plain", "audio", "video", "text"];
    });
    const input = page.locator("#upload input[type=file]");
    assert.equal(await input.getAttribute("accept"), ".csv,image/*,text/plain,audio/*,video/*,text/*");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("an extension not in file_types is refused in the page with the server's words; a listed one (any case) goes through", async () => {
    const { context, page, errors } = await openRewritten(fx.demo, (props) => {
      props.file_types = [".csv", ".txt"];
    });
    const uploads = watchUploads(page);
    await page.locator("#upload input[type=file]").setInputFiles(file("setup.exe", Buffer.from("MZ"), "application/x-msdownload"));
    const alert = page.locator('#upload [role="alert"]');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), "“setup.exe” is not an accepted type: .csv, .txt");
    assert.equal(uploads.length, 0, "nothing was sent");
    await uploadThroughInput(page, file("DATA.CSV", Buffer.from("a\n"), "text/csv"));
    assert.equal(await labelOf(page, "#download"), "Download DATA.CSV");
    assert.equal(uploads.length, 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("file_count multiple: the picker takes several files and sends one part per file; directory: webkitdirectory", async () => {
    const { context, page, errors } = await openRewritten(fx.demo, (props) => {
      props.file_count = "multiple";
    });
    const input = page.locator("#upload input[type=file]");
    assert.deepEqual(await input.evaluate((el) => [el.multiple, el.webkitdirectory]), [true, false]);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/upload/"));
    await input.setInputFiles([file("un.txt", Buffer.from("1")), file("deux.txt", Buffer.from("2"))]);
    const res = await answer;
    const body = res.request().postDataBuffer().toString("latin1");
    const parts = [...body.matchAll(/Content-Disposition: form-data; name="files"; filename="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(parts, ["un.txt", "deux.txt"], "one part per file, field name files");
    // The server's rules are its own: the demo's button takes one file.
    assert.equal(res.status(), 413);
    const alert = page.locator('#upload [role="alert"]');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), "only one file may be uploaded");
    assert.deepEqual(errors, []);
    await context.close();

    const dir = await openRewritten(fx.demo, (props) => {
      props.file_count = "directory";
    });
    assert.deepEqual(await dir.page.locator("#upload input[type=file]").evaluate((el) => [el.multiple, el.webkitdirectory]), [true, true]);
    await dir.context.close();
  });

  test("file_count single: choosing two files is refused in the page (“only one file may be uploaded”)", async () => {
    const { context, page, errors } = await openRewritten(fx.demo, (props) => {
      props.file_count = "single";
    });
    // A single-file picker cannot give two files; the input can, when a script sets them.
    const input = page.locator("#upload input[type=file]");
    await input.evaluate((el) => (el.multiple = true));
    const uploads = watchUploads(page);
    await input.setInputFiles([file("un.txt", Buffer.from("1")), file("deux.txt", Buffer.from("2"))]);
    const alert = page.locator('#upload [role="alert"]');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), "only one file may be uploaded");
    assert.equal(uploads.length, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe("upload progress", () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "ferry-e2e-upload-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Records, on every DOM change, #upload's aria-busy, its button's aria-busy/aria-disabled and text. */
  async function recordStates(page) {
    await page.evaluate(() => {
      window.__uploadStates = [];
      new MutationObserver(() => {
        const el = document.querySelector("#upload");
        const button = el?.querySelector("button");
        if (!el || !button) return;
        window.__uploadStates.push({
          busy: el.getAttribute("aria-busy"),
          buttonBusy: button.getAttribute("aria-busy"),
          disabled: button.getAttribute("aria-disabled"),
          text: button.innerText.trim(),
        });
      }).observe(document.getElementById("ferry-root"), { subtree: true, childList: true, attributes: true, characterData: true });
    });
  }

  test("a 64 MiB file: the button shows aria-busy and “Uploading… N%” while it is sent; the download is byte-exact", async () => {
    const path = join(dir, "big-64MiB.bin");
    const handle = await open(path, "w");
    const chunk = randomBytes(1 << 20);
    for (let i = 0; i < 64; i++) {
      chunk.writeUInt32LE(i, 0); // no two MiB alike
      await handle.write(chunk);
    }
    await handle.close();
    assert.equal((await stat(path)).size, 64 << 20);

    const app = await openDemo();
    await recordStates(app.page);
    await app.page.locator("#upload input[type=file]").setInputFiles(path);
    await app.page.locator("#download button").waitFor({ timeout: 60_000 });
    const states = await app.page.evaluate(() => window.__uploadStates);
    const sending = states.filter((s) => /^Uploading… \d{1,3}%$/.test(s.text));
    assert.ok(sending.length >= 1, `the progress text showed at least once: ${JSON.stringify(states.slice(0, 10))}`);
    assert.ok(sending.every((s) => s.busy === "true" && s.buttonBusy === "true" && s.disabled === "true"), "busy and not clickable while sending");
    assert.equal(await labelOf(app.page, "#download"), "Download big-64MiB.bin");

    const saved = await downloadFrom(app.page, () => app.page.locator("#download button").click(), { timeout: 60_000 });
    assert.equal(saved.name, "big-64MiB.bin");
    assert.equal(saved.bytes.length, 64 << 20);
    assert.equal(createHash("sha256").update(saved.bytes).digest("hex"), await sha256(path));
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a slow upload (throttled to 1 MB/s): the percentage climbs, a click does not open the picker again", async () => {
    const app = await openDemo(fx.demo, { viewport: { width: 900, height: 400 } });
    const { page } = app;
    const cdp = await app.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
    await recordStates(page);
    await page.locator("#upload input[type=file]").setInputFiles(file("slow.bin", Buffer.alloc(2_500_000, 7)));
    await page.locator("#upload .ferry-upload-text").waitFor();
    assert.equal(await page.locator("#upload").getAttribute("aria-busy"), "true");
    assert.equal(await page.locator("#upload button").getAttribute("aria-disabled"), "true");
    const choosers = await catchFileChoosers(page);
    await page.locator("#upload button").click({ force: true }); // a real click, though aria-disabled
    await page.waitForTimeout(700);
    assert.equal(choosers.length, 0, "a click while sending does not open the picker");
    await page.locator("#download button").waitFor({ timeout: 20_000 });
    const percents = (await page.evaluate(() => window.__uploadStates))
      .map((s) => /^Uploading… (\d+)%$/.exec(s.text)?.[1])
      .filter(Boolean)
      .map(Number);
    assert.ok(new Set(percents).size >= 3, `several percentages shown: ${percents.join(" ")}`);
    assert.deepEqual(percents, [...percents].sort((a, b) => a - b), "the percentage only climbs");
    assert.ok(percents.some((n) => n > 0 && n < 100), "an intermediate percentage");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});

describe("upload_and_download: accessibility and screenshots", () => {
  for (const colorScheme of ["light", "dark"]) {
    test(`axe: the demo as loaded and after an upload, no serious or critical violations (${colorScheme})`, async () => {
      const app = await openDemo(fx.demo, { colorScheme });
      assertNone(await seriousViolations(app.page));
      await uploadThroughInput(app.page, file(NAME, BYTES, "text/csv"));
      assertNone(await seriousViolations(app.page));
      assert.deepEqual(app.errors, []);
      await app.context.close();
    });
  }

  test("screenshots before and after an upload, with the limit message and mid-upload (light and dark)", async () => {
    const viewport = { width: 900, height: 420 };
    for (const colorScheme of ["light", "dark"]) {
      const shot = (page, name) => page.screenshot({ path: `${OUT}/ferry-e2e-upload-${name}-${colorScheme}.png`, animations: "disabled" });
      const app = await openDemo(fx.demo, { colorScheme, viewport });
      await shot(app.page, "before");
      await uploadThroughInput(app.page, file(NAME, BYTES, "text/csv"));
      await shot(app.page, "after");
      await app.context.close();

      const limited = await openDemo(fx.limited, { colorScheme, viewport });
      await limited.page.locator("#upload input[type=file]").setInputFiles(file("big.bin", Buffer.alloc(2000, 1)));
      await limited.page.locator('#upload [role="alert"]').waitFor();
      await shot(limited.page, "limit");
      await limited.context.close();

      const slow = await openDemo(fx.demo, { colorScheme, viewport });
      const cdp = await slow.context.newCDPSession(slow.page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
      await slow.page.locator("#upload input[type=file]").setInputFiles(file("slow.bin", Buffer.alloc(2_000_000, 7)));
      await slow.page.waitForFunction(() => /Uploading… ([4-9]\d)%/.test(document.querySelector("#upload button")?.innerText ?? ""));
      await shot(slow.page, "progress");
      await slow.context.close();
    }
  });
});
