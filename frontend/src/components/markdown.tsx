// `markdown`: HTML rendered and sanitised by the server (pulldown-cmark + ammonia).

import type { MarkdownProps } from "../api";
import { ErrorMessage, ProgressOverlay, outer, type BlockProps } from "../block";

export function Markdown(b: BlockProps<MarkdownProps>) {
  const html = typeof b.props.html === "string" ? b.props.html : "";
  return (
    <div {...outer("markdown", b)}>
      <div class="ferry-prose" dangerouslySetInnerHTML={{ __html: html }} />
      <ProgressOverlay progress={b.progress} />
      <ErrorMessage error={b.error} />
    </div>
  );
}
