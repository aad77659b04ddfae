// Error toasts, top right: role="alert", dismissible, hidden after a while (paused on hover/focus).

import { useEffect, useReducer, useRef } from "preact/hooks";

/** How long a toast stays, in milliseconds. */
export const TOAST_MS = 8000;
const MAX_TOASTS = 5;

interface Toast {
  id: number;
  message: string;
  /** How many times this same message was raised while shown. */
  count: number;
  /** Bumped on a repeat so that the hide timer starts again. */
  epoch: number;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const fn of listeners) fn();
}

/** Shows `message` (plain text) in an error toast. A repeat of a shown message bumps its count. */
export function showError(message: string): void {
  const text = message.trim() || "Something went wrong.";
  const same = toasts.find((t) => t.message === text);
  if (same) {
    toasts = toasts.map((t) => (t === same ? { ...t, count: t.count + 1, epoch: t.epoch + 1 } : t));
  } else {
    toasts = [...toasts, { id: nextId++, message: text, count: 1, epoch: 0 }].slice(-MAX_TOASTS);
  }
  emit();
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
    timer.current = window.setTimeout(() => dismissToast(toast.id), TOAST_MS);
  };
  useEffect(() => {
    start();
    return stop;
  }, [toast.id, toast.epoch]);

  return (
    <div
      class="ferry-toast"
      role="alert"
      data-testid="toast"
      onMouseEnter={stop}
      onMouseLeave={start}
      onFocusIn={stop}
      onFocusOut={start}
    >
      <span class="ferry-toast-icon" aria-hidden="true">
        !
      </span>
      <div class="ferry-toast-body">
        <strong class="ferry-toast-title">
          Error{toast.count > 1 ? <span class="ferry-toast-count"> ×{toast.count}</span> : null}
        </strong>
        <p class="ferry-toast-message">{toast.message}</p>
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
