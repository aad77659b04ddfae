// The page's state: component props, per-component progress and errors, and event dispatch.
//
// The layout tree never changes shape after it is loaded (from the shell's `#ferry-page` or the
// `api/session` answer); only props do. Each rendered component subscribes to its own id, so an
// update re-renders just what it touches. Until the session is known, events wait in a queue.

import { ApiError, run, runOnLeave } from "./api";
import { fileOf, startDownload } from "./download";
import { lookup } from "./registry";
import type {
  ComponentNode,
  Dependency,
  FileValue,
  PageDescription,
  Props,
  RunRequest,
  RunResult,
  SessionInfo,
  ShowProgress,
  StreamPartial,
  StreamProgress,
  StreamQueue,
  Trigger,
  Update,
} from "./protocol";
import { showError } from "./toast";

/** What a running handler last reported (stream `progress` messages). */
export interface ProgressDetail {
  dependency: number;
  fraction: number | null;
  description: string | null;
}

/** A run in flight that outputs to a component. */
export interface Progress {
  /** `"full"` wins when runs with different modes overlap. */
  mode: Exclude<ShowProgress, "hidden">;
  /** `performance.now()` when the oldest of the overlapping runs started. */
  since: number;
  count: number;
  /** Set by a `progress` message of a `"full"` dependency; cleared when its run ends. */
  detail?: ProgressDetail;
  /** A streaming handler's items are arriving: the output stays readable under a thin ring. */
  generating?: boolean;
  /** The run waits in its group's queue. */
  queue?: QueueDetail;
}

/** Where a waiting run is in its queue (stream `queue` messages). */
export interface QueueDetail {
  position: number;
  size: number;
  /** Seconds from `since` until it will have run; null: not known yet. */
  eta: number | null;
  /** `performance.now()` when the estimate was given. */
  since: number;
}

/** `[component id, event name]`; a custom component may fire any event name. */
type AnyTrigger = [number, string];

interface DepState {
  pending: number;
  queued: AnyTrigger | null;
}

type Listener = () => void;

/** How many events wait for the session at most, and stream results for a run not yet known. */
const MAX_WAITING = 100;

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

/** What a script's rerun says it is doing, and where (see `Store.setScriptStatus`). */
export interface ScriptStatus {
  text: string;
  showTime: boolean;
  since: number;
  parent: number | null;
  after: number | null;
}

export class Store {
  session = "";
  /** The session is known: events run (before, they wait in `queue`). */
  ready = false;
  /** The session is gone (its stream answered 404): no more events are sent. */
  ended = false;
  /** The session's stream has opened at least once: runs may answer `{"pending": run}`. */
  streaming = false;
  private readonly props = new Map<number, Props>();
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly byTrigger = new Map<string, Dependency[]>();
  private readonly depById = new Map<number, Dependency>();
  /** Per event: its `js` function, from the app's events script. */
  private readonly jsFns = new Map<number, (...args: unknown[]) => unknown>();
  /** Per event: the chained events that follow it. */
  private readonly followers = new Map<number, Dependency[]>();
  private readonly deps = new Map<number, DepState>();
  private readonly progress = new Map<number, Progress>();
  private readonly errors = new Map<number, string>();
  /** Each component's wire type, for the prop that holds its value. */
  private readonly kinds = new Map<number, string>();
  /** A script app's props as the server last sent them: a `kept` node of a rerun keeps these. */
  private readonly serverProps = new Map<number, Props>();
  /** A script app's drawing of the page shown (`PageDescription.seq`; 0: none). */
  private seq = 0;
  /** The layout tree drawn; a script app's rerun replaces it. */
  private tree: ComponentNode | null = null;
  private readonly treeListeners = new Set<Listener>();
  /** Components the user edited since the last run was sent: a new page keeps their value. */
  private readonly editedSince = new Set<number>();
  /** A script app's page: runs redraw it, and the page shows while one runs. */
  private script = false;
  private scriptRuns = 0;
  private afterReruns: (() => void)[] = [];
  private readonly busyListeners = new Set<Listener>();
  private readonly elements = new Map<number, HTMLElement>();
  /** Per output component: runs in flight or queued that output to it, whatever `show_progress`. */
  private readonly pendingOut = new Map<number, number>();
  private readonly settleWaiters = new Map<number, (() => void)[]>();
  /** Events fired before the session was known. */
  private queue: AnyTrigger[] = [];
  private readyWaiters: (() => void)[] = [];
  /** Components the user edited before the session was known: the session answer keeps their value. */
  private readonly editedEarly = new Set<number>();
  /** Stream results that arrived before their POST answered `{"pending": run}`. */
  private readonly early = new Map<number, RunResult>();
  /** Per component: the files downloaded while runs that output to it were pending (a click that joined a run downloads once). */
  private readonly downloaded = new Map<number, Set<string>>();
  /** Runs whose POST answered `{"pending": run}`, waiting for their stream result (null: the session ended). */
  private readonly awaiting = new Map<number, (r: RunResult | null) => void>();

