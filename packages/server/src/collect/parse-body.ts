/**
 * The collect handler's body parsing: JSON (fetch, and sendBeacon's text/plain or Blob), a
 * urlencoded form or multipart/form-data, each into a value or an Issue, never an exception
 * (a malformed multipart body used to reject the handler's promise).
 */
import { contextFromFields } from '@pixelpair/core';
import type { Issue } from '../types.js';

/** A form with more fields than this is not a hand-off. */
const MAX_FORM_FIELDS = 200;

export type FormEvent = (fields: Record<string, string>) => { event: string; eventId: string } | undefined;

export type BodyKind = 'json' | 'urlencoded' | 'multipart';

/** JSON (fetch, and sendBeacon's text/plain or Blob), or a form; anything else is 415. */
export function bodyKind(contentType: string | null): BodyKind | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (type === 'multipart/form-data') return 'multipart';
  if (type === '' || type === 'application/json' || type === 'text/plain' || /^application\/[a-z0-9.+-]{1,60}\+json$/.test(type)) return 'json';
  return undefined;
}

export type Parsed = { value: unknown; fields?: Record<string, string> } | { error: Issue };

async function readForm(kind: 'urlencoded' | 'multipart', request: Request, body: { bytes: Buffer; text: string }): Promise<{ fields: Record<string, string> } | { error: Issue }> {
  let form: FormData | URLSearchParams;
  try {
    form = kind === 'multipart' ? await new Response(body.bytes, { headers: { 'content-type': request.headers.get('content-type')! } }).formData() : new URLSearchParams(body.text);
  } catch {
    return { error: { path: '', message: `body is not valid ${kind === 'multipart' ? 'multipart/form-data' : 'form data'}` } };
  }
  const fields: Record<string, string> = {};
  let count = 0;
  for (const [k, v] of form) {
    if (++count > MAX_FORM_FIELDS) return { error: { path: '', message: `a form hand-off has at most ${MAX_FORM_FIELDS} fields` } };
    // first value wins; files are not fields; `__proto__` cannot be an own key of a plain object
    if (typeof v === 'string' && k !== '__proto__' && !Object.hasOwn(fields, k)) fields[k] = v;
  }
  return { fields };
}

export async function parseBody(kind: BodyKind, request: Request, body: { bytes: Buffer; text: string }, formEvent: FormEvent | undefined): Promise<Parsed> {
  if (kind === 'json') {
    try {
      return { value: JSON.parse(body.text) };
    } catch {
      return { error: { path: '', message: 'body is not valid JSON' } };
    }
  }
  const form = await readForm(kind, request, body);
  if ('error' in form) return form;
  const { fields } = form;
  const named = formEvent ? formEvent(fields) : fields.pp_event && fields.pp_event_id ? { event: fields.pp_event, eventId: fields.pp_event_id } : undefined;
  if (!named) return { error: { path: 'pp_event', message: 'form posts need the event name and event id fields' } };
  return { value: { ...named, context: contextFromFields(fields) }, fields };
}
