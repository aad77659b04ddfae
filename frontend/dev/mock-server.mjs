// A stand-in for Ferry's server, to work on the front end alone (see docs/protocol.md).
//
//   node dev/mock-server.mjs [--port N] [--base /ui/] [--legacy]
//
//   --port N     default 7861; 0 picks a free port
//   --base P     serve the app under the path prefix P (default "/"; always with a trailing slash)
//   --legacy     behave like the first release: no `#ferry-page` in the shell, no stream route,
//                every run answered on its POST
//
// Serves the built ../assets/ and a page with every component kind (plus two custom components
// registered through `window.ferry.register` by `custom/widgets.js`, one of them late), embeds the
// page description in the shell, answers api/session, api/run (`{"pending": run}` when the page
// streams; results, progress, toasts and server-started updates on api/stream/<session>, with ids,
// heartbeats and Last-Event-ID replay), api/upload, and file/... downloads. Every URL it hands out
// is relative to the base. Listens on 127.0.0.1 only.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";

const here = dirname(fileURLToPath(import.meta.url));
const assetsDir = resolve(here, "..", "..", "assets");
const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const port = Number(arg("--port") ?? process.env.PORT ?? 7861);
const base = `/${(arg("--base") ?? "/").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
const legacy = process.argv.includes("--legacy");

const FILES = {
  report: { name: "report.csv", mime: "text/csv", body: "id,name,score\n1,Ada,98\n2,Linus,91\n3,Grace,99\n" },
  resume: { name: "résumé 2024 \"final\".txt", mime: "text/plain; charset=utf-8", body: "Ferry handles any file name. ✓\n" },
  big: { name: "numbers.txt", mime: "text/plain", body: Array.from({ length: 20000 }, (_, i) => `${i}`).join("\n") },
  generated: { name: "generated.json", mime: "application/json", body: '{"generated": true}\n' },
};
/** Uploaded files, by token. */
const UPLOADS = new Map();

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 4v11"/><path d="m7 10 5 5 5-5"/><path d="M5 20h14"/></svg>';

/** Two custom components, as an app author would write them: no Preact, only `window.ferry.register`. */
const WIDGETS_JS = `// Custom components of the mock app (loaded after the bundle).
window.ferry.register("stars", {
  render(el, props, ctx) {
    const value = Number(props.value) || 0;
    el.innerHTML = "";
    const group = document.createElement("div");
    group.className = "stars";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", String(props.label || "Rating"));
    for (let i = 1; i <= 5; i++) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = i <= value ? "★" : "☆";
      b.setAttribute("aria-label", i + (i === 1 ? " star" : " stars"));
      b.setAttribute("aria-pressed", String(i === value));
      b.style.cssText = "font-size:28px;background:none;border:0;cursor:pointer;color:#f59e0b;padding:0 2px";
      b.onclick = () => ctx.setValue(i);
      group.appendChild(b);
    }
    const reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Reset";
    reset.onclick = () => ctx.fire("reset");
    reset.style.cssText = "margin-left:12px";
    el.append(group, reset);
    return () => { el.innerHTML = ""; };
  },
});
// Registered late: its node shows the "cannot show" note until then, then renders.
setTimeout(() => {
  window.ferry.register("sparkline", {
    render(el, props) {
      const v = Array.isArray(props.values) ? props.values.map(Number) : [];
      const max = Math.max(1, ...v);
      const pts = v.map((y, i) => (i * 200) / Math.max(1, v.length - 1) + "," + (40 - (y / max) * 36)).join(" ");
      el.innerHTML = '<svg role="img" aria-label="' + (props.label || "Sparkline") + '" width="200" height="44" viewBox="0 0 200 44"><polyline fill="none" stroke="currentColor" stroke-width="2" points="' + pts + '"/></svg>';
    },
  });
}, Number(new URL(import.meta.url).searchParams.get("late") ?? 1200));
`;

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a `<script>` element, as the real server writes it. */
function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A FileValue; `scope` is the session id, or `app` for values of the page as declared. Its URL is relative. */
function fileValue(scope, key) {
  const f = FILES[key];
  return {
    url: `file/${scope}/${key}/${encodeURIComponent(f.name)}`,
    file_name: f.name,
    size: Buffer.byteLength(f.body),
    mime_type: f.mime.split(";")[0],
  };
}

/**
 * The gallery page: every component kind, variants, sizes, visibility and errors. `session` is
 * null for the page as declared (embedded in the shell, app-wide values), else the session's id.
 */
function page(session, ctx) {
  const scope = session ?? "app";
  let next = 0;
  const id = () => next++;
  const node = (type, props, children) => ({ type, id: id(), props, ...(children ? { children } : {}) });
  const common = (p = {}) => ({ visible: true, elem_id: null, elem_classes: [], key: null, scale: null, min_width: null, ...p });
  const btn = (value, p = {}) => node("button", common({ value, variant: "secondary", size: "lg", icon: null, interactive: true, link: null, ...p }));
  const dl = (label, value, p = {}) => node("download_button", common({ label, value, variant: "secondary", size: "lg", icon: null, interactive: true, ...p }));
  const up = (label, p = {}) => node("upload_button", common({ label, value: null, file_count: "single", file_types: null, max_file_size: 1_000_000, variant: "secondary", size: "md", icon: null, interactive: true, ...p }));
  const md = (html, p = {}) => node("markdown", common({ html, ...p }));
  const tb = (p = {}) => node("textbox", common({ value: "", label: null, show_label: true, placeholder: null, lines: 1, max_lines: 20, interactive: true, info: null, ...p }));
  const row = (children, p = {}) => node("row", common({ equal_height: false, variant: "default", ...p }), children);
  const col = (children, p = {}) => node("column", common({ variant: "default", ...p }), children);
  const group = (children, p = {}) => node("group", common(p), children);

  const root = col([]);
  const intro = md(
    "<h1>Ferry gallery</h1><p>Every component the front end knows, served by <code>dev/mock-server.mjs</code>. " +
      "Downloads are <strong>native</strong>: the browser streams them to disk.</p>",
  );
  const sessionMd = md(session ? `<p>Session <code>${session.slice(0, 8)}</code> started.</p>` : "<p>Session <em>starting…</em></p>", { elem_id: "session-note" });
  const dlReport = dl("Download report.csv", fileValue(scope, "report"), { variant: "primary", icon: { url: "static/download.svg" }, elem_id: "report-download", elem_classes: ["report"] });
  const dlResume = dl("Download résumé", fileValue(scope, "resume"));
  const dlBig = dl("Download numbers.txt", fileValue(scope, "big"), { variant: "stop" });
  const rowDownloads = row([dlReport, dlResume, dlBig]);
  const dlSm = dl("Small", fileValue(scope, "report"), { size: "sm", variant: "primary" });
  const dlMd = dl("Medium", fileValue(scope, "report"), { size: "md" });
  const dlOff = dl("Not allowed", fileValue(scope, "report"), { size: "md", interactive: false, variant: "primary" });
  const dlNull = dl("Nothing to download", null, { size: "md" });
  const dlExternal = dl("External URL", { url: `http://localhost:${actualPort}/external/manual.pdf`, file_name: "manual.pdf", size: null, mime_type: null, external: true }, { size: "md" });
  const rowSizes = row([dlSm, dlMd, dlOff, dlNull, dlExternal]);

  const heading2 = md("<h2>Events</h2><p>Type in the box: the echo below updates on each keystroke (<code>change</code>, always_last). Enter submits.</p>");
  const name = tb({ label: "Your name", info: "Used as the file name of the generated download.", placeholder: "Ada Lovelace" });
  const message = tb({ label: "Message", lines: 3, max_lines: 8, value: "Lorem ipsum dolor sit amet.\nFerry is fast." });
  const readonly = tb({ label: "Read-only", value: "interactive: false", interactive: false });
  const form = group([name, message, readonly]);
  const echo = md("<p><em>Nothing typed yet.</em></p>", { elem_id: "echo" });
  const generate = btn("Generate file (slow)", { variant: "primary" });
  const dlGenerated = dl("Generated file appears here", null, { variant: "secondary" });
  const fail = btn("Fail", { variant: "stop" });
  const docs = btn("Open docs", { link: `http://localhost:${actualPort}/docs`, size: "md", scale: 0 });
  const notify = btn("Notify", { size: "md" });
  const refused = btn("Refused (409)", { size: "md" });
  const endSession = btn("End session", { size: "md", variant: "stop" });
  const rowActions = row([generate, dlGenerated, fail], { variant: "panel" });
  const rowMore = row([docs, notify, refused, btn("Disabled", { interactive: false, size: "md" }), endSession]);

  const heading3 = md("<h2>Stream</h2><p>Progress of a long run, and updates the server starts on its own.</p>");
  const longJob = btn("Long job", { variant: "primary", size: "md", scale: 0 });
  const longOut = md("<p>The long job's result appears here.</p>", { elem_id: "long-out", min_width: 320 });
  const clock = md("<p>Server clock: waiting for the first tick.</p>", { elem_id: "clock" });
  const upload = up("Upload a file", { elem_id: "upload" });
  const rowStream = row([longJob, longOut, upload]);

  const heading4 = md("<h2>Custom components</h2><p>Registered by an app script through <code>window.ferry.register</code>; the sparkline only after a second.</p>");
  const stars = node("stars", common({ value: 3, label: "Rating" }));
  const spark = node("sparkline", common({ values: [3, 5, 2, 8, 6, 9, 4], label: "Weekly visits" }));
  const shuffle = btn("Shuffle", { size: "sm", scale: 0 });
  const rated = md("<p>Rate something.</p>", { elem_id: "rated" });
  const rowCustom = row([stars, spark, shuffle]);

  const heading5 = md("<h2>Layout and errors</h2>");
  const missing = dl("Download data.csv", null, { variant: "primary" });
  const left = col([md("<p>A column with <code>scale: 2</code>. Its neighbour has a missing file.</p><ul><li>one</li><li>two</li></ul>"), tb({ label: "Notes", lines: 2, placeholder: "Write here…" })], { scale: 2 });
  const right = col([missing, md("<blockquote>This button's initial value failed.</blockquote>")], { scale: 1, min_width: 220 });
  const rowLayout = row([left, right], { equal_height: true });
  const ticks = md("<p>Timer ticks: 0</p>");
  const timer = node("timer", common({ value: 2, active: true }));
  const hiddenDl = dl("Hidden (display: none)", fileValue(scope, "report"), { visible: "hidden", elem_id: "hidden-download" });
  const goneMd = md("<p>Not rendered</p>", { visible: false, elem_id: "gone" });
  const table = md("<table><thead><tr><th>Source</th><th>Memory</th></tr></thead><tbody><tr><td>path</td><td>constant</td></tr><tr><td>bytes</td><td>once</td></tr></tbody></table><pre><code>cargo run --example gallery</code></pre>");

  root.children = [intro, sessionMd, rowDownloads, rowSizes, heading2, form, echo, rowActions, rowMore, heading3, rowStream, clock, heading4, rowCustom, rated, heading5, rowLayout, ticks, timer, hiddenDl, goneMd, table];

  const dep = (id, triggers, inputs, outputs, trigger_mode, show_progress, api_name = null) => ({ id, triggers, inputs, outputs, trigger_mode, show_progress, scroll_to_output: false, api_name });
  const deps = [
    dep(0, [[name.id, "change"], [message.id, "change"]], [name.id, message.id], [echo.id], "always_last", "hidden", "echo"),
    dep(1, [[generate.id, "click"], [name.id, "submit"]], [name.id], [dlGenerated.id, echo.id], "once", "full", "generate"),
    dep(2, [[fail.id, "click"]], [], [echo.id], "once", "full", "fail"),
    dep(3, [[timer.id, "tick"]], [], [ticks.id], "once", "hidden"),
    dep(4, [[dlGenerated.id, "click"], [dlReport.id, "click"]], [dlGenerated.id], [echo.id], "multiple", "minimal"),
    dep(5, [[longJob.id, "click"]], [], [longOut.id, longJob.id], "once", "full", "long_job"),
    dep(6, [[notify.id, "click"]], [], [], "multiple", "hidden"),
    dep(7, [[refused.id, "click"]], [], [], "once", "full"),
    dep(8, [[endSession.id, "click"]], [], [], "once", "hidden"),
    dep(9, [[stars.id, "change"], [stars.id, "reset"]], [stars.id], [rated.id, stars.id], "always_last", "hidden"),
    dep(10, [[shuffle.id, "click"]], [], [spark.id], "once", "hidden"),
    dep(11, [[upload.id, "upload"]], [upload.id], [echo.id], "once", "minimal"),
  ];
  let tickCount = 0;
  const handlers = {
    0: ([n, m]) => ({ updates: [{ id: echo.id, props: { html: `<p>Hello <strong>${escapeHtml(n || "stranger")}</strong> — ${escapeHtml(m.length)} characters of message.</p>` } }] }),
    1: async ([n], run) => {
      for (const [f, d] of [[0, "Querying"], [0.25, "Querying"], [0.5, "Writing file"], [0.75, "Writing file"]]) {
        run.progress(f, d);
        await sleep(375);
      }
      const fname = `${(n || "generated").trim() || "generated"}.json`;
      FILES.generated.name = fname;
      return {
        updates: [
          { id: dlGenerated.id, props: { label: `Download ${fname}`, value: fileValue(scope, "generated"), variant: "primary" } },
          { id: echo.id, props: { html: `<p>Generated <code>${escapeHtml(fname)}</code>.</p>` } },
        ],
      };
    },
    2: async () => {
      await sleep(400);
      return { updates: [], error: { message: "ValueError: the handler failed on purpose (this is the mock server).", title: "Export failed", component: fail.id } };
    },
    3: () => ({ updates: [{ id: ticks.id, props: { html: `<p>Timer ticks: ${++tickCount}</p>` } }] }),
    4: async ([v]) => {
      await sleep(300);
      return { updates: [{ id: echo.id, props: { html: `<p>Clicked a download button (value: <code>${escapeHtml(v ? v.file_name : "null")}</code>).</p>` } }] };
    },
    5: async (_, run) => {
      run.progress(null, "Waiting for the GPU");
      await sleep(800);
      for (let i = 1; i <= 10; i++) {
        run.progress(i / 10, `Step ${i} of 10`);
        await sleep(200);
      }
      return { updates: [{ id: longOut.id, props: { html: `<p>Long job done at ${new Date().toLocaleTimeString("en-GB")}.</p>` } }] };
    },
    6: (_, run) => {
      run.toast("info", null, "Saved your settings.");
      run.toast("warning", "Disk almost full", "Only 3% of the disk is left.");
      return { updates: [] };
    },
    7: () => ({ status: 409, error: "the button is disabled for this session" }),
    8: (_, run) => {
      setTimeout(() => ctx.endSession(), 100);
      run.toast("info", null, "Ending the session (as a server restart would).");
      return { updates: [] };
    },
    9: ([v], run) => {
      if (run.trigger[1] === "reset") return { updates: [{ id: stars.id, props: { value: 0 } }, { id: rated.id, props: { html: "<p>Rating reset.</p>" } }] };
      return { updates: [{ id: rated.id, props: { html: `<p>You rated it <strong>${escapeHtml(v)}</strong> of 5.</p>` } }] };
    },
    10: () => ({ updates: [{ id: spark.id, props: { values: Array.from({ length: 7 }, () => Math.round(Math.random() * 10)) } }] }),
    11: async ([v]) => {
      await sleep(200);
      return { updates: [{ id: echo.id, props: { html: `<p>Uploaded <code>${escapeHtml(v?.file_name ?? "nothing")}</code> (${escapeHtml(v?.size ?? 0)} bytes).</p>` } }] };
    },
  };
  const errors = [{ component: missing.id, message: "file not found: data.csv" }];
  return { info: { ...(session ? { session } : {}), title: "Ferry gallery", root, dependencies: deps, errors }, handlers, deps, clockId: clock.id, uploadId: upload.id };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** session id → { page, log: [{id, data}], seq, clients: Set<res>, runs } */
