// @vitest-environment happy-dom
// What a page reads from storage before its first panel: one call, the keys the extension's pages write.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createPageUi } from '../../lib/draw-page-ui';
import { PAGE_STATE_KEYS, pageStateOf, readPageState, saveCollapsed, watchPageState } from '../../lib/page-state';
import { selectionItemOf } from '../../lib/saved-selection';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { addToSelection } from '../../lib/selection-store';
import { saveSettings } from '../../lib/settings-store';
import { fullReport } from '../fixtures/reports/demo-reports';

beforeEach(() => fakeBrowser.reset());

describe('readPageState', () => {
  it('reads, in one storage call, what the options page and the selection wrote through their WXT items', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, preferredRegion: '11', display: { ...DEFAULT_SETTINGS.display, showBadges: false } });
    const p = fullReport.programmes[0]!;
    await addToSelection(selectionItemOf(p, fullReport.sighting, 1));
    await saveCollapsed(true);
    const local = fakeBrowser.storage.local as unknown as { get(keys: unknown): Promise<Record<string, unknown>> };
    const get = vi.spyOn(local, 'get');
    const state = await readPageState();
    expect(get).toHaveBeenCalledTimes(1);
    expect(state.settings.preferredRegion).toBe('11');
    expect(state.settings.display.showBadges).toBe(false);
    expect(state.collapsed).toBe(true);
    expect([...state.savedKeys]).toEqual([p.key]);
  });

  it('gives the defaults for what is missing or broken, and drops corrupt saved items', () => {
    const state = pageStateOf({ [PAGE_STATE_KEYS.settings]: 'garbage', [PAGE_STATE_KEYS.collapsed]: 'yes', [PAGE_STATE_KEYS.selection]: [{ key: 1 }, null] });
    expect(state.settings).toEqual(DEFAULT_SETTINGS);
    expect(state.collapsed).toBe(false);
    expect(state.savedKeys.size).toBe(0);
  });

  it('follows the collapsed state and the selection changed elsewhere, until unwatched', async () => {
    const collapsed = vi.fn();
    const savedKeys = vi.fn();
    const unwatch = watchPageState({ collapsed, savedKeys });
    await saveCollapsed(true);
    const p = fullReport.programmes[0]!;
    await addToSelection(selectionItemOf(p, fullReport.sighting, 1));
    await vi.waitFor(() => expect(savedKeys).toHaveBeenCalledWith(new Set([p.key])));
    expect(collapsed).toHaveBeenCalledWith(true);
    unwatch();
    await saveCollapsed(false);
    expect(collapsed).toHaveBeenCalledTimes(1);
  });
});

it('the page UI starts from what the content script read: it asks storage nothing before its first panel', () => {
  const local = fakeBrowser.storage.local as unknown as { get(keys: unknown): Promise<Record<string, unknown>> };
  const get = vi.spyOn(local, 'get');
  const ctx = { onInvalidated: () => undefined } as unknown as ContentScriptContext;
  const ui = createPageUi(ctx, { ...pageStateOf({}), sources: [] });
  expect(typeof ui.mount).toBe('function');
  expect(get).not.toHaveBeenCalled();
});
