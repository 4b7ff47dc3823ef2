/**
 * POST /consent: the banner says a choice was just stored (the `demo_consent` cookie this
 * request carries). The server then sets its own click-id cookie if that choice grants
 * storage (from the click id of the page the choice was made on, else the one the browser
 * already holds), or removes one after a denial. Nothing is set before a choice exists.
 */
import { readRequestContext } from '@pixelpair/server';
import { readForm } from '../http/body.js';
import { appendSetCookie, cookieValue, sendText } from '../http/respond.js';
import { isSecure } from '../http/route-kit.js';
import type { Handler } from '../http/route-kit.js';
import { clickIdCookies, clickIdsFromUrl } from '../shop/click-id-cookie.js';
import { CONSENT_COOKIE, parseConsentChoice } from '../shop/consent-choice.js';

export const consentStored: Handler = async (req, res) => {
  const form = await readForm(req);
  if (!form) return sendText(res, 413, 'body too large');
  // The page's own click ids, else what the browser already holds (read by the server package's rules).
  const fromPage = clickIdsFromUrl(form.page, req.headers.cookie);
  const held = readRequestContext(req);
  const ids = {
    ...(held.ttclid ? { ttclid: held.ttclid } : {}), ...(held.fbc ? { fbc: held.fbc } : {}),
    ...(held.gclid ? { gclid: held.gclid } : {}), ...(held.gbraid ? { gbraid: held.gbraid } : {}), ...(held.wbraid ? { wbraid: held.wbraid } : {}),
    ...fromPage,
  };
  appendSetCookie(res, clickIdCookies({
    choice: parseConsentChoice(cookieValue(req.headers.cookie, CONSENT_COOKIE)),
    ids,
    cookieHeader: req.headers.cookie,
    secure: isSecure(req),
  }));
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
};
