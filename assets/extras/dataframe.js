"use strict";(()=>{var M=`.ferry-df {
  display: flex;
  flex-direction: column;
  min-width: 0;
  max-width: 100%;
}
.ferry-df-content {
  width: fit-content;
}
.ferry-df-scroll {
  max-height: 400px;
  overflow: auto;
  border: 1px solid var(--ferry-border);
  border-radius: var(--ferry-radius-sm);
  background: var(--ferry-surface);
  overscroll-behavior: contain;
}
.ferry-df-scroll:focus-visible {
  outline: 2px solid var(--ferry-focus);
  outline-offset: 2px;
}
.ferry-df-table {
  border-collapse: separate;
  border-spacing: 0;
  min-width: 100%;
  font-size: 0.8125rem;
  line-height: 1.4;
  color: var(--ferry-text);
}
.ferry-df-th {
  position: sticky;
  top: 0;
  z-index: 1;
  padding: 0;
  background: var(--ferry-surface-2);
  border-bottom: 1px solid var(--ferry-border-strong);
  text-align: left;
  font-weight: 600;
  white-space: nowrap;
}
.ferry-df-th > .ferry-df-head,
.ferry-df-sort {
  display: flex;
  align-items: center;
  gap: 4px;
  box-sizing: border-box;
  width: 100%;
  min-height: 32px;
  padding: 6px 10px;
}
.ferry-df-sort {
  margin: 0;
  border: 0;
  background: transparent;
  color: inherit;
  font: inherit;
  text-align: inherit;
  cursor: pointer;
}
.ferry-df-sort:hover {
  background: var(--ferry-surface-3);
}
.ferry-df-sort:focus-visible {
  outline: 2px solid var(--ferry-focus);
  outline-offset: -2px;
}
.ferry-df-num > .ferry-df-head,
.ferry-df-num > .ferry-df-sort {
  justify-content: flex-end;
}
.ferry-df-arrow {
  min-width: 0.75em;
  font-size: 0.625rem;
  color: var(--ferry-accent-text);
}
.ferry-df-num > .ferry-df-sort > .ferry-df-arrow {
  order: -1;
}
.ferry-df-table td {
  padding: 5px 10px;
  border-bottom: 1px solid var(--ferry-border);
  white-space: nowrap;
  text-align: left;
}
.ferry-df-table th + th,
.ferry-df-table td + td {
  border-left: 1px solid var(--ferry-border);
}
.ferry-df-table tbody tr:last-child td {
  border-bottom: 0;
}
.ferry-df-table tbody tr:hover td {
  background: var(--ferry-accent-soft);
}
.ferry-df-table .ferry-df-num {
  text-align: right;
  font-variant-numeric: tabular-nums;
}
.ferry-df-none {
  margin: 0;
  padding: 24px;
  text-align: center;
  font-size: 0.875rem;
  color: var(--ferry-text-3);
}
.ferry-df-foot {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 6px 16px;
  margin-top: 6px;
  font-size: 0.8125rem;
  color: var(--ferry-text-2);
}
.ferry-df-download {
  display: inline-flex;
  align-items: center;
  gap: 5px;
  padding: 3px 8px;
  border-radius: 6px;
  color: var(--ferry-accent-text);
  font-weight: 500;
  text-decoration: none;
}
.ferry-df-download:hover {
  background: var(--ferry-accent-soft);
}
.ferry-df-download:focus-visible {
  outline: 2px solid var(--ferry-focus);
  outline-offset: 1px;
}
`;function L(e,r,t){let n=new CSSStyleSheet;n.replaceSync(r),document.adoptedStyleSheets=[...document.adoptedStyleSheets,n],window.ferry?.register(e,t)}function o(e,r,t){let n=document.createElement(e);return r&&(n.className=r),t!==void 0&&(n.textContent=t),n}function T(e){return typeof e=="string"&&e!==""?e:null}function E(e){return e&&typeof e=="object"&&typeof e.url=="string"?e:null}function _(e,r){e.style.width=r==="stretch"?"100%":typeof r=="number"?`${r}px`:"",e.style.maxWidth="100%"}var v=new WeakMap;function F(e){if(Object.is(e,-0))return"-0";if(!Number.isFinite(e))return Number.isNaN(e)?"NaN":e>0?"inf":"-inf";let r=String(e),t=r.indexOf("e");if(t<0)return r;let n=r.startsWith("-")?"-":"",[u,i=""]=r.slice(n.length,t).split("."),a=u+i,f=u.length+Number(r.slice(t+1));return f<=0?`${n}0.${"0".repeat(-f)}${a}`:f>=a.length?n+a+"0".repeat(f-a.length):`${n}${a.slice(0,f)}.${a.slice(f)}`}function W(e){return e==null?"":typeof e=="number"?F(e):String(e)}function g(e){return typeof e=="number"?0:typeof e=="boolean"?1:typeof e=="string"?2:3}function D(e,r){let t=g(e),n=g(r);return t!==n?t-n:t===0?e-r:t===1?Number(e)-Number(r):t===2?e.localeCompare(r):0}function O(e,r,t){let n=e.map((i,a)=>a);if(r===null)return n;let u=t==="ascending"?1:-1;return n.sort((i,a)=>{let f=e[i][r]??null,m=e[a][r]??null;return f===null||m===null?g(f)-g(m):u*D(f,m)})}function z(e,r,t){return e===1?`1 ${r}`:`${e} ${t}`}function R(e){let r=e.value;return!r||!Array.isArray(r.headers)||!Array.isArray(r.data)?null:{headers:r.headers.map(t=>String(t??"")),rows:r.data.filter(t=>Array.isArray(t))}}L("dataframe",M,{render(e,r){let t=R(r),n=T(r.label),u=o("div","ferry-df");_(u,r.width==="content"?null:r.width),u.classList.toggle("ferry-df-content",r.width==="content"),n&&r.show_label!==!1&&u.append(o("span","ferry-label",n));let i=o("div","ferry-df-scroll");if(i.tabIndex=0,i.setAttribute("role","region"),i.setAttribute("aria-label",n??"Table"),typeof r.height=="number"&&(i.style.maxHeight=`${r.height}px`),u.append(i),!t||t.headers.length===0){i.append(o("p","ferry-df-none","No data")),e.replaceChildren(u),v.delete(e);return}let{headers:a,rows:f}=t,m=JSON.stringify(a),h=v.get(e),l=h&&h.headers===m?h:{headers:m,column:null,direction:"ascending",top:0,left:0};v.set(e,l);let V=a.map((d,s)=>{let p=!1;for(let y of f){let c=y[s]??null;if(c!==null){if(typeof c!="number")return!1;p=!0}}return p}),k=o("table","ferry-df-table"),C=o("thead"),S=o("tr"),N=r.sortable!==!1,H=a.map((d,s)=>{let p=o("th",V[s]?"ferry-df-th ferry-df-num":"ferry-df-th");p.scope="col";let y=o("span","ferry-df-head",d);if(N){let c=o("button","ferry-df-sort");c.type="button",d||c.setAttribute("aria-label",`Column ${s+1}`);let b=o("span","ferry-df-arrow");b.setAttribute("aria-hidden","true"),c.append(y,b),c.addEventListener("click",()=>{l.column!==s?(l.column=s,l.direction="ascending"):l.direction==="ascending"?l.direction="descending":l.column=null,A()}),p.append(c)}else p.append(y);return S.append(p),p});C.append(S);let $=o("tbody"),K=f.map(d=>{let s=o("tr");return a.forEach((p,y)=>{let c=d[y]??null,b=o("td",typeof c=="number"?"ferry-df-num":c===null?"ferry-df-empty":void 0);b.textContent=W(c),s.append(b)}),s});k.append(C,$),i.append(k);function A(){let d=N?l.column:null;H.forEach((s,p)=>{let y=s.querySelector(".ferry-df-arrow");p===d?(s.setAttribute("aria-sort",l.direction),y&&(y.textContent=l.direction==="ascending"?"▲":"▼")):(s.removeAttribute("aria-sort"),y&&(y.textContent=""))}),$.replaceChildren(...O(f,d,l.direction).map(s=>K[s]))}A();let x=o("div","ferry-df-foot");x.append(o("span","ferry-df-count",`${z(f.length,"row","rows")} × ${z(a.length,"column","columns")}`));let w=E(r.csv);if(w&&r.show_download!==!1){let d=o("a","ferry-df-download");d.href=w.url,d.download=w.file_name??"data.csv",d.setAttribute("data-testid","dataframe-download"),d.innerHTML='<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>',d.append("Download as CSV"),x.append(d)}u.append(x),e.replaceChildren(u),i.scrollTop=l.top,i.scrollLeft=l.left,i.addEventListener("scroll",()=>{l.top=i.scrollTop,l.left=i.scrollLeft})}});})();
