/** Placeholder until the stub lands. */
export function pixelScript(collectUrl: string): string {
  return `/* pixelpair emulator pixel stub */ window.__pixelpairCollect = ${JSON.stringify(collectUrl)};`;
}
