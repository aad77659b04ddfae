"use strict";(()=>{var s=`.ferry-callout-box {
  --tone: var(--ferry-info);
  display: flex;
  gap: 10px;
  align-items: flex-start;
  padding: 12px 14px;
  border-radius: var(--ferry-radius);
  border: 1px solid color-mix(in srgb, var(--tone) 35%, transparent);
  background: color-mix(in srgb, var(--tone) 10%, var(--ferry-surface));
}
.ferry-callout-success { --tone: #16a34a; }
.ferry-callout-warning { --tone: var(--ferry-warning); }
.ferry-callout-error { --tone: var(--ferry-danger); }
.ferry-callout-mark {
  flex: none;
  display: grid;
  place-items: center;
  width: 20px;
  height: 20px;
  margin-top: 2px;
  border-radius: 50%;
  background: var(--tone);
  color: #fff;
  font-size: 13px;
  font-weight: 700;
}
.ferry-callout-emoji {
  flex: none;
  font-size: 18px;
  line-height: 1.4;
}
.ferry-callout-body {
  min-width: 0;
}
`;function c(t,e,n){let r=new CSSStyleSheet;r.replaceSync(e),document.adoptedStyleSheets=[...document.adoptedStyleSheets,r],window.ferry?.register(t,n)}function o(t,e,n){let r=document.createElement(t);return e&&(r.className=e),n!==void 0&&(r.textContent=n),r}function f(t){return typeof t=="string"&&t!==""?t:null}var d=["success","info","warning","error"],m={success:"✓",info:"i",warning:"!",error:"×"};c("callout",s,{render(t,e){let n=d.includes(String(e.kind))?String(e.kind):"info",r=o("div",`ferry-callout-box ferry-callout-${n}`);r.setAttribute("role",n==="warning"||n==="error"?"alert":"status");let i=f(e.icon),l=o("span",i?"ferry-callout-emoji":"ferry-callout-mark",i??m[n]);l.setAttribute("aria-hidden","true");let a=o("div","ferry-callout-body ferry-prose");a.innerHTML=typeof e.html=="string"?e.html:"",r.append(l,a),t.replaceChildren(r)}});})();
