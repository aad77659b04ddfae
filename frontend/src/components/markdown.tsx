// `markdown`: HTML rendered and sanitised by the server (pulldown-cmark + ammonia).

import { ErrorMessage, ProgressOverlay, outer, type BlockProps, type CommonProps } from "../block";
import { register } from "../registry";

export interface MarkdownProps extends CommonProps {
  /** Already rendered and sanitised on the server. */
  html?: string;
}

export function Markdown(b: BlockProps<MarkdownProps>) {
  const html = typeof b.props.html === "string" ? b.props.html : "";
  return (
    <div {...outer(b)}>
      <div class="ferry-prose" dangerouslySetInnerHTML={{ __html: html }} />
      <ProgressOverlay progress={b.progress} />
      <ErrorMessage error={b.error} />
    </div>
  );
}

// Its value is the rendered text: a new one fires `change`.
register("markdown", { view: Markdown, valueProp: "html" });
