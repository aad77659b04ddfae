// Event-listener options in the browser: show_progress (a busy output while a run is pending),
// trigger_mode once and multiple; and render(false) placing a component later.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { downloadFrom, openApp } from "../lib/browser.mjs";
import { asset, useGallery } from "../lib/gallery.mjs";

const g = useGallery();

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

describe("event options and render", () => {
  let app;
  beforeEach(async () => {
    app = await openApp(g.browser, g.server.url);
  });
  afterEach(async () => {
    assert.deepEqual(app.errors, [], "the page threw no uncaught exception");
    await app.context.close();
  });

  test("show_progress full: the output is busy while the run is pending, then downloads its new file", async () => {
    const result = app.page.locator("#slow-result button");
    assert.equal((await result.innerText()).trim(), "Not exported yet");
    assert.equal(await result.getAttribute("aria-busy"), null, "not busy before the click");
    await app.page.locator("#slow button").click();
    await app.page.locator('#slow-result button[aria-busy="true"]').waitFor({ timeout: 900 });
    await app.page.locator("#slow-result button:not([aria-busy])").waitFor({ timeout: 5000 });
    assert.equal((await result.innerText()).trim(), "Download export.txt");
    const file = await downloadFrom(app.page, () => result.click());
    assert.equal(file.name, "export.txt");
    assert.equal(file.bytes.toString("utf8"), "exported\n");
  });

  for (const [id, expected] of [["run-once", 1], ["run-multiple", 3]]) {
    test(`trigger_mode: three quick clicks on #${id} run the handler ${expected} time(s)`, async () => {
      const runs = app.page.locator("#runs input");
      const button = app.page.locator(`#${id} button`);
      // The count is the app's (shared by sessions): one click first shows where it stands.
      await button.click();
      await sleep(1500);
      const before = Number(await runs.inputValue());
      assert.ok(before >= 1, "the first click ran");
      for (let i = 0; i < 3; i++) await button.click();
      await sleep(2500);
      assert.equal(Number(await runs.inputValue()) - before, expected);
    });
  }

  test("render(false): #placed-later is where b.render put it, after the handlers row, and downloads", async () => {
    const order = await app.page.evaluate(() => {
      const placed = document.getElementById("placed-later");
      const current = document.getElementById("current-file");
      return placed && current ? current.compareDocumentPosition(placed) : 0;
    });
    assert.ok(order & 4 /* DOCUMENT_POSITION_FOLLOWING */, "#placed-later comes after #current-file");
    const file = await downloadFrom(app.page, () => app.page.locator("#placed-later button").click());
    assert.equal(file.name, "report.csv");
    assert.deepEqual(file.bytes, asset("report.csv"));
  });
});
