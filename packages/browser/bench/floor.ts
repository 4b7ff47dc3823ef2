// Size-floor experiment (not shipped, not imported by src): every issue-3 behaviour of the
// script tag written as densely as one file allows, with js-cookie and core's updateConsent.
// bench/size-floor.mjs bundles it with the tag's exact rollup/terser plugins, with and without
// each feature and dependency, to show what the 2,560 B gzip budget can and cannot hold.
import Cookies from 'js-cookie';
import { updateConsent, isValidEventId, UNKNOWN_CONSENT, CONTEXT_FIELD } from '@pixelpair/core';
const w = window as any, loc = location, doc = document;
let consentState = UNKNOWN_CONSENT, hold = 0, queue: any[] = [], ttclid: any, referrer: any, days = 30, domain: any, collect: any, debug: any, site: any;
const warn = (e: any) => { try { debug && console.warn('[pixelpair]', e) } catch {} };
const safe = (fn: any, fb?: any) => (...a: any[]) => { try { return fn(...a) } catch (e) { warn(e); return fb?.(...a) } };
const now = () => new Date().toISOString();
const call = (m: string, a: any[] = []) => { try { w.ttq[m](...a) } catch (e) { warn(e) } };
const send = (m: string, a: any[] = []) => { const d = consentState.adUserData; d == 'unknown' && hold ? queue.length < 100 && queue.push([m, a]) : d != 'denied' && call(m, a) };
const current = () => ({ ...consentState });
const consent = safe((u: any) => { const b = consentState.adUserData, d = (consentState = updateConsent(consentState, u || {}, now)).adUserData; if (d != b && d != 'unknown') { const h = queue; queue = []; call(d == 'granted' ? 'grantConsent' : 'revokeConsent'); d == 'granted' && h.map((c) => call(c[0], c[1])) } return current() }, current);
const M = 'page track identify holdConsent grantConsent revokeConsent enableCookie disableCookie'.split(' ');
const ensure = () => { if (!w.ttq) { const t: any = w.ttq = []; w.TiktokAnalyticsObject = 'ttq'; t.methods = M; for (const m of M) t[m] = (...a: any[]) => { t.push([m, ...a]) } } return w.ttq };
const read = (n: string) => { try { return Cookies.get(n) || undefined } catch {} };
const siteDomain = () => { const l = loc.hostname.split('.'); try { for (let i = l.length - 2; !site && i >= 0 && !/\d$/.test(loc.hostname); i--) { const d = l.slice(i).join('.'); Cookies.set('_pp_probe', '1', { domain: d }); if (Cookies.get('_pp_probe')) { Cookies.remove('_pp_probe', { domain: d }); site = d } } } catch {} return site };
const capture = safe(() => { let f = new URLSearchParams(loc.search).get('ttclid'); if (!f && doc.referrer) { const r = new URL(doc.referrer); f = r.searchParams.get('ttclid'); if (f && !('.' + r.hostname).endsWith('.' + (domain || siteDomain() || loc.hostname))) f = null } if (f && /^[^\s;,"\\]{1,500}$/.test(f)) { ttclid = f; try { const d = domain || siteDomain(); d && Cookies.remove('ttclid'); Cookies.set('ttclid', f, { expires: days, domain: d, sameSite: 'Lax', secure: loc.protocol == 'https:' }) } catch {} } });
const page = () => { capture(); send('page') };
const bare = () => ({ page: {}, consent: current(), capturedAt: now() });
const context = safe(() => ({ ttclid: ttclid || read('ttclid'), ttp: read('_ttp'), userAgent: navigator.userAgent, page: { url: loc.href, referrer: referrer ?? (doc.referrer || undefined) }, consent: current(), capturedAt: now() }), bare);
const onTc = safe((d: any, ok: any) => { if (ok && /^(tcloaded|useractioncomplete)$/.test(d.eventStatus)) { const p = d.purpose || {}, c = p.consents || {}, li = p.legitimateInterests || {}, free = d.gdprApplies === false; consent({ adUserData: free || !!(c[1] && (c[7] || li[7])), adPersonalization: free || !!(c[3] && c[4]), cmp: { name: 'tcf:' + d.cmpId, version: '' + d.cmpVersion } }) } });
const listenTcf = safe(() => { const a = w.__tcfapi; return !!a && (a('addEventListener', 2, onTc), true) }, () => false);
const gcm = () => { const layer = w.dataLayer = w.dataLayer || [], push = layer.push, den: any = {}; const rd = safe((e: any) => { if (e[0] == 'consent' && e[2]) { const s = e[2], v = (k: string) => { const x = k in s ? s[k] : s.ad_storage; if (e[1] == 'update') return x; if (x == 'denied') den[k] = 1; return s.region || den[k] ? undefined : x }; consent({ adUserData: v('ad_user_data'), adPersonalization: v('ad_personalization'), cmp: { name: 'consent-mode', version: '2' } }) } }); layer.map(rd); layer.push = function () { const r = push.apply(this, arguments); [].map.call(arguments, rd); return r } };
const on = (f: any) => f != null && !/^(false|0)$/.test(f);
const init = safe((o: any) => {
  const src = o.pixelSrc || 'https://analytics.tiktok.com/i18n/pixel/events.js', id = o.pixelId, s = o.consent || '', spa = on(o.spa);
  debug = on(o.debug); if (+o.cookieDays > 0) days = +o.cookieDays; domain = o.cookieDomain; collect = o.collectUrl;
  if (s) { ensure(); hold = 1; call('holdConsent'); s.includes('tcf') && !listenTcf() && addEventListener('load', listenTcf); s.includes('gcm') && gcm() }
  let t: any;
  if (id && !((t = ensure())._i = t._i || {})[id]) { (t._i[id] = [])._u = src; (t._t = t._t || {})[id] = +new Date; (t._o = t._o || {})[id] = spa ? { historyObserver: false } : {}; const sc = doc.createElement('script'); sc.async = true; sc.src = src + (src.includes('?') ? '&' : '?') + 'sdkid=' + encodeURIComponent(id) + '&lib=ttq'; doc.head.appendChild(sc); page() } else capture();
  if (spa) { let last = loc.href, p: any = 0; const r = (h: string) => h.split('#')[0], chk = () => { p = 0; if (r(loc.href) != r(last)) { referrer = last; last = loc.href; page() } }, sch = () => { p = p || setTimeout(chk) }; for (const n of ['pushState', 'replaceState'] as const) { const orig: any = history[n]; history[n] = function (this: any) { orig.apply(this, arguments); sch() } } addEventListener('popstate', sch) }
});
const rnd = () => { try { return crypto.randomUUID() } catch { return Date.now().toString(36) + Math.random().toString(36).slice(2) } };
const track = (e: any, p?: any, o?: any) => { let id = o?.eventId; if (typeof id == 'number') id = '' + id; if (!isValidEventId(id)) id = 'evt_' + rnd(); send('track', [e, p || {}, { event_id: id }]); return id };
const identify = safe((u: any) => { const k: any = { email: u.email, phone_number: u.phone, external_id: u.externalId }; for (const n in k) if (typeof k[n] != 'string' || !k[n]) delete k[n]; Object.keys(k).length && send('identify', [k]) });
const withContext = (b: any) => ({ ...b, pixelpair: context() });
const addContextFields = safe((f: any) => { let i = f.querySelector('input[name=' + CONTEXT_FIELD + ']'); if (!i) { i = f.appendChild(doc.createElement('input')); i.type = 'hidden'; i.name = CONTEXT_FIELD } i.value = JSON.stringify(context()) });
const beacon = safe((h: any, u: any) => { const t = u || collect; return !!t && navigator.sendBeacon(t, new Blob([JSON.stringify({ ...h, context: h.context || context() })], { type: 'application/json' })) }, () => false);
const queued = w.pixelpair;
if (!queued || queued.push === [].push) {
  const api: any = { track, page, consent, identify, context, withContext, addContextFields, beacon };
  const run = safe((e: any) => e.call ? e(api) : api[e[0]](...e.slice(1)));
  api.push = (...e: any[]) => e.map(run);
  const tag: any = doc.currentScript || doc.querySelector('script[data-pixel-id]');
  init(tag ? tag.dataset : {});
  w.pixelpair = api;
  queued && api.push(...queued);
}
