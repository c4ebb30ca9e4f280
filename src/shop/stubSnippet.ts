/**
 * The inline stub of the script-tag snippet (see README "Script tag"): defines
 * `window.touchpoint` as a queue so calls made before `touchpoint.js` arrives are kept, each with
 * the page URL, title, referrer and time of the call. If the script never arrived when the page
 * is left (`pagehide`), the queue goes out by a keepalive `fetch` without credentials (never
 * `sendBeacon`, which sends cookies) to `touchpoint.e` in the Segment batch format (e-mails and
 * token/email values removed; nothing is sent when the last queued `setConsent` is not
 * "granted": a site that starts with consent pending calls `touchpoint.setConsent("pending")`
 * right after the stub). A value it cannot serialise (BigInt) costs the queue, never a page error.
 * Hand-minified; a test checks its size and behaviour. Servers can render it with
 * `stubSnippet(endpoint)`; for a strict CSP, serve it as a file or allow its sha256 hash.
 */
export const STUB =
  '!function(w,d,t,q){if(w.touchpoint)return;q=[];t=w.touchpoint={q:q,e:"%E%"};' +
  '"track page identify reset setConsent showRating".split(" ").forEach(function(m){t[m]=function(){' +
  'q.push([m,[].slice.call(arguments),{url:d.URL,title:d.title,referrer:d.referrer,t:Date.now()}])}});' +
  'addEventListener("pagehide",function(){try{var b=[],i=Math.random()+"",e=t.e,ok=1,' +
  's=function(u){return u.replace(/([?&#](token|email)=)[^&#]*|[\\w.+%-]+(@|%40)[\\w-]+\\.[\\w.-]+/gi,"$1")};' +
  'if(w.touchpoint==t&&e){q.forEach(function(c){var m=c[0],a=c[1],x=c[2],y=m=="identify",v={type:m,messageId:i+b.length,anonymousId:i,' +
  'timestamp:new Date(x.t).toISOString(),context:{page:{url:s(x.url),title:x.title,referrer:s(x.referrer)}}};' +
  'if(m=="setConsent")ok=a[0]=="granted";v[y?"userId":m=="page"?"name":"event"]=a[0];v[y?"traits":"properties"]=a[1]||{};' +
  '/^[tpi]/.test(m)&&b.push(v)});q.length=0;ok&&b[0]&&fetch(e.replace(/\\/?$/,"/v1/batch"),{method:"POST",keepalive:!0,credentials:"omit",' +
  'body:JSON.stringify({batch:b,writeKey:t.k})})}}catch(x){}})}(window,document);';

/** The stub for an endpoint, ready to put in an inline `<script>`. */
export const stubSnippet = (endpoint: string): string => STUB.replace('%E%', endpoint.replace(/["\\<]/g, ''));
