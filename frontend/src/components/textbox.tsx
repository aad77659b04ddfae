// `textbox`: one line (`<input>`) or several (`<textarea>`, growing up to `max_lines`).
// Fires `input` and `change` on each edit, `submit` on Enter in a one-line box.

import { useLayoutEffect, useRef } from "preact/hooks";
import { ErrorMessage, ProgressOverlay, cx, outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";
import { store } from "../state";

export interface TextboxProps extends CommonProps {
  value?: string;
  label?: string | null;
  show_label?: boolean;
  placeholder?: string | null;
  /** 1: an `<input>`; more: a `<textarea>`. */
  lines?: number;
  max_lines?: number;
  interactive?: boolean;
  info?: string | null;
}

/** Sets a textarea's height to fit its text, between `min` and `max` lines. */
function fitHeight(el: HTMLTextAreaElement, min: number, max: number): void {
  el.style.height = "";
  if (!el.offsetParent) return; // Hidden: nothing to measure; `rows` gives the height.
  const cs = getComputedStyle(el);
  const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.5 || 20;
  const edges =
    parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom) + parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
  const want = el.scrollHeight + parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
  const lo = line * min + edges;
  const hi = line * max + edges;
  el.style.height = `${Math.ceil(Math.min(Math.max(want, lo), hi))}px`;
  el.style.overflowY = want > hi + 1 ? "auto" : "hidden";
}

export function Textbox(b: BlockProps<TextboxProps>) {
  const p = b.props;
  const value = typeof p.value === "string" ? p.value : p.value == null ? "" : String(p.value);
  const lines = Math.max(1, Math.floor(p.lines ?? 1));
  const maxLines = Math.max(lines, Math.floor(p.max_lines ?? 20));
  const interactive = p.interactive !== false;
  const inputId = `ferry-${b.id}-input`;
  const infoId = `ferry-${b.id}-info`;
  const label = p.label ?? null;
  const showLabel = p.show_label !== false && label !== null && label !== "";
  const area = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    if (area.current) fitHeight(area.current, lines, maxLines);
  }, [value, lines, maxLines, p.visible]);

  const common = {
    id: inputId,
    class: "ferry-input",
    value,
    placeholder: p.placeholder ?? undefined,
    disabled: !interactive,
    "aria-label": showLabel ? undefined : label || "Textbox",
    "aria-describedby": p.info ? infoId : undefined,
    onInput: (e: Event) => store.userInput(b.id, (e.currentTarget as HTMLInputElement).value),
  };

  return (
    <div {...outer(b, !interactive && "ferry-readonly")}>
      {showLabel ? (
        <label class="ferry-label" for={inputId}>
          {label}
        </label>
      ) : null}
      {p.info ? (
        <p class="ferry-info" id={infoId}>
          {p.info}
        </p>
      ) : null}
      <div class={cx("ferry-field", b.progress && "ferry-field-busy")}>
        {lines === 1 ? (
          <input
            {...common}
            type="text"
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.isComposing && interactive) {
                e.preventDefault();
                store.fire(b.id, "submit");
              }
            }}
          />
        ) : (
          <textarea {...common} ref={area} rows={lines} />
        )}
        <ProgressOverlay progress={b.progress} />
      </div>
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("textbox", { view: Textbox });
