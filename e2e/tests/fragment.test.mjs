// examples/script_fragment.rs as a person uses it: ticking a box or typing in the order form (a
// fragment) updates its total without rerunning the rest (the page's run count stays), the
// field keeps its focus; the clock fragment redraws itself every second; "Refresh all" reruns
// the whole script and the form keeps what was chosen.

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
  server = await startServer({ bin: binPath("script_fragment") });
});
after(async () => {
  await server?.stop();
  await browser?.close();
});

const text = (app) => app.page.locator("main").innerText();
const shows = (app, pattern, what) =>
  until(async () => pattern.test(await text(app)), what, 5000);

describe("fragments in a script", () => {
  test("the order form reruns alone, keeps focus, and Refresh all reruns everything", async () => {
    const app = await openApp(browser, server.url, {}, { ready: '[data-testid="checkbox"] input' });
    await shows(app, /The whole script ran 1 time\(s\)\./, "the first run");
    await app.page.getByLabel("Cream").check();
    await shows(app, /Total: 3\.50 €/, "the total with cream");
    const cups = app.page.getByLabel("Cups");
    await cups.fill("2");
    await cups.press("Enter");
    await shows(app, /Total: 7\.00 €/, "the total for two cups");
    assert.equal(
      await cups.evaluate((el) => document.activeElement === el),
      true,
      "the field keeps the focus across the fragment's rerun",
    );
    await app.page.getByRole("button", { name: "Order" }).click();
    await shows(app, /Orders placed: 1/, "the order counted");
    assert.match(await text(app), /The whole script ran 1 time\(s\)\./, "the rest of the page did not rerun");
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-fragment.png"), fullPage: true });

    await app.page.getByRole("button", { name: "Refresh all" }).click();
    await shows(app, /The whole script ran 2 time\(s\)\./, "the whole rerun");
    assert.equal(await app.page.getByLabel("Cream").isChecked(), true);
    assert.match(await text(app), /Total: 7\.00 €/);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("the clock fragment redraws itself every second, the rest not", async () => {
    const app = await openApp(browser, server.url, {}, { ready: '[data-testid="checkbox"] input' });
    const runs = async () => Number(/Clock drawn (\d+) time/.exec(await text(app))?.[1] ?? 0);
    await until(async () => (await runs()) >= 3, "three drawings of the clock", 6000);
    const whole = Number(/The whole script ran (\d+) time/.exec(await text(app))?.[1]);
    await until(async () => (await runs()) >= 4, "a fourth drawing", 3000);
    assert.equal(
      Number(/The whole script ran (\d+) time/.exec(await text(app))?.[1]),
      whole,
      "the ticks rerun only the clock",
    );
    await app.context.close();
  });
});
