// Launches Debian's Chromium through playwright-core (no browser download, ever), opens the
// gallery, and catches downloads the way a person gets them: as saved files.

import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";

/** Debian's Chromium; scripts/test.sh installs it on a fresh machine. */
export const CHROMIUM = process.env.FERRY_E2E_CHROMIUM || "/usr/bin/chromium";

/** Launches headless Chromium; `args` adds switches (e.g. `--host-resolver-rules=…`). */
export function launchBrowser({ args = [] } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...args,
    ],
  });
}

/**
 * Collects into `errors` every Content-Security-Policy violation in the pages of `context`:
 * the `securitypolicyviolation` events of every document and frame, and the console errors
 * Chromium writes for them. Call it before the context opens a page.
 */
export async function collectCspViolations(context, errors) {
  await context.exposeBinding("__ferryCspViolation", (_source, text) => {
    errors.push(new Error(`Content-Security-Policy violation: ${text}`));
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = globalThis.__ferryCspViolation;
      if (typeof report === "function") {
        report(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.documentURI} (${e.sample || "no sample"})`);
      }
    });
  });
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      errors.push(new Error(`console: ${message.text()}`));
    }
  });
}

/**
 * Opens the app at `url` in a new context that accepts downloads, and waits until the page has
 * rendered its components (until `ready`, a selector, is visible: the first download button by
 * default). Returns `{ context, page, session, errors }`: `session` is the page's own answer to
 * `POST /api/session` (the component tree), `errors` the uncaught exceptions the page throws and
 * every Content-Security-Policy violation (tests assert it stays empty).
 */
export async function openApp(browser, url, contextOptions = {}, { ready = '[data-testid="download_button"]' } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...contextOptions });
  const errors = [];
  await collectCspViolations(context, errors);
  const page = await context.newPage();
  page.on("pageerror", (err) => errors.push(err));
  const sessionResponse = page.waitForResponse(
    (r) => new URL(r.url()).pathname.endsWith("/api/session") && r.request().method() === "POST",
  );
  await page.goto(`${url}/`);
  const response = await sessionResponse;
  if (!response.ok()) throw new Error(`POST /api/session answered ${response.status()}`);
  const session = await response.json();
  try {
    await page.locator(ready).first().waitFor({ state: "visible" });
  } catch (error) {
    // Say what the page shows and threw, so that a page that never got ready can be told apart.
    const shown = await page.evaluate(() => document.body?.innerText.slice(0, 500)).catch(() => "?");
    error.message += `\npage errors: ${errors.map(String).join(" | ") || "none"}\npage text: ${JSON.stringify(shown)}`;
    throw error;
  }
  return { context, page, session, errors };
}

/** Name and bytes of a finished download; fails when the browser reports it failed. */
export async function saved(download) {
  const failure = await download.failure();
  if (failure) throw new Error(`download of ${download.url()} failed: ${failure}`);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()), url: download.url() };
}

/** Runs `action` and returns the file it makes `page` download: `{ name, bytes, url }`. */
export async function downloadFrom(page, action, { timeout = 10_000 } = {}) {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout }), action()]);
  return saved(download);
}

/**
 * The next download on any page of `context`, the ones open now and the ones that open later
 * (a link with `target=_blank` downloads from a popup). Rejects after `timeout` ms.
 */
export function nextDownloadIn(context, { timeout = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const watched = new Set();
    const onDownload = (download) => {
      done();
      resolve(download);
    };
    const watch = (page) => {
      watched.add(page);
      page.on("download", onDownload);
    };
    const done = () => {
      clearTimeout(timer);
      context.off("page", watch);
      for (const page of watched) page.off("download", onDownload);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no download in the context within ${timeout} ms`));
    }, timeout);
    context.pages().forEach(watch);
    context.on("page", watch);
  });
}

/** Runs `action`; resolves to the download it started on any page of `context` within `ms`, or null. */
export async function downloadWithin(context, action, ms) {
  const next = nextDownloadIn(context, { timeout: ms }).catch(() => null);
  await action();
  return next;
}
