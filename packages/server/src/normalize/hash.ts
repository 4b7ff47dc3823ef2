/** SHA-256 hex of a normalised identifier. node:crypto, so no vendored hash to drift. */
import { createHash } from 'node:crypto';
import { isSha256Hex } from '@pixelpair/core';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Hashes a normalised value unless it already is a SHA-256 hex digest (passed through lower-cased). */
export function hashNormalized(value: string): string {
  return isSha256Hex(value) ? value.toLowerCase() : sha256Hex(value);
}
