// `upload_button`: a button that opens the file picker and uploads the chosen files, with progress.
//
// The page refuses what the server would refuse for sure (several files for a `single` button, a
// file over `max_file_size`, an extension not in `file_types`) with the server's own wording,
// before sending a byte; the server checks everything again.

import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { ApiError, uploadFiles, type UploadPart } from "../api";
import type { FileCount, FileValue, Size, Variant } from "../protocol";
import { ErrorMessage, cx, outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";
import { store } from "../state";
import { showError } from "../toast";
import { ButtonContent, buttonClass, isBusy, progressTitle, type Icon } from "./button";

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
  icon_position?: string;
  interactive?: boolean;
}

/** A byte count as the server words it (`human_size` in src/files/upload/error.rs): "1 kB", "10 MiB", "1.2 MB". */
export function humanSize(bytes: number): string {
  if (bytes === 1) return "1 byte";
  if (bytes < 1000) return `${bytes} bytes`;
  const binary: [number, string][] = [
    [2 ** 40, "TiB"],
    [2 ** 30, "GiB"],
    [2 ** 20, "MiB"],
    [2 ** 10, "KiB"],
  ];
  const decimal: [number, string][] = [
    [1e12, "TB"],
    [1e9, "GB"],
    [1e6, "MB"],
    [1e3, "kB"],
  ];
  for (const [unit, name] of [...binary, ...decimal]) {
    if (bytes % unit === 0) return `${bytes / unit} ${name}`;
  }
  for (const [unit, name] of decimal) {
    if (bytes < unit) continue;
    // One decimal, a tie rounded to even (as Rust's `{:.1}`).
    let tenths = Math.floor((bytes * 10) / unit);
    const twice = 2 * (bytes * 10 - tenths * unit);
    if (twice > unit || (twice === unit && tenths % 2 === 1)) tenths++;
    return `${(tenths / 10).toFixed(1)} ${name}`;
  }
  return `${bytes} bytes`;
}

/** The name the server will call a file (its last segment, without invisible characters or dots/spaces at the ends). */
export function displayName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? name;
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, "")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  return cleaned || "download";
}

/** The picker's `accept`: extensions and MIME types as they are, a category as `image/*`; none for "any file". */
export function acceptOf(types: readonly string[] | null | undefined): string | undefined {
  if (!Array.isArray(types) || types.length === 0) return undefined;
  const out: string[] = [];
  for (const raw of types) {
    if (typeof raw !== "string") continue;
    const t = raw.trim();
    if (!t) continue;
    if (t === "file" || t === "*" || t === "*/*") return undefined;
    out.push(t.startsWith(".") || t.includes("/") ? t : `${t.toLowerCase()}/*`);
  }
  return out.length ? out.join(",") : undefined;
}

/**
 * Whether the server would surely refuse this file's type. Extensions decide here; a category or
 * MIME type is accepted when the browser's guess matches it, and otherwise left to the server
 * (it guesses from the name, and the two guesses can differ).
 */
function typeRefused(name: string, browserType: string, types: readonly string[]): boolean {
  const lower = name.toLowerCase();
  const mime = browserType.toLowerCase();
  let undecided = false;
  for (const raw of types) {
    if (typeof raw !== "string") continue;
    const t = raw.trim().toLowerCase();
    if (t === "file" || t === "*" || t === "*/*") return false;
    if (t.startsWith(".")) {
      if (t.length > 1 && lower.endsWith(t)) return false;
      continue;
    }
    const essence = t.split(";")[0]!.trim();
    if (!essence) continue;
    const [top, sub] = essence.split("/");
    if (mime && (sub === undefined || sub === "*" ? mime.split("/")[0] === top : mime === essence)) return false;
    undecided = true;
  }
  return !undecided;
}

/** The name a file is sent under: its path inside the folder for a folder upload, else its name. */
function partName(file: File, directory: boolean): string {
  return (directory && file.webkitRelativePath) || file.name;
}

/** What the server would answer (its words) for files it surely refuses, or null. */
export function refusal(files: readonly File[], p: UploadButtonProps): string | null {
  const single = (p.file_count ?? "single") === "single";
  const directory = p.file_count === "directory";
  const types = Array.isArray(p.file_types) ? p.file_types : [];
  const limit = typeof p.max_file_size === "number" ? p.max_file_size : null;
  if (files.length === 0) return "no file was uploaded";
  // In the server's order: the count, then each file's type, then its size.
  for (const [i, file] of files.entries()) {
    if (single && i >= 1) return "only one file may be uploaded";
    const name = displayName(partName(file, directory));
    if (types.length > 0 && typeRefused(name, file.type, types)) {
      return `“${name}” is not an accepted type: ${types.join(", ")}`;
    }
    if (limit !== null && file.size > limit) return `“${name}” is larger than the ${humanSize(limit)} limit`;
  }
  return null;
}

