// The feedback elements of examples/script_feedback.rs as a person sees them: four callouts
// with their kind's colour, mark or emoji and Markdown, a progress bar a button advances, and an
// expander that starts closed and opens on a click; a spinner's and a status's text shown at
// once while the rerun runs, a toast shown before the rerun ends, and the status section after.

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { assertNone, seriousViolations } from "../lib/axe.mjs";
import { launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ bin: binPath("script_feedback") });
});
after(async () => {
  await server?.stop();
  await browser?.close();
});

describe("callouts, progress and an expander in a script", () => {
  test("each callout shows its kind, its message's Markdown and its mark", async () => {
    const app = await openApp(browser, server.url, {}, { ready: '[data-testid="callout"] .ferry-callout-mark' });
    const boxes = app.page.locator('[data-testid="callout"] .ferry-callout-box');
    assert.equal(await boxes.count(), 4);
    const seen = await boxes.evaluateAll((els) =>
      els.map((el) => ({
        kind: [...el.classList].find((c) => c.startsWith("ferry-callout-") && c !== "ferry-callout-box"),
        role: el.getAttribute("role"),
        text: el.querySelector(".ferry-callout-body").textContent.trim(),
        mark: el.firstElementChild.textContent,
        background: getComputedStyle(el).backgroundColor,
      })),
    );
    assert.deepEqual(
      seen.map(({ kind, role, text, mark }) => ({ kind, role, text, mark })),
      [
        { kind: "ferry-callout-success", role: "status", text: "Saved 3 files.", mark: "✓" },
        { kind: "ferry-callout-info", role: "status", text: "The next report runs at noon.", mark: "i" },
        { kind: "ferry-callout-warning", role: "alert", text: "The disk is nearly full.", mark: "!" },
        { kind: "ferry-callout-error", role: "alert", text: "The upload failed.", mark: "🚨" },
      ],
    );
    assert.equal(new Set(seen.map((s) => s.background)).size, 4, "four different colours");
    assert.equal(await boxes.first().locator("strong").innerText(), "3");
    assert.equal(await boxes.nth(2).locator("em").innerText(), "nearly");
    assertNone(await seriousViolations(app.page));
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("the progress bar advances with each click, and the expander opens", async () => {
    const app = await openApp(browser, server.url, {}, { ready: '[data-testid="progress_bar"] progress' });
    const bar = app.page.locator('[data-testid="progress_bar"] progress');
    const text = app.page.locator('[data-testid="progress_bar"] .ferry-progress-bar-text');
    assert.equal(await bar.evaluate((el) => el.value), 0);
    assert.equal(await text.innerText(), "Step 0 of 4");
    for (const step of [1, 2]) {
      await app.page.getByRole("button", { name: "Advance" }).click();
      await until(async () => (await text.innerText()) === `Step ${step} of 4`, `step ${step}`, 5000);
      assert.equal(await bar.evaluate((el) => el.value), step / 4);
    }
    const expander = app.page.locator('[data-testid="accordion"] details');
    assert.equal(await expander.evaluate((el) => el.open), false, "closed at first");
    assert.equal(await app.page.getByRole("button", { name: "Reset" }).isVisible(), false);
    await app.page.getByText("See explanation").click();
    assert.equal(await expander.evaluate((el) => el.open), true);
    await app.page.getByRole("button", { name: "Reset" }).click();
    await until(async () => (await app.page.locator(".ferry-app").innerText()).includes("Reset: the next rerun"), "the reset rerun", 5000);
    assert.equal(await expander.evaluate((el) => el.open), true, "a rerun keeps it open");
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-feedback.png"), fullPage: true });
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
  test("while Crunch reruns: the spinner's text and time in place, then the status's, a toast, then the status section", async () => {
    const app = await openApp(browser, server.url, {}, { ready: '[data-testid="progress_bar"] progress' });
    const shown = app.page.locator('[data-testid="script-status"]');
    const status = shown.locator(".ferry-script-status-text");
    const seen = [];
    const watching = (async () => {
      // Until the toast has shown (or 15 s): a fixed count of looks ends too soon on a busy machine.
      for (const end = Date.now() + 15_000; Date.now() < end && !seen.some((s) => s.toast); ) {
        const text = (await status.count()) > 0 ? await status.innerText({ timeout: 100 }).catch(() => "") : "";
        const shown = await app.page.locator('[data-testid="toast"]').count();
        if (text && seen[seen.length - 1]?.text !== text) seen.push({ text, toastShown: shown > 0 });
        if (shown > 0 && !seen.some((s) => s.toast)) seen.push({ toast: await app.page.locator('[data-testid="toast"]').innerText() });
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    await app.page.getByRole("button", { name: "Crunch" }).click();
    await until(async () => (await status.count()) > 0 && (await status.innerText()) === "Crunching numbers…", "the spinner's text", 2000);
    await until(async () => /\d\.\ds/.test(await shown.innerText()), "its time", 2000);
    // In place: right after the Crunch button that started it, as Streamlit's; the corner
    // indicator only says the script runs.
    const before = await shown.evaluate((el) => el.previousElementSibling?.textContent ?? "");
    assert.equal(before.trim(), "Crunch");
    assert.equal(await shown.evaluate((el) => el.parentElement.closest(".ferry-app") !== null), true);
    assert.match(await app.page.locator('[data-testid="script-running"]').innerText(), /^Running…/);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-spinner.png") });
    const section = app.page.locator(".ferry-status details");
    await until(async () => (await section.count()) === 1, "the status section", 10_000);
    await watching;
    const texts = seen.filter((s) => s.text).map((s) => s.text);
    assert.deepEqual(texts, ["Crunching numbers…", "Checking the total…"], JSON.stringify(seen));
    const toast = seen.find((s) => s.toast);
    assert.ok(toast && toast.toast.includes("Crunched: 78."), JSON.stringify(seen));
    assert.equal(await app.page.locator('[data-testid="script-running"]').count(), 0, "the indicator gone");
    assert.equal(await section.evaluate((el) => el.open), false, "closed, as not expanded");
    assert.equal(await section.locator("summary").innerText(), "✓ Checking the total…");
    await section.locator("summary").click();
    assert.ok((await section.innerText()).includes("1 + 2 + … + 12 = 78"));
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
