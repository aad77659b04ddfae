// Entry point: renders the page from the shell's `#ferry-page` at once (or, from an older server,
// after `api/session`), starts the session, then opens its stream.

import { Elapsed } from "./block";
import { render } from "preact";
import { useEffect, useReducer, useState } from "preact/hooks";
import { ApiError, embeddedPage, startSession } from "./api";
import { hasPublicApi, loadApiPage, wantsApiPage } from "./api_link";
import "./components/index";
import { installPublicApi } from "./custom";
import type { ComponentNode, SessionInfo } from "./protocol";
import { Node } from "./render";
import { store } from "./state";
import { onStreamStatus, openStream, streamStatus } from "./stream";
import { Toasts, showError } from "./toast";

/** The layout tree the store holds, re-rendered when a script app's rerun replaces it. */
function useTree(): ComponentNode | null {
  const [, force] = useReducer((n: number) => n + 1, 0);
  useEffect(() => store.onTree(() => force(undefined)), []);
  return store.root();
}

/** A script app's rerun in progress (shown after a moment, as Streamlit's), with its stop control. */
function ScriptRunning() {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const [shown, setShown] = useState(false);
  useEffect(() => store.onBusy(() => force(undefined)), []);
  const status = store.scriptStatus();
  const running = store.scriptRunning() || status !== null;
  useEffect(() => {
    if (!running) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), 250);
    return () => clearTimeout(timer);
  }, [running]);
  // A spinner or status the script shows is shown at once; a plain rerun after a moment.
  if (!running || (!shown && status === null)) return null;
  return (
    <div class="ferry-running" data-testid="script-running" role="status">
      <span class="ferry-spinner" aria-hidden="true" />
      {status !== null && !store.statusInPlace() ? (
        <>
          <span data-testid="script-status">{status.text}</span>
          {status.showTime ? <Elapsed since={status.since} /> : null}
        </>
      ) : (
        <span>Running…</span>
      )}
      <button type="button" class="ferry-running-stop" onClick={() => void store.stopScript()}>
        Stop
      </button>
    </div>
  );
}

function App({ api }: { api: boolean }) {
  const root = useTree();
  return (
    <>
      <SessionStatus />
      <ScriptRunning />
      <main class="ferry-app">{root && <Node node={root} inRow={false} />}</main>
      <footer class="ferry-footer">
        {api && (
          <>
            <a href="?view=api" class="ferry-api-link" data-testid="api-link">
              Use via API
            </a>
            <span aria-hidden="true"> · </span>
          </>
        )}
        Built with <span class="ferry-brand">Ferry</span>
      </footer>
      <Toasts />
    </>
  );
}

function ReloadButton() {
  const [reloading, setReloading] = useState(false);
  return (
    <button
      type="button"
      class="ferry-btn ferry-btn-primary ferry-btn-md"
      disabled={reloading}
      onClick={() => {
        setReloading(true);
        window.location.reload();
      }}
    >
      <span class="ferry-btn-label">Reload</span>
    </button>
  );
}

/** A banner when the session has ended (its stream answered 404); a quiet note while reconnecting. */
function SessionStatus() {
  const [, force] = useReducer((n: number) => n + 1, 0);
  useEffect(() => onStreamStatus(() => force(undefined)), []);
  const status = streamStatus();
  if (status === "ended") {
    return (
      <div class="ferry-session-ended" data-testid="session-ended" role="alert">
        <p>This session has ended. Reload the page to start a new one.</p>
        <ReloadButton />
      </div>
    );
  }
  if (status === "reconnecting") {
    return (
      <div class="ferry-reconnecting" data-testid="reconnecting" role="status">
        <span class="ferry-spinner" aria-hidden="true" />
        Reconnecting…
      </div>
    );
  }
  return null;
}

function Loading() {
  return (
    <div class="ferry-loading" role="status">
      <span class="ferry-spinner" aria-hidden="true" />
      <span>Loading…</span>
    </div>
  );
}

function Failed({ message }: { message: string }) {
  return (
    <>
      <div class="ferry-failed" data-testid="load-error">
        <h1>This app could not start</h1>
        <p role="alert">{message}</p>
        <ReloadButton />
      </div>
      <Toasts />
    </>
  );
}

async function boot(root: HTMLElement): Promise<void> {
  const page = embeddedPage();
  // The server drew the declared page as plain HTML for the first paint; the app replaces it.
  root.replaceChildren();
  if (wantsApiPage() && loadApiPage()) {
    // The API page is a script of its own, which draws itself; it needs no session.
    return;
  }
  if (page) {
    // First paint without a round trip; events wait for the session.
    store.loadPage(page);
    if (page.title) document.title = page.title;
    render(<App api={hasPublicApi(page.dependencies)} />, root);
  } else {
    render(<Loading />, root);
  }
  let info: SessionInfo;
  try {
    info = await startSession();
    if (!info || typeof info.session !== "string" || !info.root) {
      throw new ApiError("The server's answer to api/session is not a page description.", 0);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : "Unexpected error.";
    render(<Failed message={message} />, root);
    showError(message);
    return;
  }
  store.load(info);
  if (info.title) document.title = info.title;
  if (!page) render(<App api={hasPublicApi(info.dependencies)} />, root);
  openStream(info.session);
}

function rootElement(): HTMLElement {
  const found = document.getElementById("ferry-root");
  if (found) return found;
  const el = document.createElement("div");
  el.id = "ferry-root";
  document.body.appendChild(el);
  return el;
}

let booted = false;
function start(): void {
  if (booted) return;
  booted = true;
  void boot(rootElement());
}

// Before any app script (module scripts after the bundle) calls `window.ferry.register`.
installPublicApi();
// A deferred download button's file still being made when the page closes: its run is cancelled.
// The runs are taken at `beforeunload` (the browser closes the stream, ending every wait, before
// `pagehide`), or at `pagehide` where `beforeunload` never fires.
let leave: (() => void) | null = null;
window.addEventListener("beforeunload", () => {
  leave = store.leaving("prepare", "cancel");
});
window.addEventListener("pagehide", () => {
  (leave ?? store.leaving("prepare", "cancel"))();
  leave = null;
});
// Module scripts run before DOMContentLoaded: boot once every one of them has run.
if (document.readyState === "complete") start();
else {
  document.addEventListener("DOMContentLoaded", start);
  window.addEventListener("load", start);
}
