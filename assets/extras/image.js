"use strict";(()=>{var d=`.ferry-image-figure {
  margin: 0;
  display: inline-flex;
  flex-direction: column;
  gap: 6px;
  min-width: 0;
}
.ferry-image-frame {
  position: relative;
  display: flex;
  justify-content: center;
  align-items: center;
  border-radius: var(--ferry-radius-sm);
  overflow: hidden;
}
.ferry-image-img {
  display: block;
  max-width: 100%;
  max-height: 100%;
  object-fit: contain;
}
.ferry-image-stretch .ferry-image-img {
  width: 100%;
}
.ferry-image-empty {
  min-height: 160px;
  min-width: 200px;
  border: 1px dashed var(--ferry-border-strong);
  background: var(--ferry-surface-2);
  color: var(--ferry-text-3);
  font-size: 0.875rem;
}
.ferry-image-save {
  position: absolute;
  top: 8px;
  right: 8px;
  display: grid;
  place-items: center;
  width: 30px;
  height: 30px;
  border-radius: 8px;
  background: var(--ferry-surface);
  color: var(--ferry-text);
  border: 1px solid var(--ferry-border);
  box-shadow: var(--ferry-shadow-sm);
  opacity: 0;
  transition: opacity 0.15s var(--ferry-ease);
}
.ferry-image-frame:hover .ferry-image-save,
.ferry-image-save:focus-visible {
  opacity: 1;
}
.ferry-image-caption {
  font-size: 0.875rem;
  color: var(--ferry-text-2);
  text-align: center;
}
`;function g(t,e,r){let i=new CSSStyleSheet;i.replaceSync(e),document.adoptedStyleSheets=[...document.adoptedStyleSheets,i],window.ferry?.register(t,r)}function n(t,e,r){let i=document.createElement(t);return e&&(i.className=e),r!==void 0&&(i.textContent=r),i}function f(t){return typeof t=="string"&&t!==""?t:null}function c(t){return t&&typeof t=="object"&&typeof t.url=="string"?t:null}function y(t,e){t.style.width=e==="stretch"?"100%":typeof e=="number"?`${e}px`:"",t.style.maxWidth="100%"}g("image",d,{render(t,e){let r=c(e.value),i=f(e.label),o=n("figure","ferry-image-figure");y(o,e.width),o.classList.toggle("ferry-image-stretch",e.width==="stretch"),i&&e.show_label!==!1&&o.append(n("span","ferry-label",i));let l=n("div","ferry-image-frame");if(typeof e.height=="number"&&(l.style.height=`${e.height}px`),r){let s=n("img","ferry-image-img");if(s.src=r.url,s.alt=f(e.alt)??f(e.caption)??i??r.file_name??"",s.decoding="async",l.append(s),e.show_download_button!==!1){let a=n("a","ferry-image-save");a.href=r.url,a.download=r.file_name??"image",a.title="Download",a.setAttribute("aria-label",`Download ${r.file_name??"the image"}`),a.setAttribute("data-testid","image-download"),a.innerHTML='<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>',l.append(a)}}else l.classList.add("ferry-image-empty"),l.append(n("span","ferry-image-none","No image"));o.append(l);let m=f(e.caption);m&&o.append(n("figcaption","ferry-image-caption",m)),t.replaceChildren(o)}});})();
