// Starts an already built example binary on 127.0.0.1 with a free port, and stops it.
//
// Builds nothing: scripts/e2e.sh runs `cargo build --release --example download_gallery
// --example upload_and_download --example upload_gallery` first. The binaries are looked up
// where cargo put them: `$CARGO_TARGET_DIR/release/examples/` when CARGO_TARGET_DIR is set
// (a relative one counts from the repository root, where scripts/e2e.sh runs cargo), else
// `target/release/examples/`. The gallery is `download_gallery` unless FERRY_E2E_BIN names another;
// `startServer({ bin: UPLOAD_BIN })` runs the upload demo (FERRY_E2E_UPLOAD_BIN names another),
// `startServer({ bin: UPLOAD_GALLERY_BIN })` the upload gallery (FERRY_E2E_UPLOAD_GALLERY_BIN).

import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (e2e/lib/ → ../..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where screenshots go: e2e/test-results (ignored by git), made when missing. */
export const SCREENSHOTS = resolve(ROOT, "e2e/test-results");
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * The path of the release build of example `name`: under `$CARGO_TARGET_DIR` when that is set
 * and not empty (relative to the repository root when relative), else under `target/`.
 * `env` defaults to `process.env`.
 */
export function binPath(name, env = process.env) {
  const targetDir = env.CARGO_TARGET_DIR ? resolve(ROOT, env.CARGO_TARGET_DIR) : resolve(ROOT, "target");
  return resolve(targetDir, "release", "examples", name);
}

/** The gallery binary the tests run (examples/download_gallery.rs). */
export const DEFAULT_BIN = binPath("download_gallery");

/** Gradio's upload_and_download demo (examples/upload_and_download.rs). */
export const UPLOAD_BIN = process.env.FERRY_E2E_UPLOAD_BIN || binPath("upload_and_download");

/** Every UploadButton feature on one page (examples/upload_gallery.rs). */
export const UPLOAD_GALLERY_BIN = process.env.FERRY_E2E_UPLOAD_GALLERY_BIN || binPath("upload_gallery");

/** What startServer says when `bin` is not there: the path it looked at, and how to build it. */
export function missingBinMessage(bin) {
  return `${bin} does not exist: build it first (scripts/e2e.sh runs cargo build --release --example download_gallery --example upload_and_download --example upload_gallery; binaries are looked up under $CARGO_TARGET_DIR/release/examples/ when CARGO_TARGET_DIR is set, else target/release/examples/)`;
}

const READY = /Running on local URL:\s+(http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** Every server still running, killed if the test process exits without stopping them. */
const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Starts the example binary (`FERRY_E2E_BIN`, or the gallery) with `FERRY_SERVER_PORT=0` and waits
 * for its `Running on local URL:  http://127.0.0.1:PORT` line.
 *
 * Returns `{ url, output(), stop() }`: `url` without a trailing slash, `output()` what the server
 * printed so far (stdout and stderr), `stop()` sends Ctrl-C (SIGINT), then SIGKILL after 5 s.
 */
export async function startServer({ bin = process.env.FERRY_E2E_BIN || DEFAULT_BIN, env = {} } = {}) {
  if (!existsSync(bin)) {
    throw new Error(missingBinMessage(bin));
  }
  const child = spawn(bin, [], {
    cwd: ROOT,
    env: { ...process.env, FERRY_SERVER_NAME: "127.0.0.1", FERRY_SERVER_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let log = "";
  const exited = new Promise((resolveExit) => child.once("exit", (code, signal) => resolveExit({ code, signal })));
  exited.then(() => running.delete(child));

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${bin} printed no "Running on local URL" line within ${START_TIMEOUT_MS / 1000} s:\n${log}`));
    }, START_TIMEOUT_MS);
    let stdoutBuf = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      log += chunk;
      stdoutBuf += chunk;
      const m = READY.exec(stdoutBuf);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.stderr.on("data", (chunk) => {
      log += chunk;
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited (code ${code}, signal ${signal}) before it was ready:\n${log}`));
    });
  });

  return {
    url,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
