// The page's state: component props, per-component progress and errors, and event dispatch.
//
// The layout tree never changes shape after `/api/session`; only props do. Each rendered
// component subscribes to its own id, so an update re-renders just what it touches.

import {
  ApiError,
  run,
  type ComponentNode,
  type ComponentType,
  type Dependency,
  type EventName,
  type Props,
  type SessionInfo,
  type ShowProgress,
  type Trigger,
  type TriggerMode,
  type Update,
} from "./api";
import { showError } from "./toast";

/** A run in flight that outputs to a component. */
export interface Progress {
  /** `"full"` wins when runs with different modes overlap. */
  mode: Exclude<ShowProgress, "hidden">;
  /** `performance.now()` when the oldest of the overlapping runs started. */
  since: number;
  count: number;
}

interface DepState {
  pending: number;
  queued: Trigger | null;
}

type Listener = () => void;

/** Gradio's defaults: `change`/`input` keep only the last trigger, every other event runs once. */
export function defaultTriggerMode(event: EventName): TriggerMode {
  return event === "change" || event === "input" ? "always_last" : "once";
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return `Unexpected error: ${err.message}`;
  return "Unexpected error.";
}

export class Store {
  session = "";
  private readonly props = new Map<number, Props>();
  private readonly types = new Map<number, ComponentType>();
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly byTrigger = new Map<string, Dependency[]>();
  private readonly deps = new Map<number, DepState>();
  private readonly progress = new Map<number, Progress>();
  private readonly errors = new Map<number, string>();
  private readonly elements = new Map<number, HTMLElement>();
  /** Per output component: runs in flight or queued that output to it, whatever `show_progress`. */
  private readonly pendingOut = new Map<number, number>();
  private readonly settleWaiters = new Map<number, (() => void)[]>();

  /** Takes in the answer of `/api/session`. */
  load(info: SessionInfo): void {
    this.session = info.session;
    const walk = (node: ComponentNode) => {
      this.props.set(node.id, { ...node.props });
      this.types.set(node.id, node.type);
      node.children?.forEach(walk);
    };
    walk(info.root);
    for (const dep of info.dependencies) {
      for (const [id, event] of dep.triggers) {
        const key = `${id}:${event}`;
        const list = this.byTrigger.get(key);
        if (list) list.push(dep);
        else this.byTrigger.set(key, [dep]);
      }
    }
    for (const e of info.errors ?? []) this.errors.set(e.component, e.message);
  }

  get(id: number): Props {
    return this.props.get(id) ?? {};
  }

  progressOf(id: number): Progress | undefined {
    return this.progress.get(id);
  }

  errorOf(id: number): string | undefined {
    return this.errors.get(id);
  }

  /** Shows (or with `undefined` clears) a message under component `id`. */
  setError(id: number, message: string | undefined): void {
    if (message === undefined) this.errors.delete(id);
    else this.errors.set(id, message);
    this.notify(id);
  }

  /** Whether a run that outputs to component `id` is in flight or queued. */
  isPending(id: number): boolean {
    return (this.pendingOut.get(id) ?? 0) > 0;
  }

  /**
   * Calls `fn` once no run that outputs to component `id` is pending: now, or right after the last
   * one has applied its updates (and fired their `change`s).
   */
  whenSettled(id: number, fn: () => void): void {
    if (!this.isPending(id)) return fn();
    const list = this.settleWaiters.get(id);
    if (list) list.push(fn);
    else this.settleWaiters.set(id, [fn]);
  }

  private holdOutputs(ids: number[]): void {
    for (const id of ids) this.pendingOut.set(id, (this.pendingOut.get(id) ?? 0) + 1);
  }

  private releaseOutputs(ids: number[]): void {
    for (const id of ids) {
      const n = (this.pendingOut.get(id) ?? 1) - 1;
      if (n > 0) {
        this.pendingOut.set(id, n);
        continue;
      }
      this.pendingOut.delete(id);
      const waiters = this.settleWaiters.get(id);
      this.settleWaiters.delete(id);
      waiters?.forEach((fn) => fn());
    }
  }

  /** Calls `fn` whenever anything about component `id` changes; returns the unsubscribe. */
  subscribe(id: number, fn: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(fn);
    return () => void set.delete(fn);
  }

