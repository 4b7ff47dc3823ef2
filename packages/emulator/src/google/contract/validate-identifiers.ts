/**
 * `events[i].userData`: at most 10 user identifiers, each exactly one of a hashed
 * `emailAddress`, a hashed `phoneNumber` or an `address` (hashed names, plain region and
 * postal code). Hashes are SHA-256 digests in the request's `encoding`: 64 lower-case hex
 * characters for HEX, 44 Base64 characters for BASE64. A plain email or a `+1…` phone
 * fails here, as it does at Google. Messages never include the value.
 */
import { invalidArgument } from '../rpc-error.js';
import { checkFields, isObject, list, mapping, string, type Json, type Problem } from './values.js';

export type Encoding = 'HEX' | 'BASE64';
export const MAX_USER_IDENTIFIERS = 10;

/** SHA-256 of the empty string: what a server sends when it hashed a missing value. */
const EMPTY_SHA256_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const EMPTY_SHA256_BASE64 = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const IDENTIFIER_HINTS: Record<string, string> = {
  hashedEmail: 'Data Manager uses emailAddress (the Google Ads API name is hashed_email)',
  hashedPhoneNumber: 'Data Manager uses phoneNumber (the Google Ads API name is hashed_phone_number)',
  sha256EmailAddress: 'Data Manager uses emailAddress with the hash as its value',
  sha256PhoneNumber: 'Data Manager uses phoneNumber with the hash as its value',
  email: 'Data Manager uses emailAddress', phone: 'Data Manager uses phoneNumber',
  addressInfo: 'Data Manager uses address',
};

export function checkHash(value: unknown, path: string, encoding: Encoding): Problem | undefined {
  const problem = string(value, path);
  if (problem) return problem;
  const s = value as string;
  if (s === '') return invalidArgument(path, 'INVALID_SHA256_FORMAT', 'empty; omit the identifier instead');
  if (encoding === 'HEX') {
    if (!HEX.test(s) || s.length % 2 !== 0) {
      return invalidArgument(path, 'INVALID_HEX_ENCODING', 'not hex. Hash the normalised value with SHA-256 and hex-encode it (a plain email or phone number is not a hash)');
    }
    if (s.length !== 64) return invalidArgument(path, 'INVALID_SHA256_FORMAT', `hex of ${s.length / 2} bytes; a SHA-256 digest is 32 bytes (64 hex characters)`);
    if (s !== s.toLowerCase()) return invalidArgument(path, 'INVALID_SHA256_FORMAT', 'upper-case hex; send the digest as lower-case hex');
    if (s === EMPTY_SHA256_HEX) return invalidArgument(path, 'INVALID_SHA256_FORMAT', 'this is the SHA-256 of an empty string; omit the identifier when there is no value');
    return undefined;
  }
  if (!BASE64.test(s) || s.length % 4 !== 0) {
    return invalidArgument(path, 'INVALID_BASE64_ENCODING', 'not standard Base64. Hash the normalised value with SHA-256 and Base64-encode the digest');
  }
  const bytes = Buffer.from(s, 'base64').length;
  if (bytes !== 32) {
    const hint = bytes === 48 && HEX.test(s) ? '; this looks like a hex digest, so the request encoding should be HEX' : '';
    return invalidArgument(path, 'INVALID_SHA256_FORMAT', `Base64 of ${bytes} bytes; a SHA-256 digest is 32 bytes${hint}`);
  }
  if (s === EMPTY_SHA256_BASE64) return invalidArgument(path, 'INVALID_SHA256_FORMAT', 'this is the SHA-256 of an empty string; omit the identifier when there is no value');
  return undefined;
}

