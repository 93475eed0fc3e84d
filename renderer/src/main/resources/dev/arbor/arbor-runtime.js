(function(w,d){
if(w.$ac)return;
var D={},Q={},I={},A;
function slot(k){var s=D[k];if(!s){s=D[k]={};s.p=new Promise(function(a,b){s.a=a;s.b=b});s.p["catch"](no)}return s}
function no(){}
function done(){var s=d.currentScript;if(s)s.remove()}
function swap(m,t){var p=m.parentNode,n=m.nextSibling,k=0,x,v;
while(n){if(n.nodeType==8){v=n.data;if(v=="/$"||v=="/e"){if(!k)break;k--}else if(v=="$"||v.slice(0,2)=="e:")k++}
x=n.nextSibling;p.removeChild(n);n=x}
p.insertBefore(t.content,n);t.remove();mount(p);return n}
function mount(r){var l=r.querySelectorAll("[data-arbor-island]"),i,e,f;
for(i=0;i<l.length;i++){e=l[i];f=I[e.getAttribute("data-arbor-island")];if(f&&!e.arborMounted){e.arborMounted=1;f(e,JSON.parse(e.getAttribute("data-props")))}}}
function miss(q){if(!q.h&&!q.f&&q.k&&d.readyState=="complete"){q.f=1;A.refetch(q.k)["catch"](function(e){if(q.s=="pending")set(q,"error",e)})}}
function hash(k){return typeof k=="string"?k:JSON.stringify(k,function(_,v){if(v&&typeof v=="object"&&!Array.isArray(v)){var o={};Object.keys(v).sort().forEach(function(x){o[x]=v[x]});return o}return v})}
function entry(h){var q=Q[h];if(!q){q=Q[h]={s:"pending",u:0,l:[]};q.p=new Promise(function(a,b){q.a=a;q.b=b});q.p["catch"](no)}return q}
function set(q,s,v,u){q.s=s;if(s=="success"){q.d=v;q.u=u;q.a(v);q.p=Promise.resolve(v)}else{q.b(v);q.p=Promise.reject(v);q.p["catch"](no)}
q.a=q.b=no;q.l.forEach(function(f){f(q.d,q.s)})}
function hydrate(st){(st.queries||[]).forEach(function(x){var q=entry(x.queryHash),s=x.state;q.h=1;
if(s.status=="success"&&!(q.u>=s.dataUpdatedAt&&q.s=="success"))set(q,"success",s.data,s.dataUpdatedAt);
else if(s.status=="error"&&q.s!="success")set(q,"error",Object.assign(new Error("Query "+x.queryHash+" failed"),s.error))})}
w.$ac=function(i){var a=d.getElementById("aB"+i),t=d.getElementById("aS"+i),m;
if(a&&t){m=a.previousSibling;a=swap(m,t);if(a)a.remove();m.remove()}else if(t)t.remove();done()};
w.$ae=function(i){var t=d.getElementById("aS"+i),k=d.createTreeWalker(d,128),n;
while(t&&(n=k.nextNode()))if(n.data=="e:"+i){swap(n,t);break}if(t&&t.parentNode)t.remove();done()};
w.$ad=function(k,v,e){var s=slot(k);if(e)s.b(Object.assign(new Error("Deferred data '"+k+"' failed"),e));else s.a(v);done()};
w.$aq=function(st){hydrate(st);done()};
A=w.arbor={endpoint:"/_arbor/query",
deferred:function(k){return slot(k).p},
query:function(k){var q=entry(hash(k));q.k=k;miss(q);return q.p},
getQueryData:function(k){return entry(hash(k)).d},
setQueryData:function(k,v){set(entry(hash(k)),"success",v,Date.now())},
subscribe:function(k,f){var l=entry(hash(k)).l;l.push(f);return function(){l.splice(l.indexOf(f),1)}},
refetch:function(k){return fetch(A.endpoint+"?key="+encodeURIComponent(JSON.stringify(k))).then(function(r){
return r.json().then(function(j){if(!r.ok)throw new Error(j.error||"Refetch failed: "+r.status);var x=j.queries[0],s=x.state,q=entry(x.queryHash),e;
if(s.status=="success"){set(q,"success",s.data,s.dataUpdatedAt);return s.data}e=Object.assign(new Error("Query failed"),s.error);if(q.s!="success")set(q,"error",e);throw e},
function(){throw new Error("Refetch failed: "+r.status)})})},
island:function(n,f){I[n]=f;if(d.body)mount(d.body)}};
d.addEventListener("DOMContentLoaded",function(){mount(d.body)});
w.addEventListener("load",function(){for(var h in Q)miss(Q[h])});
done()
})(window,document)
