// `button`: a plain button; fires `click`, and opens `link` (in a new tab) when set.

import type { Size, Variant } from "../protocol";
import { useRef } from "preact/hooks";
import { ErrorMessage, ProgressBar, Spinner, cx, outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";
import { store, type Progress } from "../state";
import { Tip, optionAttrs, useShortcut, type ButtonOptionProps } from "./button_options";

/**
 * A button's icon (docs/protocol.md): an image (`url`), one emoji, a Material Symbol (`glyph`:
 * its codepoint in the embedded font, `material`: its name), or a spinner.
 */
export interface Icon {
  url?: string;
  emoji?: string;
  material?: string;
  glyph?: string;
  spinner?: boolean;
}

/** The props of a button-like component that place its icon. */
export interface IconProps {
  icon?: Icon | null;
  /** `"left"` (the default) or `"right"` of the label. */
  icon_position?: string;
}

export interface ButtonProps extends CommonProps, IconProps, ButtonOptionProps {
  /** The label text. */
  value?: string;
  variant?: Variant;
  size?: Size;
  interactive?: boolean;
  link?: string | null;
}

const VARIANTS: readonly Variant[] = ["primary", "secondary", "stop", "tertiary"];
const SIZES: readonly Size[] = ["sm", "md", "lg"];

/** Classes of the inner `<button>`: `ferry-btn`, `ferry-btn-<variant>`, `ferry-btn-<size>`. */
export function buttonClass(variant: unknown, size: unknown, busy: boolean): string {
  const v = VARIANTS.includes(variant as Variant) ? (variant as Variant) : "secondary";
  const s = SIZES.includes(size as Size) ? (size as Size) : "lg";
  return cx("ferry-btn", `ferry-btn-${v}`, `ferry-btn-${s}`, busy && "ferry-btn-busy");
}

/** Whether a button shows its busy state: a `"full"` run outputs to it. */
export function isBusy(progress: Progress | undefined): boolean {
  return progress?.mode === "full";
}

/**
 * The icon (a spinner while busy) and the label (its sanitised HTML when `html` is given), the
 * icon on the side `icon_position` says; under them, a thin bar of the run's reported progress.
 */
export function ButtonContent({ label, html, p, busy, progress }: { label: string; html?: string | null | undefined; p: IconProps; busy: boolean; progress?: Progress | undefined }) {
  const d = busy ? progress?.detail : undefined;
  const icon = p.icon;
  const text = icon?.glyph ?? icon?.emoji;
  const shown =
    busy || icon?.spinner ? (
      <Spinner />
    ) : typeof icon?.url == "string" ? (
      <img class="ferry-btn-icon" alt="" src={icon.url} />
    ) : typeof text == "string" ? (
      // Decorative: the label names the button. A symbol is its codepoint, never its name.
      <span class={icon?.glyph ? "ferry-symbol" : "ferry-emoji"} aria-hidden="true">
        {text}
      </span>
    ) : null;
  const right = p.icon_position == "right";
  return (
    <>
      {right ? null : shown}
      {html ? (
        <span class="ferry-btn-label" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <span class="ferry-btn-label">{label}</span>
      )}
      {right ? shown : null}
      {d ? <ProgressBar fraction={d.fraction} label={d.description} thin /> : null}
    </>
  );
}

/** A busy button's `title`: the run's reported description, if any. */
export function progressTitle(progress: Progress | undefined): string | undefined {
  return (isBusy(progress) && progress?.detail?.description) || undefined;
}

export function Button(b: BlockProps<ButtonProps>) {
  const p = b.props;
  const interactive = p.interactive !== false;
  const busy = isBusy(b.progress);
  const ref = useRef<HTMLButtonElement>(null);
  useShortcut(p.shortcut, ref);
  const onClick = () => {
    if (!interactive) return;
    if (p.link) window.open(p.link, "_blank", "noopener,noreferrer");
    if (p.on_click !== "ignore") store.fire(b.id, "click");
  };
  const tip = `ferry-tip-${b.id}`;
  const opts = optionAttrs(p, tip);
  return (
    <div {...outer(b)}>
      <button
        type="button"
        ref={ref}
        {...opts}
        class={cx(buttonClass(p.variant, p.size, busy), opts.class)}
        disabled={!interactive}
        aria-busy={busy || undefined}
        title={progressTitle(b.progress)}
        onClick={onClick}
      >
        <ButtonContent label={String(p.value ?? "Run")} html={p.label_html} p={p} busy={busy} progress={b.progress} />
      </button>
      <Tip id={tip} p={p} />
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("button", { view: Button });
