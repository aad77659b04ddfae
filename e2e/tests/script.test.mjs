// The script style (examples/script_hello.rs) as a person uses it: each interaction reruns the
// script, the page keeps the fields the user typed in (the same elements), a download saves what
// was typed under the typed name, and a panic shows where the script stopped.

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { downloadFrom, launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ bin: binPath("script_hello") });
});
after(async () => {
  await server?.stop();
  await browser?.close();
});

function open() {
  return openApp(browser, server.url, {}, { ready: 'button:has-text("Shout")' });
}

const text = (app) => app.page.locator(".ferry-app").innerText();

describe("a script app", () => {
  test("a click reruns the script with what was typed, and the fields stay the same elements", async () => {
    const app = await open();
    const message = app.page.getByLabel("Message");
    await message.fill("ferry rocks");
    await message.evaluate((el) => (el.dataset.marked = "yes"));
    await app.page.getByRole("button", { name: "Shout" }).click();
    await until(async () => (await text(app)).includes("Shouted 1 time(s): FERRY ROCKS"), "the rerun's page", 5000);
    assert.equal(await message.inputValue(), "ferry rocks");
    assert.equal(await message.evaluate((el) => el.dataset.marked), "yes", "the same element, not a new one");
    await app.page.getByRole("button", { name: "Shout" }).click();
    await until(async () => (await text(app)).includes("Shouted 2 time(s)"), "the session's state", 5000);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-script.png"), fullPage: true });
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("Enter in a field reruns it, and the download saves the typed text under the typed name", async () => {
    const app = await open();
    await app.page.getByLabel("Message").fill("ship it\nnow");
    const name = app.page.getByLabel("File name");
    await name.fill("note.txt");
    await name.press("Enter");
    await until(async () => (await text(app)).includes("SHIP IT"), "the rerun after Enter", 5000);
    const file = await downloadFrom(app.page, () => app.page.getByRole("button", { name: "Download the message" }).click());
    assert.equal(file.name, "note.txt");
    assert.equal(file.bytes.toString("utf8"), "ship it\nnow");
    await until(async () => (await text(app)).includes("Saved note.txt."), "the download's rerun", 5000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a download clicked right after typing holds the typed text (no stale file)", async () => {
    const app = await open();
    await app.page.getByLabel("Message").fill("typed just now");
    const file = await downloadFrom(app.page, () => app.page.getByRole("button", { name: "Download the message" }).click());
    assert.equal(file.name, "message.txt");
    assert.equal(file.bytes.toString("utf8"), "typed just now", "the click's rerun took the edit first");
    await until(async () => (await text(app)).includes("Saved message.txt."), "the click's rerun", 5000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a slow rerun shows that it runs, and Stop ends it with the page as it was", async () => {
    const app = await open();
    await app.page.getByRole("button", { name: "Work for 3 s" }).click();
    const running = app.page.locator('[data-testid="script-running"]');
    await running.waitFor({ state: "visible", timeout: 3000 });
    await app.page.locator('[data-testid="script-running"]').screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-script-running.png") });
    const stoppedAt = Date.now();
    await running.getByRole("button", { name: "Stop" }).click();
    await running.waitFor({ state: "detached", timeout: 2000 });
    assert.ok(Date.now() - stoppedAt < 1000, "the rerun stopped at its next checkpoint");
    await new Promise((r) => setTimeout(r, 3000));
    assert.ok(!(await text(app)).includes("Worked for 3 s."), "the stopped rerun drew nothing");
    assert.ok((await text(app)).includes("Shouted 0 time(s)"), "the page stays as the last rerun drew it");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a panic is shown where the script stopped, and the next rerun clears it", async () => {
    const app = await open();
    await app.page.getByRole("button", { name: "Panic" }).click();
    const stopped = app.page.locator("#ferry-script-error");
    await until(async () => (await stopped.count()) === 1, "the error in place", 5000);
    assert.match(await stopped.innerText(), /The script stopped here: the Panic button was clicked/);
    await app.page.getByRole("button", { name: "Shout" }).click();
    await until(async () => (await stopped.count()) === 0, "the error gone after the next rerun", 5000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
