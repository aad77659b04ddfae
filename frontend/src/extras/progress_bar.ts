// `progress_bar`: a bar filled to a fraction, with an optional text above it: Streamlit's
// st.progress. A native <progress> element, so assistive technology reads its value.

import css from "./progress_bar.css";
import { define, make, text } from "./_host";

define("progress_bar", css, {
  render(el, props) {
    const value = typeof props.value === "number" ? Math.min(1, Math.max(0, props.value)) : 0;
    const wrap = make("div", "ferry-progress-bar-box");
    const label = text(props.text);
    const bar = make("progress", "ferry-progress-bar-bar");
    bar.max = 1;
    bar.value = value;
    bar.setAttribute("aria-label", label ?? "Progress");
    if (label) wrap.append(make("span", "ferry-progress-bar-text", label));
    wrap.append(bar);
    el.replaceChildren(wrap);
  },
});
