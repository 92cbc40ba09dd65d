// The service worker's entry point: woken for every tab's navigation on any site, it does not read the
// referentiel at start (the first lookup does).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('background entry point', () => {
  it('starts without reading the referentiel', async () => {
    const fetched: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return new Response('', { status: 404 });
    });
    const background = (await import('../../entrypoints/background')).default as unknown as { main(): void };
    background.main();
    await new Promise((r) => setTimeout(r, 100));
    expect(fetched).toEqual([]);
  });
});
