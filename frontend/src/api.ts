// Typed fetch wrappers for Ferry's protocol (docs/protocol.md); the types are in protocol.ts.
//
// Every URL is relative to the page's base (`document.baseURI`), so the page works under any
// path prefix (`/ui/`) and behind a reverse proxy.

import type { FileValue, PageDescription, RunAnswer, RunRequest, SessionInfo } from "./protocol";

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
  return postJson<SessionInfo>("api/session", {});
}

export function run(req: RunRequest): Promise<RunAnswer> {
  return postJson<RunAnswer>("api/run", req);
}

/** POSTs a run as the page goes away (`keepalive`: the request outlives the page); its answer is not read. */
export function runOnLeave(req: RunRequest): void {
  try {
    void fetch("api/run", {
      method: "POST",
      keepalive: true,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(req),
    }).catch(() => undefined);
  } catch {
    // The page is closing: nothing more can be done.
  }
}

/** The page description the server embedded in the HTML shell (`#ferry-page`), or null (an older server, or unreadable). */
export function embeddedPage(): PageDescription | null {
  const el = document.getElementById("ferry-page");
  if (!el || !el.textContent) return null;
  try {
    const page = JSON.parse(el.textContent) as PageDescription | null;
    return page && typeof page === "object" && page.root && typeof page.root === "object" ? page : null;
  } catch {
    return null;
  }
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
 * POSTs `parts` to `api/upload/<session>/<component>` as `multipart/form-data`, one part per file
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
    xhr.open("POST", `api/upload/${encodeURIComponent(session)}/${component}`);
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
