// The miss is measured against the floor on equal terms: each opens every page in a tab of its own.
import { EventEmitter } from 'node:events';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import type { MockApi } from '../mock-api/server';
import { FIGURES_SIGNAL, measurePanelLatency, type ExtensionHandle } from './browser';

/** A browser whose tabs print the figures' signal on each navigation; each navigation is one API request. */
function fakeBrowser(requests: unknown[], figuresMs: number) {
  const tabs: { urls: string[] }[] = [];
  const context = {
    newPage: async () => {
      const events = new EventEmitter();
      const tab = { urls: [] as string[] };
      tabs.push(tab);
      const visit = async (url: string) => {
        tab.urls.push(url);
        requests.push({ url });
        setTimeout(() => events.emit('console', { text: () => FIGURES_SIGNAL }), 1);
      };
      const page = {
        on: (e: string, f: (...a: unknown[]) => void) => events.on(e, f),
        off: (e: string, f: (...a: unknown[]) => void) => events.off(e, f),
        addInitScript: async () => undefined,
        goto: (url: string) => visit(url),
        reload: () => visit(tab.urls[tab.urls.length - 1]!),
        evaluate: async () => ({ figuresMs, rowsMs: null, steps: { messageMs: 1, answerMs: 2, uiLoadedMs: 3 } }),
        waitForTimeout: async () => undefined,
        close: async () => undefined,
      };
      return page as unknown as Page;
    },
  };
  const handle: ExtensionHandle = { context: context as unknown as BrowserContext, worker: {} as Worker };
  return { handle, tabs };
}

describe('measurePanelLatency', () => {
  it('opens each page in a new tab, for ours and for the floor alike, and gives both their figures', async () => {
    const requests: unknown[] = [];
    const mock = { requests, resetRequests: () => void requests.splice(0) } as unknown as MockApi;
    const ours = fakeBrowser(requests, 120);
    const floor = fakeBrowser(requests, 80);
    const urls = ['https://www.onisep.fr/a', 'https://www.onisep.fr/b'];
    const samples = await measurePanelLatency(ours.handle, mock, urls, floor.handle);
    expect(ours.tabs.map((t) => t.urls)).toEqual([
      [urls[0], urls[0]], // the miss, then the reload served from the cache
      [urls[1], urls[1]],
    ]);
    expect(floor.tabs.map((t) => t.urls)).toEqual([[urls[0]], [urls[1]]]);
    expect(samples.map((s) => [s.missMs, s.floorMs])).toEqual([
      [120, 80],
      [120, 80],
    ]);
  });
});
