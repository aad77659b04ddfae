// Errors are shown in the page, and the page and the server go on working.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { downloadFrom, openApp } from "../lib/browser.mjs";
import { asset, useGallery, useFreshPage } from "../lib/gallery.mjs";

const g = useGallery();

const FAIL = "The export failed: the disk is full (this error is on purpose)";

describe("errors", () => {
  const app = useFreshPage(g);

  test('the missing file\'s error "file not found" is shown under #missing on load', async () => {
    const message = app.page.locator('#missing [role="alert"]');
    await message.waitFor({ state: "visible", timeout: 5000 });
    const text = await message.innerText();
    assert.match(text, /file not found/);
    assert.match(text, /missing\.csv/, "the message names the file");
    // It sits under the button, not somewhere else.
    const button = await app.page.locator("#missing button").boundingBox();
    const box = await message.boundingBox();
    assert.ok(box.y >= button.y + button.height - 1, "the message is below the button");
  });

  test("a failing handler shows a toast; a panicking one too; the page still works", async () => {
    await app.page.locator("#fail button").click();
    const failToast = app.page.locator('[data-testid="toast"][role="alert"]').filter({ hasText: FAIL });
    await failToast.waitFor({ state: "visible", timeout: 5000 });
    assert.ok((await failToast.innerText()).includes(FAIL));

    assert.ok((await failToast.innerText()).includes("Export"), "the error's title is shown");

    // A panic's own text stays in the server's log: the page says only that something failed.
    await app.page.locator("#panic button").click();
    const panicToast = app.page.locator('[role="alert"]').filter({ hasText: "Something went wrong in this app" }).first();
    await panicToast.waitFor({ state: "visible", timeout: 5000 });
    assert.ok(!(await panicToast.innerText()).includes("panics on purpose"), "the panic text is not shown");

    // The page goes on: a download and a handler still work in this session.
    const file = await downloadFrom(app.page, () => app.page.locator("#from-path button").click());
    assert.equal(file.name, "report.csv");
    assert.deepEqual(file.bytes, asset("report.csv"));
    await app.page.locator("#swap button").click();
    await app.page.locator("#swapped button", { hasText: "Download download.svg" }).waitFor({ timeout: 5000 });

    // And the server goes on: a new page loads and downloads.
    const again = await openApp(g.browser, g.server.url);
    const file2 = await downloadFrom(again.page, () => again.page.locator("#from-bytes button").click());
    assert.equal(file2.name, "all-bytes.bin");
    assert.equal(file2.bytes.length, 256);
    await again.context.close();
  });

  test("a toast can be dismissed", async () => {
    await app.page.locator("#fail button").click();
    const toast = app.page.locator('[data-testid="toast"]').filter({ hasText: FAIL });
    await toast.waitFor({ state: "visible", timeout: 5000 });
    await toast.getByRole("button", { name: "Dismiss" }).click();
    await toast.waitFor({ state: "detached", timeout: 5000 });
  });
});
