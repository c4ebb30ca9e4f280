/**
 * The script tag's lazy chunks: `touchpoint.<name>.js` loaded from next to the running script
 * (its URL is read while the script tag's file runs), with the script tag's CSP nonce. Each chunk
 * loads once; a failed load is forgotten so a later call tries again.
 */
const script = globalThis.document?.currentScript as HTMLScriptElement | null | undefined;
const chunks: Record<string, Promise<unknown> | undefined> = {};

/** Load `touchpoint.<name>.js`; resolves when it ran. */
export const loadChunk = (name: string): Promise<unknown> =>
  (chunks[name] ??= new Promise((ok, fail) => {
    const d = document;
    const s = d.createElement('script');
    s.src = new URL(`touchpoint.${name}.js`, script?.src || location.href).href;
    s.nonce = script?.nonce ?? '';
    s.onload = ok;
    s.onerror = () => {
      chunks[name] = undefined;
      s.remove();
      fail(Error(`touchpoint.${name}.js did not load`));
    };
    d.head.append(s);
  }));
