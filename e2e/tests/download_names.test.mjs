// Hostile file names (examples/hostile_names.rs) saved by Chromium: each under exactly the name
// Ferry's file-name policy makes of it (src/files/file_name.rs), with exactly its bytes, and
// written to disk under that name. Then Gradio CVE-2024-47868's app: a path typed in a textbox
// is refused under the download button unless it lies in the app's folder.

import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { downloadFrom, launchBrowser, openApp } from "../lib/browser.mjs";
import { asset, findById } from "../lib/gallery.mjs";
import { binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

/** `[elem_id suffix, the name Chromium must save]`, in the example's order. */
const NAMES = [
  ["tab", "tab_here.txt"],
  ["crlf", "a__Set-Cookie_ x=1.txt"],
  ["nul", "nul_byte.txt"],
  ["nul-ext", "evil.html_.png"],
  ["del", "del_.txt"],
  ["c1", "c1__.txt"],
  ["quotes", "x.txt__ filename=_evil.bin"],
  ["semicolon", "a_b.txt"],
  ["slash", "dir_sub_file.txt"],
  ["backslash", "C__Users_x_file.txt"],
  ["traversal", "_.._etc_passwd"],
  ["angle", "_b_bold__b_.txt"],
  ["colon", "evil.html_x.png"],
  ["question", "what_.txt"],
  ["star", "star_.txt"],
  ["pipe", "pipe_d.txt"],
  ["kept", "Bob's 50% #1 & co~.txt"],
  ["rlo", "invoice_fdp.txt"],
  ["isolates", "a_b_.txt"],
  ["zwsp", "zw_sp.txt"],
  ["zwj", "\u{1F468}_\u{1F4BB}.txt"],
  ["con", "_CON"],
  ["con-ext", "_con.txt"],
  ["prn", "_Prn.tar.gz"],
  ["com1", "_COM1.log"],
  ["lpt9", "_lpt9.doc"],
  ["com-sup", "_COM\u00B9.txt"],
  ["nul-space", "_nul .txt"],
  ["trailing-dot", "report.csv"],
  ["trailing", "report.csv"],
  ["dotfile", "env"],
  ["dots", "download"],
  ["nfd", "caf\u00E9.txt"],
  ["accents", "résumé – été.txt"],
  ["cjk", "日本語.csv"],
  ["emoji", "📦 box.zip"],
  ["long", `${"n".repeat(251)}.csv`],
];

/** The bytes of row `index`, as the example makes them. */
function contentOf(index) {
  return Buffer.concat([Buffer.from(`hostile name ${index}\n`), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
}

const fx = { server: null, browser: null, dir: null };
before(async () => {
  [fx.server, fx.browser, fx.dir] = await Promise.all([
    startServer({ bin: process.env.FERRY_E2E_HOSTILE_NAMES_BIN || binPath("hostile_names") }),
    launchBrowser(),
    mkdtemp(join(tmpdir(), "ferry-e2e-names-")),
  ]);
});
after(async () => {
  await fx.browser?.close();
  await fx.server?.stop();
  if (fx.dir) await rm(fx.dir, { recursive: true, force: true });
});

describe("download names", () => {
  // Chromium lets one page start at most 10 downloads a second: a page per name.
  NAMES.forEach(([id, expected], index) => {
    test(`#name-${id} saves ${JSON.stringify(expected)} with its exact bytes`, async () => {
      const app = await openApp(fx.browser, fx.server.url);
      try {
        const value = findById(app.session.root, `name-${id}`).props.value;
        assert.equal(value.file_name, expected, "the server names it so");
        const [download] = await Promise.all([
          app.page.waitForEvent("download", { timeout: 10_000 }),
          app.page.locator(`#name-${id} button`).click(),
        ]);
        assert.equal(await download.failure(), null);
        assert.equal(download.suggestedFilename(), expected, "Chromium saves it under the same name");
        assert.equal(Buffer.byteLength(expected) <= 255, true);
        // Saved under that name on a real disk: the file system takes it as it is.
        const folder = await mkdtemp(join(fx.dir, `${id}-`));
        await download.saveAs(join(folder, download.suggestedFilename()));
        assert.deepEqual(await readdir(folder), [expected]);
        assert.deepEqual(await readFile(join(folder, expected)), contentOf(index));
        assert.deepEqual(app.errors, []);
      } finally {
        await app.context.close();
      }
    });
  });
});

describe("a path typed by a user (CVE-2024-47868)", () => {
  test("/etc/passwd is refused under the download button; a file of the app's folder downloads", async () => {
    const app = await openApp(fx.browser, fx.server.url);
    const { page } = app;
    const input = page.locator("#path :is(input, textarea)");
    for (const [typed, name] of [
      ["/etc/passwd", "passwd"],
      ["../../../../../../../../etc/shadow", "shadow"],
    ]) {
      await input.fill(typed);
      await page.locator("#get button").click();
      const message = page.locator('#typed [role="alert"]');
      const want = `"${name}" is outside the folders this app may serve`;
      // The previous path's message stays until this run's answer replaces it.
      await until(
        async () => (await message.isVisible()) && (await message.innerText()).trim() === want,
        `the message for ${typed}`,
        5000,
      ).catch(() => {});
      assert.equal((await message.innerText()).trim(), want);
      const toast = page.locator('[data-testid="toast"]');
      await toast.getByRole("button", { name: "Dismiss" }).click();
      await toast.waitFor({ state: "detached" });
    }

    await input.fill("examples/assets/report.csv");
    const ran = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/api/run"));
    await page.locator("#get button").click();
    await ran;
    await page.locator('#typed [role="alert"]').waitFor({ state: "detached", timeout: 5000 });
    const file = await downloadFrom(page, () => page.locator("#typed button").click());
    assert.equal(file.name, "report.csv");
    assert.deepEqual(file.bytes, asset("report.csv"));
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
