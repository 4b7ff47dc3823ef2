/** Resolves CLI flags and environment into a PrepareConfig; bad configuration is a UsageError (exit 2). */
import { toCountryCode } from '../normalize/phone.js';
import type { PrepareConfig } from '../prepare.js';
import { UsageError } from './io.js';

export function prepareConfigFrom(values: Record<string, string | boolean | undefined>, env: Record<string, string | undefined>): PrepareConfig {
  const pixelId = (values['pixel-id'] as string | undefined) ?? env.TIKTOK_PIXEL_ID;
  if (!pixelId || !pixelId.trim()) throw new UsageError('pixelpair: pixel id missing: pass --pixel-id or set TIKTOK_PIXEL_ID');
  const defaultCountry = values['default-country'] as string | undefined;
  if (defaultCountry !== undefined && !toCountryCode(defaultCountry)) throw new UsageError('pixelpair: --default-country must be an ISO 3166-1 alpha-2 code such as DE or US');
  const testEventCode = (values['test-event-code'] as string | undefined) ?? undefined;
  return {
    pixelId: pixelId.trim(),
    ...(defaultCountry ? { defaultCountry } : {}),
    ...(testEventCode ? { testEventCode } : {}),
  };
}
