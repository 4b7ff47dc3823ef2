/**
 * TikTok's documented currency list (Business API SDK `PixelProperties.md`, repeated in the
 * Go SDK): 62 distinct ISO-4217 codes. A currency outside it is rejected.
 */
export const TIKTOK_CURRENCIES: readonly string[] = [
  'AED', 'ARS', 'AUD', 'BDT', 'BHD', 'BIF', 'BOB', 'BRL', 'CAD', 'CHF', 'CLP', 'CNY', 'COP', 'CRC',
  'CZK', 'DKK', 'DZD', 'EGP', 'EUR', 'GBP', 'GTQ', 'HKD', 'HNL', 'HUF', 'IDR', 'ILS', 'INR', 'ISK',
  'JPY', 'KES', 'KHR', 'KRW', 'KWD', 'KZT', 'MAD', 'MOP', 'MXN', 'MYR', 'NGN', 'NIO', 'NOK', 'NZD',
  'OMR', 'PEN', 'PHP', 'PKR', 'PLN', 'PYG', 'QAR', 'RON', 'RUB', 'SAR', 'SEK', 'SGD', 'THB', 'TRY',
  'TWD', 'UAH', 'USD', 'VES', 'VND', 'ZAR',
];

const currencies = new Set(TIKTOK_CURRENCIES);

export function isTikTokCurrency(code: string): boolean {
  return currencies.has(code);
}
