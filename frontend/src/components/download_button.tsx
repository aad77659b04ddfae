// `download_button`: a native browser download of its FileValue, then the `click` event.

import { useState } from "preact/hooks";
import type { FileValue, Size, Variant } from "../protocol";
import { ErrorMessage, outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";
import { store } from "../state";
import { ButtonContent, buttonClass, isBusy, progressTitle, type Icon } from "./button";

export interface DownloadButtonProps extends CommonProps {
  label?: string;
  /** null: the button is shown, a click downloads nothing (and still fires `click`). */
  value?: FileValue | null;
  variant?: Variant;
  size?: Size;
  icon?: Icon | null;
  interactive?: boolean;
}

/**
 * Starts a native download (streamed to disk by the browser, with its own progress) through a
 * hidden `<a download>`; the URL is relative to the page's base (or external). External URLs open in a new tab when the browser ignores `download`
 * (cross-origin), so the app itself is never navigated away.
 */
export function startDownload(file: FileValue): void {
  const a = document.createElement("a");
  a.href = file.url;
  a.download = file.file_name;
  a.rel = "noopener";
  if (file.external) a.target = "_blank";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** "1.2 MB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}

function describe(file: FileValue | null | undefined): string | undefined {
  if (!file) return undefined;
  return typeof file.size === "number" ? `${file.file_name} (${formatSize(file.size)})` : file.file_name;
}

function fileOf(value: unknown): FileValue | null {
  const v = value as FileValue | null | undefined;
  return v && typeof v.url === "string" ? v : null;
}

export function DownloadButton(b: BlockProps<DownloadButtonProps>) {
  const p = b.props;
  const interactive = p.interactive !== false;
  // Clicked while a run that outputs here was pending: the download waits for its value.
  const [waiting, setWaiting] = useState(false);
  const busy = isBusy(b.progress) || waiting;
  const file = fileOf(p.value);
  const onClick = () => {
    if (!interactive || waiting) return;
    const go = () => {
      const current = fileOf(store.get(b.id).value);
      if (current) startDownload(current);
      store.fire(b.id, "click");
    };
    if (!store.isPending(b.id)) return go();
    setWaiting(true);
    store.whenSettled(b.id, () => {
      setWaiting(false);
      if (store.get(b.id).interactive !== false) go();
    });
  };
  return (
    <div {...outer(b)}>
      <button
        type="button"
        class={buttonClass(p.variant, p.size, busy)}
        disabled={!interactive}
        aria-busy={busy || undefined}
        title={progressTitle(b.progress) ?? describe(file)}
        onClick={onClick}
      >
        <ButtonContent label={String(p.label ?? "Download")} icon={p.icon} busy={busy} progress={b.progress} />
      </button>
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("download_button", { view: DownloadButton });
