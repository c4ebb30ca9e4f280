import { gunzipSync } from 'node:zlib';
import { problem } from './problem';

/** The decoded text of a request body, or the 4xx answer explaining why there is none. */
export type BodyResult = { ok: true; text: string } | { ok: false; response: Response };

const ACCEPTED_TYPES = new Set(['application/json', 'text/plain']);

/**
 * Read a collector request body: checks the media type (`application/json`, or `text/plain` as
 * `sendBeacon` and no-preflight `fetch` send it; a missing type is accepted because a Blob beacon
 * has none), the encoding (`gzip` or none), the size before *and* after decompression (so a small
 * gzip bomb cannot expand past the limit), and that the text is valid UTF-8.
 */
export const readBody = async (request: Request, maxBytes: number): Promise<BodyResult> => {
  const fail = (response: Response): BodyResult => ({ ok: false, response });
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && !ACCEPTED_TYPES.has(type)) {
    return fail(
      problem(415, 'unsupported_media_type', `content type "${type.slice(0, 100)}" is not accepted; send application/json or text/plain`),
    );
  }
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding && encoding !== 'gzip' && encoding !== 'identity') {
    return fail(problem(415, 'unsupported_encoding', `content encoding "${encoding.slice(0, 100)}" is not accepted; use gzip or none`));
  }
  const tooLarge = () => problem(413, 'payload_too_large', `request body exceeds ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return fail(tooLarge());

  let raw: Uint8Array;
  try {
    const read = await readLimited(request, maxBytes);
    if (!read) return fail(tooLarge());
    raw = read;
  } catch {
    return fail(problem(400, 'invalid_body', 'the request body could not be read'));
  }
  if (encoding === 'gzip') {
    try {
      raw = gunzipSync(raw, { maxOutputLength: maxBytes });
    } catch (error) {
      return fail(
        (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError
          ? problem(413, 'payload_too_large', `decompressed body exceeds ${maxBytes} bytes`)
          : problem(400, 'invalid_gzip', 'content-encoding is gzip but the body is not valid gzip'),
      );
    }
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(raw) };
  } catch {
    return fail(problem(400, 'invalid_utf8', 'the request body is not valid UTF-8'));
  }
};

/** Read at most `maxBytes`; `null` when the stream is longer (reading stops there). */
export const readLimited = async (request: Request, maxBytes: number): Promise<Uint8Array | null> => {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  // Bounded: every iteration consumes a chunk and the loop stops once maxBytes is passed.
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
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
};
