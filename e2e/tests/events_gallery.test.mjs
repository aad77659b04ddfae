// The events gallery (examples/events_gallery.rs) as a person uses it: a streaming counter that
// a Stop button cancels, a paced stream, a sync generator with progress, and a time limit.

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ bin: binPath("events_gallery") });
});
after(async () => {
  await server?.stop();
  await browser?.close();
});

/** Opens the gallery, ready once its first button is drawn. */
function open() {
  return openApp(browser, server.url, {}, { ready: "#count button" });
}

/** The value of the Textbox with this elem_id. */
function valueOf(app, elemId) {
  return app.page.locator(`#${elemId} input, #${elemId} textarea`).first().inputValue();
}

describe("the events gallery", () => {
  test("the counter streams its numbers, and Stop cancels it where it was", async () => {
    const app = await open();
    await app.page.locator("#count button").click();
    await until(async () => Number(await valueOf(app, "counter")) >= 3, "the counter at 3", 5000);
    const ring = app.page.locator('#counter [data-testid="progress"][data-state="generating"]');
    assert.equal(await ring.count(), 1, "a streaming output stays readable under its ring");
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-events-gallery.png"), fullPage: true });
    await app.page.locator("#stop button").click();
    await until(async () => (await ring.count()) === 0, "the run to end");
    const stopped = Number(await valueOf(app, "counter"));
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(Number(await valueOf(app, "counter")), stopped, "no number after Stop");
    assert.ok(stopped >= 3);
    assert.equal(await app.page.locator('[data-testid="toast"]').count(), 0, "a cancel says nothing");
    // It can count again.
    await app.page.locator("#count button").click();
    await until(async () => Number(await valueOf(app, "counter")) === 2, "a new count from 1", 5000);
    await app.page.locator("#stop button").click();
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("stream_every shows a few of the 40 items, and the last one", async () => {
    const app = await open();
    const seen = new Set();
    await app.page.locator("#paced-go button").click();
    await until(
      async () => {
        seen.add(await valueOf(app, "paced"));
        return seen.has("item 40 of 40");
      },
      "the last item",
      5000,
    );
    seen.delete("");
    assert.ok(seen.size <= 4, `at most a few updates: ${[...seen].join(", ")}`);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a sync generator shows each item and its progress bar", async () => {
    const app = await open();
    await app.page.locator("#generate button").click();
    await until(async () => (await valueOf(app, "generated")) === "▇▇ made", "the second item", 5000);
    await until(async () => (await valueOf(app, "generated")) === "▇▇▇▇▇ made", "the last item", 5000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("success runs only after a success, failure only after a failure", async () => {
    const app = await open();
    await app.page.locator("#chain-save button").click();
    await until(async () => (await valueOf(app, "chain-failed")).startsWith("✗ the save failed"), "the failure chain", 5000);
    assert.equal(await valueOf(app, "chain-log"), "", "no success chain after an error");
    await app.page.locator("#chain-name input, #chain-name textarea").first().fill("Ada");
    await app.page.locator("#chain-save button").click();
    await until(async () => (await valueOf(app, "chain-log")) === "✓ Ada is saved", "the success chain", 5000);
    assert.equal(await valueOf(app, "chain-status"), "Saved Ada");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("with a concurrency limit of one, waiting runs show their place in the queue", async () => {
    const app = await open();
    const button = app.page.locator("#multiple button");
    await button.click();
    await button.click();
    await button.click();
    const place = app.page.locator('#runs [data-testid="queue-position"]');
    await place.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await place.innerText(), /^queue: [12]\/[12]$/);
    await app.page.locator("#runs").screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-queue.png") });
    await until(async () => (await valueOf(app, "runs")) === "3 run(s) finished", "the three runs, in turn", 8000);
    assert.equal(await place.count(), 0, "no place once nothing waits");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("js changes the input the handler sees, and a js-only event runs in the page alone", async () => {
    const app = await open();
    await app.page.locator("#js-shout button").click();
    await until(async () => (await valueOf(app, "js-out")) === "The server got HELLO!", "the handler's answer", 5000);
    const runs = { count: 0 };
    app.page.on("request", (req) => {
      if (new URL(req.url()).pathname.endsWith("/api/run")) runs.count++;
    });
    await app.page.locator("#js-reverse button").click();
    await until(async () => (await valueOf(app, "js-out")) === "olleh", "the reversed text", 5000);
    assert.equal(runs.count, 0, "a js-only event sends nothing to the server");
    assert.deepEqual(app.errors, [], "and breaks no CSP rule");
    await app.context.close();
  });

  test("a toast stays for its duration, or until closed", async () => {
    const app = await open();
    await app.page.locator("#toast-info button").click();
    await app.page.locator("#toast-warning button").click();
    const info = app.page.locator('[data-testid="toast"][data-level="info"]');
    const warning = app.page.locator('[data-testid="toast"][data-level="warning"]');
    await info.waitFor({ state: "visible", timeout: 5000 });
    await warning.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await warning.innerText(), /Disk/);
    assert.equal(await warning.getAttribute("data-sticky"), "true");
    await info.waitFor({ state: "detached", timeout: 4000 });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await warning.count(), 1, "the warning stays");
    await warning.getByRole("button", { name: "Dismiss" }).click();
    await warning.waitFor({ state: "detached", timeout: 2000 });
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a batched handler takes the clicks of two visitors that waited in one call", async () => {
    const [first, second, third] = [await open(), await open(), await open()];
    const word = (app) => app.page.locator("#batch-word input, #batch-word textarea").first();
    await word(second).fill("left");
    await word(third).fill("right");
    await first.page.locator("#batch-go button").click();
    await new Promise((r) => setTimeout(r, 300));
    await second.page.locator("#batch-go button").click();
    await third.page.locator("#batch-go button").click();
    const place = second.page.locator('#batch-out [data-testid="queue-position"]');
    await place.waitFor({ state: "visible", timeout: 3000 });
    assert.match(await place.innerText(), /^queue: 1\/2/);
    await until(async () => (await valueOf(first, "batch-out")) === "FERRY! (one call for 1)", "the first batch", 5000);
    await until(async () => (await valueOf(second, "batch-out")) === "LEFT! (one call for 2)", "the second visitor's item", 5000);
    assert.equal(await valueOf(third, "batch-out"), "RIGHT! (one call for 2)");
    for (const app of [first, second, third]) {
      assert.deepEqual(app.errors, []);
      await app.context.close();
    }
  });

  test("raw props replace a Markdown, and each new text fires its change", async () => {
    const app = await open();
    const note = app.page.locator("#md-note");
    await app.page.locator("#md-write button").click();
    await until(async () => (await valueOf(app, "md-changes")) === "1 change(s)", "the first change", 5000);
    assert.equal((await note.innerText()).trim(), "Note 1");
    assert.equal(await note.locator("strong").innerText(), "1", "the raw html, as sent");
    await app.page.locator("#md-write button").click();
    await until(async () => (await valueOf(app, "md-changes")) === "2 change(s)", "the second change", 5000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a time limit stops an endless stream and says why", async () => {
    const app = await open();
    await app.page.locator("#limited button").click();
    const toast = app.page.locator('[data-testid="toast"]').filter({ hasText: "time limit of 1s" });
    await toast.waitFor({ state: "visible", timeout: 5000 });
    const shown = Number(await valueOf(app, "limited-out"));
    assert.ok(shown >= 2 && shown <= 5, `the items before the limit stay: ${shown}`);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
