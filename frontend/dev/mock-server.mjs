// A stand-in for Ferry's server, to work on the front end alone (see docs/protocol.md).
//
//   node dev/mock-server.mjs [--port N]     (default 7861; 0 picks a free port)
//
// Serves the built ../assets/ and a page with every component kind, answers /api/session and
// /api/run like the real server (including its 4xx errors), and serves /file/... downloads.
// Listens on 127.0.0.1 only.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";

const here = dirname(fileURLToPath(import.meta.url));
const assetsDir = resolve(here, "..", "..", "assets");
const argPort = process.argv.indexOf("--port");
const port = Number(argPort >= 0 ? process.argv[argPort + 1] : process.env.PORT ?? 7861);

const FILES = {
  report: { name: "report.csv", mime: "text/csv", body: "id,name,score\n1,Ada,98\n2,Linus,91\n3,Grace,99\n" },
  resume: { name: "résumé 2024 \"final\".txt", mime: "text/plain; charset=utf-8", body: "Ferry handles any file name. ✓\n" },
  big: { name: "numbers.txt", mime: "text/plain", body: Array.from({ length: 20000 }, (_, i) => `${i}`).join("\n") },
  generated: { name: "generated.json", mime: "application/json", body: '{"generated": true}\n' },
};

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 4v11"/><path d="m7 10 5 5 5-5"/><path d="M5 20h14"/></svg>';

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fileValue(session, key) {
  const f = FILES[key];
  return {
    url: `/file/${session}/${key}/${encodeURIComponent(f.name)}`,
    file_name: f.name,
    size: Buffer.byteLength(f.body),
    mime_type: f.mime.split(";")[0],
  };
}

/** The gallery page: every component kind, variants, sizes, visibility and errors. */
function page(session) {
  let next = 0;
  const id = () => next++;
  const node = (type, props, children) => ({ type, id: id(), props, ...(children ? { children } : {}) });
  const common = (p = {}) => ({ visible: true, elem_id: null, elem_classes: [], key: null, scale: null, min_width: null, ...p });
  const btn = (value, p = {}) => node("button", common({ value, variant: "secondary", size: "lg", icon: null, interactive: true, link: null, ...p }));
  const dl = (label, value, p = {}) => node("download_button", common({ label, value, variant: "secondary", size: "lg", icon: null, interactive: true, ...p }));
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
  const dlReport = dl("Download report.csv", fileValue(session, "report"), { variant: "primary", icon: { url: "/static/download.svg" }, elem_id: "report-download", elem_classes: ["report"] });
  const dlResume = dl("Download résumé", fileValue(session, "resume"));
  const dlBig = dl("Download numbers.txt", fileValue(session, "big"), { variant: "stop" });
  const rowDownloads = row([dlReport, dlResume, dlBig]);
  const dlSm = dl("Small", fileValue(session, "report"), { size: "sm", variant: "primary" });
  const dlMd = dl("Medium", fileValue(session, "report"), { size: "md" });
  const dlOff = dl("Not allowed", fileValue(session, "report"), { size: "md", interactive: false, variant: "primary" });
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
  const hf = btn("Hugging Face", { variant: "huggingface", size: "md" });
  const rowActions = row([generate, dlGenerated, fail], { variant: "panel" });
  const rowMore = row([docs, hf, btn("Disabled", { interactive: false, size: "md" })]);

  const heading3 = md("<h2>Layout and errors</h2>");
  const missing = dl("Download data.csv", null, { variant: "primary" });
  const left = col([md("<p>A column with <code>scale: 2</code>. Its neighbour has a missing file.</p><ul><li>one</li><li>two</li></ul>"), tb({ label: "Notes", lines: 2, placeholder: "Write here…" })], { scale: 2 });
  const right = col([missing, md("<blockquote>This button's initial value failed.</blockquote>")], { scale: 1, min_width: 220 });
  const rowLayout = row([left, right], { equal_height: true });
  const ticks = md("<p>Timer ticks: 0</p>");
  const timer = node("timer", common({ value: 2, active: true }));
  const hiddenDl = dl("Hidden (display: none)", fileValue(session, "report"), { visible: "hidden", elem_id: "hidden-download" });
  const goneMd = md("<p>Not rendered</p>", { visible: false, elem_id: "gone" });
  const table = md("<table><thead><tr><th>Source</th><th>Memory</th></tr></thead><tbody><tr><td>path</td><td>constant</td></tr><tr><td>bytes</td><td>once</td></tr></tbody></table><pre><code>cargo run --example gallery</code></pre>");

  root.children = [intro, rowDownloads, rowSizes, heading2, form, echo, rowActions, rowMore, heading3, rowLayout, ticks, timer, hiddenDl, goneMd, table];

  const deps = [
    { id: 0, triggers: [[name.id, "change"], [message.id, "change"]], inputs: [name.id, message.id], outputs: [echo.id], trigger_mode: "always_last", show_progress: "hidden", scroll_to_output: false, api_name: "echo" },
    { id: 1, triggers: [[generate.id, "click"], [name.id, "submit"]], inputs: [name.id], outputs: [dlGenerated.id, echo.id], trigger_mode: "once", show_progress: "full", scroll_to_output: false, api_name: "generate" },
    { id: 2, triggers: [[fail.id, "click"]], inputs: [], outputs: [echo.id], trigger_mode: "once", show_progress: "full", scroll_to_output: false, api_name: "fail" },
    { id: 3, triggers: [[timer.id, "tick"]], inputs: [], outputs: [ticks.id], trigger_mode: "once", show_progress: "hidden", scroll_to_output: false, api_name: null },
    { id: 4, triggers: [[dlGenerated.id, "click"], [dlReport.id, "click"]], inputs: [dlGenerated.id], outputs: [echo.id], trigger_mode: "multiple", show_progress: "minimal", scroll_to_output: false, api_name: null },
  ];
  const handlers = {
    0: ([n, m]) => ({ updates: [{ id: echo.id, props: { html: `<p>Hello <strong>${escapeHtml(n || "stranger")}</strong> — ${escapeHtml(m.length)} characters of message.</p>` } }] }),
    1: async ([n]) => {
      await sleep(1500);
      const fname = `${(n || "generated").trim() || "generated"}.json`;
      FILES.generated.name = fname;
      return {
        updates: [
          { id: dlGenerated.id, props: { label: `Download ${fname}`, value: fileValue(session, "generated"), variant: "primary" } },
          { id: echo.id, props: { html: `<p>Generated <code>${escapeHtml(fname)}</code>.</p>` } },
        ],
      };
    },
    2: async () => {
      await sleep(400);
      return { updates: [], error: { message: "ValueError: the handler failed on purpose (this is the mock server).", component: fail.id } };
    },
    3: () => ({ updates: [{ id: ticks.id, props: { html: `<p>Timer ticks: ${++tickCount}</p>` } }] }),
    4: async ([v]) => {
      await sleep(300);
      return { updates: [{ id: echo.id, props: { html: `<p>Clicked a download button (value: <code>${escapeHtml(v ? v.file_name : "null")}</code>).</p>` } }] };
    },
  };
  let tickCount = 0;
  const errors = [{ component: missing.id, message: "file not found: data.csv" }];
  return { info: { session, title: "Ferry gallery", root, dependencies: deps, errors }, handlers, deps };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sessions = new Map();
let actualPort = port;

function send(res, status, body, headers = {}) {
  const data = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { "content-length": Buffer.byteLength(data), "x-content-type-options": "nosniff", ...headers });
  res.end(res.req.method === "HEAD" ? undefined : data);
}
const json = (res, status, body) => send(res, status, body, { "content-type": "application/json" });
const fail = (res, status, error) => json(res, status, { error });

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
}

