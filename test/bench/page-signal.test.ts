// The bench waits for what the page prints, instead of evaluating in it while it is being measured.
import { EventEmitter } from 'node:events';
import type { Page } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { FIGURES_SIGNAL, pageSignal, SETTLED_INIT, SETTLED_SIGNAL, VISIBLE_INIT } from './browser';

/** The part of a Playwright page pageSignal uses: console events. */
function fakePage() {
  const events = new EventEmitter();
  const page = { on: (e: string, f: (...a: unknown[]) => void) => events.on(e, f), off: (e: string, f: (...a: unknown[]) => void) => events.off(e, f) };
  const print = (text: string) => events.emit('console', { text: () => text });
  return { page: page as unknown as Page, print, listeners: () => events.listenerCount('console') };
}

describe('pageSignal', () => {
  it('resolves true on its own signal only, then stops listening', async () => {
    const { page, print, listeners } = fakePage();
    let settled = false;
    const p = pageSignal(page, FIGURES_SIGNAL, 5000).then((v) => ((settled = true), v));
    print('autre chose');
    print(SETTLED_SIGNAL);
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    print(FIGURES_SIGNAL);
    expect(await p).toBe(true);
    expect(listeners()).toBe(0);
  });

  it('resolves false after its timeout', async () => {
    const { page, listeners } = fakePage();
    expect(await pageSignal(page, FIGURES_SIGNAL, 20)).toBe(false);
    expect(listeners()).toBe(0);
  });

  it('is what the init scripts print', () => {
    expect(VISIBLE_INIT).toContain(`console.debug('${FIGURES_SIGNAL}')`);
    expect(SETTLED_INIT).toContain(`console.debug('${SETTLED_SIGNAL}')`);
  });
});
