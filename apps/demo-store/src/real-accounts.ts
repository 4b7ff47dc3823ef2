/**
 * The demo's real accounts, read from the environment: the same variable names as the
 * `pixelpair` CLI, so one shell profile drives both. Each platform is all-or-nothing (a
 * half-set platform is a mistake, said plainly, not silently skipped); Meta and Google
 * need the real TikTok, because without it the demo runs every platform on the stand-ins.
 */
import type { GoogleTarget, MetaTarget } from './backends.js';
import type { RealTikTok } from './stack.js';

export interface RealAccounts {
  tiktok?: RealTikTok;
  meta?: MetaTarget;
  google?: GoogleTarget;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A wrong or half-set variable: the message names it and says what is expected. */
export class AccountsError extends Error {
  override name = 'AccountsError';
}

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** All of `names` or none: returns the values, or undefined when none are set. */
function allOrNone(env: Env, platform: string, names: readonly string[]): string[] | undefined {
  const values = names.map((name) => read(env, name));
  if (values.every((v) => v === undefined)) return undefined;
  const missing = names.filter((_, i) => values[i] === undefined);
  if (missing.length) throw new AccountsError(`set ${names.join(', ')} to use the real ${platform} (missing ${missing.join(', ')}), or none of them`);
  return values as string[];
}

/** DEMO_GOOGLE_CONVERSIONS='{"Purchase":{"action":"123456","label":"AbC-dEf"}}': the server's action and the tag's label per event. */
function googleConversions(raw: string): { actions: Record<string, string>; labels: Record<string, string> } {
  const shape = 'DEMO_GOOGLE_CONVERSIONS must be JSON like {"Purchase":{"action":"123456","label":"AbC-dEf"}}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AccountsError(shape);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AccountsError(shape);
  const actions: Record<string, string> = {};
  const labels: Record<string, string> = {};
  for (const [event, value] of Object.entries(parsed)) {
    const { action, label } = (value ?? {}) as { action?: unknown; label?: unknown };
    if (typeof action !== 'string' || typeof label !== 'string' || !action || !label) throw new AccountsError(`${shape} (${event} needs both)`);
    actions[event] = action;
    labels[event] = label;
  }
  if (Object.keys(actions).length === 0) throw new AccountsError(`${shape} (at least one event)`);
  return { actions, labels };
}

export function realAccounts(env: Env): RealAccounts {
  const tiktok = allOrNone(env, 'TikTok', ['TIKTOK_ACCESS_TOKEN', 'TIKTOK_PIXEL_ID']);
  const meta = allOrNone(env, 'Meta', ['META_ACCESS_TOKEN', 'META_PIXEL_ID']);
  const google = allOrNone(env, 'Google', ['GOOGLE_ADS_CUSTOMER_ID', 'GOOGLE_TAG_ID', 'DEMO_GOOGLE_CONVERSIONS']);
  if ((meta || google) && !tiktok) throw new AccountsError('the real Meta or Google needs the real TikTok too (TIKTOK_ACCESS_TOKEN, TIKTOK_PIXEL_ID): without it every platform runs on the local stand-ins');
  const accounts: RealAccounts = {};
  if (tiktok) {
    const [accessToken, pixelId] = tiktok as [string, string];
    accounts.tiktok = { accessToken, pixelId, ...optional(env, { testEventCode: 'TIKTOK_TEST_EVENT_CODE', apiUrl: 'TIKTOK_API_URL' }) };
  }
  if (meta) {
    const [accessToken, pixelId] = meta as [string, string];
    accounts.meta = { accessToken, pixelId, ...optional(env, { testEventCode: 'META_TEST_EVENT_CODE', apiUrl: 'META_API_URL' }) };
  }
  if (google) {
    const [customerId, tagId, conversions] = google as [string, string, string];
    if (!/^AW-\d+$/.test(tagId)) throw new AccountsError(`GOOGLE_TAG_ID must be the Google Ads tag id, like AW-123456789`);
    const { actions, labels } = googleConversions(conversions);
    // Credentials: google-auth-library's application default credentials (GOOGLE_APPLICATION_CREDENTIALS or gcloud's).
    accounts.google = {
      customerId, tagId, conversionActions: actions, conversionLabels: labels,
      ...optional(env, { apiUrl: 'GOOGLE_DATAMANAGER_URL' }),
      ...(read(env, 'GOOGLE_VALIDATE_ONLY') === '1' ? { validateOnly: true } : {}),
    };
  }
  return accounts;
}

function optional<K extends string>(env: Env, names: Record<K, string>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [key, name] of Object.entries(names) as Array<[K, string]>) {
    const value = read(env, name);
    if (value) out[key] = value;
  }
  return out;
}
