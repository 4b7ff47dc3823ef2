/** What a request shows about the visitor, read by the server package (trusted proxies only for X-Forwarded-For). */
import type { IncomingMessage } from 'node:http';
import { readRequestContext } from '@pixelpair/server';
import type { RequestEvidence } from '../shop/stored-context.js';

export function requestEvidence(req: IncomingMessage, trustedProxies: readonly string[]): RequestEvidence {
  const ctx = readRequestContext(req, { trustedProxies });
  const evidence: RequestEvidence = { ...ctx };
  // The first Accept-Language tag is the visitor's locale (BCP-47), e.g. `de-DE`.
  const language = req.headers['accept-language']?.split(',')[0]?.split(';')[0]?.trim();
  if (language && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) evidence.locale = language;
  const referer = req.headers.referer;
  if (typeof referer === 'string' && referer.length <= 2048 && /^https?:\/\//.test(referer)) evidence.pageUrl = referer;
  return evidence;
}
