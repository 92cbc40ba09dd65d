// A tab's findings, for the popup: what the content script of the page the tab shows has asked about.
// Each content script names its page in its lookups, and the first lookup of another page starts the
// tab afresh. Kept in session storage too: the browser may stop the worker at any time. The worker
// listens to no tab event: `tabs.onUpdated` carries no URL without host permission on the sites, and
// any tab listener (`onRemoved` too) wakes the worker for every navigation, or every tab closed, of
// every site. So the tabs kept are the MAX_TABS that most recently showed a page of ours; a closed tab's
// findings go with the older ones, and all of them with the browser's session.
import type { Depth } from './build-report';
import type { TabFinding } from './messaging';
import { sightingKey } from './sites/key';
import type { Report, SightingData } from './types';

const MAX_FINDINGS_PER_TAB = 200;
/** Tabs whose findings are kept: the most recent to have shown a page of ours. */
export const MAX_TABS = 50;
/** The session key of the kept tabs' ids, most recent first. */
const RECENT_TABS_KEY = 'tabs';
/** A tab's session copy is written once per burst of lookups. */
const WRITE_AFTER_MS = 300;

/** The part of `storage.session` used here. */
export interface SessionStore {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface TabFindings {
  /**
   * Notes a content script's lookup: once when asked (no report), once answered. A lookup that names no
   * page (one of the extension's own pages) is not what a tab shows.
   */
  note(tabId: number | undefined, pageId: string | undefined, sighting: SightingData, report?: Report, depth?: Depth): Promise<void>;
  /** What the tab's page `pageId` has asked about; nothing when the tab has moved on to another page. */
  list(tabId: number, pageId: string | null): Promise<TabFinding[]>;
}

/**
 * Sets `key` in `map` as its most recent entry, the oldest dropped past `max` (a Map iterates in the
 * order of insertion). For what the worker keeps per tab without hearing of tabs closing.
 */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, max = MAX_TABS): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
  return value;
}

/** The session's list of kept tabs, or nothing when it is not a list of tab ids. */
function recentOf(stored: unknown): number[] {
  return Array.isArray(stored) ? stored.filter((t): t is number => Number.isInteger(t) && t >= 0).slice(0, MAX_TABS) : [];
}

interface TabPage {
  pageId: string | undefined;
  findings: Map<string, TabFinding>;
}

/** What session storage keeps of a tab. */
interface StoredTab {
  pageId: string;
  findings: TabFinding[];
}

/** A tab's session copy; anything else than a `StoredTab` (corrupt, or another version's) is nothing. */
function fromSession(stored: unknown): TabPage {
  const s = stored as Partial<StoredTab> | null | undefined;
  if (typeof s?.pageId !== 'string' || !Array.isArray(s.findings)) return { pageId: undefined, findings: new Map() };
  return { pageId: s.pageId, findings: new Map(s.findings.map((f) => [sightingKey(f.sighting), f] as const)) };
}

export function createTabFindings(session: SessionStore | undefined): TabFindings {
  const tabs = new Map<number, TabPage>();
  const sessionKey = (tabId: number) => `tab:${tabId}`;
  const pendingWrites = new Set<number>();

  function persist(tabId: number) {
    if (!session || pendingWrites.has(tabId)) return;
    pendingWrites.add(tabId);
    setTimeout(() => {
      pendingWrites.delete(tabId);
      const tab = tabs.get(tabId); // a tab closed meanwhile has nothing to write
      if (!tab?.pageId) return;
      const stored: StoredTab = { pageId: tab.pageId, findings: [...tab.findings.values()] };
      void session.set({ [sessionKey(tabId)]: stored }).catch(() => undefined);
    }, WRITE_AFTER_MS);
  }

  /** What the session holds for a tab, read once per worker life before anything is added to it. */
  const loading = new Map<number, Promise<TabPage>>();
  function tabOf(tabId: number): Promise<TabPage> {
    const known = tabs.get(tabId);
    if (known) return Promise.resolve(known);
    let pending = loading.get(tabId);
    if (!pending) {
      pending = (async () => {
        let stored: unknown;
        try {
          stored = (await session?.get(sessionKey(tabId)))?.[sessionKey(tabId)];
        } catch {
          stored = undefined;
        }
        // The tab may have been filled (or forgotten and filled again) while the session was read.
        let tab = tabs.get(tabId);
        if (!tab) tabs.set(tabId, (tab = fromSession(stored)));
        loading.delete(tabId);
        return tab;
      })();
      loading.set(tabId, pending);
    }
    return pending;
  }

  function forget(tabId: number) {
    tabs.delete(tabId);
    loading.delete(tabId);
    void session?.remove(sessionKey(tabId)).catch(() => undefined);
  }

  /** The kept tabs, most recent first: read from the session once per worker life. */
  let recent: Promise<number[]> | undefined;
  /** The tab shows a new page of ours: it becomes the most recent, and the tabs past MAX_TABS are forgotten. */
  async function touch(tabId: number) {
    recent ??= (session?.get(RECENT_TABS_KEY) ?? Promise.resolve<Record<string, unknown>>({})).then(
      (stored) => recentOf(stored[RECENT_TABS_KEY]),
      () => [],
    );
    const order = await recent;
    if (order[0] === tabId) return;
    const at = order.indexOf(tabId);
    if (at >= 0) order.splice(at, 1);
    order.unshift(tabId);
    for (const old of order.splice(MAX_TABS)) forget(old);
    void session?.set({ [RECENT_TABS_KEY]: order }).catch(() => undefined);
  }

  return {
    async note(tabId, pageId, sighting, report, depth) {
      if (tabId === undefined || tabId < 0 || !pageId) return;
      const tab = await tabOf(tabId);
      if (tab.pageId !== pageId) {
        // An answer for a page the tab has since left is not what it shows.
        if (report) return;
        // The first question of another page: what the old page showed no longer applies.
        tab.pageId = pageId;
        tab.findings.clear();
        await touch(tabId);
      }
      const key = sightingKey(sighting);
      const known = tab.findings.get(key);
      if (!known && tab.findings.size >= MAX_FINDINGS_PER_TAB) return;
      // A lookup under way, or a badge's partial answer, never hides a report the tab already has.
      if (known?.report && (!report || depth === 'badge')) return;
      tab.findings.set(key, { sighting, ...(report ? { report } : {}) });
      persist(tabId);
    },
    async list(tabId, pageId) {
      const tab = await tabOf(tabId);
      return pageId && tab.pageId === pageId ? [...tab.findings.values()] : [];
    },
  };
}
