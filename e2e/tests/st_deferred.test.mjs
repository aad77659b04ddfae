// Streamlit's callable `data` as a Ferry script (examples/st_deferred.rs), used as a person
// would: one click makes the CSV from the rows and station the page shows (a change typed just
// before the click included) and saves it, with a bar whose fraction grows; a second click
// while it is made joins the run; a later click on the same page gets the kept file; a changed
// widget makes a new one; cancel stops it and nothing is saved.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { downloadFrom, downloadWithin, launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

const HEADER = "id,station,reading\n";

/** Row `i` for `station`, as examples/st_deferred.rs writes it. */
function row(i, station) {
  const milli = (i * 7919) % 1_000_003;
  return `${String(i).padStart(10, "0")},${station.padEnd(5)},${String(Math.floor(milli / 1000)).padStart(8)}.${String(milli % 1000).padStart(3, "0")}\n`;
}

/** The SHA-256 and size of the CSV of `rows` rows for `station`. */
function expected(rows, station) {
  const hash = createHash("sha256").update(HEADER);
  let size = HEADER.length;
  let text = "";
  for (let i = 0; i < rows; i++) {
    text += row(i, station);
    if (text.length > 1 << 20 || i === rows - 1) {
      hash.update(text);
      size += text.length;
      text = "";
    }
  }
  return { sha: hash.digest("hex"), size };
}

const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");

let browser;
let server;
let slow;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ bin: binPath("st_deferred"), env: { FERRY_CSV_PACE_MS: "5" } });
  // 50 steps 100 ms apart: five seconds to click again, or cancel.
  slow = await startServer({ bin: binPath("st_deferred"), env: { FERRY_CSV_PACE_MS: "100" } });
});
after(async () => {
  await server?.stop();
  await slow?.stop();
  await browser?.close();
});

const open = (s) => openApp(browser, s.url, {}, { ready: "#readings > button" });
const progress = (app) => app.page.locator('#readings [data-testid="deferred-progress"]');
const bar = (app) => progress(app).locator('[role="progressbar"]');

describe("a script's file made only when clicked", () => {
  test("one click saves the CSV of the rows typed just before, with its exact name, type and bytes", async () => {
    const app = await open(server);
    const rows = app.page.getByLabel("Rows");
    await rows.fill("25000");
    // No Enter, no blur: the click itself must take the edit first.
    const file = await downloadFrom(app.page, () => app.page.locator("#readings > button").click(), { timeout: 60_000 });
    assert.equal(file.name, "readings-north-1.csv");
    const want = expected(25_000, "north");
    assert.equal(file.bytes.length, want.size);
    assert.equal(sha(file.bytes), want.sha);
    const response = await app.context.request.get(file.url);
    assert.equal(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a second click while it is made joins the run; a later click gets the kept file; a new station makes a new one", async () => {
    const app = await open(slow);
    const downloads = [];
    app.page.on("download", (d) => downloads.push(d));
    const button = app.page.locator("#readings > button");
    const seen = [];
    await button.click();
    await until(async () => {
      const now = Number(await bar(app).getAttribute("aria-valuenow"));
      if (now && seen[seen.length - 1] !== now) seen.push(now);
      return now >= 20;
    }, "the bar at 20 %", 20_000);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-st-deferred-progress.png"), fullPage: true });
    assert.match(await progress(app).innerText(), /Writing row \d+ of 2000000/);
    await button.click();
    await until(async () => downloads.length > 0, "the download", 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(downloads.length, 1, "both clicks got the one file once");
    assert.equal(downloads[0].suggestedFilename(), "readings-north-1.csv", "made once");
    assert.ok(seen.length >= 2 && seen.every((v, i) => i === 0 || v > seen[i - 1]), `increasing: ${seen}`);
    await until(async () => (await progress(app).count()) === 0, "the progress gone");

    // The same page, later: the kept file at once, nothing made again.
    const again = await downloadFrom(app.page, () => button.click(), { timeout: 5000 });
    assert.equal(again.name, "readings-north-1.csv");
    assert.equal(again.url, downloads[0].url());

    // Another station: what the function captured changed, so a new file (the session's 2nd).
    await app.page.getByRole("combobox", { name: "Station" }).selectOption({ label: "south" });
    await app.page.getByLabel("Rows").fill("3000");
    await app.page.getByLabel("Rows").press("Enter");
    await until(async () => /3000 rows/.test(await app.page.locator("body").innerText()), "the rerun");
    const south = await downloadFrom(app.page, () => button.click(), { timeout: 30_000 });
    assert.equal(south.name, "readings-south-2.csv");
    assert.equal(sha(south.bytes), expected(3000, "south").sha);
    // The session's state, counted by the function, shows on the next rerun.
    await app.page.getByLabel("Rows").fill("3001");
    await app.page.getByLabel("Rows").press("Enter");
    await until(async () => /Exports this session: 2\./.test(await app.page.locator("body").innerText()), "the count");
    await app.context.close();
  });

  test("cancel stops the run: nothing is saved, no error shows, and the button works again", async () => {
    const app = await open(slow);
    const button = app.page.locator("#readings > button");
    await app.page.getByLabel("Rows").fill("40000");
    await app.page.getByLabel("Rows").press("Enter");
    await until(async () => /40000 rows/.test(await app.page.locator("body").innerText()), "the rerun");
    await button.click();
    await until(async () => Number(await bar(app).getAttribute("aria-valuenow")) >= 4, "the bar moving", 20_000);
    const none = await downloadWithin(app.context, () => app.page.locator('#readings [data-testid="deferred-cancel"]').click(), 3000);
    assert.equal(none, null, "nothing was downloaded");
    await until(async () => (await progress(app).count()) === 0, "the progress gone");
    assert.equal(await app.page.locator("#readings .ferry-error").count(), 0, "a cancel is not an error");
    const file = await downloadFrom(app.page, () => button.click(), { timeout: 30_000 });
    assert.equal(file.name, "readings-north-1.csv", "the cancelled run counted nothing");
    assert.equal(sha(file.bytes), expected(40_000, "north").sha);
    await app.context.close();
  });
});
