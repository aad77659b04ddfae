// Wire types and typed fetch wrappers for Ferry's protocol (docs/protocol.md).

/** `true`: shown; `false`: not rendered; `"hidden"`: in the DOM with `display: none`. */
export type Visible = boolean | "hidden";

/** The wire type of a component (its `data-testid` too). */
export type ComponentType =
  | "markdown"
  | "button"
  | "textbox"
  | "download_button"
  | "timer"
  | "row"
  | "column"
  | "group";

export type Variant = "primary" | "secondary" | "stop" | "huggingface";
export type Size = "sm" | "md" | "lg";
export type TriggerMode = "once" | "multiple" | "always_last";
export type ShowProgress = "full" | "minimal" | "hidden";
export type EventName = "click" | "change" | "input" | "submit" | "tick";

/** A file the browser can download: a capability URL of this server, or an external URL. */
export interface FileValue {
  url: string;
  file_name: string;
  size: number | null;
  mime_type: string | null;
  external?: boolean;
}

export interface Icon {
  url: string;
}

/** Props that every component has. */
export interface CommonProps {
  visible?: Visible;
  elem_id?: string | null;
  elem_classes?: string[];
  key?: string | null;
  scale?: number | null;
  min_width?: number | null;
}

export interface MarkdownProps extends CommonProps {
  html?: string;
}

export interface ButtonProps extends CommonProps {
  value?: string;
  variant?: Variant;
  size?: Size;
  icon?: Icon | null;
  interactive?: boolean;
  link?: string | null;
}

export interface TextboxProps extends CommonProps {
  value?: string;
  label?: string | null;
  show_label?: boolean;
  placeholder?: string | null;
  lines?: number;
  max_lines?: number;
  interactive?: boolean;
  info?: string | null;
}

export interface DownloadButtonProps extends CommonProps {
  label?: string;
  value?: FileValue | null;
  variant?: Variant;
  size?: Size;
  icon?: Icon | null;
  interactive?: boolean;
}

export interface TimerProps extends CommonProps {
  value?: number;
  active?: boolean;
}

export interface RowProps extends CommonProps {
  equal_height?: boolean;
  variant?: "default" | "panel" | "compact";
}

export interface ColumnProps extends CommonProps {
  variant?: "default" | "panel" | "compact";
}

export type GroupProps = CommonProps;

/** Props as they travel: a partial object, merged into what the page holds. */
export type Props = Record<string, unknown>;

export interface ComponentNode {
  type: ComponentType;
  id: number;
  props: Props;
  children?: ComponentNode[];
}

export type Trigger = [number, EventName];

export interface Dependency {
  id: number;
  triggers: Trigger[];
  inputs: number[];
  outputs: number[];
  trigger_mode?: TriggerMode;
  show_progress?: ShowProgress;
  scroll_to_output?: boolean;
  api_name?: string | null;
}

export interface ComponentError {
  component: number;
  message: string;
}

export interface SessionInfo {
  session: string;
  title: string;
  root: ComponentNode;
  dependencies: Dependency[];
  errors: ComponentError[];
}

export interface RunRequest {
  session: string;
  dependency: number;
  trigger: Trigger;
  data: unknown[];
}

export interface Update {
  id: number;
  props: Props;
}

export interface RunError {
  message: string;
  component: number | null;
}

export interface RunResponse {
  updates: Update[];
  error: RunError | null;
}

/** A failed request: an HTTP error answer (`status` set) or no answer at all (`status` 0). */
export class ApiError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

/** POSTs `body` as JSON and returns the JSON answer; throws an `ApiError` with a readable message. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError("Could not reach the server. Check that the app is still running.", 0);
  }
  if (!res.ok) {
    throw new ApiError(await errorMessage(res), res.status);
  }
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(`The server sent an answer that is not JSON (${path}).`, res.status);
  }
}

async function errorMessage(res: Response): Promise<string> {
  const fallback = `${res.status} ${res.statusText || "error"}`.trim();
  try {
    const text = await res.text();
    try {
      const body: unknown = JSON.parse(text);
      if (body && typeof body === "object" && typeof (body as { error?: unknown }).error === "string") {
        return (body as { error: string }).error;
      }
    } catch {
      // Not JSON: fall through to the plain text, if short enough to read.
    }
    const plain = text.trim();
    return plain && plain.length <= 300 ? plain : fallback;
  } catch {
    return fallback;
  }
}

export function startSession(): Promise<SessionInfo> {
  return postJson<SessionInfo>("/api/session", {});
}

export function run(req: RunRequest): Promise<RunResponse> {
  return postJson<RunResponse>("/api/run", req);
}
