// The runtime as a person sees it: a slow job's progress and result over the page's stream, a
// stream that drops mid-run, a session that is gone, a component written outside Ferry, and an
// app mounted under /ui/ in an axum app.

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { downloadFrom, launchBrowser, openApp } from "../lib/browser.mjs";
import { allNodes } from "../lib/gallery.mjs";
import { startProxy } from "../lib/proxy.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Counts the page's requests to its stream. */
function countStreams(page) {
  const seen = { count: 0 };
  page.on("request", (req) => {
    if (new URL(req.url()).pathname.includes("/api/stream/")) seen.count++;
  });
  return seen;
}

describe("the page's stream", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test("a slow job shows its progress bar and description, then its result", async () => {
    const app = await openApp(browser, server.url);
    await app.page.locator("#stream-job button").click();
    const bar = app.page.locator('#stream-result [data-testid="progress-bar"]');
    await bar.waitFor({ state: "visible", timeout: 5000 });
    await until(async () => Number(await bar.getAttribute("aria-valuenow")) >= 20, "the bar at 20 % or more");
    const description = await app.page.locator('#stream-result [data-testid="progress-description"]').innerText();
    assert.match(description, /^Step \d of 5$/);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-progress.png") });
    await until(async () => (await app.page.locator("#stream-result input").inputValue()) === "The slow job finished", "the result", 8000);
    assert.equal(await bar.count(), 0, "the bar is gone once the run ended");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a timer that ticks on the server updates the page over the stream, with no request per tick", async () => {
    const app = await openApp(browser, server.url);
    const timer = allNodes(app.session.root).find((n) => n.type === "timer" && n.props.on_server === true);
    assert.ok(timer, "the gallery has a timer that ticks on the server");
    const runs = { count: 0 };
    app.page.on("request", (req) => {
      if (!new URL(req.url()).pathname.endsWith("/api/run")) return;
      if (JSON.parse(req.postData() ?? "{}").trigger?.[0] === timer.id) runs.count++;
    });
    const ticks = app.page.locator("#server-ticks input");
    const count = async () => Number((await ticks.inputValue()).split(" ")[0]) || 0;
    await until(async () => (await count()) >= 1, "a first tick from the server", 5000);
    const first = await count();
    await until(async () => (await count()) >= first + 2, "two more ticks", 5000);
    assert.match(await ticks.inputValue(), /^\d+ seconds on this page$/);
    assert.equal(runs.count, 0, "the page sent no request for the server's timer");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a handler's info and warning reach the page as toasts of their level", async () => {
    const app = await openApp(browser, server.url);
    // No need to wait for the stream to open: what it missed, it gets when it connects.
    await app.page.locator("#notify button").click();
    const info = app.page.locator('[data-testid="toast"][data-level="info"]');
    const warning = app.page.locator('[data-testid="toast"][data-level="warning"]');
    await info.waitFor({ state: "visible", timeout: 5000 });
    await warning.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await info.innerText(), /The export is queued\./);
    assert.match(await warning.innerText(), /Disk space is low\./);
    assert.equal(await info.getAttribute("role"), "status");
    assert.equal(await app.page.locator('[data-testid="toast"][data-level="error"]').count(), 0);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-toasts.png") });
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("when the stream drops mid-run, the page reconnects and still shows the result", async () => {
    const proxy = await startProxy(server.url);
    const app = await openApp(browser, proxy.url);
    try {
      const streams = countStreams(app.page);
      await app.page.locator("#stream-job button").click();
      await app.page.locator('#stream-result [data-testid="progress-bar"]').waitFor({ state: "visible", timeout: 5000 });
      // The connection drops and stays away for longer than the rest of the run: the result is
      // sent while the page is not listening.
      assert.equal(proxy.cut(2500), 1, "the page's one stream was cut");
      await new Promise((r) => setTimeout(r, 1000));
      assert.notEqual(await app.page.locator("#stream-result input").inputValue(), "The slow job finished");
      await until(
        async () => (await app.page.locator("#stream-result input").inputValue()) === "The slow job finished",
        "the result after the reconnection",
        8000,
      );
      assert.ok(streams.count >= 1, `the page opened its stream again (${streams.count} time(s))`);
      assert.equal(await app.page.locator('[data-testid="session-ended"]').count(), 0);
      assert.deepEqual(app.errors, []);
    } finally {
      await app.context.close();
      await proxy.close();
    }
  });
});

describe("a session that is gone", () => {
  test("after the server restarts, the page says the session ended and offers a reload", async () => {
    let server = await startServer();
    const port = new URL(server.url).port;
    const app = await openApp(browser, server.url);
    await server.stop();
    server = await startServer({ env: { FERRY_SERVER_PORT: port } });
    try {
      const banner = app.page.locator('[data-testid="session-ended"]');
      await banner.waitFor({ state: "visible", timeout: 10_000 });
      assert.match(await banner.innerText(), /This session has ended\. Reload the page to start a new one\./);
      await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-session-ended.png") });
      await banner.getByRole("button", { name: "Reload" }).click();
      await app.page.locator('[data-testid="session-ended"]').waitFor({ state: "detached", timeout: 10_000 });
      await app.page.locator('[data-testid="download_button"]').first().waitFor({ state: "visible" });
    } finally {
      await app.context.close();
      await server.stop();
    }
  });
});

describe("a component written outside Ferry (examples/custom_component.rs)", () => {
  let server;
  before(async () => {
    server = await startServer({ bin: binPath("custom_component") });
  });
  after(async () => {
    await server?.stop();
  });

  test("its stars are drawn by its own script, a click reaches the handler, and a handler sets it", async () => {
    const app = await openApp(browser, server.url, {}, { ready: '[data-testid="rating"] button' });
    const rating = app.page.locator("#rating");
    assert.equal(await rating.locator("button").count(), 5);
    await rating.getByRole("button", { name: "4 stars" }).click();
    await until(async () => (await app.page.locator("#said input").inputValue()) === "4 stars", "the handler's answer");
    assert.equal(await rating.locator('button[aria-pressed="true"]').count(), 4);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-custom-component.png") });
    await app.page.locator("#reset button").click();
    await until(async () => (await app.page.locator("#said input").inputValue()) === "no stars yet", "the reset");
    await until(async () => (await rating.locator('button[aria-pressed="true"]').count()) === 0, "no star pressed");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});

describe("an app mounted under /ui/ in an axum app (examples/mount_in_axum.rs)", () => {
  let server;
  before(async () => {
    server = await startServer({ bin: binPath("mount_in_axum") });
  });
  after(async () => {
    await server?.stop();
  });

  test("the page, its events and its downloads work under the prefix", async () => {
    const home = await fetch(`${server.url}/`);
    assert.match(await home.text(), /The site's own home page/);
    const app = await openApp(browser, `${server.url}/ui`, {}, { ready: "#greet button" });
    assert.equal(new URL(app.page.url()).pathname, "/ui/");
    await app.page.locator("#name input").fill("Grace");
    await app.page.locator("#greet button").click();
    await until(
      async () => (await app.page.locator("#note .ferry-btn-label").innerText()).trim() === "Download Grace.txt",
      "the relabelled download button",
    );
    const file = await downloadFrom(app.page, () => app.page.locator("#note button").click());
    assert.equal(file.name, "Grace.txt");
    assert.equal(file.bytes.toString(), "Hello, Grace!\n");
    assert.ok(new URL(file.url).pathname.startsWith("/ui/file/"), file.url);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
