// What every component shares: its outermost element's attributes, progress and error display.

import type { CSSProperties, ComponentChildren, HTMLAttributes } from "preact";
import { useEffect, useLayoutEffect, useReducer, useState } from "preact/hooks";
import type { CommonProps, ComponentType, Props } from "./api";
import { store, type Progress } from "./state";

/** What the tree renderer hands each component. */
export interface BlockProps<P extends CommonProps = CommonProps> {
  id: number;
  props: P;
  progress: Progress | undefined;
  error: string | undefined;
  /** The parent is a `row`: the component is a flex item. */
  inRow: boolean;
  children?: ComponentChildren;
}

/** Default minimum width, in px, of a component inside a row (Gradio's: 160, a column 320, a row none). */
function defaultMinWidth(type: ComponentType): number | null {
  return type === "row" ? null : type === "column" ? 320 : 160;
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
  type: ComponentType,
  b: BlockProps,
  ...classes: (string | false | null | undefined)[]
): HTMLAttributes<HTMLDivElement> {
  const p = b.props;
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
    class: cx("ferry-block", `ferry-${type.replace("_", "-")}`, ...classes, ...extra),
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

/** Over a component that a run outputs to: a veil with spinner and time ("full") or the time only ("minimal"). */
export function ProgressOverlay({ progress }: { progress: Progress | undefined }) {
  if (!progress) return null;
  if (progress.mode === "minimal") {
    return (
      <div class="ferry-progress ferry-progress-minimal" data-testid="progress">
        <Elapsed since={progress.since} />
      </div>
    );
  }
  return (
    <div class="ferry-progress ferry-progress-full" data-testid="progress">
      <Spinner />
      <Elapsed since={progress.since} />
    </div>
  );
}
