// Every source of the gallery saves a file with the exact name and bytes the app gave it.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { downloadFrom, nextDownloadIn, saved } from "../lib/browser.mjs";
import { asset, findById, useGallery, useFreshPage } from "../lib/gallery.mjs";

const g = useGallery();

describe("downloads", () => {
  // A fresh page per test: Chromium lets one page start at most 10 `<a download>` downloads a
  // second (the 11th is dropped without an event), which these tests would otherwise hit.
  const app = useFreshPage(g);

  test("#from-path saves report.csv with the file's exact bytes", async () => {
    const file = await downloadFrom(app.page, () => app.page.locator("#from-path button").click());
    assert.equal(file.name, "report.csv");
    assert.deepEqual(file.bytes, asset("report.csv"));
  });

  test("#from-bytes saves all-bytes.bin holding bytes 0..=255", async () => {
    const file = await downloadFrom(app.page, () => app.page.locator("#from-bytes button").click());
    assert.equal(file.name, "all-bytes.bin");
    assert.deepEqual(file.bytes, Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  });

  test("#from-text saves a non-ASCII file name with the exact UTF-8 text", async () => {
    const file = await downloadFrom(app.page, () => app.page.locator("#from-text button").click());
    assert.equal(file.name, "résumé – été.txt");
    assert.equal(file.bytes.toString("utf8"), "Ferry ships files.\nÇa marche : déjà téléchargé.\n");
    assert.deepEqual(file.bytes, Buffer.from("Ferry ships files.\nÇa marche : déjà téléchargé.\n", "utf8"));
  });

  for (const id of ["variant-primary", "variant-secondary", "variant-stop", "size-small", "size-medium", "size-large", "scale-2", "scale-1", "min-width"]) {
    test(`#${id} saves report.csv`, async () => {
      const file = await downloadFrom(app.page, () => app.page.locator(`#${id} button`).click());
      assert.equal(file.name, "report.csv");
      assert.deepEqual(file.bytes, asset("report.csv"));
    });
  }

  test("#from-url saves notes.txt from the other origin, and the app stays open", async () => {
    const external = findById(app.session.root, "from-url").props.value;
    assert.equal(external.external, true);
    const appUrl = app.page.url();
    const next = nextDownloadIn(app.context);
    await app.page.locator("#from-url button").click();
    const file = await saved(await next);
    assert.equal(file.name, "notes.txt");
    assert.equal(file.bytes.toString("utf8"), "Notes served from another origin.\n");
    assert.equal(file.url, external.url, "the browser fetched the URL itself");
    assert.equal(app.page.url(), appUrl, "the app page was not navigated away");
  });

  test("keyboard: Enter on the focused #from-path button saves report.csv", async () => {
    const button = app.page.locator("#from-path button");
    await button.focus();
    assert.equal(await button.evaluate((el) => el === document.activeElement), true);
    const file = await downloadFrom(app.page, () => app.page.keyboard.press("Enter"));
    assert.equal(file.name, "report.csv");
    assert.deepEqual(file.bytes, asset("report.csv"));
  });

  test("keyboard: Space on the focused #from-bytes button saves all-bytes.bin", async () => {
    await app.page.locator("#from-bytes button").focus();
    const file = await downloadFrom(app.page, () => app.page.keyboard.press("Space"));
    assert.equal(file.name, "all-bytes.bin");
    assert.equal(file.bytes.length, 256);
  });
});

