import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshApi, resetPage } from './test-helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function throwingPixel() {
  resetPage('https://shop.example.com/');
  (window as any).ttq = { track: () => { throw new Error('pixel broke'); } };
  return vi.spyOn(console, 'warn').mockImplementation(() => {});
}

describe('loud in development, silent in production', () => {
  it('is silent by default in a production build', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = await throwingPixel();
    const { track } = await freshApi();
    track('Lead');
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns with debug: true', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = await throwingPixel();
    const { init, track } = await freshApi();
    init({ debug: true });
    track('Lead');
    expect(warn).toHaveBeenCalledWith('[pixelpair]', 'ttq.track', expect.any(Error));
  });

  it("warns in the host app's development build", async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const warn = await throwingPixel();
    const { track } = await freshApi();
    track('Lead');
    expect(warn).toHaveBeenCalled();
  });

  it('never logs the personal data of a rejected event id', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const warn = await throwingPixel();
    const { track } = await freshApi();
    track('Lead', {}, { eventId: 'alice@example.com' });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('alice');
  });

  it('survives a console that throws', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    await throwingPixel();
    vi.spyOn(console, 'warn').mockImplementation(() => { throw new Error('no console'); });
    const { track } = await freshApi();
    expect(() => track('Lead')).not.toThrow();
  });
});
