/**
 * Country names → ISO 3166-1 alpha-2 codes (`United States` → `us`, as in Meta's worked
 * example), from the runtime's own CLDR data (Intl.DisplayNames, English) rather than a
 * hand-kept table. Built once, on first use.
 */
let byName: Map<string, string> | undefined;

const key = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

function table(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  try {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name && name !== code) byName.set(key(name), code.toLowerCase());
      }
    }
  } catch {
    // A runtime without region names: codes still work, names are not read.
  }
  // Common short forms CLDR does not use as the display name.
  for (const [alias, code] of [['usa', 'us'], ['unitedstatesofamerica', 'us'], ['uk', 'gb'], ['greatbritain', 'gb'], ['england', 'gb'], ['holland', 'nl']] as const) byName.set(alias, code);
  return byName;
}

/** The alpha-2 code (lower-case) for an English country name, or null. */
export function countryCodeOfName(name: string): string | null {
  const k = key(name);
  return k.length > 2 ? (table().get(k) ?? null) : null;
}
