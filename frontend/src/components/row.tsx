// `row`: children side by side, wrapping when their `min_width`s do not fit.

import type { RowProps } from "../api";
import { cx, outer, type BlockProps } from "../block";

export function Row(b: BlockProps<RowProps>) {
  const p = b.props;
  const variant = p.variant === "panel" || p.variant === "compact" ? p.variant : "default";
  return (
    <div {...outer("row", b, cx(`ferry-variant-${variant}`, p.equal_height && "ferry-equal-height"))}>
      {b.children}
    </div>
  );
}
