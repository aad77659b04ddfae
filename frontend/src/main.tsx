// Entry point: starts a session and renders the app into `#ferry-root`.

import { render } from "preact";
import { useState } from "preact/hooks";
import { ApiError, startSession, type SessionInfo } from "./api";
import { Node } from "./render";
import { store } from "./state";
import { Toasts, showError } from "./toast";

function App({ info }: { info: SessionInfo }) {
  return (
    <>
      <main class="ferry-app">
        <Node node={info.root} inRow={false} />
      </main>
      <footer class="ferry-footer">
        Built with <span class="ferry-brand">Ferry</span>
      </footer>
      <Toasts />
    </>
  );
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
  const [retrying, setRetrying] = useState(false);
  return (
    <>
      <div class="ferry-failed" data-testid="load-error">
        <h1>This app could not start</h1>
        <p role="alert">{message}</p>
        <button
          type="button"
          class="ferry-btn ferry-btn-primary ferry-btn-md"
          disabled={retrying}
          onClick={() => {
            setRetrying(true);
            window.location.reload();
          }}
        >
          <span class="ferry-btn-label">Reload</span>
        </button>
      </div>
      <Toasts />
    </>
  );
}

async function boot(root: HTMLElement): Promise<void> {
  render(<Loading />, root);
  let info: SessionInfo;
  try {
    info = await startSession();
    if (!info || typeof info.session !== "string" || !info.root) {
      throw new ApiError("The server's answer to /api/session is not a page description.", 0);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : "Unexpected error.";
    render(<Failed message={message} />, root);
    showError(message);
    return;
  }
  store.load(info);
  if (info.title) document.title = info.title;
  render(<App info={info} />, root);
}

function rootElement(): HTMLElement {
  const found = document.getElementById("ferry-root");
  if (found) return found;
  const el = document.createElement("div");
  el.id = "ferry-root";
  document.body.appendChild(el);
  return el;
}

void boot(rootElement());
