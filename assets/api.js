var d,fe,We,T,Z,R,le,W,de,Q,K,Ve,U=Symbol.for("pv"),B={},q=[],ze=/^m(i|n|o|s|text|space)$/,X=Array.isArray,he=q.slice,j=Object.assign;function $(t){t&&t.parentNode&&t.remove()}function V(t,e,n,r,i){var _={type:t,props:e,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:U,__v:i||++fe,__i:-1,__u:0};return!i&&d.vnode&&d.vnode(_),_}function H(t){return t.children}function z(t,e){this.props=t,this.context=e,this.__g=0}function E(t,e){if(e==null)return t.__&&E(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:E(t)}function Oe(t){var e,n=t.__v,r=n.__e,i=[],_=[],a=t.__P;a&&((e=j({constructor:U},n)).__v=n.__v+1,d.vnode&&d.vnode(e),Y(a,e,n,t.__n,a.namespaceURI,32&n.__u?[r]:null,i,r||E(n),32&n.__u,_),e.__v=n.__v,e.__.__k[e.__i]=e,xe(i,e,_),n.__=n.__e=null,e.__e!=r&&ye(e))}function ye(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),ye(t)}function ue(t){(8&t.__g||(t.__g|=8,T.push(t),R++))&&Z==d.debounceRendering||((Z=d.debounceRendering)||queueMicrotask)(me)}function me(){try{for(var t,e=1;T.length;)T.length>e&&T.sort(le),t=T.shift(),e=T.length,8&t.__g&&Oe(t)}finally{(R=T.length)&&(Z||queueMicrotask)(me)}}function ge(t,e,n,r,i,_,a,s,u,y,p){var g,m,o,f,w,h,v=r.__k||q,l=e.length;for(u=Re(n,e,v,u,l),g=0;g<l;g++)(o=n.__k[g])!=null&&(m=~o.__i&&v[o.__i]||B,o.__i=g,h=Y(t,o,m,i,_,a,s,u,y,p),f=o.__e,(m.ref!=o.ref||8&m.__u)&&(m.ref&&ee(m.ref,null,o,m),o.ref&&p.push(o.ref,o.__c||f,o)),w=w||f,4&o.__u?(u=ve(o,u,t,!m.__v),m.__e&&(m.__e=null)):typeof o.type=="function"&&h!==void 0?u=h:f&&(u=f.nextSibling),o.__u&=-21);return n.__e=w,u}function Re(t,e,n,r,i){var _,a,s,u,y,p,g,m,o,f=n.length,w=f,h=0,v=0,l=t.__k=Array(i);for(_=0;_<i;_++)(a=e[_])!=null&&typeof a!="boolean"&&typeof a!="function"?(typeof a!="object"||a.constructor===String?a=l[_]=V(null,a):X(a)?a=l[_]=V(H,{children:a}):a.constructor===U&&a.__b?a=l[_]=V(a.type,a.props,a.key,a.ref,a.__v):l[_]=a,u=_+h,a.__=t,a.__b=t.__b+1,s=null,~(y=a.__i=Be(a,n,u,w))&&(w--,(s=n[y])&&(s.__u|=2)),s&&s.__v?(a.__u|=16,y==u-1?h--:y==u+1?h++:y!=u&&(y>u?h--:h++,v=1)):(~y||(i>f?h--:i<f&&h++),typeof a.type!="function"&&(a.__u|=4))):l[_]=null;if(v){for(p=[],g=[],_=0;_<i;_++)if((a=l[_])&&16&a.__u){for(h=0,m=p.length;h<m;)p[o=h+m>>1]<a.__i?h=o+1:m=o;p[h]=a.__i,g[_]=h+1}for(h=p.length;_--;)g[_]&&(g[_]==h?h--:l[_].__u|=4)}if(w)for(_=0;_<f;_++)!(s=n[_])||2&s.__u||(s.__e==r&&(r=E(s)),te(s,s));return r}function ve(t,e,n,r){var i,_,a,s;if(typeof t.type=="function"){if(t.props.__P)return e;if(i=t.__k)for(_=0;_<i.length;_++)i[_]&&(i[_].__=t,e=ve(i[_],e,n,!1));return e}for(e&&!e.parentNode&&(e=E(t))&&!e.parentNode&&(e=null),a=t.__e,s=e;s&&s.nodeType==8;)s=s.nextSibling;for(a!=s&&(!r&&n.moveBefore&&a.parentNode?n.moveBefore(a,e):n.insertBefore(a,e||null)),e=a;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function Be(t,e,n,r){var i,_=t.key,a=t.type,s=e[n],u=s&&!(2&s.__u);if(s===null&&_==null||u&&_==s.key&&a==s.type)return n;if(r>(u?1:0)){for(i=n-1;i>=0;i--)if((s=e[i])&&!(2&s.__u)&&_==s.key&&a==s.type)return i;for(i=n+1;i<e.length;i++)if((s=e[i])&&!(2&s.__u)&&_==s.key&&a==s.type)return i}return-1}function ce(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function F(t,e,n,r,i){var _,a;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof r=="string"&&(t.style.cssText=r=""),r)for(e in r)n&&e in n||ce(t.style,e);if(n)for(e in n)r&&n[e]==r[e]||ce(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof r!="function"&&(r=null),(t.__e||(t.__e={}))[e]=n,n&&r||(a=K[e]||(K[e]=qe(e)),(t.__a||(t.__a={}))[e]=Q,_=e!=(e=e.replace(de,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,a,_):t.removeEventListener(e,a,_));else{if(i=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function qe(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[W]==null)e[W]=Q++;else if(e[W]<this.__a[t])return;return n(d.event?d.event(e):e)}}}function Y(t,e,n,r,i,_,a,s,u,y){var p,g,m,o,f,w,h,v,l,C,b,J,se,M,N,pe,A,I,P=e.type;if(e.constructor!==U)return null;128&n.__u&&(u=32&n.__u,p=n.__c.__z)&&(e.__u|=u,g=_=[],p.nodeType==8?s=O(p,_):_.push(p),s=_[0]||s),(p=d.__b)&&p(e);e:if(typeof P=="function"){m=a.length;try{if(v=e.props,l=(p=P.prototype)&&p.render,C=(p=P.contextType)&&r[p.__c],b=p?C?C.props.value:p.__:r,(o=n.__c)?(e.__c=o,2&o.__g&&(o.__g|=1)):(l?e.__c=o=new P(v,b):(e.__c=o=new z(v,b),o.constructor=P,o.render=Je),C&&C.sub(o),o.state||(o.state={}),o.__n=r,o.__g|=8,o.__h=[],o.__k=[]),l&&(o.__s||(o.__s=o.state),P.getDerivedStateFromProps&&(o.__s==o.state&&(o.__s=j({},o.__s)),j(o.__s,P.getDerivedStateFromProps(v,o.__s)))),f=o.props,w=o.state,o.__v=e,n.__c){if(v!==f&&l&&!P.getDerivedStateFromProps&&o.componentWillReceiveProps&&o.componentWillReceiveProps(v,b),e.__v==n.__v&&!(8&o.__g)||!(4&o.__g)&&o.shouldComponentUpdate&&o.shouldComponentUpdate(v,o.__s,b)===!1){e.__v!=n.__v&&(o.props=v,o.state=o.__s,o.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(S){S&&(S.__=e)}),q.push.apply(o.__h,o.__k),o.__k=[],o.__h.length&&a.push(o),s=E(n);break e}o.componentWillUpdate&&o.componentWillUpdate(v,o.__s,b),l&&o.componentDidUpdate&&o.__h.push(function(){o.componentDidUpdate(f,w,h)})}else l&&!P.getDerivedStateFromProps&&o.componentWillMount&&o.componentWillMount(),l&&o.componentDidMount&&o.__h.push(o.componentDidMount);o.context=b,o.props=v,o.__P=t,o.__g&=-5,J=d.__r,se=l?25:0;do o.__g&=-9,J&&J(e),p=o.render(o.props,o.state=o.__s,o.context);while(8&o.__g&&++se<25);l&&(q.push.apply(o.__h,o.__k),o.__k=[]),o.state=o.__s,o.getChildContext&&(r=j({},r,o.getChildContext())),l&&n.__c&&o.getSnapshotBeforeUpdate&&(h=o.getSnapshotBeforeUpdate(f,w)),M=p&&p.type===H&&p.key==null?p.props.children:p,v.__P&&(p=s,i=(t=v.__P).namespaceURI,u=_=null,n.props&&n.props.__P!=t&&(n.__k.some(function(S){S&&te(S,S)}),n.__k=null),s=n.__k?E(n,0):null),s=ge(t,X(M)?M:[M],e,n,r,i,_,a,s,u,y),v.__P&&(e.__e=null,s=p),e.__u&=-161,g&&g.some($),o.__h.length&&a.push(o),1&o.__g&&(o.__g&=-4)}catch(S){if(a.length=m,e.__v=null,u||_)if(S&&S.then){if(e.__u|=128|u,_){for(~(A=_.indexOf(s||void 0))||(A=_.length);(I=_[A-1])&&I.nodeType==8;)A--;for(;A<_.length;A++)if(I=_[A])if(_[A]=null,N){if(I==pe)break}else{if(I.nodeType!=8)break;I.data.startsWith("$s")&&(pe=O(N=I))}}if(!N){for(;s&&s.nodeType==8&&s.nextSibling;)s=s.nextSibling;N=s}(p=O(N=e.__c.__z||(e.__c.__z=N)))?(e.__e=N,s=p):e.__e=s,s=s&&s.nextSibling}else _&&_.some($);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),S&&S.then||be(e),d.__e(S,e,n)}}else s=e.__e=Ge(n.__e,e,n,r,i,_,a,u,y,t);return(p=d.diffed)&&p(e),s}function O(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function be(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(be))}function xe(t,e,n){for(var r=0;r<n.length;)ee(n[r++],n[r++],n[r++]);d.__c&&d.__c(e,t),t.some(function(i){try{t=i.__h,i.__h=[],t.some(function(_){_.call(i)})}catch(_){d.__e(_,i.__v)}})}function Ge(t,e,n,r,i,_,a,s,u,y){var p,g,m,o,f,w,h,v,l=n.props||B,C=e.props,b=e.type;if(b=="svg"?i="http://www.w3.org/2000/svg":b=="math"?i="http://www.w3.org/1998/Math/MathML":i||(i="http://www.w3.org/1999/xhtml"),_){for(p=0;p<_.length;p++)if((f=_[p])&&(b?f.localName==b:f.nodeType==3)){t=f,_[p]=null;break}}if(!t){if(v=y.ownerDocument||document,!b)return v.createTextNode(C);t=v.createElementNS(i,b,C.is?C:y),s&&(d.__m&&d.__m(e,_),s=!1),_=null}if(b){if(y=b=="template"&&t.content||t,_=b=="textarea"&&C.defaultValue!=null?null:_&&he.call(y.childNodes),!s&&_)for(l={},p=0;p<t.attributes.length;p++)l[(f=t.attributes[p]).name]=f.value;for(p in l)f=l[p],p=="dangerouslySetInnerHTML"?m=f:p=="children"||p in C||p=="value"&&"defaultValue"in C||p=="checked"&&"defaultChecked"in C||F(t,p,null,f,i);for(p in C)f=C[p],p=="children"?o=f:p=="dangerouslySetInnerHTML"?g=f:p=="value"?w=f:p=="checked"?h=f:s&&typeof f!="function"||l[p]===f||F(t,p,f,l[p],i);g?(s||m&&(g.__html==m.__html||g.__html==t.innerHTML)||(t.innerHTML=g.__html),e.__k=[]):(m&&(t.textContent=""),(b=="foreignObject"||i=="http://www.w3.org/1998/Math/MathML"&&ze.test(b))&&(i="http://www.w3.org/1999/xhtml"),ge(y,X(o)?o:[o],e,n,r,i,_,a,_?_[0]:n.__k&&E(n,0),s,u),_&&_.some($)),s&&b!="textarea"||(p="value",b=="progress"&&w==null?t.removeAttribute(p):w==null||w===t[p]&&(b!="progress"||w)||F(t,p,w,l[p],i),p="checked",h!=null&&h!=t[p]&&F(t,p,h,l[p],i))}else l===C||s&&t.data==C||(t.data=C);return t}function ee(t,e,n,r){try{typeof t=="function"?e?e.__x=t(e)||1:r&&(r=r.__c||r.__e)&&(e=r.__x)&&(r.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(i){d.__e(i,n)}}function te(t,e,n){var r,i,_,a;if(d.unmount&&d.unmount(t),!(r=t.ref)||r.current&&r.current!=t.__e||ee(r,null,e,t),r=t.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(s){d.__e(s,e)}r.__P=r.__n=null}if(r=t.__k)for(a=0;a<r.length;a++)r[a]&&te(r[a],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(r=t.__c)&&(r=r.__z)&&(i=O(r,_=[]))&&(r==t.__e&&_.some($),$(i),$(r)),n||$(t.__e),t.__e=t.__c=t.__=null}function Je(t,e,n){return this.constructor(t,n)}function ke(t,e){var n,r,i,_;d.__&&d.__(t,e),e.nodeType==9&&(e=e.documentElement),r=(n=t&&32&t.__u)?null:e.__k,e.__k=V(H,{children:[t]}),i=[],_=[],Y(e,e.__k,r||B,B,e.namespaceURI,r?null:e.firstChild?he.call(e.childNodes):null,i,r?r.__e:e.firstChild,n,_),xe(i,e.__k,_),e.__k.props.children=null}d={__e:function(t,e,n,r){for(var i,_,a;e=e.__;)if((i=e.__c)&&!(1&i.__g)){i.__g|=4;try{if((a=(_=i.constructor)&&_.getDerivedStateFromError)&&i.setState(_.getDerivedStateFromError(t)),i.componentDidCatch&&(i.componentDidCatch(t,r||{}),a=1),a&&8&i.__g)return void(i.__g|=2)}catch(s){t=s}}throw R=0,t}},fe=0,We=function(t){return t!=null&&t.constructor===U},z.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=j({},this.state)),typeof t=="function"&&(t=t(j({},n),this.props)),t&&(j(n,t),this.__v&&(e&&this.__k.push(e),ue(this)))},z.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),ue(this))},z.prototype.render=H,T=[],R=0,le=function(t,e){return t.__v.__b-e.__v.__b},W=Symbol(),de=/(PointerCapture)$|Capture$/i,Q=0,K={},Ve=0;var G,k,ne,we,re=Object.is,_e=0,Ie=[],oe=[],x=d,Ce=x.__b,Se=x.__r,Pe=x.diffed,Ae=x.__c,Te=x.unmount,Ee=x.__;function $e(t,e){x.__h&&x.__h(k,t,_e||e),_e=0;var n=k.__H||(k.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function L(t){return _e=1,Ze(Ue,t)}function Ze(t,e,n){var r=$e(G++,2);if(r.t=t,!r.__c&&(r.__=[n?n(e):Ue(void 0,e),function(_){var a=(r.__N||r.__)[0],s=r.t(a,_);re(a,s)||(r.__N=[s,r.__[1]],r.__c.setState({}))}],r.__c=k,!k.__f)){k.__f=!0;var i=k.shouldComponentUpdate;k.shouldComponentUpdate=function(_,a,s){var u=this.__H;if(!u)return!0;var y=!1,p=this.props!=_;if(u.__.some(function(m){m.__N&&(y=!0,re(m.__[0],m.__N[0])||(p=!0))}),i){var g=i.call(this,_,a,s);return y?g||p:g}return!y||p}}return r.__}function je(t,e){var n=$e(G++,3);!x.__s&&Xe(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,k.__H.__h.push(n))}function Ke(){var t;do{for(;t=oe.shift();)try{D(t)}catch(n){x.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=Ie.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(D),e.__h.some(ie),e.__h=[]}catch(n){e.__h=[],x.__e(n,t.__v)}}}while(oe.length)}x.__b=function(t){k=null,Ce&&Ce(t)},x.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),Ee&&Ee(t,e)},x.__r=function(t){Se&&Se(t),G=0;var e=(k=t.__c).__H;e&&(ne==k?k.__h=[]:(e.__h.some(D),e.__h.some(ie),G=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),ne=k},x.diffed=function(t){Pe&&Pe(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&Ne(Ie.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),ne=k=null},x.__c=function(t,e){e.some(function(n){try{n.__h.some(D),n.__h=n.__h.filter(function(r){return!r.__||ie(r)})}catch(r){n.__h=[function(){throw r}]}}),Ae&&Ae(t,e)},x.unmount=function(t){Te&&Te(t);var e,n,r=t.__c;r&&r.__H&&(r.__H.__.some(function(i){try{if(i.__P&&i.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}i.__P=n,Ne(oe.push(i))}else D(i)}catch(_){e=_}}),r.__H=void 0,e&&x.__e(e,r.__v))};var He=typeof requestAnimationFrame=="function";function Qe(t){var e,n=function(){clearTimeout(r),He&&cancelAnimationFrame(e),setTimeout(t)},r=setTimeout(n,35);He&&(e=requestAnimationFrame(n))}function Ne(t){t!=1&&we==x.requestAnimationFrame||((we=x.requestAnimationFrame)||Qe)(Ke)}function D(t){var e=k,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),k=e}function ie(t){var e=k;t.__c=t.__(),k=e}function Xe(t,e){return!t||t.length!=e.length||e.some(function(n,r){return!re(n,t[r])})}function Ue(t,e){return typeof e=="function"?e(t):e}var Ye=Symbol.for("pv"),et=0;function c(t,e,n,r,i,_){e||(e={});var a,s,u=e;if("ref"in u&&typeof t!="function")for(s in u={},e)s=="ref"?a=e[s]:u[s]=e[s];var y={type:t,props:u,key:n,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:Ye,__v:--et,__i:-1,__u:0};return(i||_)&&(y.__source=i,y.__self=_),d.vnode&&d.vnode(y),y}var tt="gradio_client==2.7.2",nt="@gradio/client@2.7.0",De=[{id:"python",name:"Python"},{id:"javascript",name:"JavaScript"},{id:"bash",name:"curl"}];function rt({text:t,label:e}){let[n,r]=L(!1);return c("button",{type:"button",class:"ferry-btn ferry-btn-secondary ferry-btn-sm ferry-api-copy","data-testid":"api-copy","aria-label":`${n?"Copied":"Copy"} the ${e} code`,onClick:()=>{navigator.clipboard?.writeText(t).then(()=>{r(!0),setTimeout(()=>r(!1),1500)},()=>r(!1))},children:c("span",{class:"ferry-btn-label",children:n?"Copied":"Copy"})})}function ae({text:t,label:e}){return c("div",{class:"ferry-api-code",children:[c(rt,{text:t,label:e}),c("pre",{"data-testid":"api-snippet","data-language":e,children:c("code",{children:t})})]})}function _t(t){return t.parameter_has_default?`default: ${JSON.stringify(t.parameter_default)}`:"required"}function Le({title:t,values:e,inputs:n}){return c("div",{class:"ferry-api-values",children:[c("h3",{children:t}),e.length===0?c("p",{class:"ferry-api-none",children:"None"}):c("ul",{children:e.map(r=>c("li",{children:[c("code",{class:"ferry-api-name",children:n?r.parameter_name:r.label})," ",c("code",{class:"ferry-api-type",children:r.python_type.type}),c("span",{class:"ferry-api-component",children:[" · ",r.component]}),n&&c("span",{class:"ferry-api-default",children:[" · ",_t(r)]})]},r.parameter_name??r.label))})]})}function ot({name:t,endpoint:e}){let[n,r]=L("python"),i=e.code_snippets,_=De.filter(u=>i[u.id]),a=i[n]??i.python,s=`api-${t.replace(/[^A-Za-z0-9_-]/g,"")}`;return c("section",{class:"ferry-api-endpoint","data-testid":"api-endpoint","aria-labelledby":s,children:[c("h2",{id:s,children:c("code",{children:t})}),c("div",{class:"ferry-api-tabs",role:"tablist","aria-label":`Code for ${t}`,children:_.map(u=>c("button",{type:"button",role:"tab","aria-selected":n===u.id,class:`ferry-api-tab${n===u.id?" ferry-api-tab-on":""}`,onClick:()=>r(u.id),children:u.name},u.id))}),c(ae,{text:a,label:De.find(u=>u.id===n)?.name??"Python"}),c("div",{class:"ferry-api-columns",children:[c(Le,{title:"Parameters",values:e.parameters,inputs:!0}),c(Le,{title:"Returns",values:e.returns,inputs:!1})]})]})}function Me({title:t}){let[e,n]=L(null),[r,i]=L(null);je(()=>{fetch("gradio_api/info",{headers:{accept:"application/json"}}).then(async a=>{if(!a.ok)throw new Error(`This app has no API (${a.status}).`);n(await a.json())}).catch(a=>i(a instanceof Error?a.message:"The API could not be read."))},[]);let _=e?[...Object.entries(e.named_endpoints),...Object.entries(e.unnamed_endpoints).map(([a,s])=>[`fn_index ${a}`,s])]:[];return c("main",{class:"ferry-app ferry-api-page","data-testid":"api-page",children:[c("p",{children:c("a",{href:"./",class:"ferry-api-back",children:["← Back to ",t||"the app"]})}),c("h1",{children:"Use via API"}),c("p",{class:"ferry-api-intro",children:"Call this app's events from your own code with Gradio's clients, or with curl. Install a client:"}),c(ae,{text:`pip install ${tt}`,label:"pip"}),c(ae,{text:`npm install ${nt}`,label:"npm"}),c("p",{class:"ferry-api-intro",children:["A file parameter reads ",c("code",{children:"file.txt"})," from the folder you run the code in; the files an endpoint returns are downloaded by the client."]}),r&&c("p",{class:"ferry-error",role:"alert",children:r}),e&&_.length===0&&c("p",{children:"This app lists no API endpoints."}),_.map(([a,s])=>c(ot,{name:a,endpoint:s},a))]})}var Fe=`/* The "Use via API" page (api_page.tsx), adopted by its own script (api_main.tsx): the main
   bundle carries only its link in the footer (styles/base.css). */

.ferry-api-back:hover {
  text-decoration: underline;
}

.ferry-api-page {
  max-width: 900px;
}

.ferry-api-page h1 {
  margin: 8px 0 12px;
  font-size: 28px;
}

.ferry-api-back {
  color: var(--ferry-accent-text);
  text-decoration: none;
  font-size: 14px;
}

.ferry-api-intro {
  color: var(--ferry-text-2);
  margin: 12px 0 8px;
}

.ferry-api-endpoint {
  margin-top: 28px;
  padding: 18px 20px 20px;
  background: var(--ferry-surface);
  border: 1px solid var(--ferry-border);
  border-radius: var(--ferry-radius);
  box-shadow: var(--ferry-shadow-xs);
}

.ferry-api-endpoint h2 {
  margin: 0 0 12px;
  font-size: 18px;
}

.ferry-api-endpoint h3 {
  margin: 16px 0 6px;
  font-size: 13px;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: var(--ferry-text-3);
}

.ferry-api-tabs {
  display: flex;
  gap: 4px;
  margin-bottom: 8px;
}

.ferry-api-tab {
  font: inherit;
  font-size: 13.5px;
  padding: 5px 12px;
  border: 1px solid var(--ferry-border);
  border-radius: var(--ferry-radius-sm);
  background: var(--ferry-surface-2);
  color: var(--ferry-text-2);
  cursor: pointer;
}

.ferry-api-tab-on {
  background: var(--ferry-accent-soft);
  border-color: var(--ferry-accent);
  color: var(--ferry-accent-text);
  font-weight: 600;
}

.ferry-api-tab:focus-visible {
  outline: 2px solid var(--ferry-focus);
  outline-offset: 2px;
}

.ferry-api-code {
  position: relative;
  margin: 6px 0;
}

.ferry-api-code pre {
  margin: 0;
  padding: 12px 14px;
  padding-right: 84px;
  overflow-x: auto;
  background: var(--ferry-surface-2);
  border: 1px solid var(--ferry-border);
  border-radius: var(--ferry-radius-sm);
  font-family: var(--ferry-mono);
  font-size: 13px;
  line-height: 1.5;
  white-space: pre;
}

.ferry-api-copy {
  position: absolute;
  top: 7px;
  right: 7px;
  width: auto;
  min-height: 28px;
  padding: 2px 10px;
}

.ferry-api-columns {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
  gap: 0 24px;
}

.ferry-api-values ul {
  margin: 0;
  padding-left: 18px;
}

.ferry-api-values li {
  margin: 4px 0;
}

.ferry-api-name {
  font-weight: 600;
}

.ferry-api-type {
  color: var(--ferry-accent-text);
}

.ferry-api-component,
.ferry-api-default,
.ferry-api-none {
  color: var(--ferry-text-3);
  font-size: 13.5px;
}
`;function at(){let t=new CSSStyleSheet;t.replaceSync(Fe),document.adoptedStyleSheets=[...document.adoptedStyleSheets,t];let e=document.getElementById("ferry-root")??document.body,n=document.getElementById("ferry-page")?.textContent,r=document.title;try{let i=n?JSON.parse(n):null;i&&typeof i.title=="string"&&(r=i.title)}catch{}document.title=`API · ${r}`,e.replaceChildren(),ke(c(H,{children:[c(Me,{title:r}),c("footer",{class:"ferry-footer",children:["Built with ",c("span",{class:"ferry-brand",children:"Ferry"})]})]}),e)}at();
