// What every component shares: its outermost element's attributes, progress and error display.

import type { CSSProperties, ComponentChildren, HTMLAttributes } from "preact";
import { useEffect, useLayoutEffect, useReducer, useState } from "preact/hooks";
import type { Props, Visible } from "./protocol";
import { lookup } from "./registry";
import { store, type Progress, type QueueDetail } from "./state";

/** Props that every component has. */
export interface CommonProps {
  visible?: Visible;
  elem_id?: string | null;
  elem_classes?: string[];
  key?: string | null;
  scale?: number | null;
  min_width?: number | null;
}

/** What the tree renderer hands each component. */
export interface BlockProps<P extends CommonProps = CommonProps> {
  /** The node's wire type: `data-testid` and `ferry-<type>` class of the outermost element. */
  type: string;
  id: number;
  props: P;
  progress: Progress | undefined;
  error: string | undefined;
  /** The parent is a `row`: the component is a flex item. */
  inRow: boolean;
  children?: ComponentChildren;
}

/** Default minimum width, in px, of a component inside a row: its registration's, else Gradio's 160. */
function defaultMinWidth(type: string): number | null {
  const def = lookup(type);
  return def && def.minWidth !== undefined ? def.minWidth : 160;
}

/** Re-renders the caller whenever component `id` changes; returns its current state. */
export function useComponent(id: number): { props: Props; progress?: Progress; error?: string } {
  const [, force] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => store.subscribe(id, () => force(undefined)), [id]);
  return { props: store.get(id), progress: store.progressOf(id), error: store.errorOf(id) };
}

/** Joins class names, skipping empty ones. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

/**
 * Attributes of a component's outermost element: `data-testid`, `id` (from `elem_id`), classes
 * (`ferry-block`, the component's own, `elem_classes`), flex sizing in a row, `display: none`
 * for `visible: "hidden"`, and `aria-busy` while a run outputs to it.
 */
export function outer(
  b: BlockProps,
  ...classes: (string | false | null | undefined)[]
): HTMLAttributes<HTMLDivElement> {
  const p = b.props;
  const type = b.type;
  const style: CSSProperties = {};
  if (b.inRow) {
    const scale = typeof p.scale === "number" ? Math.max(0, p.scale) : 1;
    style.flex = scale === 0 ? "0 0 auto" : `${scale} 1 0%`;
    const minWidth = p.min_width ?? defaultMinWidth(type);
    if (typeof minWidth === "number") style.minWidth = `min(${minWidth}px, 100%)`;
  }
  if (p.visible === "hidden") style.display = "none";
  const extra = Array.isArray(p.elem_classes) ? p.elem_classes.filter((c) => typeof c === "string") : [];
  return {
    "data-testid": type,
    id: p.elem_id || undefined,
    class: cx("ferry-block", `ferry-${type.replace(/_/g, "-")}`, ...classes, ...extra),
    style,
    "aria-busy": b.progress ? true : undefined,
    ref: (el: HTMLDivElement | null) => store.setElement(b.id, el),
  } as HTMLAttributes<HTMLDivElement>;
}

/** The message of a failed initial value or run, shown under the component. */
export function ErrorMessage({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="ferry-error" role="alert">
      {error}
    </p>
  );
}

/** A small rotating ring; decorative (the busy state is told by `aria-busy`). */
export function Spinner() {
  return <span class="ferry-spinner" aria-hidden="true" />;
}

/** Seconds since `since`, refreshed ten times a second. */
export function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(performance.now()), 100);
    return () => window.clearInterval(t);
  }, []);
  return <span class="ferry-elapsed">{(Math.max(0, now - since) / 1000).toFixed(1)}s</span>;
}

/** A progress bar of a run's reported `fraction` (null: indeterminate), 0–100 in `aria-valuenow`. */
export function ProgressBar({ fraction, label, thin }: { fraction: number | null; label: string | null; thin?: boolean }) {
  const pct = typeof fraction === "number" && isFinite(fraction) ? Math.round(Math.min(1, Math.max(0, fraction)) * 100) : undefined;
  return (
    <span
      class={cx("ferry-bar", thin && "ferry-bar-thin", pct === undefined && "ferry-bar-indeterminate")}
      role="progressbar"
      data-testid="progress-bar"
      aria-label={label || "Progress"}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <span class="ferry-bar-fill" style={pct === undefined ? undefined : { width: `${pct}%` }} />
    </span>
  );
}

/** "| 1.3/4.0s": the time waited so far, over the estimate when there is one. */
function QueueTime({ queue }: { queue: QueueDetail }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(performance.now()), 100);
    return () => window.clearInterval(t);
  }, []);
  const waited = Math.max(0, (now - queue.since) / 1000).toFixed(1);
  const text = queue.eta === null ? `${waited}s` : `${waited}/${queue.eta.toFixed(1)}s`;
  return <span class="ferry-elapsed">| {text}</span>;
}

/**
 * Over a component that a run outputs to: a veil with spinner and time ("full"), plus the run's
 * reported progress (bar and description) once it sends some; the time only ("minimal"); a thin
 * ring and the time once a streaming handler's first item has arrived.
 */
export function ProgressOverlay({ progress }: { progress: Progress | undefined }) {
  if (!progress) return null;
  if (progress.queue && progress.mode !== "minimal") {
    const q = progress.queue;
    return (
      <div class="ferry-progress ferry-progress-full" data-testid="progress" data-state="queued">
        <span class="ferry-progress-line">
          <Spinner />
          <span class="ferry-queue" data-testid="queue-position">
            queue: {q.position}/{q.size}
          </span>
          <QueueTime queue={q} />
        </span>
      </div>
    );
  }
  if (progress.generating) {
    // A streaming handler's items keep arriving: the value stays readable.
    return (
      <div class="ferry-progress ferry-progress-generating" data-testid="progress" data-state="generating">
        <Elapsed since={progress.since} />
      </div>
    );
  }
  if (progress.mode === "minimal") {
    return (
      <div class="ferry-progress ferry-progress-minimal" data-testid="progress">
        <Elapsed since={progress.since} />
      </div>
    );
  }
  const d = progress.detail;
  return (
    <div class={cx("ferry-progress ferry-progress-full", d && "ferry-progress-detail")} data-testid="progress">
      <span class="ferry-progress-line">
        <Spinner />
        {d?.description ? (
          <span class="ferry-progress-description" data-testid="progress-description">
            {d.description}
          </span>
        ) : null}
        <Elapsed since={progress.since} />
      </span>
      {d ? <ProgressBar fraction={d.fraction} label={d.description} /> : null}
    </div>
  );
}
