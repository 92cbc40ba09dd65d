// @vitest-environment happy-dom
// The page UI's start: what it reads before its first panel is asked for together.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createPageUi } from '../../lib/draw-page-ui';
import { messaging } from '../../lib/messaging';
import { DEFAULT_SETTINGS } from '../../lib/settings';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

it('reads the collapsed state and the saved selection together, beside the sources message', async () => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const local = fakeBrowser.storage.local as unknown as { get(keys: unknown): Promise<Record<string, unknown>> };
  const realGet = local.get.bind(local);
  const asked: string[] = [];
  vi.spyOn(local, 'get').mockImplementation(async (keys) => {
    asked.push(JSON.stringify(keys));
    await held; // storage is slow to answer (a busy browser): nothing comes back until released
    return realGet(keys);
  });
  const sent = vi.spyOn(messaging, 'sendMessage').mockResolvedValue({ sources: [] } as never);
  const ctx = { onInvalidated: () => undefined } as unknown as ContentScriptContext;
  const ui = createPageUi(ctx, DEFAULT_SETTINGS);
  await vi.waitFor(() => expect(asked.join(' ')).toMatch(/selection/), { timeout: 2000 });
  expect(asked.join(' ')).toMatch(/panelCollapsed/);
  expect(sent).toHaveBeenCalledWith('sources', undefined);
  release();
  expect(typeof (await ui).mount).toBe('function');
});
