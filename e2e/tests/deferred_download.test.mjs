// Files made only when clicked (examples/deferred_download.rs), as a person uses them: one click
// makes the 200 MB CSV and saves it, with a bar whose fraction grows; cancel stops the function;
// a second click joins the run; a resumed range does not run it again; a failing export says why
// and the button works again; a handler gives a button a deferred file, made when it is clicked;
// a handler starts a download.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { downloadFrom, downloadWithin, launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

const BIN = binPath("deferred_download");
const ROWS = 5_000_000;
const CHUNKS = 100;
const HEADER = "id,sensor,reading\n";
const CSV_SIZE = HEADER.length + ROWS * 40;

/** Row `i` of the CSV, as examples/deferred_download.rs writes it. */
function row(i) {
  const milli = (i * 7919) % 1_000_003;
  const sensor = String(i % 16).padStart(2, "0");
  return `${String(i).padStart(10, "0")},sensor-${sensor},${String(Math.floor(milli / 1000)).padStart(14)}.${String(milli % 1000).padStart(3, "0")}\n`;
}

let expectedHash;
/** The SHA-256 of the whole CSV, computed here from the same rows. */
function csvHash() {
  if (expectedHash) return expectedHash;
  const hash = createHash("sha256");
  hash.update(HEADER);
  const perChunk = ROWS / CHUNKS;
  for (let c = 0; c < CHUNKS; c++) {
    let text = "";
    for (let i = c * perChunk; i < (c + 1) * perChunk; i++) text += row(i);
    hash.update(text);
  }
  return (expectedHash = hash.digest("hex"));
}

/** Bytes `start..=end` of the CSV. */
function csvSlice(start, end) {
  let text = HEADER;
  for (let i = 0; text.length <= end; i++) text += row(i);
  return Buffer.from(text.slice(start, end + 1));
}

let browser;
let fast;
let slow;
before(async () => {
  browser = await launchBrowser();
  fast = await startServer({ bin: BIN });
  // 100 chunks 60 ms apart: six seconds to click again, or cancel.
  slow = await startServer({ bin: BIN, env: { FERRY_CSV_PACE_MS: "60" } });
});
after(async () => {
  await fast?.stop();
  await slow?.stop();
  await browser?.close();
});

function open(server) {
  return openApp(browser, server.url, {}, { ready: "#big-csv button" });
}

/** The page's "CSV exports started in this session: N · cancelled: M", as numbers. */
async function exports(app) {
  const text = await app.page.locator("#csv-status").innerText();
  const m = /started in this session: (\d+) · cancelled: (\d+)/.exec(text);
  return m ? { runs: Number(m[1]), cancelled: Number(m[2]) } : null;
}

/** Records every value the CSV button's progress bar shows, from now on. */
async function recordFractions(page) {
  await page.evaluate(() => {
    const seen = (window.__fractions = []);
    const root = document.querySelector("#big-csv");
    const look = () => {
      const bar = root.querySelector('[data-testid="deferred-progress"] [role="progressbar"]');
      const now = bar?.getAttribute("aria-valuenow");
      if (now != null && seen[seen.length - 1] !== Number(now)) seen.push(Number(now));
    };
    new MutationObserver(look).observe(root, { subtree: true, childList: true, attributes: true });
  });
}

