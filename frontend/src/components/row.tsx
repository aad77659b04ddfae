// `row`: children side by side, wrapping when their `min_width`s do not fit.

import { cx, outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";

export interface RowProps extends CommonProps {
  equal_height?: boolean;
  variant?: "default" | "panel" | "compact";
}

export function Row(b: BlockProps<RowProps>) {
  const p = b.props;
  const variant = p.variant === "panel" || p.variant === "compact" ? p.variant : "default";
  return (
    <div {...outer(b, cx(`ferry-variant-${variant}`, p.equal_height && "ferry-equal-height"))}>
      {b.children}
    </div>
  );
}

// Its children are flex items; a row inside a row has no minimum width.
register("row", { view: Row, childrenInRow: true, minWidth: null });