interface Sending {
  sent: number;
  total: number;
  count: number;
}

export function UploadButton(b: BlockProps<UploadButtonProps>) {
  const p = b.props;
  const interactive = p.interactive !== false;
  const fileCount = p.file_count === "multiple" || p.file_count === "directory" ? p.file_count : "single";
  const input = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [status, setStatus] = useState("");
  const busy = !sending && isBusy(b.progress);
  const label = String(p.label ?? "Upload a File");

  // Not a JSX attribute everywhere: set the property itself.
  useLayoutEffect(() => {
    if (input.current) input.current.webkitdirectory = fileCount === "directory";
  }, [fileCount]);

  const onClick = () => {
    if (!interactive || sending) return;
    store.fire(b.id, "click");
    input.current?.click();
  };

  const onChange = () => {
    const el = input.current;
    if (!el) return;
    const files = Array.from(el.files ?? []);
    el.value = ""; // Choosing the same file again fires `change` again.
    const current = store.get(b.id) as UploadButtonProps;
    // A disabled button sends nothing, even when a script fills its input.
    if (files.length === 0 || sending || current.interactive === false) return;
    const problem = refusal(files, current);
    if (problem) {
      setStatus("");
      store.setError(b.id, problem);
      return;
    }
    store.setError(b.id, undefined);
    const directory = current.file_count === "directory";
    const parts: UploadPart[] = files.map((file) => ({ file, name: partName(file, directory) }));
    const total = files.reduce((n, f) => n + f.size, 0);
    setSending({ sent: 0, total, count: files.length });
    setStatus(files.length === 1 ? `Uploading ${displayName(parts[0]!.name)}…` : `Uploading ${files.length} files…`);
    // Picked before the session was known (rare): sends once it is.
    store.whenReady(() => {
      const task = uploadFiles(store.session, b.id, parts, (sent, all) => setSending({ sent, total: all, count: files.length }));
      task.done.then(
        (stored: FileValue[]) => {
          setSending(null);
          setStatus(stored.length === 1 ? `Uploaded ${stored[0]!.file_name}.` : `Uploaded ${stored.length} files.`);
          const count = (store.get(b.id) as UploadButtonProps).file_count;
          const value = count === "multiple" || count === "directory" ? stored : (stored[0] ?? null);
          store.update(b.id, { value }); // fires `change`
          store.fire(b.id, "upload");
        },
        (err: unknown) => {
          setSending(null);
          setStatus("");
          const message =
            err instanceof ApiError ? err.message : `The upload failed: ${err instanceof Error ? err.message : "unknown error"}.`;
          store.setError(b.id, message);
          showError(message);
        },
      );
    });
  };

  const percent = sending ? (sending.total > 0 ? Math.min(100, Math.floor((sending.sent / sending.total) * 100)) : 0) : 0;
  const attrs = outer(b, sending && "ferry-uploading");
  return (
    <div {...attrs} aria-busy={sending || b.progress ? true : undefined}>
      <button
        type="button"
        class={cx(buttonClass(p.variant, p.size, busy), sending && "ferry-btn-uploading")}
        disabled={!interactive}
        aria-busy={sending || busy ? true : undefined}
        aria-disabled={sending ? true : undefined}
        title={sending ? undefined : progressTitle(b.progress)}
        onClick={onClick}
      >
        {sending ? (
          <>
            <span class="ferry-upload-fill" aria-hidden="true" style={{ transform: `scaleX(${percent / 100})` }} />
            <span class="ferry-btn-label ferry-upload-text">Uploading… {percent}%</span>
          </>
        ) : (
          <ButtonContent label={label} p={p} busy={busy} progress={b.progress} />
        )}
      </button>
      <input
        ref={input}
        type="file"
        class="ferry-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={acceptOf(p.file_types)}
        multiple={fileCount !== "single"}
        disabled={!interactive}
        onChange={onChange}
      />
      <span class="ferry-visually-hidden" role="status">
        {status}
      </span>
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("upload_button", { view: UploadButton });
