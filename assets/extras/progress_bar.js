"use strict";(()=>{var i=`.ferry-progress-bar-box {
  display: flex;
  flex-direction: column;
  gap: 6px;
}
.ferry-progress-bar-text {
  font-size: 14px;
  color: var(--ferry-text-2);
}
.ferry-progress-bar-bar {
  appearance: none;
  width: 100%;
  height: 8px;
  border: 0;
  border-radius: 4px;
  background: var(--ferry-surface-3);
  overflow: hidden;
}
.ferry-progress-bar-bar::-webkit-progress-bar {
  background: var(--ferry-surface-3);
}
.ferry-progress-bar-bar::-webkit-progress-value {
  background: var(--ferry-accent);
  border-radius: 4px;
  transition: width 0.2s var(--ferry-ease);
}
.ferry-progress-bar-bar::-moz-progress-bar {
  background: var(--ferry-accent);
}
`;function p(r,t,n){let e=new CSSStyleSheet;e.replaceSync(t),document.adoptedStyleSheets=[...document.adoptedStyleSheets,e],window.ferry?.register(r,n)}function a(r,t,n){let e=document.createElement(r);return t&&(e.className=t),n!==void 0&&(e.textContent=n),e}function l(r){return typeof r=="string"&&r!==""?r:null}p("progress_bar",i,{render(r,t){let n=typeof t.value=="number"?Math.min(1,Math.max(0,t.value)):0,e=a("div","ferry-progress-bar-box"),s=l(t.text),o=a("progress","ferry-progress-bar-bar");o.max=1,o.value=n,o.setAttribute("aria-label",s??"Progress"),s&&e.append(a("span","ferry-progress-bar-text",s)),e.append(o),r.replaceChildren(e)}});})();