function disposition(name) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\/]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ferry</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<div id="ferry-root"></div>
<script type="module" src="/assets/app.js"></script>
</body>
</html>
`;

async function handle(req, res) {
  const url = new URL(req.url, "http://127.0.0.1");
  const path = url.pathname;
  if (req.method === "GET" && path === "/") return send(res, 200, SHELL, { "content-type": "text/html; charset=utf-8" });
  if (req.method === "GET" && (path === "/assets/app.js" || path === "/assets/app.css")) {
    const body = await readFile(join(assetsDir, path.slice("/assets/".length)));
    const type = path.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    return send(res, 200, body, { "content-type": type, "cache-control": "no-store" });
  }
  if (req.method === "GET" && path === "/static/download.svg") return send(res, 200, ICON_SVG, { "content-type": "image/svg+xml" });
  if (path === "/api/session" && req.method === "POST") {
    const session = randomBytes(16).toString("hex");
    const p = page(session);
    sessions.set(session, p);
    return json(res, 200, p.info);
  }
  if (path === "/api/run" && req.method === "POST") {
    let body;
    try {
      body = await readJson(req);
    } catch {
      return fail(res, 400, "malformed JSON body");
    }
    const s = sessions.get(body?.session);
    if (!s) return fail(res, 404, "unknown or expired session: reload the page");
    const dep = s.deps.find((d) => d.id === body.dependency);
    if (!dep) return fail(res, 404, `unknown dependency ${body.dependency}`);
    if (!Array.isArray(body.data) || body.data.length !== dep.inputs.length) {
      return fail(res, 400, `dependency ${dep.id} takes ${dep.inputs.length} inputs, got ${body.data?.length}`);
    }
    const t = body.trigger;
    if (!dep.triggers.some(([i, e]) => Array.isArray(t) && i === t[0] && e === t[1])) return fail(res, 409, `trigger ${JSON.stringify(t)} is not a trigger of dependency ${dep.id}`);
    const out = await s.handlers[dep.id](body.data);
    return json(res, 200, { updates: out.updates ?? [], error: out.error ?? null });
  }
  const m = /^\/file\/([0-9a-f]+|app)\/(\w+)\/[^/]*$/.exec(path);
  if (m && (req.method === "GET" || req.method === "HEAD")) {
    if ((m[1] !== "app" && !sessions.has(m[1])) || !FILES[m[2]]) return fail(res, 404, "no such file");
    const f = FILES[m[2]];
    return send(res, 200, f.body, { "content-type": f.mime, "content-disposition": disposition(f.name), "accept-ranges": "none" });
  }
  if (req.method === "GET" && path.startsWith("/external/")) {
    return send(res, 200, "%PDF-1.4 not really\n", { "content-type": "application/pdf", "content-disposition": disposition("manual.pdf") });
  }
  if (path === "/favicon.ico") return send(res, 204, "");
  if (req.method === "GET" && path === "/docs") return send(res, 200, "<h1>Docs</h1>", { "content-type": "text/html" });
  return fail(res, 404, `no route for ${req.method} ${path}`);
}

const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) fail(res, 500, "mock server error");
  });
});
server.listen(port, "127.0.0.1", () => {
  actualPort = server.address().port;
  console.log(`Running on local URL:  http://127.0.0.1:${actualPort}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
