/**
 * Meta's click cookie `_fbc`: `fb.{subdomainIndex}.{creationTimeMs}.{fbclid}` (Meta's
 * "ClickID and the fbp and fbc Parameters"; destinations.md A8). The fbclid is case-sensitive
 * and kept verbatim; the time is in milliseconds (seconds is a common mistake); the index is
 * the number of labels of the domain the cookie lives on, minus one (`example.com` → 1).
 * Both twins need it: the browser writes `_fbc`, the server re-sets it and builds `fbc` from a
 * landing fbclid when no cookie exists.
 */

const FBC = /^fb\.(\d)\.(\d{13})\.(.+)$/;

/** `fb.1.1554763741205.IwAR2F4-…` */
export function formatFbc(fbclid: string, createdAtMs: number, subdomainIndex = 1): string {
  return `fb.${subdomainIndex}.${Math.floor(createdAtMs)}.${fbclid}`;
}

/** The subdomain index for a cookie domain: `com` → 0, `example.com` → 1, `www.example.com` → 2. */
export function fbcSubdomainIndex(domain: string | undefined): number {
  if (!domain) return 1;
  const labels = domain.replace(/^\./, '').split('.').filter(Boolean);
  return Math.max(0, labels.length - 1);
}

/** The fbclid inside an `_fbc` value, or null when the value is not Meta's format. */
export function fbclidOf(fbc: string): string | null {
  const m = FBC.exec(fbc);
  return m ? m[3]! : null;
}

export function isFbc(value: string): boolean {
  return FBC.test(value);
}
