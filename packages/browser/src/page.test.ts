import { beforeEach, describe, expect, it } from 'vitest';
import { freshApi, recordingTtq, resetPage, type Call } from './test-helpers.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
const pages = (calls: Call[]) => calls.filter((c) => c[0] === 'page').length;

beforeEach(() => resetPage('https://shop.example.com/'));

describe('page', () => {
  it('sends ttq.page() and picks up a ttclid on the new URL', async () => {
    const calls = recordingTtq();
    const { page, context } = await freshApi();
    history.pushState(null, '', '/promo?ttclid=E.C.P.spa');
    page();
    expect(calls).toEqual([['page']]);
    expect(context().ttclid).toBe('E.C.P.spa');
  });
});

describe('SPA route changes (spa: true)', () => {
  it('one page view per real route change: pushState, replaceState, popstate', async () => {
    const calls = recordingTtq();
    const { init } = await freshApi();
    init({ spa: true });
    history.pushState(null, '', '/products');
    await settle();
    history.replaceState(null, '', '/products/1');
    await settle();
    history.pushState(null, '', '/cart');
    await settle();
    expect(pages(calls)).toBe(3);
    // the back button: the browser changes the URL itself, then fires popstate
    (window as any).happyDOM.setURL('https://shop.example.com/products/1');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(pages(calls)).toBe(4);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(pages(calls)).toBe(4);
  });

  it('ignores same-URL pushes and hash-only changes', async () => {
    const calls = recordingTtq();
    const { init } = await freshApi();
    init({ spa: 'true' });
    history.pushState(null, '', '/');
    history.pushState(null, '', '/#reviews');
    await settle();
    expect(pages(calls)).toBe(0);
  });

  it("collapses a router's push + replace in one tick into one page view", async () => {
    const calls = recordingTtq();
    const { init } = await freshApi();
    init({ spa: true });
    history.pushState(null, '', '/checkout');
    history.replaceState(null, '', '/checkout?step=1');
    await settle();
    expect(pages(calls)).toBe(1);
  });

  it('gives the context the previous route as referrer', async () => {
    recordingTtq();
    const { init, context } = await freshApi();
    init({ spa: true });
    history.pushState(null, '', '/a');
    await settle();
    history.pushState(null, '', '/b');
    await settle();
    expect(context().page).toEqual({ url: 'https://shop.example.com/b', referrer: 'https://shop.example.com/a' });
  });

  it('loads the Pixel with historyObserver: false so TikTok cannot double count', async () => {
    const { init } = await freshApi();
    init({ pixelId: 'C1', spa: true });
    expect((window as any).ttq._o.C1).toEqual({ historyObserver: false });
  });

  it('without spa, route changes send nothing', async () => {
    const calls = recordingTtq();
    const { init } = await freshApi();
    init({ spa: 'false' });
    history.pushState(null, '', '/products');
    await settle();
    expect(calls).toEqual([]);
  });
});
