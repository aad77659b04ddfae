// First paint of a download button, for scripts/bench-page.sh: loads each page given on the
// command line in headless Chromium (Debian's, through playwright-core: see browser.mjs), each
// load in a fresh browser context (empty cache, no cookies), and measures:
//
// - visible: the time from navigation start (performance.timeOrigin, so performance.now()) until
//   an element whose text contains LABEL is visible. A script injected with page.addInitScript,
//   which runs in the page before any of its own scripts, checks on every DOM mutation
//   (MutationObserver) and on every animation frame (requestAnimationFrame, which also catches a
//   style sheet arriving and making the element visible without a mutation); "visible" means
//   checkVisibility() (displayed, not visibility:hidden, not opacity 0) and a non-empty box. The
//   time is read in the page when the check first succeeds; `frame` is performance.now() in the
//   next animation frame callback, just before that frame is painted, and is the figure reported.
//   Playwright's own polling plays no part: the harness only reads the recorded times afterwards.
// - fcp: the page's first-contentful-paint entry, for reference; and where the time went, from the
//   page's Resource Timing: when the HTML, the last script and the last fetch (Ferry's
//   POST /api/session) had arrived (responseEnd, ms since navigation start).
// - requests and bytes: every request that finished (page.on("requestfinished")) until the
//   button was visible and no request was in flight for QUIET ms after; bytes are request.sizes()
//   (request headers and body, response headers and the encoded response body).
//
//   node e2e/lib/bench-page.mjs --label TEXT --loads 5 --rounds 3 NAME=URL ...
//
// Loads alternate between the pages (load 1 of each, then load 2 of each, ...) after one warm-up
// load of each, not counted. Prints a line per load on stderr and a JSON summary on stdout.

import { loadavg } from "node:os";
import { launchBrowser } from "./browser.mjs";

const QUIET = 300;
const STEP_TIMEOUT = 15_000;

function parseArgs(argv) {
  const opts = { label: "Download the benchmark file", loads: 5, rounds: 3, targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--label") opts.label = argv[++i];
    else if (a === "--loads") opts.loads = Number(argv[++i]);
    else if (a === "--rounds") opts.rounds = Number(argv[++i]);
    else if (a.includes("=")) {
      const at = a.indexOf("=");
      opts.targets.push({ name: a.slice(0, at), url: a.slice(at + 1) });
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.targets.length) throw new Error("usage: bench-page.mjs [--label TEXT] [--loads N] [--rounds N] NAME=URL ...");
  return opts;
}

/** The script injected before the page's own: records when LABEL first becomes visible. */
function watchFor(label) {
  const found = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 &&
      (el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true);
  };
  const check = () => {
    if (window.__benchVisible !== undefined || !document.body) return;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.data.includes(label) && n.parentElement && found(n.parentElement)) {
        window.__benchVisible = performance.now();
        requestAnimationFrame(() => { window.__benchFrame = performance.now(); });
        observer.disconnect();
        return;
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  const poll = () => { check(); if (window.__benchVisible === undefined) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
}

async function loadOnce(browser, target, label) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.addInitScript(watchFor, label);
    const requests = [];
    let inFlight = 0;
    let lastDone = Date.now();
    page.on("request", () => { inFlight++; });
    const settle = () => { inFlight--; lastDone = Date.now(); };
    page.on("requestfailed", (r) => { settle(); requests.push({ url: r.url(), failed: true, bytes: 0 }); });
    page.on("requestfinished", async (r) => {
      let bytes = 0;
      let status = 0;
      try {
        const s = await r.sizes();
        bytes = s.requestHeadersSize + s.requestBodySize + s.responseHeadersSize + s.responseBodySize;
        status = (await r.response())?.status() ?? 0;
      } catch {}
      requests.push({ url: r.url(), method: r.method(), status, bytes });
      settle();
    });
    await page.goto(target.url, { waitUntil: "commit", timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => window.__benchFrame !== undefined, null, { timeout: STEP_TIMEOUT, polling: 100 });
    const end = Date.now() + STEP_TIMEOUT;
    while ((inFlight > 0 || Date.now() - lastDone < QUIET) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const t = await page.evaluate(() => ({
      visible: window.__benchVisible,
      frame: window.__benchFrame,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
      html: performance.getEntriesByType("navigation")[0]?.responseEnd ?? null,
      script: Math.max(0, ...performance.getEntriesByType("resource")
        .filter((e) => e.initiatorType === "script").map((e) => e.responseEnd)),
      fetch: Math.max(0, ...performance.getEntriesByType("resource")
        .filter((e) => e.initiatorType === "fetch" || e.initiatorType === "xmlhttprequest").map((e) => e.responseEnd)),
    }));
    return { ...t, requests: requests.length, bytes: requests.reduce((a, r) => a + r.bytes, 0), list: requests };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

const opts = parseArgs(process.argv.slice(2));
const browser = await launchBrowser();
const summary = { label: opts.label, loads: opts.loads, rounds: [], targets: {} };
try {
  for (const target of opts.targets) await loadOnce(browser, target, opts.label); // warm-up
  for (let round = 1; round <= opts.rounds; round++) {
    const results = Object.fromEntries(opts.targets.map((t) => [t.name, []]));
    for (let i = 1; i <= opts.loads; i++) {
      for (const target of opts.targets) {
        const r = await loadOnce(browser, target, opts.label);
        results[target.name].push(r);
        console.error(`   round ${round} load ${i} ${target.name}: visible ${r.visible.toFixed(1)} ms, frame ${r.frame.toFixed(1)} ms, fcp ${r.fcp?.toFixed(1)} ms;` +
          ` html ${r.html?.toFixed(1)}, script ${r.script.toFixed(1)}, fetch ${r.fetch.toFixed(1)} ms; ${r.requests} requests, ${r.bytes} bytes`);
      }
    }
    const row = { round, load: loadavg().map((x) => x.toFixed(2)).join(", "), targets: {} };
    for (const target of opts.targets) {
      const rs = results[target.name];
      row.targets[target.name] = {
        frame: median(rs.map((r) => r.frame)),
        visible: median(rs.map((r) => r.visible)),
        fcp: median(rs.map((r) => r.fcp ?? NaN)),
        html: median(rs.map((r) => r.html ?? NaN)),
        script: median(rs.map((r) => r.script)),
        fetch: median(rs.map((r) => r.fetch)),
        requests: median(rs.map((r) => r.requests)),
        bytes: median(rs.map((r) => r.bytes)),
        list: rs[rs.length - 1].list.map((q) => `${q.method ?? ""} ${new URL(q.url).pathname} ${q.status ?? "failed"} ${q.bytes} B`),
      };
    }
    summary.rounds.push(row);
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(summary));