  /** Takes in the page as declared (the shell's `#ferry-page`): renders at once, events wait for the session. */
  loadPage(page: PageDescription): void {
    const walk = (node: ComponentNode) => {
      this.props.set(node.id, { ...node.props });
      this.serverProps.set(node.id, node.props);
      this.kinds.set(node.id, node.type);
      node.children?.forEach(walk);
    };
    walk(page.root);
    this.seq = page.seq ?? 0;
    this.index(page.dependencies ?? []);
    this.errors.clear();
    for (const e of page.errors ?? []) this.errors.set(e.component, e.message);
    this.setTree(page.root, page.script);
  }

  /** What a script's rerun says it is doing (`ui.spinner`, `ui.status`), where, and since when. */
  private status: ScriptStatus | null = null;

  /**
   * Sets (or, with null, clears) what the script's rerun says it is doing: shown in layout
   * `parent` after its child `after` (first when null), or in the running indicator.
   */
  setScriptStatus(text: string | null, showTime: boolean, parent: number | null = null, after: number | null = null): void {
    this.status = text === null ? null : { text, showTime, since: performance.now(), parent, after };
    this.busyListeners.forEach((fn) => fn());
  }

  /** What the script's rerun says it is doing, if anything. */
  scriptStatus(): ScriptStatus | null {
    return this.status;
  }

