// Cross-site requests, framing and DNS rebinding in a real browser (Gradio CVE-2024-1727: any
// website uploaded to localhost:7860). A page on another origin, http://evil.test:PORT (Chromium
// resolves evil.test and rebind.test to 127.0.0.1), knows the victim's session id and tries a
// `no-cors` multipart upload and runs of an event; the server refuses them and stores and runs
// nothing. The app inside an <iframe> on that origin does not render (frame-ancestors), while
// the app framed by its own origin does. A page reached by a rebound name gets a 403.

import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { collectCspViolations, launchBrowser, openApp } from "../lib/browser.mjs";
import { findById } from "../lib/gallery.mjs";
import { UPLOAD_BIN, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

const EVIL = "evil.test";
const REBIND = "rebind.test";

/**
 * A site on another origin: `/` an empty page, `/frame?src=URL` a page that frames `URL`.
 * Returns `{ origin, close }`, `origin` as `http://evil.test:PORT`.
 */
async function startElsewhere() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    res.setHeader("content-type", "text/html; charset=utf-8");
    if (url.pathname === "/frame") {
      const src = url.searchParams.get("src") ?? "";
      res.end(`<!doctype html><title>Framing</title><iframe id="app" width="800" height="600" src="${src.replace(/"/g, "&quot;")}"></iframe>`);
    } else {
      res.end("<!doctype html><title>Elsewhere</title><p>Another site</p>");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `http://${EVIL}:${server.address().port}`,
    close: () => new Promise((ok) => {
      server.closeAllConnections();
      server.close(ok);
    }),
  };
}

/** What the server logs when it refuses a request from `origin`. */
function refusal(origin, own) {
  return `refused a cross-origin request: the Origin ${origin} is not this app's (${own}) nor an allowed origin`;
}

/** Every regular file under `dir`, recursively. */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

/** Opens the other site's page in a context of its own; `messages` gets its console lines. */
async function openElsewhere(browser, url) {
  const context = await browser.newContext();
  const messages = [];
  context.on("console", (m) => messages.push(m.text()));
  const page = await context.newPage();
  await page.goto(url);
  return { context, page, messages };
}

let browser;
let elsewhere;
before(async () => {
  [browser, elsewhere] = await Promise.all([
    launchBrowser({ args: [`--host-resolver-rules=MAP ${EVIL} 127.0.0.1, MAP ${REBIND} 127.0.0.1`] }),
    startElsewhere(),
  ]);
});
after(async () => {
  await browser?.close();
  await elsewhere?.close();
});

describe("a no-cors upload from another site (upload_and_download)", () => {
  let server;
  let tmp;
  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), "ferry-e2e-cross-origin-"));
    server = await startServer({ bin: UPLOAD_BIN, env: { TMPDIR: tmp } });
  });
  after(async () => {
    await server?.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  test("is refused with 403 and stores nothing; the page's own upload is stored", async () => {
    const victim = await openApp(browser, server.url, {}, { ready: "#upload button" });
    const session = victim.session.session;
    const component = findById(victim.session.root, "upload").id;
    const attacker = await openElsewhere(browser, `${elsewhere.origin}/`);
    const answered = attacker.page.waitForResponse((r) => r.url().includes("/api/upload/"));
    const sent = await attacker.page.evaluate(
      async ({ app, session, component }) => {
        const form = new FormData();
        form.append("files", new Blob(["<script>alert(document.domain)</script>"], { type: "text/html" }), "evil.html");
        const res = await fetch(`${app}/api/upload/${session}/${component}`, { method: "POST", mode: "no-cors", body: form });
        return res.type;
      },
      { app: server.url, session, component },
    );
    assert.equal(sent, "opaque", "the browser sent it, and hid the answer from the page");
    const answer = await answered;
    assert.equal(answer.status(), 403);
    // The browser keeps an opaque answer's body from devtools too; the server's log names the
    // Origin it saw, the other site's.
    await until(() => server.output().includes(refusal(elsewhere.origin, server.url)), "the refusal in the server's log");
    assert.deepEqual(await filesUnder(tmp), [], "no file on the server's disk");
    assert.equal(await victim.page.locator("#download button").count(), 0, "the victim's page did not change");

    // The victim's own upload, through its page: stored, and the download appears.
    await victim.page.locator("#upload input[type=file]").setInputFiles({ name: "mine.txt", mimeType: "text/plain", buffer: Buffer.from("mine\n") });
    await victim.page.locator("#download button").waitFor();
    const stored = await filesUnder(tmp);
    assert.equal(stored.length, 1, `one file: ${stored}`);
    assert.ok(stored[0].endsWith("mine.txt"), stored[0]);
    assert.deepEqual(victim.errors, [], "no uncaught exception and no CSP violation in the app's page");
    await attacker.context.close();
    await victim.context.close();
  });
});

