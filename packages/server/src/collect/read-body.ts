/**
 * Reads a Fetch body up to a byte limit, without buffering more than the limit. A body that
 * cannot be read (the client hung up mid-upload, a broken stream) is a value, not a throw.
 */
export type BodyResult = { ok: true; bytes: Buffer; text: string } | { ok: false; tooLarge: true } | { ok: false; unreadable: true };

export async function readLimited(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, tooLarge: true };
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0), text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, tooLarge: true };
      }
      chunks.push(value);
    }
  } catch {
    await reader.cancel().catch(() => {});
    return { ok: false, unreadable: true };
  }
  const bytes = Buffer.concat(chunks);
  return { ok: true, bytes, text: bytes.toString('utf8') };
}
