// The "Use via API" page as a person uses it: the footer links it, it lists every public
// endpoint with its parameters and snippets, its tabs switch language, the copy button copies,
// the curl snippet as shown runs and answers, and an unlisted endpoint is not there.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { seriousViolations } from "../lib/axe.mjs";
import { launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, UPLOAD_BIN, binPath, startServer } from "../lib/server.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens `url`'s API page from the footer link of its app. */
async function openApiPage(url, ready, contextOptions = {}) {
  const app = await openApp(browser, url, contextOptions, { ready });
  const link = app.page.getByTestId("api-link");
  assert.equal(await link.innerText(), "Use via API");
  await link.click();
  await app.page.getByTestId("api-endpoint").first().waitFor();
  return app;
}

describe("the API page of upload_and_download", () => {
  let server;
  before(async () => {
    server = await startServer({ bin: UPLOAD_BIN });
  });
  after(async () => {
    await server?.stop();
  });

  test("lists the endpoints with parameters, and its snippets switch and copy", async () => {
    const app = await openApiPage(server.url, "#upload button", {
      permissions: ["clipboard-read", "clipboard-write"],
      viewport: { width: 1000, height: 900 },
    });
    const { page } = app;
    assert.equal(new URL(page.url()).search, "?view=api");
    assert.equal(await page.locator("h1").innerText(), "Use via API");
    const names = await page.locator('[data-testid="api-endpoint"] h2').allInnerTexts();
    assert.deepEqual(names.sort(), ["/download", "/upload"]);
    const upload = page.locator('[data-testid="api-endpoint"]', { has: page.locator("h2", { hasText: "/upload" }) });
    assert.match(await upload.innerText(), /upload_a_file\s+filepath\s+· UploadButton\s+· required/);
    const snippet = upload.getByTestId("api-snippet");
    assert.match(await snippet.innerText(), /client\.predict\(\n\s+upload_a_file=handle_file\("file\.txt"\),\n\s+api_name="\/upload",/);
    await upload.getByRole("tab", { name: "curl" }).click();
    assert.match(await snippet.innerText(), /^FILE_0=\$\(curl -s -F 'files=@file\.txt'/);
    await upload.getByRole("tab", { name: "JavaScript" }).click();
    const js = await snippet.innerText();
    assert.match(js, /await Client\.connect\(/);
    await upload.getByTestId("api-copy").click();
    await upload.getByTestId("api-copy").getByText("Copied").waitFor({ timeout: 3000 });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), js);
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(app.errors, []);
    await page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-api-page.png"), fullPage: true });
    await app.context.close();
  });

  test("the curl snippet, run as shown, answers the endpoint's result", async () => {
    const app = await openApiPage(server.url, "#upload button");
    const download = app.page.locator('[data-testid="api-endpoint"]', {
      has: app.page.locator("h2", { hasText: "/download" }),
    });
    await download.getByRole("tab", { name: "curl" }).click();
    const curl = await download.getByTestId("api-snippet").innerText();
    await app.context.close();
    const { stdout } = await promisify(execFile)("bash", ["-c", curl], { timeout: 20_000 });
    // Nothing was uploaded in this fresh session: both buttons hold no file.
    assert.equal(stdout, "event: complete\ndata: [null,null]\n\n");
  });
});

describe("the API page of the events gallery", () => {
  let server;
  before(async () => {
    server = await startServer({ bin: binPath("events_gallery") });
  });
  after(async () => {
    await server?.stop();
  });

  test("an unlisted endpoint is not shown; a public one is, in dark mode too", async () => {
    const app = await openApiPage(server.url, "#count button", { colorScheme: "dark", viewport: { width: 1000, height: 900 } });
    const names = await app.page.locator('[data-testid="api-endpoint"] h2').allInnerTexts();
    assert.ok(names.includes("/count"), names.join(", "));
    assert.ok(names.includes("/save"), names.join(", "));
    assert.ok(!names.includes("/error"), "show_api(false) keeps /error off the page");
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-api-page-dark.png") });
    await app.context.close();
  });
});
