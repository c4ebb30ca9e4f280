/**
 * The script tag's lazy chunks: `touchpoint.<name>.js` loaded from next to the running script
 * (its URL is read while the script tag's file runs), with the script tag's CSP nonce and this
 * version in the query (a chunk cached from another release is never mixed in). Each chunk loads
 * once; a failed load is forgotten so a later call tries again.
 */
const script = globalThis.document?.currentScript as HTMLScriptElement | null | undefined;
const chunks: Record<string, Promise<unknown> | undefined> = {};

/**
 * Load `touchpoint.<name>.js`; resolves with the global it sets (`touchpoint<Name>`). A file that
 * runs without setting it (a soft 404, a stale cache) counts as failed.
 */
export const loadChunk = (name: string): Promise<any> =>
  (chunks[name] ??= new Promise((ok, fail) => {
    const d = document;
    const s = d.createElement('script');
    s.src = new URL(`touchpoint.${name}.js?v=${__VERSION__}`, script?.src || location.href).href;
    s.nonce = script?.nonce ?? '';
    s.onload = s.onerror = () => {
      const chunk = (window as any)[`touchpoint${name[0]!.toUpperCase()}${name.slice(1)}`];
      if (chunk) return ok(chunk);
      chunks[name] = undefined;
      s.remove();
      fail(Error(`touchpoint.${name}.js did not load`));
    };
    d.head.append(s);
  }));

