/** Small response helpers so route handlers read as what they answer. */
import type { ServerResponse } from 'node:http';

export function sendHtml(res: ServerResponse, html: string, status = 200, headers: Record<string, string | string[]> = {}): void {
  for (const [name, value] of Object.entries({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers })) res.setHeader(name, value);
  res.writeHead(status);
  res.end(html);
}

export function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** 303 so a form POST becomes a GET on the next page (a reload does not re-post). */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Reads one cookie from the Cookie header (the demo's own cookies: cart id, consent choice). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Adds Set-Cookie values without dropping ones already set on the response. */
export function appendSetCookie(res: ServerResponse, values: readonly string[]): void {
  if (!values.length) return;
  const existing = res.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('set-cookie', [...list, ...values]);
}
