// Toasts, top right: errors (role="alert"), warnings and info (role="status"); dismissible, hidden
// after a while (paused on hover/focus).

import { useEffect, useReducer, useRef } from "preact/hooks";
import type { ToastLevel } from "./protocol";

/** How long a toast stays, in milliseconds. */
export const TOAST_MS = 8000;
const MAX_TOASTS = 5;

const HEADINGS: Record<ToastLevel, string> = { info: "Info", warning: "Warning", error: "Error" };
const ICONS: Record<ToastLevel, string> = { info: "i", warning: "!", error: "!" };

interface Toast {
  id: number;
  level: ToastLevel;
  /** Shown in bold above the message; null: the level's name. */
  title: string | null;
  message: string;
  /** How many times this same message was raised while shown. */
  count: number;
  /** Bumped on a repeat so that the hide timer starts again. */
  epoch: number;
  /** How long it stays, in milliseconds; null: until it is dismissed. */
  ms: number | null;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const fn of listeners) fn();
}

/**
 * Shows `message` (plain text) in a toast. A repeat of a shown toast bumps its count.
 * `seconds`: how long it stays (`null`: until dismissed; not given: {@link TOAST_MS}).
 */
export function showToast(level: ToastLevel, message: string, title?: string | null, seconds?: number | null): void {
  const ms = seconds === null ? null : typeof seconds === "number" && seconds > 0 ? seconds * 1000 : TOAST_MS;
  const lvl: ToastLevel = level === "info" || level === "warning" ? level : "error";
  const text = message.trim() || (lvl === "error" ? "Something went wrong." : "");
  const head = title?.trim() || null;
  const same = toasts.find((t) => t.message === text && t.level === lvl && t.title === head);
  if (same) {
    toasts = toasts.map((t) => (t === same ? { ...t, count: t.count + 1, epoch: t.epoch + 1, ms } : t));
  } else {
    toasts = [...toasts, { id: nextId++, level: lvl, title: head, message: text, count: 1, epoch: 0, ms }].slice(-MAX_TOASTS);
  }
  emit();
}

/** Shows `message` in an error toast, under `title` when set, for `seconds` (see {@link showToast}). */
export function showError(message: string, title?: string | null, seconds?: number | null): void {
  showToast("error", message, title, seconds);
}

/** Removes one toast. */
export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/** The toast area; render once per page. */
export function Toasts() {
  const [, force] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const fn = () => force(undefined);
    listeners.add(fn);
    return () => void listeners.delete(fn);
  }, []);
  return (
    <div class="ferry-toasts">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const timer = useRef<number | undefined>(undefined);
  const stop = () => window.clearTimeout(timer.current);
  const start = () => {
    stop();
    if (toast.ms !== null) timer.current = window.setTimeout(() => dismissToast(toast.id), toast.ms);
  };
  useEffect(() => {
    start();
    return stop;
  }, [toast.id, toast.epoch]);

  return (
    <div
      class={`ferry-toast ferry-toast-${toast.level}`}
      role={toast.level === "error" ? "alert" : "status"}
      data-testid="toast"
      data-level={toast.level}
      data-sticky={toast.ms === null ? "true" : undefined}
      onMouseEnter={stop}
      onMouseLeave={start}
      onFocusIn={stop}
      onFocusOut={start}
    >
      <span class="ferry-toast-icon" aria-hidden="true">
        {ICONS[toast.level]}
      </span>
      <div class="ferry-toast-body">
        <strong class="ferry-toast-title">
          {toast.title ?? HEADINGS[toast.level]}
          {toast.count > 1 ? <span class="ferry-toast-count"> ×{toast.count}</span> : null}
        </strong>
        {toast.message ? <p class="ferry-toast-message">{toast.message}</p> : null}
      </div>
      <button
        type="button"
        class="ferry-toast-close"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => dismissToast(toast.id)}
      >
        ×
      </button>
    </div>
  );
}