  /**
   * Whether the script's status is shown in place: its layout is on the page and holds the
   * child it follows. Otherwise the running indicator shows it.
   */
  statusInPlace(): boolean {
    const s = this.status;
    if (s === null || s.parent === null || this.tree === null) return false;
    const find = (node: ComponentNode): ComponentNode | null => {
      if (node.id === s.parent) return node;
      for (const child of node.children ?? []) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    const parent = find(this.tree);
    if (parent === null || parent.children === undefined) return false;
    return s.after === null || parent.children.some((c) => c.id === s.after);
  }

  /** Whether a script app's rerun is in progress. */
  scriptRunning(): boolean {
    return this.scriptRuns > 0;
  }

  /** Calls `fn` when a script app's rerun starts or ends; returns the unsubscriber. */
  onBusy(fn: Listener): () => void {
    this.busyListeners.add(fn);
    return () => void this.busyListeners.delete(fn);
  }

  /** Counts a script app's reruns (a deferred file's `prepare` and `cancel` are not reruns: their events name outputs, or are `cancel`). */
  private countScriptRun(dep: Dependency, trigger: AnyTrigger, delta: number): void {
    if (!this.script || dep.outputs.length > 0 || trigger[1] === "cancel") return;
    this.scriptRuns = Math.max(0, this.scriptRuns + delta);
    this.busyListeners.forEach((fn) => fn());
    if (this.scriptRuns === 0) {
      const waiting = this.afterReruns;
      this.afterReruns = [];
      waiting.forEach((fn) => fn());
    }
  }

  /**
   * Whether a script app's page holds edits the server has not seen (typed, not yet sent with
   * any rerun): a download button's click reruns with them first, so the file holds what the
   * user sees (Streamlit's streamlit#5586 race, avoided).
   */
  hasUnsentEdits(): boolean {
    return this.script && this.editedSince.size > 0;
  }

  /** Calls `fn` once no script rerun is in progress (now, when none is). */
  whenRerunsDone(fn: () => void): void {
    if (this.scriptRuns === 0) fn();
    else this.afterReruns.push(fn);
  }

  /** Stops a script app's rerun in progress: the page stays as the last rerun drew it. */
  async stopScript(): Promise<void> {
    if (!this.session) return;
    try {
      await run({ session: this.session, dependency: 0, trigger: [0, "stop"], data: [] });
    } catch (err) {
      showError(messageOf(err));
    }
  }

  /** The layout tree to draw. */
  root(): ComponentNode | null {
    return this.tree;
  }

  /** Calls `fn` each time the tree is replaced; returns the unsubscriber. */
  onTree(fn: Listener): () => void {
    this.treeListeners.add(fn);
    return () => void this.treeListeners.delete(fn);
  }

  private setTree(root: ComponentNode, script: boolean | undefined): void {
    this.script = script === true;
    this.tree = root;
    this.treeListeners.forEach((fn) => fn());
  }

  /**
   * Takes in a script app's new page: the tree, props, events and errors are the page's; a
   * component that keeps its id keeps its element (focus, scroll), and its value when the user
   * edited it since the run was sent. Components no longer drawn are forgotten.
   */
  replacePage(page: PageDescription): void {
    if (page.seq !== undefined) {
      // A drawing older than the one shown (answers may cross) changes nothing.
      if (page.seq <= this.seq) return;
      this.seq = page.seq;
    }
    // `kept` nodes take the props the server sent before; the tree holds them all.
    const resolve = (node: ComponentNode): ComponentNode => {
      const props = node.kept ? (this.serverProps.get(node.id) ?? {}) : node.props;
      this.serverProps.set(node.id, props);
      return { type: node.type, id: node.id, props, children: node.children?.map(resolve) };
    };
    let root = resolve(page.root);
    const fragment = page.fragment;
    if (fragment !== undefined && this.tree) {
      // Only a fragment reran: its node takes the place of the one shown.
      const drawnAgain = root;
      const swap = (node: ComponentNode): ComponentNode =>
        node.id === fragment ? drawnAgain : node.children ? { ...node, children: node.children.map(swap) } : node;
      root = swap(this.tree);
    }
    const drawn = new Set<number>();
    const changed: number[] = [];
    const walk = (node: ComponentNode) => {
      drawn.add(node.id);
      const old = this.props.get(node.id);
      const next = { ...node.props };
      if (old && this.editedSince.has(node.id) && this.kinds.get(node.id) === node.type) next.value = old.value;
      if (!old || this.kinds.get(node.id) !== node.type || !sameValue(old, next)) {
        this.props.set(node.id, next);
        changed.push(node.id);
      }
      this.kinds.set(node.id, node.type);
      node.children?.forEach(walk);
    };
    walk(root);
    for (const id of [...this.props.keys()]) {
      if (!drawn.has(id)) {
        this.props.delete(id);
        this.serverProps.delete(id);
        this.kinds.delete(id);
      }
    }
    this.index(page.dependencies ?? []);
    const hadErrors = [...this.errors.keys()];
    this.errors.clear();
    for (const e of page.errors ?? []) this.errors.set(e.component, e.message);
    this.setTree(root, page.script);
    new Set([...changed, ...hadErrors, ...this.errors.keys()]).forEach((id) => this.notify(id));
  }

  /**
   * Takes in the answer of `api/session`. With a page already loaded, each node's props are
   * replaced by the session's (firing no event; a value the user already edited is kept) and the
   * errors by the session's; then the events that waited run.
   */
  load(info: SessionInfo): void {
    if (this.props.size === 0) {
      this.loadPage(info);
    } else {
      const walk = (node: ComponentNode) => {
        const old = this.props.get(node.id);
        const next = { ...old, ...node.props };
        this.serverProps.set(node.id, node.props);
        if (old && this.editedEarly.has(node.id)) next.value = old.value;
        this.props.set(node.id, next);
        this.kinds.set(node.id, node.type);
        node.children?.forEach(walk);
      };
      walk(info.root);
      this.seq = info.seq ?? 0;
      this.setTree(info.root, info.script);
      this.index(info.dependencies ?? []);
      this.errors.clear();
      for (const e of info.errors ?? []) this.errors.set(e.component, e.message);
      for (const id of this.props.keys()) this.notify(id);
    }
    this.session = info.session;
    this.ready = true;
    const queued = this.queue;
    this.queue = [];
    queued.forEach(([id, event]) => this.fire(id, event));
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    waiters.forEach((fn) => fn());
  }

  private index(deps: Dependency[]): void {
    this.byTrigger.clear();
    this.depById.clear();
    this.followers.clear();
    for (const dep of deps) {
      this.depById.set(dep.id, dep);
      if (dep.after) {
        const list = this.followers.get(dep.after.dependency);
        if (list) list.push(dep);
        else this.followers.set(dep.after.dependency, [dep]);
      }
      for (const [id, event] of dep.triggers) {
        const key = `${id}:${event}`;
        const list = this.byTrigger.get(key);
        if (list) list.push(dep);
        else this.byTrigger.set(key, [dep]);
      }
    }
  }

  /** Calls `fn` once the session is known (now, if it is). */
  whenReady(fn: () => void): void {
    if (this.ready) fn();
    else this.readyWaiters.push(fn);
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

  /** Whether component `id` may still change: the session is not known yet, or a run that outputs to it is in flight or queued. */
  isPending(id: number): boolean {
    return !this.ready || (this.pendingOut.get(id) ?? 0) > 0;
  }

  /**
   * Calls `fn` once no run that outputs to component `id` is pending (and the session is known):
   * now, or right after the last one has applied its updates (and fired their `change`s).
   */
  whenSettled(id: number, fn: () => void): void {
    if (!this.ready) return this.whenReady(() => this.whenSettled(id, fn));
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
      this.downloaded.delete(id);
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

  /** The user edited a value (typing): stores it, then fires `events` (`input` and `change`). */
  userInput(id: number, value: unknown, events: string[] = ["input", "change"]): void {
    const old = this.props.get(id);
    if (!old || sameValue(old.value, value)) return;
    if (!this.ready) this.editedEarly.add(id);
    this.editedSince.add(id);
    this.props.set(id, { ...old, value });
    this.notify(id);
    events.forEach((e) => this.fire(id, e));
  }

  /** Fires event `event` of component `id`: runs every dependency it triggers (once the session is known). */
  fire(id: number, event: string): void {
    if (this.ended) return;
    if (!this.ready) {
      if (this.queue.length < MAX_WAITING) this.queue.push([id, event]);
      return;
    }
    for (const dep of this.byTrigger.get(`${id}:${event}`) ?? []) this.dispatch(dep, [id, event]);
  }

  private dispatch(dep: Dependency, trigger: AnyTrigger): void {
    if (this.ended) return;
    let st = this.deps.get(dep.id);
    if (!st) this.deps.set(dep.id, (st = { pending: 0, queued: null }));
    const mode = dep.trigger_mode ?? "once";
    if (st.pending > 0 && mode !== "multiple") {
      if (mode === "always_last") st.queued = trigger;
      return;
    }
    void this.execute(dep, st, trigger);
  }

  /** POSTs the run; when it answers `{"pending": run}`, waits for that run's result on the stream. */
  private async runOnce(dep: Dependency, trigger: AnyTrigger): Promise<RunResult | null> {
    if (dep.backend === false) {
      // Only `js`: its values are the outputs', and nothing goes to the server.
      const values = await this.runJs(dep, dep.outputs.length);
      return { updates: dep.outputs.map((id, i) => ({ id, props: { value: values[i] } })), error: null };
    }
    const data = dep.js ? await this.runJs(dep, dep.inputs.length) : dep.inputs.map((id) => this.get(id).value ?? null);
    const req: RunRequest = { session: this.session, dependency: dep.id, trigger: trigger as Trigger, data };
    if (this.script) req.shown = this.seq;
    this.editedSince.clear();
    const answer = await run(this.streaming ? { ...req, stream: true } : req);
    if (!answer || typeof answer !== "object") return { updates: [], error: null };
    if (!("pending" in answer)) return answer;
    const id = answer.pending;
    const got = this.early.get(id);
    if (got) {
      this.early.delete(id);
      return got;
    }
    if (this.ended) return null;
    return new Promise((resolve) => this.awaiting.set(id, resolve));
  }

  private async execute(dep: Dependency, st: DepState, trigger: AnyTrigger): Promise<void> {
    st.pending++;
    this.countScriptRun(dep, trigger, 1);
    this.holdOutputs(dep.outputs);
    const show = dep.show_progress ?? "full";
    if (show !== "hidden") dep.outputs.forEach((id) => this.startProgress(id, show));
    let ok = false;
    /** How the run ended, for the chained events: null when it was cancelled or never answered. */
    let ended: "success" | "failure" | null = null;
    try {
      const res = await this.runOnce(dep, trigger);
      if (res) {
        if (res.page) this.replacePage(res.page);
        this.applyUpdates(res.updates ?? []);
        if (res.error) {
          this.showRunError(res.error.message, res.error.title ?? null, res.error.component, res.error.duration);
          ended = "failure";
        } else if (!res.cancelled) {
          ok = true;
          ended = "success";
        }
      }
    } catch (err) {
      // Once the session has ended, its banner says all.
      if (!this.ended) showError(messageOf(err));
    } finally {
      st.pending--;
      this.countScriptRun(dep, trigger, -1);
      if (show !== "hidden") dep.outputs.forEach((id) => this.stopProgress(id, st.pending === 0 ? dep.id : -1));
    }
    if (ok && dep.scroll_to_output && dep.outputs.length > 0) this.scrollTo(dep.outputs[0]!);
    if (ended) {
      for (const next of this.followers.get(dep.id) ?? []) {
        const when = next.after!.when;
        if (when === "then" || when === ended) this.dispatch(next, [dep.id, when]);
      }
    }
    if (st.pending === 0 && st.queued) {
      const next = st.queued;
      st.queued = null;
      this.dispatch(dep, next);
    }
    // After the queued trigger (if any) has taken over: its outputs never look settled in between.
    this.releaseOutputs(dep.outputs);
  }

  private showRunError(
    message: string,
    title: string | null,
    at: number | null | undefined,
    seconds: number | null | undefined,
  ): void {
    showError(message, title, seconds);
    if (at !== null && at !== undefined && this.props.has(at)) {
      this.errors.set(at, message);
      this.notify(at);
    }
  }

  /** Applies updates (of a run, or started by the server): every prop first, then the `change`s. */
  applyUpdates(updates: Update[]): void {
    // Store every prop first, then fire `change`s, so chained dependencies read fresh inputs.
    const changed: number[] = [];
    const downloads: FileValue[] = [];
    for (const u of updates) {
      const old = this.props.get(u.id);
      if (!old || !u.props) continue;
      let props = u.props;
      if ("download" in props) {
        // An action, not state: the page downloads the file now (`ferry_ui::download`, or a
        // deferred file that is ready) and keeps nothing of it.
        const { download, ...rest } = props;
        props = rest;
        const file = fileOf(download);
        if (file && this.firstDownload(u.id, file.url)) downloads.push(file);
      }
      this.props.set(u.id, { ...old, ...props });
      this.errors.delete(u.id);
      const key = lookup(this.kinds.get(u.id) ?? "")?.valueProp ?? "value";
      if (key in props && !sameValue(old[key], props[key])) changed.push(u.id);
      this.notify(u.id);
    }
    downloads.forEach(startDownload);
    changed.forEach((id) => this.fire(id, "change"));
  }

  /** Whether `url` was not downloaded yet for component `id` while its runs were pending: two clicks that joined one run download its file once. */
  private firstDownload(id: number, url: string): boolean {
    if (!this.isPending(id)) return true;
    let seen = this.downloaded.get(id);
    if (!seen) this.downloaded.set(id, (seen = new Set()));
    if (seen.has(url)) return false;
    seen.add(url);
    return true;
  }

  /** Whether a run of an event triggered by `event` of component `id` is pending. */
  isRunning(id: number, event: string): boolean {
    return (this.byTrigger.get(`${id}:${event}`) ?? []).some((dep) => (this.deps.get(dep.id)?.pending ?? 0) > 0);
  }

  /**
   * What to send as the page goes away: a function that fires `event` of every component whose
   * `whileRunning` event has a run pending now, with requests that outlive the page (the server
   * cancels a deferred file's run when its page closes). Taken at `beforeunload`, before the
   * browser closes the page's stream (which ends every wait), and called at `pagehide`.
   */
  leaving(whileRunning: string, event: string): () => void {
    if (!this.ready || this.ended) return () => undefined;
    const requests: RunRequest[] = [];
    for (const [key, deps] of this.byTrigger) {
      const [id, name] = key.split(":");
      if (name !== whileRunning || !deps.some((dep) => (this.deps.get(dep.id)?.pending ?? 0) > 0)) continue;
      const component = Number(id);
      for (const dep of this.byTrigger.get(`${component}:${event}`) ?? []) {
        requests.push({ session: this.session, dependency: dep.id, trigger: [component, event] as Trigger, data: [] });
      }
    }
    return () => requests.forEach(runOnLeave);
  }

  /** A stream `result`: ends the wait of its run, or is kept until its POST answers. */
  takeResult(run: number, result: RunResult): void {
    const resolve = this.awaiting.get(run);
    if (resolve) {
      this.awaiting.delete(run);
      resolve(result);
      return;
    }
    this.early.set(run, result);
    if (this.early.size > MAX_WAITING) this.early.delete(this.early.keys().next().value!);
  }

  /** Registers event `id`'s `js` function (`window.ferry.events`). */
  setJs(id: number, fn: (...args: unknown[]) => unknown): void {
    this.jsFns.set(id, fn);
  }

  /**
   * Runs event `dep`'s `js` function with its inputs' values; returns one value per `count`
   * (a lone value for a single one), or throws with a message for the page.
   */
  private async runJs(dep: Dependency, count: number): Promise<unknown[]> {
    const fn = this.jsFns.get(dep.id);
    if (!fn) throw new Error("this event's JavaScript did not load");
    const args = dep.inputs.map((id) => this.get(id).value ?? null);
    const out = await fn(...args);
    const values = count === 1 && !Array.isArray(out) ? [out] : out;
    if (!Array.isArray(values) || values.length !== count) {
      throw new Error(`this event's JavaScript must return ${count} value(s)`);
    }
    return values;
  }

  /** A stream `queue`: the place of a waiting run, shown by its event's outputs. */
  takeQueue(msg: StreamQueue): void {
    const dep = this.depById.get(msg.dependency);
    if (!dep || !this.deps.get(dep.id)?.pending) return;
    const queue: QueueDetail | undefined =
      msg.position > 0
        ? { position: msg.position, size: msg.size, eta: typeof msg.eta === "number" ? msg.eta : null, since: performance.now() }
        : undefined;
    for (const id of dep.outputs) {
      const cur = this.progress.get(id);
      if (!cur) continue;
      if (queue) cur.queue = queue;
      else delete cur.queue;
      this.notify(id);
    }
  }

  /** A stream `partial`: one item of a streaming handler, applied while its run goes on. */
  takePartial(msg: StreamPartial): void {
    this.applyUpdates(msg.updates ?? []);
    const dep = this.depById.get(msg.dependency);
    if (!dep || !this.deps.get(dep.id)?.pending) return;
    for (const id of dep.outputs) {
      const cur = this.progress.get(id);
      if (!cur || cur.generating) continue;
      cur.generating = true;
      this.notify(id);
    }
  }

  /** A stream `progress`: shown by every output of a `"full"` dependency that is running. */
  takeProgress(msg: StreamProgress): void {
    const dep = this.depById.get(msg.dependency);
    if (!dep || (dep.show_progress ?? "full") !== "full" || !this.deps.get(dep.id)?.pending) return;
    const detail: ProgressDetail = {
      dependency: dep.id,
      fraction: typeof msg.fraction === "number" ? msg.fraction : null,
      description: typeof msg.description === "string" && msg.description ? msg.description : null,
    };
    for (const id of dep.outputs) {
      const cur = this.progress.get(id);
      if (!cur) continue;
      cur.detail = detail;
      this.notify(id);
    }
  }

  /** The session is gone: stops sending events and ends every wait for a stream result. */
  end(): void {
    this.ended = true;
    this.queue = [];
    const waiting = [...this.awaiting.values()];
    this.awaiting.clear();
    waiting.forEach((resolve) => resolve(null));
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

  /** Ends one run's progress on `id`; `dependency` (when no run of it is left) clears the bar it reported. */
  private stopProgress(id: number, dependency: number): void {
    const cur = this.progress.get(id);
    if (!cur) return;
    if (--cur.count <= 0) this.progress.delete(id);
    else if (cur.detail && cur.detail.dependency === dependency) delete cur.detail;
    if (cur.count > 0 && dependency !== -1) delete cur.generating;
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