describe("deferred downloads", () => {
  test("one click makes sensors.csv and saves it with the exact name and bytes", async () => {
    const app = await open(fast);
    const file = await downloadFrom(app.page, () => app.page.locator("#big-csv > button").click(), { timeout: 120_000 });
    assert.equal(file.name, "sensors.csv");
    assert.equal(file.bytes.length, CSV_SIZE);
    assert.equal(createHash("sha256").update(file.bytes).digest("hex"), csvHash());
    await until(async () => (await exports(app))?.runs === 1, "one export counted", 5000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("the progress bar shows increasing fractions, then the button is ready again", async () => {
    const app = await open(fast);
    await recordFractions(app.page);
    await downloadFrom(app.page, () => app.page.locator("#big-csv > button").click(), { timeout: 120_000 });
    const seen = await app.page.evaluate(() => window.__fractions);
    assert.ok(seen.length >= 3, `several fractions shown: ${JSON.stringify(seen)}`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1], `increasing: ${JSON.stringify(seen)}`);
    assert.ok(seen[seen.length - 1] >= 50, `up to at least half: ${JSON.stringify(seen)}`);
    await until(async () => (await app.page.locator('#big-csv [data-testid="deferred-progress"]').count()) === 0, "the progress gone");
    assert.equal(await app.page.locator("#big-csv > button").getAttribute("aria-busy"), null);
    await app.context.close();
  });

  test("cancel stops the function (it counts the cancellation) and no file is saved", async () => {
    const app = await open(slow);
    await app.page.locator("#big-csv > button").click();
    const bar = app.page.locator('#big-csv [data-testid="deferred-progress"] [role="progressbar"]');
    await until(async () => Number(await bar.getAttribute("aria-valuenow")) >= 5, "the bar at 5 %", 20_000);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-deferred-progress.png"), fullPage: true });
    const file = await downloadWithin(app.context, () => app.page.locator('#big-csv [data-testid="deferred-cancel"]').click(), 4000);
    assert.equal(file, null, "nothing was downloaded");
    await until(async () => (await exports(app))?.cancelled === 1, "the function saw the cancellation", 5000);
    assert.deepEqual(await exports(app), { runs: 1, cancelled: 1 });
    assert.equal(await app.page.locator('#big-csv [data-testid="deferred-progress"]').count(), 0);
    assert.equal(await app.page.locator("#big-csv .ferry-error").count(), 0, "a cancel is not an error");
    await app.context.close();
  });

  test("a second click while it runs joins the run: one run, one download; a resumed range runs nothing", async () => {
    const app = await open(slow);
    const downloads = [];
    app.page.on("download", (d) => downloads.push(d));
    const button = app.page.locator("#big-csv > button");
    await button.click();
    const bar = app.page.locator('#big-csv [data-testid="deferred-progress"] [role="progressbar"]');
    await until(async () => Number(await bar.getAttribute("aria-valuenow")) >= 10, "the bar at 10 %", 20_000);
    await button.click();
    await until(async () => downloads.length > 0, "the download", 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(downloads.length, 1, "both clicks got the one file once");
    assert.equal(downloads[0].suggestedFilename(), "sensors.csv");
    assert.equal(await downloads[0].failure(), null);
    assert.deepEqual(await exports(app), { runs: 1, cancelled: 0 }, "the function ran once");

    // A broken download resumes from the kept file: a range, with If-Range, runs nothing.
    const url = downloads[0].url();
    const full = await app.page.evaluate(async (u) => {
      const r = await fetch(u, { method: "HEAD" });
      return { status: r.status, etag: r.headers.get("etag"), length: r.headers.get("content-length") };
    }, url);
    assert.equal(full.status, 200);
    assert.equal(full.length, String(CSV_SIZE));
    const part = await app.page.evaluate(
      async ([u, etag]) => {
        const r = await fetch(u, { headers: { Range: "bytes=1000-1099", "If-Range": etag } });
        return { status: r.status, range: r.headers.get("content-range"), body: [...new Uint8Array(await r.arrayBuffer())] };
      },
      [url, full.etag],
    );
    assert.equal(part.status, 206);
    assert.equal(part.range, `bytes 1000-1099/${CSV_SIZE}`);
    assert.deepEqual(Buffer.from(part.body), csvSlice(1000, 1099));
    // And a click within the ten minutes downloads the kept file at once.
    const again = await downloadFrom(app.page, () => button.click(), { timeout: 10_000 });
    assert.equal(again.url, url, "the same kept file");
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(await exports(app), { runs: 1, cancelled: 0 }, "no run for the range or the click");
    await app.context.close();
  });

  test("leaving the page while the file is being made cancels its run", async () => {
    const app = await open(slow);
    await app.page.locator("#big-csv > button").click();
    const bar = app.page.locator('#big-csv [data-testid="deferred-progress"] [role="progressbar"]');
    await until(async () => Number(await bar.getAttribute("aria-valuenow")) >= 5, "the bar at 5 %", 20_000);
    // Hold the session's stream open from here, as another tab would: only the page's own
    // message as it leaves can cancel the run, not the server noticing that the page is gone.
    const statuses = [];
    const abort = new AbortController();
    const stream = await fetch(`${slow.url}/api/stream/${app.session.session}`, { signal: abort.signal });
    assert.equal(stream.status, 200);
    const reading = (async () => {
      const decoder = new TextDecoder();
      let text = "";
      try {
        for await (const chunk of stream.body) {
          text += decoder.decode(chunk, { stream: true });
          for (const line of text.split("\n")) {
            if (!line.startsWith("data:")) continue;
            const message = JSON.parse(line.slice(5));
            for (const u of message.updates ?? []) if (typeof u.props?.html === "string") statuses.push(u.props.html);
          }
          text = text.slice(text.lastIndexOf("\n") + 1);
        }
      } catch {
        // Aborted at the end of the test.
      }
    })();
    const left = Date.now();
    await app.page.goto("about:blank");
    await until(async () => statuses.some((html) => html.includes("cancelled: <strong>1</strong>")), `the function saw the cancel: ${JSON.stringify(statuses.slice(-2))}`, 4000);
    assert.ok(Date.now() - left < 4000, "at once, not after the page counts as gone");
    assert.ok(statuses.at(-1).includes("started in this session: <strong>1</strong>"));
    abort.abort();
    await reading;
    await app.context.close();
  });

  test("a failing export shows its message under the button, and the button works again", async () => {
    const app = await open(fast);
    const button = app.page.locator("#failing > button");
    const message = "The archive is offline: try again in a minute.";
    const first = await downloadWithin(app.context, () => button.click(), 2500);
    assert.equal(first, null);
    await app.page.locator("#failing .ferry-error").waitFor();
    assert.equal(await app.page.locator("#failing .ferry-error").innerText(), message);
    assert.equal(await button.getAttribute("aria-busy"), null, "the button is back to normal");
    assert.equal(await button.isEnabled(), true);
    // Clicking again runs it again: the progress shows, then the same message.
    await button.click();
    await app.page.locator('#failing [data-testid="deferred-progress"]').waitFor();
    assert.equal(await app.page.locator("#failing .ferry-error").count(), 0, "the old message cleared");
    await app.page.locator("#failing .ferry-error").waitFor();
    assert.equal(await app.page.locator("#failing .ferry-error").innerText(), message);
    await app.context.close();
  });

  test("the report reads the session's state and the title input; a handler starts a download", async () => {
    const app = await open(fast);
    for (const note of ["milk", "eggs"]) {
      await app.page.locator("#note input").fill(note);
      await app.page.locator("#add-note button").click();
      await until(async () => (await app.page.locator("#notes").innerText()).includes("note(s)"), "the note added");
    }
    await until(async () => (await app.page.locator("#notes").innerText()).startsWith("2 note"), "two notes");
    await app.page.locator("#title input").fill("Shopping");
    const report = await downloadFrom(app.page, () => app.page.locator("#report > button").click());
    assert.equal(report.name, "report.md");
    assert.equal(report.bytes.toString("utf8"), "# Shopping\n\n- milk\n- eggs\n");
    const notes = await downloadFrom(app.page, () => app.page.locator("#save-notes button").click());
    assert.equal(notes.name, "notes.txt");
    assert.equal(notes.bytes.toString("utf8"), "milk\neggs\n");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a handler gives the button a deferred file: made when clicked, with the rows chosen before", async () => {
    const app = await open(fast);
    const button = app.page.locator("#sample > button");
    assert.equal(await button.isEnabled(), false, "nothing to download before the handler ran");
    const rows = app.page.getByLabel("Rows");
    await rows.focus();
    for (let i = 0; i < 3; i++) await app.page.keyboard.press("ArrowRight");
    assert.equal(await rows.inputValue(), "130");
    await app.page.locator("#prepare-sample button").click();
    await until(async () => (await button.innerText()).includes("(130 rows)") && (await button.isEnabled()), "the button ready");
    const saved = await downloadFrom(app.page, () => button.click());
    assert.equal(saved.name, "sample.csv");
    assert.equal(saved.bytes.toString("utf8"), csvSlice(0, HEADER.length + 130 * 40 - 1).toString("utf8"));
    // Fewer rows: the handler's new function makes a new file, not the one kept from before.
    await rows.focus();
    await app.page.keyboard.press("ArrowLeft");
    await app.page.locator("#prepare-sample button").click();
    await until(async () => (await button.innerText()).includes("(120 rows)"), "the new label");
    const again = await downloadFrom(app.page, () => button.click());
    assert.equal(again.bytes.length, HEADER.length + 120 * 40);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
