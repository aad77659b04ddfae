// The zip and stream example (examples/zip_download.rs) in Chromium: a zip of twenty files is
// saved and unzipped (Python's zipfile, which checks every CRC, and Info-ZIP's `unzip -t` when
// the system has it) with its exact names and bytes; a stream sent as it is produced saves
// whole; a stream that fails mid-way ends as a failed download, not a truncated file.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { downloadFrom, launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";

let browser;
let server;
const scratch = mkdtempSync(join(tmpdir(), "ferry-e2e-zip-"));
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ bin: binPath("zip_download") });
});
after(async () => {
  await server?.stop();
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const UNZIP = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit("bad CRC in " + bad)
    print(json.dumps([[i.filename, i.compress_type, base64.b64encode(z.read(i)).decode()] for i in z.infolist()]))
`;

/** `[name, method, bytes]` of each entry of the zip `bytes`, read by Python's zipfile. */
function unzip(bytes) {
  const path = join(scratch, `z${Date.now()}.zip`);
  writeFileSync(path, bytes);
  let hasUnzip = true;
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
  } catch {
    hasUnzip = false;
  }
  if (hasUnzip) {
    const tested = execFileSync("unzip", ["-t", path], { encoding: "utf8" });
    assert.match(tested, /No errors detected/);
  }
  const out = execFileSync("python3", ["-c", UNZIP, path], { encoding: "utf8" });
  return JSON.parse(out).map(([name, method, b64]) => [name, method, Buffer.from(b64, "base64")]);
}

/** The example's twenty files, as it makes them. */
function twentyFiles() {
  const files = [];
  for (let i = 1; i <= 19; i++) {
    files.push([`report-${String(i).padStart(2, "0")}.csv`, `report ${i}\n${"row,value\n".repeat(i * 10)}`]);
  }
  files.push(["_.._etc_passwd", "not a way out\n"]);
  return files;
}

function open() {
  return openApp(browser, server.url, {}, { ready: "#twenty button" });
}

describe("zips and streams", () => {
  test("the twenty-file zip saves as twenty.zip with every name and byte, the hostile one sanitised", async () => {
    const app = await open();
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-zip-download.png"), fullPage: true });
    const file = await downloadFrom(app.page, () => app.page.locator("#twenty button").click());
    assert.equal(file.name, "twenty.zip");
    const entries = unzip(file.bytes);
    const want = twentyFiles();
    assert.deepEqual(
      entries.map(([name]) => name),
      want.map(([name]) => name),
    );
    for (const [i, [name, text]] of want.entries()) {
      assert.equal(entries[i][2].toString("utf8"), text, name);
      assert.equal(entries[i][1], 8, `${name} is deflated (text)`);
    }
    assert.deepEqual(app.errors, []);
  });

  test("the stored zip saves whole, each entry stored", async () => {
    const app = await open();
    const file = await downloadFrom(app.page, () => app.page.locator("#stored button").click());
    assert.equal(file.name, "twenty-stored.zip");
    const entries = unzip(file.bytes);
    assert.equal(entries.length, 20);
    assert.ok(entries.every(([, method]) => method === 0));
    assert.equal(entries[19][0], "_.._etc_passwd");
    assert.equal(entries[4][2].toString("utf8"), twentyFiles()[4][1]);
  });

  test("a stream sent as it is produced saves whole, and again on a second click", async () => {
    const app = await open();
    const rows = Array.from({ length: 400 }, (_, i) => `${i},${i * i}\n`).join("");
    for (let round = 0; round < 2; round++) {
      const file = await downloadFrom(app.page, () => app.page.locator("#live button").click());
      assert.equal(file.name, "live.csv");
      assert.equal(file.bytes.toString("utf8"), rows, `round ${round}`);
    }
  });

  test("a stream that fails mid-way ends as a failed download in Chromium", async () => {
    const app = await open();
    const [download] = await Promise.all([
      app.page.waitForEvent("download", { timeout: 10_000 }),
      app.page.locator("#failing button").click(),
    ]);
    assert.equal(download.suggestedFilename(), "failing.csv");
    const failure = await download.failure();
    assert.notEqual(failure, null, "Chromium reports the download as failed");
  });
});
