// What the extras share: each is a plain script (no Preact) that draws its component through
// `window.ferry.register`, the API app authors use (custom.tsx), with its stylesheet adopted
// as a constructed sheet (the page's Content-Security-Policy admits those, not <style>).

import type { CustomComponent } from "../custom";

/** A file the server published (docs/protocol.md, FileValue). */
export interface FileValue {
  url: string;
  file_name?: string | null;
  mime_type?: string | null;
  size?: number | null;
}

/** Registers `component` as wire type `type`, with `css` adopted once for the document. */
export function define(type: string, css: string, component: CustomComponent): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  window.ferry?.register(type, component);
}

/** A new element with classes and text. */
export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A prop that is a non-empty string, else null. */
export function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** A file value with a URL, else null. */
export function fileValue(value: unknown): FileValue | null {
  return value && typeof value === "object" && typeof (value as FileValue).url === "string"
    ? (value as FileValue)
    : null;
}

/**
 * A width in the page's terms: `"stretch"` fills the column, `"content"` (or nothing) is the
 * content's own width, a number is that many pixels (never wider than the column).
 */
export function applyWidth(node: HTMLElement, width: unknown): void {
  node.style.width = width === "stretch" ? "100%" : typeof width === "number" ? `${width}px` : "";
  node.style.maxWidth = "100%";
}
