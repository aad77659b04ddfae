// `callout`: a coloured box with a message, Streamlit's st.success / st.info / st.warning /
// st.error: an icon (the kind's own, or an emoji the app chose), then the message's HTML
// (Markdown rendered and sanitised on the server). Warnings and errors are announced at once.

import css from "./callout.css";
import { define, make, text } from "./_host";

const KINDS = ["success", "info", "warning", "error"];
const MARKS: Record<string, string> = { success: "✓", info: "i", warning: "!", error: "×" };

define("callout", css, {
  render(el, props) {
    const kind = KINDS.includes(String(props.kind)) ? String(props.kind) : "info";
    const box = make("div", `ferry-callout-box ferry-callout-${kind}`);
    box.setAttribute("role", kind === "warning" || kind === "error" ? "alert" : "status");
    const emoji = text(props.icon);
    const mark = make("span", emoji ? "ferry-callout-emoji" : "ferry-callout-mark", emoji ?? MARKS[kind]);
    mark.setAttribute("aria-hidden", "true");
    const body = make("div", "ferry-callout-body ferry-prose");
    body.innerHTML = typeof props.html === "string" ? props.html : "";
    box.append(mark, body);
    el.replaceChildren(box);
  },
});
