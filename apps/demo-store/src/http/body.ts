/** Request bodies for the demo's forms and JSON posts, with a size cap so a bad client cannot fill memory. */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'aborted' };

export async function readText(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > limit) return { ok: false, reason: 'too_large' };
      chunks.push(buf);
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** A urlencoded form as a flat record; a repeated key keeps its last value. */
export function parseForm(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) out[key] = value;
  return out;
}

export async function readForm(req: IncomingMessage): Promise<Record<string, string> | undefined> {
  const body = await readText(req);
  return body.ok ? parseForm(body.text) : undefined;
}