describe("the gallery seen from another site", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test("a run into a known session, no-cors or as JSON, runs nothing", async () => {
    const victim = await openApp(browser, server.url);
    const notify = findById(victim.session.root, "notify").id;
    const dependency = victim.session.dependencies.findIndex((d) => d.triggers.some(([id, event]) => id === notify && event === "click"));
    assert.ok(dependency >= 0, "the Notify button has a click dependency");
    const body = JSON.stringify({ session: victim.session.session, dependency, trigger: [notify, "click"], data: [], stream: true });

    const attacker = await openElsewhere(browser, `${elsewhere.origin}/`);
    const answered = attacker.page.waitForResponse((r) => r.url().endsWith("/api/run") && r.request().method() === "POST");
    const outcome = await attacker.page.evaluate(
      async ({ app, body }) => {
        // A "simple" request: text/plain, which needs no preflight.
        const simple = await fetch(`${app}/api/run`, { method: "POST", mode: "no-cors", body });
        // JSON needs a preflight, which the server never approves.
        let json;
        try {
          const res = await fetch(`${app}/api/run`, { method: "POST", headers: { "content-type": "application/json" }, body });
          json = `read ${res.status}`;
        } catch (e) {
          json = e.name;
        }
        return { simple: simple.type, json };
      },
      { app: server.url, body },
    );
    assert.deepEqual(outcome, { simple: "opaque", json: "TypeError" });
    const answer = await answered;
    assert.equal(answer.status(), 403, "the no-cors run is refused");
    await until(() => server.output().includes(refusal(elsewhere.origin, server.url)), "the refusal in the server's log");

    // Had it run, the victim's page would show the handler's toasts on its stream.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await victim.page.locator('[data-testid="toast"]').count(), 0, "no toast: the handler did not run");
    // The same run from a client without Origin (curl, a script) does run: the toasts appear.
    const res = await fetch(`${server.url}/api/run`, { method: "POST", headers: { "content-type": "application/json" }, body });
    assert.equal(res.status, 200);
    await victim.page.locator('[data-testid="toast"][data-level="info"]').waitFor({ state: "visible", timeout: 5000 });
    assert.deepEqual(victim.errors, []);
    await attacker.context.close();
    await victim.context.close();
  });

  test("framed by another origin, the app does not render (frame-ancestors 'self')", async () => {
    const attacker = await openElsewhere(browser, `${elsewhere.origin}/frame?src=${encodeURIComponent(`${server.url}/`)}`);
    await until(() => attacker.messages.some((m) => /frame-ancestors/.test(m)), "Chromium's frame-ancestors refusal", 10_000);
    const frames = attacker.page.frames().filter((f) => f !== attacker.page.mainFrame());
    assert.equal(frames.length, 1);
    const rendered = await frames[0].evaluate(() => Boolean(document.getElementById("ferry-root"))).catch(() => false);
    assert.equal(rendered, false, "no Ferry page inside the frame");
    await attacker.context.close();
  });

  test("framed by its own origin, the app renders, with no CSP violation", async () => {
    const app = await openApp(browser, server.url);
    await app.page.evaluate(() => {
      const frame = document.createElement("iframe");
      frame.id = "self-frame";
      frame.src = location.href;
      frame.width = "800";
      frame.height = "600";
      document.body.append(frame);
    });
    const inner = app.page.frameLocator("#self-frame");
    await inner.locator('[data-testid="download_button"]').first().waitFor({ state: "visible", timeout: 10_000 });
    assert.ok((await inner.locator('[data-testid="download_button"]').count()) > 1);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("reached by a rebound name (rebind.test → 127.0.0.1), the server answers 403", async () => {
    const port = new URL(server.url).port;
    const context = await browser.newContext();
    const errors = [];
    await collectCspViolations(context, errors);
    const page = await context.newPage();
    const response = await page.goto(`http://${REBIND}:${port}/`);
    assert.equal(response.status(), 403);
    assert.equal(
      (await page.locator("body").innerText()).trim(),
      `this server does not answer to the host name ${REBIND}:${port} (a defence against DNS rebinding): allow it with App::allowed_hosts or FERRY_ALLOWED_HOSTS`,
    );
    // The same server reached as localhost is another origin, and is served.
    const local = await page.goto(`http://localhost:${port}/`);
    assert.equal(local.status(), 200);
    await page.locator('[data-testid="download_button"]').first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
