(function(w,d){
if(w.$ac)return;
var D={};
function slot(k){var s=D[k];if(!s){s=D[k]={};s.p=new Promise(function(a,b){s.a=a;s.b=b});s.p["catch"](function(){})}return s}
function done(){var s=d.currentScript;if(s)s.remove()}
function swap(m,t){var p=m.parentNode,n=m.nextSibling,k=0,x,v;
while(n){if(n.nodeType==8){v=n.data;if(v=="/$"||v=="/e"){if(!k)break;k--}else if(v=="$"||v.slice(0,2)=="e:")k++}
x=n.nextSibling;p.removeChild(n);n=x}
p.insertBefore(t.content,n);t.remove();return n}
w.$ac=function(i){var a=d.getElementById("aB"+i),t=d.getElementById("aS"+i),m;
if(a&&t){m=a.previousSibling;swap(m,t).remove();m.remove()}else if(t)t.remove();done()};
w.$ae=function(i){var t=d.getElementById("aS"+i),k=d.createTreeWalker(d,128),n;
while(t&&(n=k.nextNode()))if(n.data=="e:"+i){swap(n,t);break}if(t&&t.parentNode)t.remove();done()};
w.$ad=function(k,v,e){var s=slot(k);if(e)s.b(Object.assign(new Error("Deferred data '"+k+"' failed"),e));else s.a(v);done()};
w.arbor={deferred:function(k){return slot(k).p}};
done()
})(window,document)
