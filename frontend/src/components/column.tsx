// `column`: children stacked vertically; in a row, sized by `scale` and `min_width`.

import type { ColumnProps } from "../api";
import { outer, type BlockProps } from "../block";

export function Column(b: BlockProps<ColumnProps>) {
  const variant = b.props.variant === "panel" || b.props.variant === "compact" ? b.props.variant : "default";
  return <div {...outer("column", b, `ferry-variant-${variant}`)}>{b.children}</div>;
}
