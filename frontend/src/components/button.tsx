// `button`: a plain button; fires `click`, and opens `link` (in a new tab) when set.

import type { ButtonProps, Icon, Size, Variant } from "../api";
import { ErrorMessage, Spinner, cx, outer, type BlockProps } from "../block";
import { store } from "../state";

const VARIANTS: readonly Variant[] = ["primary", "secondary", "stop", "huggingface"];
const SIZES: readonly Size[] = ["sm", "md", "lg"];

/** Classes of the inner `<button>`: `ferry-btn`, `ferry-btn-<variant>`, `ferry-btn-<size>`. */
export function buttonClass(variant: unknown, size: unknown, busy: boolean): string {
  const v = VARIANTS.includes(variant as Variant) ? (variant as Variant) : "secondary";
  const s = SIZES.includes(size as Size) ? (size as Size) : "lg";
  return cx("ferry-btn", `ferry-btn-${v}`, `ferry-btn-${s}`, busy && "ferry-btn-busy");
}

/** Spinner (while busy) or icon, then the label. */
export function ButtonContent({ label, icon, busy }: { label: string; icon: Icon | null | undefined; busy: boolean }) {
  return (
    <>
      {busy ? (
        <Spinner />
      ) : icon && typeof icon.url === "string" ? (
        <img class="ferry-btn-icon" alt="" src={icon.url} />
      ) : null}
      <span class="ferry-btn-label">{label}</span>
    </>
  );
}

export function Button(b: BlockProps<ButtonProps>) {
  const p = b.props;
  const interactive = p.interactive !== false;
  const busy = b.progress?.mode === "full";
  const onClick = () => {
    if (!interactive) return;
    if (p.link) window.open(p.link, "_blank", "noopener,noreferrer");
    store.fire(b.id, "click");
  };
  return (
    <div {...outer("button", b)}>
      <button
        type="button"
        class={buttonClass(p.variant, p.size, busy)}
        disabled={!interactive}
        aria-busy={busy || undefined}
        onClick={onClick}
      >
        <ButtonContent label={String(p.value ?? "Run")} icon={p.icon} busy={busy} />
      </button>
      <ErrorMessage error={b.error} />
    </div>
  );
}
