// Wire types and typed fetch wrappers for Ferry's protocol (docs/protocol.md).

/** `true`: shown; `false`: not rendered; `"hidden"`: in the DOM with `display: none`. */
export type Visible = boolean | "hidden";

/** The wire type of a component (its `data-testid` too). */
export type ComponentType =
  | "markdown"
  | "button"
  | "textbox"
  | "download_button"
  | "upload_button"
  | "timer"
  | "row"
  | "column"
  | "group";

export type Variant = "primary" | "secondary" | "stop" | "huggingface";
export type Size = "sm" | "md" | "lg";
export type TriggerMode = "once" | "multiple" | "always_last";
export type ShowProgress = "full" | "minimal" | "hidden";
export type EventName = "click" | "change" | "input" | "submit" | "tick" | "upload";
export type FileCount = "single" | "multiple" | "directory";

/** A file the browser can download: a capability URL of this server, or an external URL. */
export interface FileValue {
  url: string;
  file_name: string;
  size: number | null;
  mime_type: string | null;
  external?: boolean;
  /** For a folder upload: the file's path inside the folder (`dir/sub/a.txt`). */
  relative_path?: string;
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

export interface UploadButtonProps extends CommonProps {
  label?: string;
  /** One file for `single`, a list for `multiple` and `directory`. */
  value?: FileValue | FileValue[] | null;
  file_count?: FileCount;
  /** `.ext`, `image`, `video`, `audio`, `text`, or a MIME type; null: any. */
  file_types?: string[] | null;
  /** The server's limit for one file, in bytes. */
  max_file_size?: number | null;
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
    return messageFromBody(await res.text(), fallback);
  } catch {
    return fallback;
  }
}

/** The `error` of a `{"error": …}` body, else the body itself when short, else `fallback`. */
function messageFromBody(text: string, fallback: string): string {
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
}

export function startSession(): Promise<SessionInfo> {
  return postJson<SessionInfo>("/api/session", {});
}

export function run(req: RunRequest): Promise<RunResponse> {
  return postJson<RunResponse>("/api/run", req);
}

/** One file to upload and the name to send it under (for a folder, its relative path). */
export interface UploadPart {
  file: Blob;
  name: string;
}

/** An upload in flight: its answer, and a way to stop it. */
export interface UploadTask {
  done: Promise<FileValue[]>;
  abort(): void;
}

/**
 * POSTs `parts` to `/api/upload/<session>/<component>` as `multipart/form-data`, one part per file
 * (field `files`). Uses XMLHttpRequest, whose `upload` events tell the progress: `onProgress`
 * gets the bytes sent and the total. Resolves to the stored files; rejects with an `ApiError`
 * (`status` 0 when the server could not be reached).
 */
export function uploadFiles(
  session: string,
  component: number,
  parts: UploadPart[],
  onProgress: (sent: number, total: number) => void,
): UploadTask {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileValue[]>((resolve, reject) => {
    const form = new FormData();
    for (const part of parts) form.append("files", part.file, part.name);
    xhr.open("POST", `/api/upload/${encodeURIComponent(session)}/${component}`);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      const text = typeof xhr.responseText === "string" ? xhr.responseText : "";
      if (xhr.status < 200 || xhr.status >= 300) {
        const fallback = `${xhr.status} ${xhr.statusText || "error"}`.trim();
        reject(new ApiError(messageFromBody(text, fallback), xhr.status));
        return;
      }
      try {
        const body = JSON.parse(text) as { files?: unknown };
        if (!Array.isArray(body.files)) throw new Error("no files");
        resolve(body.files as FileValue[]);
      } catch {
        reject(new ApiError("The server sent an answer to the upload that is not a list of files.", xhr.status));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError("The upload could not reach the server. Check your connection and that the app is still running.", 0));
    xhr.onabort = () => reject(new ApiError("The upload was stopped.", 0));
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
