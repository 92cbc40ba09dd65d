// The service worker's entry point: it listens to no tab event (each would wake it for every page or
// tab of any site), and does not read the referentiel at start (the first lookup does).
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

  it('listens to no tab event: navigations and tabs closing on any site never wake the worker', async () => {
    const events = ['onUpdated', 'onRemoved', 'onCreated', 'onActivated', 'onReplaced', 'onAttached', 'onDetached'] as const;
    const spies = events.map((name) => vi.spyOn(fakeBrowser.tabs[name], 'addListener'));
    vi.resetModules(); // a fresh worker: its own messaging instance
    const background = (await import('../../entrypoints/background')).default as unknown as { main(): void };
    background.main();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
