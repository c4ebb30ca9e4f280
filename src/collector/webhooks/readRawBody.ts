import { readLimited } from '../readBody';

/**
 * The raw bytes of a webhook body, at most `maxBytes` (null when longer): signatures are computed
 * over the exact bytes sent, so the body is never decoded and re-encoded before checking.
 */
export const readRawBody = async (request: Request, maxBytes: number): Promise<Uint8Array | null> => {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  return readLimited(request, maxBytes);
};
