/**
 * `pixelpair doctor`: checks the configuration and, with a test event code, sends one test
 * event and explains the answer in plain words, naming the endpoint it talked to.
 */
import { randomBytes } from 'node:crypto';
import { randomEventId, type DestinationId } from '@pixelpair/core';
import { isConfigError } from '../config/config-error.js';
import type { AnyDestination } from '../destinations/destination.js';
import { createHttpSender } from '../delivery/http.js';
import type { DeliveryOutcome } from '../delivery/outcome.js';
import { prepareForDestinations } from '../prepare.js';
import { defineCommand } from './command.js';
import { destinationEnv, DESTINATION_FLAG_SPECS } from './destination-help.js';
import { destinationList, destinationsFrom, normalizeSettingsFrom, tokenVariable } from './destinations.js';
import { redact, writeJson } from './io.js';

const PLATFORM: Record<DestinationId, string> = { tiktok: 'TikTok', meta: 'Meta', google: 'Google' };

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** What an answer means and what to do about it. */
export function explain(outcome: DeliveryOutcome, destination: DestinationId, endpoint: URL): string {
  const who = PLATFORM[destination];
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(endpoint.hostname);
  const where = `${endpoint.origin}${endpoint.pathname}${local ? ' (a local stand-in, not the real platform)' : ''}`;
  if (outcome.kind === 'delivered') return `${local ? 'The stand-in' : who} at ${where} accepted the test event${local ? '' : ': look for it in Events Manager → Test Events'}.`;
  const r = outcome.reason;
  if (outcome.kind === 'stop' && (r.startsWith('token') || r === 'http_401')) return `${who} refused the access token: generate a new one and update ${tokenVariable(destination)}.`;
  if (outcome.kind === 'stop') return `The token may not send to this pixel: check the pixel id and the token's permissions (${r}).`;
  if (outcome.kind === 'drop') return `${who} rejected the payload (${outcome.message ?? r}): please report it, pixelpair should have caught it.`;
  if (r === 'rate_limited' || r === 'frequency_limited' || r === 'too_many_requests' || r === 'http_429') return `${who} is rate-limiting this token: wait a minute and retry.`;
  if (r === 'network' || r === 'timeout') return `Could not reach ${where} (${r}): check the network, proxy and the API URL.`;
  if (r === 'maintenance') return `${who} is in maintenance: retry later; pixelpair retries such answers automatically.`;
  return `${who} answered ${outcome.code ?? outcome.httpStatus ?? ''} (${r})${outcome.message ? `: ${outcome.message}` : ''}.`;
}

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: "checks the configuration; with a test event code, explains one test event's answer",
  description: [
    'Human lines on stdout (ok / FAIL per check), then one JSON line { ok, checks: [{ name, ok, detail }] }.',
    'The test event names the endpoint it went to, and says so when that is a local stand-in.',
  ],
  flags: { ...DESTINATION_FLAG_SPECS, destination: { ...DESTINATION_FLAG_SPECS.destination, value: 'NAME', description: 'tiktok, meta or google: one at a time' } },
  env: destinationEnv({ send: true }),
  exitCodes: [[0, 'everything checked is fine'], [1, 'a check failed (its line says what to do)'], [2, 'usage error']],
  example: { env: 'TIKTOK_ACCESS_TOKEN=…', args: '--pixel-id C4ABCDEF123 --test-event-code TEST12345' },
  run: async (io, values) => {
    const [id] = destinationList(values, { multiple: false }) as [DestinationId];
    const checks: Check[] = [];
    const check = (name: string, ok: boolean, detail: string) => {
      checks.push({ name, ok, detail });
      io.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}\n`);
    };
    let destination: AnyDestination | undefined;
    try {
      destination = destinationsFrom(values, io.env, { send: true, multiple: false })[0];
      check('pixel id', true, 'set');
      check('access token', true, `${tokenVariable(id)} is set`);
    } catch (error) {
      if (!isConfigError(error)) throw error;
      const message = redact(error.message.replace(/^pixelpair: /, ''), io.env);
      const pixelMissing = /pixel id missing/.test(message);
      check('pixel id', !pixelMissing, pixelMissing ? message.replace(/^pixel id /, '') : 'set');
      const tokenSet = !!io.env[tokenVariable(id)]?.trim();
      check('access token', tokenSet && !/token/.test(message), tokenSet ? (/token/.test(message) ? message : `${tokenVariable(id)} is set`) : `${tokenVariable(id)} is not set`);
      if (!pixelMissing && tokenSet && !/token/.test(message)) check('settings', false, message);
    }
    try {
      normalizeSettingsFrom(values);
    } catch (error) {
      check('default country', false, (error as Error).message.replace(/^pixelpair: /, ''));
    }
    const testEventCode = values['test-event-code'] as string | undefined;
    if (!testEventCode) {
      io.stdout.write('skip test event: pass --test-event-code (Events Manager → Test Events) to send one and see the answer\n');
    } else if (checks.every((c) => c.ok) && destination) {
      const all = prepareForDestinations(
        {
          event: 'ViewContent', eventId: randomEventId('doctor', () => randomBytes(12).toString('hex')), eventTime: Math.floor(Date.now() / 1000),
          page: { url: 'https://example.com/pixelpair-doctor' }, user: { userAgent: 'pixelpair-doctor', ip: '203.0.113.1' },
        },
        [destination],
      );
      const result = all.ok ? all.results[0]!.result : undefined;
      if (!result || result.ok !== true) throw new Error('doctor: the built-in test event did not validate');
      const http = createHttpSender({ timeoutMs: 10_000 });
      const request = await destination.request(result.prepared.batch, [result.prepared]);
      const outcome = 'kind' in request ? request : destination.classify(await http.send(request));
      await http.close();
      const endpoint = 'kind' in request ? new URL('https://oauth2.googleapis.com/token') : request.url;
      check('test event', outcome.kind === 'delivered', explain(outcome, id, endpoint) + (outcome.requestId ? ` (request id ${outcome.requestId})` : ''));
    }
    const ok = checks.every((c) => c.ok);
    writeJson(io.stdout, { ok, checks });
    return ok ? 0 : 1;
  },
});
