// Event-listener options in the browser: show_progress (a busy output while a run is pending),
// trigger_mode once and multiple; and render(false) placing a component later.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { downloadFrom } from "../lib/browser.mjs";
import { asset, useGallery, useFreshPage } from "../lib/gallery.mjs";

const g = useGallery();

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

describe("event options and render", () => {
  const app = useFreshPage(g);

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

  test("show_progress minimal: only the elapsed time shows over the output; hidden: nothing", async () => {
    const target = app.page.locator("#progress-target");
    await app.page.locator("#progress-minimal button").click();
    const minimal = target.locator('[data-testid="progress"].ferry-progress-minimal');
    await minimal.waitFor({ timeout: 1000 });
    assert.match((await minimal.innerText()).trim(), /^\d+\.\ds$/, "the elapsed seconds");
    assert.equal(await target.locator(".ferry-spinner").count(), 0, "no spinner with minimal");
    await minimal.waitFor({ state: "detached", timeout: 5000 });
    assert.equal(await target.locator("input").inputValue(), "done");

    await target.locator("input").evaluate((el) => (el.value = ""));
    await app.page.locator("#progress-hidden button").click();
    const seen = [];
    for (let i = 0; i < 8; i++) {
      seen.push(await target.locator('[data-testid="progress"]').count());
      await sleep(100);
    }
    assert.deepEqual(seen, Array(8).fill(0), "no progress element while the hidden run is pending");
    await app.page.waitForFunction(() => document.querySelector("#progress-target input")?.value === "done", null, { timeout: 5000 });
  });

  test("trigger_mode always_last (the default for change): typing fast runs twice, the last with all the text", async () => {
    await app.page.locator("#type-fast input").pressSequentially("abc", { delay: 40 });
    await app.page.waitForFunction(() => document.querySelector("#echo input")?.value === "abc", null, { timeout: 5000 });
    await sleep(800);
    assert.equal(await app.page.locator("#change-runs input").inputValue(), "2", "one run for 'a', then one for the last text");
    assert.equal(await app.page.locator("#echo input").inputValue(), "abc");
  });

  test("scroll_to_output: the page scrolls to the output at the bottom when the run ends", async () => {
    await app.page.setViewportSize({ width: 1000, height: 500 });
    const target = app.page.locator("#scroll-target");
    const inView = () =>
      target.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight + 1; // 1 px: sub-pixel layout
      });
    await app.page.locator("#scroll button").scrollIntoViewIfNeeded();
    assert.equal(await inView(), false, "the output starts out of view");
    await app.page.locator("#scroll button").click();
    await app.page.waitForFunction(() => document.querySelector("#scroll-target input")?.value === "You scrolled to the output", null, { timeout: 5000 });
    await app.page.waitForFunction(
      () => {
        const r = document.getElementById("scroll-target").getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight + 1; // 1 px: sub-pixel layout
      },
      null,
      { timeout: 3000 },
    );
    assert.equal(await inView(), true);
  });

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
