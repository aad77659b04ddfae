// `accordion`: a titled section the user opens and closes (Gradio's Accordion, Streamlit's expander).

import { outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";

export interface AccordionProps extends CommonProps {
  label?: string;
  open?: boolean;
}

export function Accordion(b: BlockProps<AccordionProps>) {
  return (
    <div {...outer(b)}>
      <details class="ferry-accordion-box" open={b.props.open !== false}>
        <summary class="ferry-accordion-label">{b.props.label ?? ""}</summary>
        <div class="ferry-accordion-body">{b.children}</div>
      </details>
    </div>
  );
}

register("accordion", { view: Accordion, minWidth: null });
