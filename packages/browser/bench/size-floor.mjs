// `pnpm bench:size-floor`: how small can the script tag get? Bundles bench/floor.ts (all
// issue-3 behaviours in one dense file) with the tag's own plugins from rollup.config.mjs,
// then variants without one feature or dependency each, and prints min / gzip-9 bytes.
import { rollup } from 'rollup';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import configs from '../rollup.config.mjs';

const floor = readFileSync(fileURLToPath(new URL('./floor.ts', import.meta.url)), 'utf8');
const entry = fileURLToPath(new URL('../src/__size-floor.ts', import.meta.url));
const tagPlugins = configs.find((c) => String(c.output.file).endsWith('pixelpair.min.js')).plugins;

const tinyCookies = `export default {
  get: (n) => document.cookie.split('; ').map((c) => c.split('=')).find((c) => c[0] == n)?.[1],
  set: (n, v, a = {}) => { let s = n + '=' + encodeURIComponent(v) + '; path=/'; if (a.expires) s += '; expires=' + new Date(Date.now() + 864e5 * a.expires).toUTCString(); for (const k of ['domain', 'sameSite', 'secure']) if (a[k]) s += '; ' + k + (a[k] === true ? '' : '=' + a[k]); document.cookie = s; },
  remove: (n, a) => { document.cookie = n + '=; path=/; max-age=0' + (a ? '; domain=' + a.domain : ''); },
};`;
const simpleConsent = `export const UNKNOWN_CONSENT = { adUserData: 'unknown', adPersonalization: 'unknown' };
const v = (x) => (x === true || x == 'granted' ? 'granted' : x === false || x == 'denied' ? 'denied' : 'unknown');
export const updateConsent = (p, u, now) => { const a = v(u.adUserData), b = v(u.adPersonalization), n = { ...p, adUserData: a == 'unknown' ? p.adUserData : a, adPersonalization: b == 'unknown' ? p.adPersonalization : b }; if (u.region) n.region = u.region; if (u.cmp) n.cmp = u.cmp; if (a != 'unknown' || b != 'unknown') n.decidedAt = now(); return n; };`;

const cut = (...pairs) => pairs.reduce((code, [a, b]) => { if (!code.includes(a)) throw Error('floor.ts changed: ' + a); return code.replace(a, b); }, floor);
const tcf = ["s.includes('tcf') && !listenTcf() && addEventListener('load', listenTcf); ", ''];
const gcm = ["s.includes('gcm') && gcm() ", ''];
const variants = [
  ['all features, js-cookie, core updateConsent', floor],
  ['- TCF adapter', cut(tcf)],
  ['- Consent Mode adapter', cut(gcm)],
  ['- both consent adapters', cut(tcf, gcm)],
  ['- SPA route watching', cut(['  if (spa) { let last', '  if (0) { let last'])],
  ['- pixel loader', cut(['if (id && !((t = ensure())._i', 'if (0 && !((t = ensure())._i'])],
  ['- identify', cut(['track, page, consent, identify,', 'track, page, consent,'])],
  ['- beacon', cut(['addContextFields, beacon }', 'addContextFields }'])],
  ['- addContextFields', cut(['withContext, addContextFields,', 'withContext,'])],
  ['- domain walk', cut(['(domain || siteDomain() || loc.hostname)', '(domain || loc.hostname)'], ['const d = domain || siteDomain();', 'const d = domain;'])],
  ['- same-site referrer', cut(['if (!f && doc.referrer)', 'if (0)'])],
  ['js-cookie → 6-line cookie helper', floor, { 'js.cookie.mjs': tinyCookies }],
  ["core's updateConsent → booleans/granted/denied only", floor, { 'core/dist/consent.js': simpleConsent }],
  ['both of the above', floor, { 'js.cookie.mjs': tinyCookies, 'core/dist/consent.js': simpleConsent }],
];

console.log('| variant | min B | gzip-9 B |\n| --- | ---: | ---: |');
try {
  for (const [label, code, stubs = {}] of variants) {
    writeFileSync(entry, code);
    const swap = { name: 'swap', load: (id) => Object.entries(stubs).find(([file]) => id.endsWith(file))?.[1] ?? null };
    const bundle = await rollup({ input: entry, plugins: [swap, ...tagPlugins], onwarn() {} });
    const { output } = await bundle.generate({ format: 'iife', strict: false });
    console.log(`| ${label} | ${output[0].code.length} | ${gzipSync(output[0].code, { level: 9 }).length} |`);
  }
} finally {
  unlinkSync(entry);
}
