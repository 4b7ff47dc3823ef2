/**
 * TikTok-looking request ids (its log ids are a UTC timestamp followed by hex), unique per
 * emulator: `20261125064512` + 6 hex of instance + 12 hex counter.
 */
export function createRequestIds(): (now: number) => string {
  const instance = Math.floor(Math.random() * 0xffffff).toString(16).toUpperCase().padStart(6, '0');
  let counter = 0;
  let second = -1;
  let stamp = '';
  return (now) => {
    const s = Math.floor(now / 1000);
    if (s !== second) {
      second = s;
      stamp = new Date(s * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    }
    counter++;
    return stamp + instance + counter.toString(16).toUpperCase().padStart(12, '0');
  };
}
