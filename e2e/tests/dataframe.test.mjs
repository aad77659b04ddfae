// The Dataframe as a person uses it (examples/st_download_csv.rs, Streamlit's first
// st.download_button example): 50 rows shown under a header that stays in view while the table
// scrolls; numbers right-aligned; a click on a header sorts ascending, again descending, again
// back to the table's order; "Download as CSV" saves data.csv, the very bytes of the download
// button's file, holding the cells the table shows; no serious accessibility violation.

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { assertNone, seriousViolations } from "../lib/axe.mjs";
import { downloadFrom, launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ bin: binPath("st_download_csv") });
});
after(async () => {
  await server?.stop();
  await browser?.close();
});

const READY = '[data-testid="dataframe"] .ferry-df-table';

function open(options = {}) {
  return openApp(browser, server.url, options, { ready: READY });
}

/** The texts of column `c` (0 is the index), top to bottom as shown. */
function column(page, c) {
  return page.locator(`${READY} tbody tr`).evaluateAll((rows, c) => rows.map((tr) => tr.children[c].textContent), c);
}

/** Every row's cell texts as shown, headers first. */
function shownCells(page) {
  return page.locator(READY).evaluate((table) => [...table.rows].map((tr) => [...tr.cells].map((cell) => cell.textContent)));
}

/** The CSV's records (the example's fields need no quoting: checked). */
function records(bytes) {
  const text = bytes.toString("utf8");
  assert.ok(!text.includes('"'), "no field of the example needs quotes");
  assert.ok(text.endsWith("\r\n"), "records end with CRLF");
  return text.slice(0, -2).split("\r\n").map((line) => line.split(","));
}

describe("a dataframe", () => {
  test("shows 50 rows, numbers right-aligned, and sorts by a header: up, down, back", async () => {
    const app = await open();
    const { page } = app;
    assert.equal(await page.locator(`${READY} tbody tr`).count(), 50);
    assert.equal(await page.locator(".ferry-df-count").textContent(), "50 rows × 21 columns");
    const index = await column(page, 0);
    assert.deepEqual(index, Array.from({ length: 50 }, (_, i) => String(i)));
    const cell = page.locator(`${READY} tbody tr`).first().locator("td").nth(4);
    assert.equal(await cell.evaluate((td) => getComputedStyle(td).textAlign), "right");
    assert.equal(await cell.evaluate((td) => getComputedStyle(td).fontVariantNumeric), "tabular-nums");

    const original = await column(page, 4);
    const header = page.getByRole("button", { name: "col 3", exact: true });
    const th = page.locator("th", { has: header });
    await header.click();
    assert.equal(await th.getAttribute("aria-sort"), "ascending");
    const up = (await column(page, 4)).map(Number);
    assert.deepEqual(up, [...original.map(Number)].sort((a, b) => a - b), "ascending, numerically");
    await page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-dataframe.png"), fullPage: true });
    await header.press("Enter");
    assert.equal(await th.getAttribute("aria-sort"), "descending");
    const down = (await column(page, 4)).map(Number);
    assert.deepEqual(down, [...original.map(Number)].sort((a, b) => b - a), "descending, numerically");
    await header.click();
    assert.equal(await th.getAttribute("aria-sort"), null);
    assert.deepEqual(await column(page, 4), original, "back to the table's order");
    assert.deepEqual(await column(page, 0), index);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("keeps its header in view while its rows scroll", async () => {
    const app = await open();
    const scroll = app.page.locator('[data-testid="dataframe"] .ferry-df-scroll');
    const header = app.page.locator(`${READY} thead th`).nth(1);
    const before = await header.boundingBox();
    await scroll.evaluate((el) => el.scrollBy(0, 600));
    assert.ok((await scroll.evaluate((el) => el.scrollTop)) > 500, "the table scrolled");
    const top = await scroll.evaluate((el) => el.getBoundingClientRect().top + el.clientTop);
    const after = await header.boundingBox();
    assert.equal(after.y, top, "the header sits at the top of the scroll area");
    assert.equal(after.y, before.y);
    const firstRow = await app.page.locator(`${READY} tbody tr`).first().boundingBox();
    assert.ok(firstRow.y < top, "the first row scrolled out of view under the header");
    await app.context.close();
  });

  test("Download as CSV saves data.csv: the download button's bytes, the table's cells", async () => {
    const app = await open();
    const { page } = app;
    const table = await downloadFrom(page, () => page.getByRole("link", { name: "Download as CSV" }).click());
    assert.equal(table.name, "data.csv");
    const button = await downloadFrom(page, () => page.getByRole("button", { name: "Download CSV" }).click());
    assert.equal(button.name, "data.csv");
    assert.ok(table.bytes.equals(button.bytes), "the same bytes as the download button's file");
    const csv = records(table.bytes);
    assert.equal(csv.length, 51);
    assert.deepEqual(csv[0], ["", ...Array.from({ length: 20 }, (_, i) => `col ${i}`)]);
    assert.deepEqual(csv, await shownCells(page), "the cells the table shows, as the table shows them");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("keeps its sort and its scroll when the script reruns and draws it again", async () => {
    const app = await open();
    const { page } = app;
    const link = page.getByRole("link", { name: "Download as CSV" });
    const firstUrl = await link.getAttribute("href");
    const header = page.getByRole("button", { name: "col 3", exact: true });
    await header.click();
    await header.click();
    const sorted = await column(page, 4);
    const scroll = page.locator('[data-testid="dataframe"] .ferry-df-scroll');
    await scroll.evaluate((el) => el.scrollBy(0, 200));
    // The download button's click reruns the script: the table comes again, with a new CSV token.
    await downloadFrom(page, () => page.getByRole("button", { name: "Download CSV" }).click());
    await until(async () => (await link.getAttribute("href")) !== firstUrl, "the rerun's new props", 5000);
    assert.equal(await page.locator("th", { has: header }).getAttribute("aria-sort"), "descending");
    assert.deepEqual(await column(page, 4), sorted);
    assert.equal(await scroll.evaluate((el) => el.scrollTop), 200);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("has no serious accessibility violation, in light and dark", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const app = await open({ colorScheme });
      assertNone(await seriousViolations(app.page));
      if (colorScheme === "dark") {
        await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-dataframe-dark.png"), fullPage: true });
      }
      await app.context.close();
    }
  });
});
