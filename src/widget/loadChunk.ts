/**
 * Lazy parts of the script-tag chunk: `touchpoint.widget.<name>.js`, loaded once from next to
 * `touchpoint.widget.js` (a plain `<script>` from the same origin, with this script's nonce, so a
 * strict CSP allows it), resolving with the global `touchpointWidget_<name>` that file sets.
 */
const me = document.currentScript as HTMLScriptElement | null;
const chunks: Record<string, Promise<any>> = {};

export const loadChunk = (name: string): Promise<any> =>
  (chunks[name] ??= new Promise((ok, no) => {
    const s = document.createElement('script');
    s.src = '' + new URL(`touchpoint.widget.${name}.js`, me?.src || location.href);
    s.nonce = me?.nonce ?? '';
    s.onload = () => ok((self as any)[`touchpointWidget_${name}`]);
    s.onerror = no;
    document.head.append(s);
  }));
