/** An already-hashed identifier: exactly 64 hex digits. Such values pass through lower-cased. */
const SHA256_HEX = /^[A-Fa-f0-9]{64}$/;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}
