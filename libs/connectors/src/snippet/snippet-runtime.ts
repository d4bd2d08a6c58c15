/**
 * The browser code of the snippet, ES5 so it runs on anything that still visits customer sites.
 * `__SEOLOGY_DATA__` is replaced by the JSON payload; everything page-controlled or fix-controlled
 * is handled as data: values go through setAttribute / document.title / script.text (never
 * innerHTML or eval), and no CSS selector is ever built from a value. The whole body is wrapped in
 * try/catch so a surprise in the page can never break the customer's own scripts.
 *
 * Payload: { "<host><path>[?query]": [[code, target, value], ...] } where code is
 * t title, d meta description, r robots, c canonical, ot/od Open Graph, a image alt, j JSON-LD.
 * Fixes stored for the bare path apply whatever the query string; fixes for path+query apply on top.
 */
export const SNIPPET_RUNTIME = `(function(w,d){try{
var D=__SEOLOGY_DATA__,l=w.location;
function key(){var p=l.pathname.replace(/%[0-9a-f]{2}/gi,function(m){return m.toUpperCase()});if(p.length>1)p=p.replace(/\\/+$/,'');return l.host.toLowerCase().replace(/^www\\./,'')+p}
var k=key(),F=(D[k]||[]).concat(l.search&&l.search!='?'?D[k+l.search]||[]:[]);
if(!F.length)return;
function tags(n){return d.getElementsByTagName(n)}
function find(n,a,v){var e=tags(n),i;for(i=0;i<e.length;i++)if((e[i].getAttribute(a)||'').toLowerCase()==v.toLowerCase())return e[i];return null}
function put(n,a,v,c,x){var e=find(n,a,v);if(!e){e=d.createElement(n);e.setAttribute(a,v);d.head.appendChild(e)}e.setAttribute(c,x)}
function abs(u){try{return new URL(u,l.href).href}catch(x){return u}}
function bare(u){return u.split('#')[0].split('?')[0]}
function alt(t,v){var m=[],e,i,s;if(/^(https?:)?\\/\\//i.test(t)||t.charAt(0)=='/'){t=bare(abs(t));e=tags('img');for(i=0;i<e.length;i++){s=e[i].getAttribute('src')||e[i].getAttribute('data-src');if(s&&bare(abs(s))==t)m.push(e[i])}}else{try{e=d.querySelectorAll(t)}catch(x){e=[]}for(i=0;i<e.length;i++)if(/^img$/i.test(e[i].tagName))m.push(e[i])}for(i=0;i<m.length;i++)m[i].setAttribute('alt',v)}
function ld(t,v){var e=find('script','data-seology-ld',t);if(!e){e=d.createElement('script');e.setAttribute('type','application/ld+json');e.setAttribute('data-seology-ld',t);d.head.appendChild(e)}e.text=v}
function run(){for(var i=0;i<F.length;i++){var c=F[i][0],t=F[i][1],v=F[i][2];
if(c=='t')d.title=v;else if(c=='d')put('meta','name','description','content',v);else if(c=='r')put('meta','name','robots','content',v);
else if(c=='c')put('link','rel','canonical','href',v);else if(c=='ot')put('meta','property','og:title','content',v);
else if(c=='od')put('meta','property','og:description','content',v);else if(c=='a')alt(t,v);else if(c=='j')ld(t,v)}}
run();if(d.readyState=='loading')d.addEventListener('DOMContentLoaded',run);w.addEventListener('load',run)
}catch(x){}})(window,document);
`;