  /** Remembers the outermost DOM element of a component (for `scroll_to_output`). */
  setElement(id: number, el: HTMLElement | null): void {
    if (el) this.elements.set(id, el);
    else this.elements.delete(id);
  }

  private notify(id: number): void {
    this.listeners.get(id)?.forEach((fn) => fn());
  }

  /** Merges `patch` into a component's props; fires `change` when its `value` changed. */
  update(id: number, patch: Props): void {
    this.applyUpdates([{ id, props: patch }]);
  }

  /** The user edited a value (typing): stores it, then fires `input` and `change`. */
  userInput(id: number, value: unknown): void {
    const old = this.props.get(id);
    if (!old || sameValue(old.value, value)) return;
    this.props.set(id, { ...old, value });
    this.notify(id);
    this.fire(id, "input");
    this.fire(id, "change");
  }

  /** Fires event `event` of component `id`: runs every dependency it triggers. */
  fire(id: number, event: EventName): void {
    for (const dep of this.byTrigger.get(`${id}:${event}`) ?? []) this.dispatch(dep, [id, event]);
  }

  private dispatch(dep: Dependency, trigger: Trigger): void {
    let st = this.deps.get(dep.id);
    if (!st) this.deps.set(dep.id, (st = { pending: 0, queued: null }));
    const mode = dep.trigger_mode ?? defaultTriggerMode(trigger[1]);
    if (st.pending > 0 && mode !== "multiple") {
      if (mode === "always_last") st.queued = trigger;
      return;
    }
    void this.execute(dep, st, trigger);
  }

  private async execute(dep: Dependency, st: DepState, trigger: Trigger): Promise<void> {
    st.pending++;
    this.holdOutputs(dep.outputs);
    const show = dep.show_progress ?? "full";
    if (show !== "hidden") dep.outputs.forEach((id) => this.startProgress(id, show));
    let ok = false;
    try {
      const data = dep.inputs.map((id) => this.get(id).value ?? null);
      const res = await run({ session: this.session, dependency: dep.id, trigger, data });
      this.applyUpdates(res.updates ?? []);
      if (res.error) {
        showError(res.error.message);
        const at = res.error.component;
        if (at !== null && at !== undefined && this.props.has(at)) {
          this.errors.set(at, res.error.message);
          this.notify(at);
        }
      } else {
        ok = true;
      }
    } catch (err) {
      showError(messageOf(err));
    } finally {
      if (show !== "hidden") dep.outputs.forEach((id) => this.stopProgress(id));
      st.pending--;
    }
    if (ok && dep.scroll_to_output && dep.outputs.length > 0) this.scrollTo(dep.outputs[0]!);
    if (st.pending === 0 && st.queued) {
      const next = st.queued;
      st.queued = null;
      this.dispatch(dep, next);
    }
    // After the queued trigger (if any) has taken over: its outputs never look settled in between.
    this.releaseOutputs(dep.outputs);
  }

  private applyUpdates(updates: Update[]): void {
    // Store every prop first, then fire `change`s, so chained dependencies read fresh inputs.
    const changed: number[] = [];
    for (const u of updates) {
      const old = this.props.get(u.id);
      if (!old || !u.props) continue;
      this.props.set(u.id, { ...old, ...u.props });
      this.errors.delete(u.id);
      if ("value" in u.props && !sameValue(old.value, u.props.value)) changed.push(u.id);
      this.notify(u.id);
    }
    changed.forEach((id) => this.fire(id, "change"));
  }

  private startProgress(id: number, mode: Progress["mode"]): void {
    const cur = this.progress.get(id);
    if (cur) {
      cur.count++;
      if (mode === "full") cur.mode = "full";
    } else {
      this.progress.set(id, { mode, since: performance.now(), count: 1 });
    }
    this.notify(id);
  }

  private stopProgress(id: number): void {
    const cur = this.progress.get(id);
    if (!cur) return;
    if (--cur.count <= 0) this.progress.delete(id);
    this.notify(id);
  }

  private scrollTo(id: number): void {
    // After Preact has painted the update.
    requestAnimationFrame(() => {
      const el = this.elements.get(id);
      if (el && el.isConnected) el.scrollIntoView({ behavior: "smooth", block: "nearest" });
    });
  }
}

/** The page's one store. */
export const store = new Store();
