/**
 * First-party cookies through js-cookie, written at the highest domain the site allows so
 * shop. and checkout. subdomains share them. Walking up the labels from the top finds the
 * registrable domain without a public-suffix list: the browser refuses `co.uk`, accepts
 * `example.co.uk` (the way Meta's param builder does it).
 */
import Cookies from 'js-cookie';

const PROBE = '_pp_probe';
let site: string | undefined;

export function readCookie(name: string): string | undefined {
  try {
    return Cookies.get(name) || undefined;
  } catch {
    return undefined;
  }
}

/** The registrable domain (`example.co.uk` on `shop.example.co.uk`); none on IPs, single-label hosts or with cookies off. */
export function siteDomain(): string | undefined {
  const labels = location.hostname.split('.');
  try {
    // an IPv4 address ends in a digit; IPv6 hostnames have no dots to walk
    for (let i = labels.length - 2; !site && i >= 0 && !/\d$/.test(location.hostname); i--) {
      const domain = labels.slice(i).join('.');
      Cookies.set(PROBE, '1', { domain });
      if (Cookies.get(PROBE)) {
        Cookies.remove(PROBE, { domain });
        site = domain;
      }
    }
  } catch {
    // a hostile document.cookie: no shared domain, host-only cookies
  }
  return site;
}

/** Writes (or replaces) a cookie for `days` at `domain`, else the site domain, else host-only. */
export function writeCookie(name: string, value: string, days: number, domain?: string): void {
  try {
    domain = domain || siteDomain();
    // a host-only copy would shadow the shared one, so it goes first
    if (domain) Cookies.remove(name);
    Cookies.set(name, value, { expires: days, domain, sameSite: 'Lax', secure: location.protocol === 'https:' });
  } catch {
    // cookies disabled or a hostile document.cookie: the value stays in memory only
  }
}

/** For tests: forget the probed domain. */
export const resetSiteDomain = (): void => {
  site = undefined;
};
