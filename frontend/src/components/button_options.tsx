// What Streamlit's buttons have beyond Gradio's, shared by `button` and `download_button`: a
// help tooltip (hover and keyboard focus), a width, a keyboard shortcut, label wrapping.

import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";
import { cx } from "../block";

export interface ButtonOptionProps {
  /** Tooltip HTML (Markdown rendered and sanitised by the server). */
  help?: string | null;
  width?: "content" | "stretch" | number | null;
  /** Canonical keys from the server: modifiers (Ctrl, Cmd, Mod, Alt, Shift) then the key. */
  shortcut?: string | null;
  wrap?: boolean;
  /** "ignore": the click stays in the page (no event reaches the server). */
  on_click?: string | null;
  /** The label in Streamlit's Markdown subset, sanitised by the server (script apps). */
  label_html?: string | null;
}

const mac = /Mac|iP/.test(navigator.platform);

/** The shortcut's modifiers and key, `Mod` resolved for this platform. */
function parts(keys: string): { mods: string[]; key: string } {
  const all = keys.split("+").map((k) => (k === "Mod" ? (mac ? "Cmd" : "Ctrl") : k));
  return { key: all.pop() ?? "", mods: all };
}

/** The `<button>`'s extra class and style for `wrap` and `width`. */
export function optionAttrs(p: ButtonOptionProps, tipId: string) {
  const w = p.width;
  const keys = p.shortcut ? parts(p.shortcut) : null;
  return {
    class: cx(p.wrap === false && "ferry-btn-nowrap"),
    style: w === "content" ? { width: "auto" } : typeof w === "number" ? { width: `${w}px`, maxWidth: "100%" } : undefined,
    "aria-describedby": p.help || keys ? tipId : undefined,
    "aria-keyshortcuts": keys
      ? [...keys.mods.map((m) => ({ Ctrl: "Control", Cmd: "Meta" })[m] ?? m), keys.key].join("+")
      : undefined,
  };
}

/** The tooltip after the button: its help, and the shortcut that clicks it. */
export function Tip({ id, p }: { id: string; p: ButtonOptionProps }) {
  if (!p.help && !p.shortcut) return null;
  const keys = p.shortcut ? parts(p.shortcut) : null;
  return (
    <span class="ferry-tip" role="tooltip" id={id} data-testid="tooltip">
      {p.help ? <span class="ferry-prose" dangerouslySetInnerHTML={{ __html: p.help }} /> : null}
      {keys ? (
        <kbd class="ferry-kbd">{[...keys.mods.map((m) => (mac && m === "Cmd" ? "⌘" : m)), keys.key].join("+")}</kbd>
      ) : null}
    </span>
  );
}

/** The key of a key press as the server names keys: letters and digits by their place on the keyboard. */
function keyOf(e: KeyboardEvent): string {
  const c = /^(?:Key|Digit)(.)$/.exec(e.code);
  if (c) return c[1];
  return e.key === " " ? "Space" : e.key === "Esc" ? "Escape" : e.key.length === 1 ? e.key.toUpperCase() : e.key;
}

/** Clicks `button` when the shortcut is pressed anywhere on the page (not while typing, unless with Ctrl, Cmd or Alt). */
export function useShortcut(keys: string | null | undefined, button: RefObject<HTMLButtonElement | null>): void {
  useEffect(() => {
    if (!keys) return;
    const { mods, key } = parts(keys);
    const onKey = (e: KeyboardEvent) => {
      const el = button.current;
      if (!el || el.disabled || keyOf(e) !== key) return;
      if (e.ctrlKey !== mods.includes("Ctrl") || e.metaKey !== mods.includes("Cmd")) return;
      if (e.altKey !== mods.includes("Alt") || e.shiftKey !== mods.includes("Shift")) return;
      const t = e.target as HTMLElement | null;
      const typing = !!t && (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable);
      if (typing && !e.ctrlKey && !e.metaKey && !e.altKey) return;
      e.preventDefault();
      el.click();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [keys]);
}
