/**
 * The raw bytes of a webhook body, at most `maxBytes` (null when longer): signatures are computed
 * over the exact bytes sent, so the body is never decoded and re-encoded before checking.
 */
export const readRawBody = async (request: Request, maxBytes: number): Promise<Uint8Array | null> => {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  // Bounded: each turn consumes a chunk, and reading stops once maxBytes is passed.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
};
