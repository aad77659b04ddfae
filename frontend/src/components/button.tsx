// `button`: a plain button; fires `click`, and opens `link` (in a new tab) when set.

import type { Size, Variant } from "../protocol";
import { useRef } from "preact/hooks";
import { ErrorMessage, ProgressBar, Spinner, cx, outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";
import { store, type Progress } from "../state";
import { Tip, optionAttrs, useShortcut, type ButtonOptionProps } from "./button_options";

/** An image shown before a button's label. */
export interface Icon {
  url: string;
}

export interface ButtonProps extends CommonProps, ButtonOptionProps {
  /** The label text. */
  value?: string;
  variant?: Variant;
  size?: Size;
  icon?: Icon | null;
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

/** Spinner (while busy) or icon, then the label; under it, a thin bar of the run's reported progress. */
export function ButtonContent({ label, html, icon, busy, progress }: { label: string; html?: string | null | undefined; icon: Icon | null | undefined; busy: boolean; progress?: Progress | undefined }) {
  const d = busy ? progress?.detail : undefined;
  return (
    <>
      {busy ? (
        <Spinner />
      ) : icon && typeof icon.url === "string" ? (
        <img class="ferry-btn-icon" alt="" src={icon.url} />
      ) : null}
      {html ? (
        <span class="ferry-btn-label" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <span class="ferry-btn-label">{label}</span>
      )}
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
        <ButtonContent label={String(p.value ?? "Run")} html={p.label_html} icon={p.icon} busy={busy} progress={b.progress} />
      </button>
      <Tip id={tip} p={p} />
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("button", { view: Button });
