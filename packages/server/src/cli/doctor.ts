/**
 * `pixelpair doctor`: checks the configuration and, with a test event code, sends one test
 * event and explains TikTok's answer in plain words. Human lines on stdout, then one JSON
 * line `{ "ok", "checks": [...] }`. Exit 0 when everything checked is fine, 1 otherwise.
 */
import { randomBytes } from 'node:crypto';
import { randomEventId } from '@pixelpair/core';
import { createTransport, resolveApiUrl } from '../delivery/transport.js';
import { toCountryCode } from '../normalize/phone.js';
import { prepareEvent } from '../prepare.js';
import { toRequestBody } from '../delivery/batch.js';
import type { DeliveryOutcome } from '../types.js';
import { COMMON_FLAGS, flags, guarded, writeJson } from './io.js';
import type { CliCommand } from './io.js';

export const DOCTOR_USAGE = 'usage: TIKTOK_ACCESS_TOKEN=… pixelpair doctor [--pixel-id ID] [--test-event-code CODE] [--default-country CC] [--api-url URL]';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** What an answer means and what to do about it. */
export function explain(outcome: DeliveryOutcome, host: string): string {
  if (outcome.ok) return 'TikTok accepted the test event: look for it in Events Manager → Test Events.';
  const r = outcome.reason;
  if (r.startsWith('token') || r === 'http_401') return 'TikTok refused the access token: generate a new Events API token for this pixel (Events Manager → Settings) and update TIKTOK_ACCESS_TOKEN.';
  if (r === 'permission_error' || r === 'forbidden' || r === 'http_403')
    return "The token may not send to this pixel: check the pixel id, and that the token's owner is an admin or operator of the pixel.";
  if (r === 'param_error' || r === 'invalid_params') return `TikTok rejected the payload (${outcome.message ?? 'no detail'}): please report it, pixelpair should have caught it.`;
  if (r === 'rate_limited' || r === 'frequency_limited' || r === 'too_many_requests' || r === 'http_429') return 'TikTok is rate-limiting this token: wait a minute and retry.';
  if (r === 'network' || r === 'timeout') return `Could not reach ${host} (${r}): check the network, proxy and TIKTOK_API_URL.`;
  if (r === 'maintenance') return 'TikTok is in maintenance: retry later; pixelpair retries such answers automatically.';
  return `TikTok answered ${outcome.code ?? outcome.httpStatus ?? ''} (${r})${outcome.message ? `: ${outcome.message}` : ''}.`;
}

export const doctorCommand: CliCommand = (io) =>
  guarded(io, DOCTOR_USAGE, async () => {
    const values = flags(io.argv, { ...COMMON_FLAGS, 'api-url': { type: 'string' } });
    if (values.help) {
      io.stdout.write(`${DOCTOR_USAGE}\n`);
      return 0;
    }
    const checks: Check[] = [];
    const check = (name: string, ok: boolean, detail: string) => {
      checks.push({ name, ok, detail });
      io.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}\n`);
    };
    const pixelId = ((values['pixel-id'] as string | undefined) ?? io.env.TIKTOK_PIXEL_ID ?? '').trim();
    check('pixel id', /^[A-Z0-9]{10,40}$/i.test(pixelId), pixelId ? (/^[A-Z0-9]{10,40}$/i.test(pixelId) ? 'set' : 'set, but it does not look like a TikTok pixel code (letters and digits, about 20)') : 'missing: pass --pixel-id or set TIKTOK_PIXEL_ID');
    const token = io.env.TIKTOK_ACCESS_TOKEN ?? '';
    check('access token', token.trim().length > 0, token.trim() ? 'TIKTOK_ACCESS_TOKEN is set' : 'TIKTOK_ACCESS_TOKEN is not set');
    let url: URL | undefined;
    try {
      url = resolveApiUrl((values['api-url'] as string | undefined) ?? io.env.TIKTOK_API_URL);
      const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
      check('api url', url.protocol === 'https:' || local, url.protocol === 'https:' || local ? url.origin + url.pathname : 'must be https outside localhost');
    } catch (error) {
      check('api url', false, (error as Error).message.replace(/^pixelpair: /, ''));
    }
    const country = values['default-country'] as string | undefined;
    if (country !== undefined) check('default country', toCountryCode(country) !== undefined, toCountryCode(country) ? country.toUpperCase() : 'not an ISO 3166-1 alpha-2 code');

    const testEventCode = values['test-event-code'] as string | undefined;
    if (!testEventCode) {
      io.stdout.write('skip test event: pass --test-event-code (Events Manager → Test Events) to send one and see the answer\n');
    } else if (checks.every((c) => c.ok) && url) {
      const prepared = prepareEvent(
        { event: 'ViewContent', eventId: randomEventId('doctor', () => randomBytes(12).toString('hex')), eventTime: Math.floor(Date.now() / 1000), page: { url: 'https://example.com/pixelpair-doctor' } },
        { pixelId, testEventCode },
      );
      if (!prepared.ok) throw new Error('doctor: the built-in test event did not validate');
      const transport = createTransport({ accessToken: token, apiUrl: url.toString(), timeoutMs: 10_000 });
      const outcome = await transport.post(toRequestBody([prepared.prepared]));
      await transport.close();
      check('test event', outcome.ok, explain(outcome, url.host) + (outcome.requestId ? ` (request_id ${outcome.requestId})` : ''));
    }
    const ok = checks.every((c) => c.ok);
    writeJson(io.stdout, { ok, checks });
    return ok ? 0 : 1;
  });
