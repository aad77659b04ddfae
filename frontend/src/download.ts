// Native browser downloads: a hidden `<a download>` clicked once, for a download button's click,
// a deferred file that became ready, and a download a handler started (`ferry_ui::download`).

import type { FileValue } from "./protocol";

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

/** A FileValue, or null for anything else (a value the page cannot download). */
export function fileOf(value: unknown): FileValue | null {
  const v = value as FileValue | null | undefined;
  return v && typeof v === "object" && typeof v.url === "string" ? v : null;
}