const sessions = new Map();
let actualPort = port;

function send(res, status, body, headers = {}) {
  const data = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { "content-length": Buffer.byteLength(data), "x-content-type-options": "nosniff", ...headers });
  res.end(res.req.method === "HEAD" ? undefined : data);
}
const json = (res, status, body) => send(res, status, body, { "content-type": "application/json" });
const fail = (res, status, error) => json(res, status, { error });

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

function disposition(name) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\/]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function shell() {
  const description = legacy ? "" : `<script type="application/json" id="ferry-page">${scriptJson(page(null, null).info)}</script>\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ferry</title>
<link rel="stylesheet" href="assets/app.css">
</head>
<body>
<div id="ferry-root"></div>
${description}<script type="module" src="assets/app.js"></script>
<script type="module" src="custom/widgets.js?late=${Number(arg("--late") ?? 1200)}"></script>
</body>
</html>
`;
}

/** Sends one stream message to a session's clients, and keeps it for replay. */
function push(s, message) {
  const entry = { id: ++s.seq, data: JSON.stringify(message) };
  s.log.push(entry);
  if (s.log.length > 500) s.log.shift();
  for (const res of s.clients) res.write(`id: ${entry.id}\ndata: ${entry.data}\n\n`);
}

function newSession() {
  const id = randomBytes(16).toString("hex");
  const s = { id, log: [], seq: 0, clients: new Set(), nextRun: 1 };
  s.page = page(id, { endSession: () => endSession(id) });
  sessions.set(id, s);
  return s;
}

