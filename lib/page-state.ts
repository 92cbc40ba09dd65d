// What a page's panels need from storage, read in one call when the UI is first needed: the settings,
// whether the panel was left collapsed, and the keys of the saved programmes. The content script reads
// the keys of lib/settings-store.ts and lib/selection-store.ts as stored (WXT keeps `local:x` under `x`),
// so that it carries neither WXT's storage layer nor its version check per item (a round trip each).
import { browser } from 'wxt/browser';
import { normalizeSelection } from './saved-selection';
import { normalizeSettings, type Settings } from './settings';

/** The storage.local keys read here: `settingsItem`, the panel's collapsed state, `selectionItem`. */
export const PAGE_STATE_KEYS = { settings: 'settings', collapsed: 'panelCollapsed', selection: 'selection' } as const;

export interface PageState {
  settings: Settings;
  /** The user collapsed a panel to its tab on an earlier page: panels start collapsed. */
  collapsed: boolean;
  /** Keys of the programmes in the saved selection. */
  savedKeys: ReadonlySet<string>;
}

/** Whatever is stored, read leniently: a missing or broken value takes its default. */
export function pageStateOf(raw: Record<string, unknown>): PageState {
  return {
    settings: normalizeSettings(raw[PAGE_STATE_KEYS.settings]),
    collapsed: raw[PAGE_STATE_KEYS.collapsed] === true,
    savedKeys: savedKeysOf(raw[PAGE_STATE_KEYS.selection]),
  };
}

const savedKeysOf = (raw: unknown): ReadonlySet<string> => new Set(normalizeSelection(raw).map((it) => it.key));

export async function readPageState(): Promise<PageState> {
  return pageStateOf(await browser.storage.local.get(Object.values(PAGE_STATE_KEYS)));
}

/** Remembers, for the next pages, whether the user collapsed the panel. */
export function saveCollapsed(collapsed: boolean): Promise<void> {
  return browser.storage.local.set({ [PAGE_STATE_KEYS.collapsed]: collapsed });
}

/** Follows changes made elsewhere (another tab's panel, the popup, the selection page); returns the unwatch. */
export function watchPageState(on: { collapsed(c: boolean): void; savedKeys(keys: ReadonlySet<string>): void }): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const c = changes[PAGE_STATE_KEYS.collapsed];
    if (c) on.collapsed(c.newValue === true);
    const s = changes[PAGE_STATE_KEYS.selection];
    if (s) on.savedKeys(savedKeysOf(s.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
