// `column`: children stacked vertically; in a row, sized by `scale` and `min_width`.

import { outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";

export interface ColumnProps extends CommonProps {
  variant?: "default" | "panel" | "compact";
}

export function Column(b: BlockProps<ColumnProps>) {
  const variant = b.props.variant === "panel" || b.props.variant === "compact" ? b.props.variant : "default";
  return <div {...outer(b, `ferry-variant-${variant}`)}>{b.children}</div>;
}

// Gradio's default: a column in a row is at least 320 px wide.
register("column", { view: Column, minWidth: 320 });