/** Forgets a session and drops its streams: the browser reconnects and gets a 404. */
function endSession(id) {
  const s = sessions.get(id);
  if (!s) return;
  sessions.delete(id);
  for (const res of s.clients) res.destroy();
}

function stream(req, res, s) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", "x-accel-buffering": "no" });
  res.write("retry: 1000\n\n");
  const last = Number(req.headers["last-event-id"] ?? 0);
  for (const e of s.log) if (e.id > last) res.write(`id: ${e.id}\ndata: ${e.data}\n\n`);
  s.clients.add(res);
  const beat = setInterval(() => res.write(": heartbeat\n\n"), 15000);
  req.on("close", () => {
    clearInterval(beat);
    s.clients.delete(res);
  });
}

/** A crude multipart parser: enough for the mock's upload button. */
function parseMultipart(body, type) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type ?? "");
  if (!m) return null;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const files = [];
  let at = body.indexOf(boundary);
  while (at >= 0) {
    const start = at + boundary.length + 2;
    const next = body.indexOf(boundary, start);
    if (next < 0) break;
    const part = body.subarray(start, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const name = /filename="([^"]*)"/.exec(head)?.[1];
    if (name !== undefined) files.push({ name, data: part.subarray(split + 4) });
    at = next;
  }
  return files;
}

