// The wire messages of Ferry's protocol (docs/protocol.md), as the server sends and reads them.
//
// Types only, no code: this file is to be replaced by one generated from the Rust types in
// src/protocol/, so keep it plain `export type` / `export interface` declarations with the
// Rust-side (snake_case) field names. Component props are not here: each component's file in
// components/ declares its own.

/** `true`: shown; `false`: not rendered; `"hidden"`: in the DOM with `display: none`. */
export type Visible = boolean | "hidden";

export type Variant = "primary" | "secondary" | "stop" | "tertiary";
export type Size = "sm" | "md" | "lg";
export type TriggerMode = "once" | "multiple" | "always_last";
export type ShowProgress = "full" | "minimal" | "hidden";
export type FileCount = "single" | "multiple" | "directory";
/**
 * The events of the built-in components (a custom component may fire others); `stop` is a script
 * app's stop control, with the trigger `[0, "stop"]`; `prepare` and `cancel` a deferred download
 * button's.
 */
export type EventName = "click" | "change" | "input" | "submit" | "tick" | "upload" | "stop" | "prepare" | "cancel";
export type ToastLevel = "info" | "warning" | "error";

/** Props as they travel: a partial object, merged into what the page holds. */
export type Props = Record<string, unknown>;

/** A file the browser can download: a capability URL of this server (relative to the page), or an external URL. */
export interface FileValue {
  /** `file/<scope>/<token>/<name>`, relative to the page's base; absolute when `external`. */
  url: string;
  file_name: string;
  size: number | null;
  mime_type: string | null;
  external?: boolean;
  /** For a folder upload: the file's path inside the folder (`dir/sub/a.txt`). */
  relative_path?: string;
}

export interface ComponentNode {
  /** The component's wire type (`download_button`, …); also its `data-testid`. */
  type: string;
  id: number;
  props: Props;
  /** Only for layouts. */
  children?: ComponentNode[];
  /** A script's rerun drew it as in the drawing the page shows (`base`): `props` is empty, keep those. */
  kept?: boolean;
}

/** `[component id, event name]`. */
export type Trigger = [number, EventName];

export interface Dependency {
  id: number;
  triggers: Trigger[];
  inputs: number[];
  outputs: number[];
  /** Always sent by the server (it decides the defaults). */
  trigger_mode: TriggerMode;
  show_progress: ShowProgress;
  scroll_to_output?: boolean;
  api_name?: string | null;
  /** Listed on the API page and callable (`public`), callable only, or page-only (`private`). */
  api_visibility: ApiVisibility;
  /** It has a `js` function, run first; its return replaces the inputs. */
  js: boolean;
  /** It has a handler on the server (`false`: only `js`, whose return gives the outputs). */
  backend: boolean;
  /** A chained event (`.then`, `.success`, `.failure`): run when `dependency`'s run ends so. */
  after?: After | null;
}

/** Whether an event is part of the app's API. */
export type ApiVisibility = "public" | "undocumented" | "private";

/** When a chained event runs. */
export type Chain = "then" | "success" | "failure";

/** What a chained event follows; its trigger is `[dependency, when]`. */
export interface After {
  dependency: number;
  when: Chain;
}

/** A problem found while computing a component's initial value. */
export interface ComponentError {
  component: number;
  message: string;
}

/** The page as declared, with no session: embedded in the HTML shell as `#ferry-page`. */
export interface PageDescription {
  title: string;
  root: ComponentNode;
  dependencies: Dependency[];
  errors: ComponentError[];
  /** A script app: runs redraw the page; while one runs, the page offers to stop it (`[0, "stop"]`). */
  script?: boolean;
  /** A script app's drawing of the page: sent back as `shown` with the next interaction. */
  seq?: number;
  /** The drawing this one is relative to: its `kept` nodes keep that one's props. */
  base?: number;
  /** Only this fragment reran: `root` is its node, to replace in the page. */
  fragment?: number;
}

/** The answer of `POST api/session`: the same tree with this session's values. */
export interface SessionInfo extends PageDescription {
  session: string;
}

export interface RunRequest {
  session: string;
  dependency: number;
  trigger: Trigger;
  /** One value per input component, in order. */
  data: unknown[];
  /** The page listens on `api/stream/<session>`: the server may answer `{"pending": run}`. */
  stream?: boolean;
  /** A script app's page: the drawing it shows (`PageDescription.seq`). */
  shown?: number;
}

/** New props of one component. */
export interface Update {
  id: number;
  props: Props;
}

export interface RunError {
  message: string;
  /** Shown in bold above the message in the toast. */
  title?: string | null;
  /** Where to show the message under a component as well. */
  component: number | null;
  /** Seconds the toast stays; null: until dismissed. */
  duration?: number | null;
}

/** A run's outcome. */
export interface RunResult {
  updates: Update[];
  error: RunError | null;
  /** Another event cancelled the run: nothing to show, and no chained event follows. */
  cancelled?: boolean;
  /** A script app's rerun: the new page, which replaces the tree. */
  page?: PageDescription;
}

/** The result will come on the stream as a `result` message with this `run`. */
export interface RunPending {
  pending: number;
}

/** The answer of `POST api/run`. */
export type RunAnswer = RunResult | RunPending;

export interface StreamResult extends RunResult {
  kind: "result";
  run: number;
}

export interface StreamProgress {
  kind: "progress";
  run: number;
  dependency: number;
  /** 0 to 1; null: unknown. */
  fraction: number | null;
  description: string | null;
}

export interface StreamToast {
  kind: "toast";
  level: ToastLevel;
  title: string | null;
  message: string;
  /** Seconds the toast stays; null: until dismissed. */
  duration: number | null;
}

/** What a script's rerun is doing (`ui.spinner`, `ui.status`); `text` null when it is done. */
export interface StreamScriptStatus {
  kind: "script_status";
  text: string | null;
  show_time: boolean;
  /** The layout it is shown in, after its child `after` (first when absent); absent: the running indicator. */
  parent?: number;
  after?: number;
}

/** Updates the server started (not the result of a run of this page). */
export interface StreamUpdates {
  kind: "updates";
  updates: Update[];
}

/** A run waiting for a slot of its concurrency group: its place (0: no longer waiting). */
export interface StreamQueue {
  kind: "queue";
  run: number;
  dependency: number;
  position: number;
  size: number;
  /** Seconds until it will have run, once the server has timed a run of the group. */
  eta: number | null;
}

/** One item of a streaming handler, applied while its run goes on. */
export interface StreamPartial {
  kind: "partial";
  run: number;
  dependency: number;
  updates: Update[];
}

/** The `data` of each `message` event of `api/stream/<session>`. */
export type StreamMessage =
  | StreamResult
  | StreamProgress
  | StreamToast
  | StreamScriptStatus
  | StreamUpdates
  | StreamPartial
  | StreamQueue;

/** The answer of `POST api/upload/<session>/<component>`. */
export interface UploadAnswer {
  files: FileValue[];
}

/** The body of every API error answer (4xx). */
export interface ErrorAnswer {
  error: string;
}
