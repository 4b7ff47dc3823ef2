/** Escaping for the template functions: every interpolated value goes through one of these. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** JSON for an inline `<script type="application/json">`: `<` is escaped so `</script>` cannot end the block. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const formats = new Map<string, Intl.NumberFormat>();

/** `129.95, 'EUR'` → `€129.95`: how a European shop shows a price (one formatter per currency). */
export function formatMoney(amount: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) formats.set(currency, (format = new Intl.NumberFormat('en-IE', { style: 'currency', currency })));
  return format.format(amount);
}