async function run(req, res) {
  let body;
  try {
    body = JSON.parse((await readBody(req)).toString("utf8") || "null");
  } catch {
    return fail(res, 400, "malformed JSON body");
  }
  const s = sessions.get(body?.session);
  if (!s) return fail(res, 404, "unknown or expired session: reload the page");
  const dep = s.page.deps.find((d) => d.id === body.dependency);
  if (!dep) return fail(res, 404, `unknown dependency ${body.dependency}`);
  if (!Array.isArray(body.data) || body.data.length !== dep.inputs.length) {
    return fail(res, 400, `dependency ${dep.id} takes ${dep.inputs.length} inputs, got ${body.data?.length}`);
  }
  const t = body.trigger;
  if (!dep.triggers.some(([i, e]) => Array.isArray(t) && i === t[0] && e === t[1])) return fail(res, 409, `trigger ${JSON.stringify(t)} is not a trigger of dependency ${dep.id}`);
  const streamed = body.stream === true && !legacy;
  const runId = s.nextRun++;
  const ctx = {
    trigger: t,
    // Without the stream, progress and toasts have nowhere to go (as with the first release).
    progress: (fraction, description) => streamed && push(s, { kind: "progress", run: runId, dependency: dep.id, fraction, description }),
    toast: (level, title, message) => streamed && push(s, { kind: "toast", level, title, message }),
  };
  const result = async () => {
    try {
      const out = await s.page.handlers[dep.id](body.data, ctx);
      return out;
    } catch (err) {
      return { updates: [], error: { message: `mock handler failed: ${err.message}`, title: null, component: null } };
    }
  };
  if (!streamed) {
    const out = await result();
    if (out.status) return fail(res, out.status, out.error);
    return json(res, 200, { updates: out.updates ?? [], error: out.error ?? null });
  }
  // Quick handlers (echo, timer, rating): the result goes on the stream BEFORE the POST answers
  // `pending`, to exercise the page's map of early results. The rest answer `pending` at once.
  const quick = [0, 3, 9, 10].includes(dep.id);
  const finish = (out) => push(s, { kind: "result", run: runId, updates: out.updates ?? [], error: out.error ?? null });
  if (quick) {
    const out = await result();
    finish(out);
    await sleep(20);
    return json(res, 200, { pending: runId });
  }
  if (dep.id === 7) return fail(res, 409, "the button is disabled for this session");
  json(res, 200, { pending: runId });
  finish(await result());
}

