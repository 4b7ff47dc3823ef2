/**
 * Advanced matching for the Pixel on the thank-you page, without putting plain email or
 * phone into the HTML: the server normalises and hashes them with the same rules as the
 * server copy, and the page hands the hashes to `pixelpair.identify`.
 */
import { normalizeEmail } from '@pixelpair/core';
import { hashNormalized, normalizePhone, toCountryCode } from '@pixelpair/server';

export interface HashedIdentity {
  email?: string;
  phone?: string;
  externalId?: string;
}

export function hashedIdentity(input: { email?: string; phone?: string; country?: string; externalId?: string }): HashedIdentity {
  const out: HashedIdentity = {};
  const email = input.email ? normalizeEmail(input.email) : null;
  const phone = input.phone ? normalizePhone(input.phone, [toCountryCode(input.country)]) : null;
  if (email) out.email = hashNormalized(email);
  if (phone) out.phone = hashNormalized(phone);
  if (input.externalId?.trim()) out.externalId = hashNormalized(input.externalId.trim());
  return out;
}
