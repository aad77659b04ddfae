// `image`: a picture from a file the server published (or a remote URL), with its label, a
// caption under it, a width (content, stretch or pixels), an optional height, and a download
// control in its corner. Gradio's `gr.Image` as an output, Streamlit's `st.image`.

import css from "./image.css";
import { applyWidth, define, fileValue, make, text } from "./_host";

define("image", css, {
  render(el, props) {
    const file = fileValue(props.value);
    const label = text(props.label);
    const figure = make("figure", "ferry-image-figure");
    applyWidth(figure, props.width);
    figure.classList.toggle("ferry-image-stretch", props.width === "stretch");
    if (label && props.show_label !== false) figure.append(make("span", "ferry-label", label));
    const frame = make("div", "ferry-image-frame");
    if (typeof props.height === "number") frame.style.height = `${props.height}px`;
    if (file) {
      const img = make("img", "ferry-image-img");
      img.src = file.url;
      img.alt = text(props.alt) ?? text(props.caption) ?? label ?? file.file_name ?? "";
      img.decoding = "async";
      frame.append(img);
      if (props.show_download_button !== false) {
        const save = make("a", "ferry-image-save");
        save.href = file.url;
        save.download = file.file_name ?? "image";
        save.title = "Download";
        save.setAttribute("aria-label", `Download ${file.file_name ?? "the image"}`);
        save.setAttribute("data-testid", "image-download");
        save.innerHTML =
          '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
        frame.append(save);
      }
    } else {
      frame.classList.add("ferry-image-empty");
      frame.append(make("span", "ferry-image-none", "No image"));
    }
    figure.append(frame);
    const caption = text(props.caption);
    if (caption) figure.append(make("figcaption", "ferry-image-caption", caption));
    el.replaceChildren(figure);
  },
});
