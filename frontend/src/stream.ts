// The session's one server→browser stream (`api/stream/<session>`, server-sent events): run
// results, streamed items, progress, toasts and updates the server started. The browser reconnects by itself
// (sending `Last-Event-ID`, so the server replays what the page missed).

import type { StreamMessage } from "./protocol";
import { store } from "./state";
import { showToast } from "./toast";

/**
 * `connecting`: not opened yet; `open`; `reconnecting`: lost, the browser retries;
 * `ended`: the server refused it after it had worked (the session is gone);
 * `unavailable`: refused before it ever opened (a server without streams): runs answer on their POST.
 */
export type StreamStatus = "connecting" | "open" | "reconnecting" | "ended" | "unavailable";

let status: StreamStatus = "connecting";
const listeners = new Set<() => void>();

export function streamStatus(): StreamStatus {
  return status;
}

/** Calls `fn` when the status changes; returns the unsubscribe. */
export function onStreamStatus(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

function setStatus(next: StreamStatus): void {
  if (status === next) return;
  status = next;
  listeners.forEach((fn) => fn());
}

function handle(msg: StreamMessage): void {
  switch (msg.kind) {
    case "result":
      store.takeResult(msg.run, {
        updates: msg.updates ?? [],
        error: msg.error ?? null,
        cancelled: msg.cancelled === true,
        page: msg.page,
      });
      break;
    case "progress":
      store.takeProgress(msg);
      break;
    case "partial":
      store.takePartial(msg);
      break;
    case "queue":
      store.takeQueue(msg);
      break;
    case "toast":
      showToast(msg.level, String(msg.message ?? ""), msg.title, msg.duration);
      break;
    case "script_status":
      store.setScriptStatus(msg.text ?? null, msg.show_time === true, msg.parent ?? null, msg.after ?? null);
      break;
    case "updates":
      store.applyUpdates(msg.updates ?? []);
      break;
    default:
      // A newer server's message: nothing to do with it.
      break;
  }
}

/** Opens the stream of `session`. */
export function openStream(session: string): void {
  if (typeof EventSource === "undefined") return setStatus("unavailable");
  const es = new EventSource(`api/stream/${encodeURIComponent(session)}`);
  let opened = false;
  es.onopen = () => {
    opened = true;
    store.streaming = true;
    setStatus("open");
  };
  es.onmessage = (e: MessageEvent) => {
    let msg: StreamMessage;
    try {
      msg = JSON.parse(String(e.data)) as StreamMessage;
    } catch {
      console.warn("ferry: a stream message that is not JSON", e.data);
      return;
    }
    if (msg && typeof msg === "object") handle(msg);
  };
  es.onerror = () => {
    if (es.readyState !== EventSource.CLOSED) return setStatus("reconnecting");
    es.close();
    if (!opened) {
      console.warn("ferry: the server refused the event stream; runs answer on their POST");
      return setStatus("unavailable");
    }
    store.end();
    setStatus("ended");
  };
}