function checkAddress(value: unknown, path: string, encoding: Encoding): Problem | undefined {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['givenName', 'familyName', 'regionCode', 'postalCode'], {
    hashedFirstName: 'Data Manager uses givenName', hashedLastName: 'Data Manager uses familyName', countryCode: 'Data Manager uses regionCode',
    hashedStreetAddress: 'Data Manager addresses have no street address', city: 'Data Manager addresses have no city', state: 'Data Manager addresses have no state',
  });
  if (problem) return problem;
  const a = value as Json;
  for (const key of ['givenName', 'familyName', 'regionCode', 'postalCode']) {
    if (a[key] === undefined || a[key] === null || a[key] === '') return invalidArgument(`${path}.${key}`, 'REQUIRED_FIELD_MISSING', 'required in an address');
  }
  const nameProblem = checkHash(a.givenName, `${path}.givenName`, encoding) ?? checkHash(a.familyName, `${path}.familyName`, encoding);
  if (nameProblem) return nameProblem;
  if (typeof a.regionCode !== 'string' || !/^[A-Z]{2}$/.test(a.regionCode)) {
    return invalidArgument(`${path}.regionCode`, 'INVALID_FORMAT', 'expected an upper-case ISO 3166-1 alpha-2 code such as US (not hashed)');
  }
  if (typeof a.postalCode !== 'string') return invalidArgument(`${path}.postalCode`, 'INVALID_ARGUMENT', 'expected a string');
  if (/^[0-9a-f]{64}$/i.test(a.postalCode) || a.postalCode.length > 32) {
    return invalidArgument(`${path}.postalCode`, 'INVALID_POSTAL_CODE', 'postal codes are sent normalised but not hashed');
  }
  return undefined;
}

function checkIdentifier(value: unknown, path: string, encoding: Encoding): Problem | undefined {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['emailAddress', 'phoneNumber', 'address'], IDENTIFIER_HINTS);
  if (problem) return problem;
  const id = value as Json;
  const set = ['emailAddress', 'phoneNumber', 'address'].filter((k) => id[k] !== undefined && id[k] !== null);
  if (set.length !== 1) {
    return invalidArgument(path, set.length === 0 ? 'REQUIRED_FIELD_MISSING' : 'INVALID_ARGUMENT', `exactly one of emailAddress, phoneNumber or address per identifier; got ${set.length}`);
  }
  if (set[0] === 'address') return checkAddress(id.address, `${path}.address`, encoding);
  return checkHash(id[set[0]!], `${path}.${set[0]}`, encoding);
}

/** Which identifier kinds a valid userData carries. */
export interface IdentifierKinds { email: boolean; phone: boolean; address: boolean }

export function validateUserData(value: unknown, path: string, encoding: Encoding): Problem | IdentifierKinds {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['userIdentifiers']);
  if (problem) return problem;
  const ids = (value as Json).userIdentifiers;
  const idsPath = `${path}.userIdentifiers`;
  if (ids === undefined || ids === null) return invalidArgument(idsPath, 'REQUIRED_FIELD_MISSING', 'userData needs at least one identifier; omit userData instead');
  const listProblem = list(ids, idsPath);
  if (listProblem) return listProblem;
  const items = ids as unknown[];
  if (items.length === 0) return invalidArgument(idsPath, 'REQUIRED_FIELD_MISSING', 'userData needs at least one identifier; omit userData instead');
  if (items.length > MAX_USER_IDENTIFIERS) return invalidArgument(idsPath, 'TOO_MANY_USER_IDENTIFIERS', `at most ${MAX_USER_IDENTIFIERS} user identifiers per event; got ${items.length}`);
  const kinds: IdentifierKinds = { email: false, phone: false, address: false };
  for (let i = 0; i < items.length; i++) {
    const p = checkIdentifier(items[i], `${idsPath}[${i}]`, encoding);
    if (p) return p;
    const id = items[i] as Json;
    if (id.emailAddress != null) kinds.email = true;
    else if (id.phoneNumber != null) kinds.phone = true;
    else kinds.address = true;
  }
  return kinds;
}

export function isProblem(value: unknown): value is Problem {
  return isObject(value) && typeof value.status === 'string' && typeof value.reason === 'string';
}
