// A table of 100,000 rows (examples/big_table.rs) as a person uses it: it shows with only the
// rows in view drawn, scrolls to its last row with the header still in view, and sorts every
// row (the largest reading first), not only the drawn ones.

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

const ROWS = 100_000;
const TABLE = '[data-testid="dataframe"] .ferry-df-table';

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ bin: binPath("big_table") });
});
after(async () => {
  await server?.stop();
  await browser?.close();
});

/** The drawn rows' cell texts (not the spacers), top to bottom. */
function drawn(page) {
  return page
    .locator(`${TABLE} tbody tr:not(.ferry-df-spacer)`)
    .evaluateAll((rows) => rows.map((tr) => [...tr.cells].map((cell) => cell.textContent)));
}

/** Scrolls the table's scroll area to `top` (or its end) and lets it draw. */
async function scrollTo(page, top) {
  await page.locator(".ferry-df-scroll").evaluate((el, top) => {
    el.scrollTop = top === "end" ? el.scrollHeight : top;
  }, top);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe("a table of 100,000 rows", () => {
  test("draws only the rows in view, and its last row when scrolled to the end, under its header", async () => {
    const app = await openApp(browser, server.url, {}, { ready: TABLE });
    const first = await drawn(app.page);
    assert.ok(first.length > 10 && first.length < 200, `${first.length} rows drawn`);
    assert.deepEqual(first[0], ["0", "sensor-00", "0", "true"]);
    assert.equal(await app.page.locator(TABLE).getAttribute("aria-rowcount"), String(ROWS + 1));
    assert.equal(await app.page.locator(".ferry-df-count").innerText(), "100,000 rows × 4 columns");

    await scrollTo(app.page, "end");
    await until(async () => (await drawn(app.page)).some((r) => r[0] === String(ROWS - 1)), "the last row drawn", 5000);
    const rows = await drawn(app.page);
    assert.ok(rows.length < 200, `${rows.length} rows drawn at the end`);
    assert.deepEqual(rows[rows.length - 1], ["99999", "sensor-15", "815", "true"]);
    // The last row is in view, right under the sticky header's band or lower.
    const view = await app.page.locator(".ferry-df-scroll").boundingBox();
    const last = await app.page.locator(`${TABLE} tbody tr:not(.ferry-df-spacer)`).last().boundingBox();
    assert.ok(last.y + last.height <= view.y + view.height + 1 && last.y >= view.y, "the last row is in view");
    const header = await app.page.locator(`${TABLE} th`).first().boundingBox();
    assert.ok(Math.abs(header.y - view.y) <= 2, "the header stays at the top");
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-big-table.png") });
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("sorts every row: the largest reading first, then back to the table's order", async () => {
    const app = await openApp(browser, server.url, {}, { ready: TABLE });
    const sort = app.page.getByRole("button", { name: "reading" });
    await sort.click();
    await sort.click();
    assert.equal(await app.page.locator(`${TABLE} th[aria-sort]`).getAttribute("aria-sort"), "descending");
    await until(async () => (await drawn(app.page))[0][2] === "1000.6", "1000.6 first", 5000);
    // (i * 7919) mod 10007 is 10006 for one i in each 10,007: the ten largest share 1000.6.
    const top = await drawn(app.page);
    assert.deepEqual(top.slice(0, 10).map((r) => r[2]), Array(10).fill("1000.6"));
    await sort.click();
    await until(async () => (await drawn(app.page))[0][0] === "0", "the table's order again", 5000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