async function handle(req, res) {
  const url = new URL(req.url, "http://127.0.0.1");
  const full = url.pathname;
  if (base !== "/" && full === base.slice(0, -1)) return send(res, 308, "", { location: base });
  if (req.method === "GET" && full.startsWith("/external/")) {
    return send(res, 200, "%PDF-1.4 not really\n", { "content-type": "application/pdf", "content-disposition": disposition("manual.pdf") });
  }
  if (req.method === "GET" && full === "/docs") return send(res, 200, "<h1>Docs</h1>", { "content-type": "text/html" });
  if (full === "/favicon.ico") return send(res, 204, "");
  if (!full.startsWith(base)) return fail(res, 404, `no route for ${req.method} ${full} (the app is under ${base})`);
  const path = `/${full.slice(base.length)}`;
  if (req.method === "GET" && path === "/") return send(res, 200, shell(), { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  if (req.method === "GET" && (path === "/assets/app.js" || path === "/assets/app.css")) {
    const body = await readFile(join(assetsDir, path.slice("/assets/".length)));
    const type = path.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    return send(res, 200, body, { "content-type": type, "cache-control": "no-store" });
  }
  if (req.method === "GET" && path === "/custom/widgets.js") return send(res, 200, WIDGETS_JS, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
  if (req.method === "GET" && path === "/static/download.svg") return send(res, 200, ICON_SVG, { "content-type": "image/svg+xml" });
  if (path === "/api/session" && req.method === "POST") {
    await readBody(req);
    return json(res, 200, newSession().page.info);
  }
  if (path === "/api/run" && req.method === "POST") return run(req, res);
  const st = /^\/api\/stream\/([0-9a-f]+)$/.exec(path);
  if (st && req.method === "GET" && !legacy) {
    const s = sessions.get(st[1]);
    if (!s) return fail(res, 404, "unknown or expired session");
    return stream(req, res, s);
  }
  const upm = /^\/api\/upload\/([0-9a-f]+)\/(\d+)$/.exec(path);
  if (upm && req.method === "POST") {
    const s = sessions.get(upm[1]);
    if (!s) return fail(res, 404, "unknown or expired session: reload the page");
    if (Number(upm[2]) !== s.page.uploadId) return fail(res, 404, `component ${upm[2]} is not an upload button`);
    const files = parseMultipart(await readBody(req), req.headers["content-type"]);
    if (!files) return fail(res, 400, "not a multipart/form-data body");
    if (files.length !== 1) return fail(res, 413, "only one file may be uploaded");
    const out = files.map((f) => {
      const token = randomBytes(8).toString("hex");
      UPLOADS.set(token, f);
      return { url: `file/${s.id}/u${token}/${encodeURIComponent(f.name)}`, file_name: f.name, size: f.data.length, mime_type: "application/octet-stream" };
    });
    return json(res, 200, { files: out });
  }
  const m = /^\/file\/([0-9a-f]+|app)\/(\w+)\/[^/]*$/.exec(path);
  if (m && (req.method === "GET" || req.method === "HEAD")) {
    if (m[1] !== "app" && !sessions.has(m[1])) return send(res, 404, "not found", { "content-type": "text/plain" });
    if (m[2].startsWith("u") && UPLOADS.has(m[2].slice(1))) {
      const f = UPLOADS.get(m[2].slice(1));
      return send(res, 200, f.data, { "content-type": "application/octet-stream", "content-disposition": disposition(f.name) });
    }
    const f = FILES[m[2]];
    if (!f) return send(res, 404, "not found", { "content-type": "text/plain" });
    return send(res, 200, f.body, { "content-type": f.mime, "content-disposition": disposition(f.name), "accept-ranges": "none" });
  }
  return fail(res, 404, `no route for ${req.method} ${full}`);
}

// Updates the server starts on its own: a clock, every 3 s, to every session with a stream open.
if (!legacy) {
  setInterval(() => {
    for (const s of sessions.values()) {
      if (s.clients.size === 0) continue;
      push(s, { kind: "updates", updates: [{ id: s.page.clockId, props: { html: `<p>Server clock: ${new Date().toLocaleTimeString("en-GB")}</p>` } }] });
    }
  }, 3000);
}

const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) fail(res, 500, "mock server error");
  });
});
server.listen(port, "127.0.0.1", () => {
  actualPort = server.address().port;
  console.log(`Running on local URL:  http://127.0.0.1:${actualPort}${base}${legacy ? "  (legacy protocol)" : ""}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    // Open streams would keep the server alive: drop them (the pages then reconnect).
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
