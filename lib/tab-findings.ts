// A tab's findings, for the popup: what the content script of the page the tab shows has asked about.
// Each content script names its page in its lookups, and the first lookup of another page starts the
// tab afresh. (The browser tells no navigation itself: the extension has no host permission on the
// sites, so `tabs.onUpdated` carries no URL, and listening to it would wake the worker for every
// navigation of every tab on any site.) Kept in session storage too: the browser may stop the worker
// at any time.
import type { Depth } from './build-report';
import type { TabFinding } from './messaging';
import { sightingKey } from './sites/key';
import type { Report, SightingData } from './types';

const MAX_FINDINGS_PER_TAB = 200;
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
  /** The tab closed. */
  forget(tabId: number): void;
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
    forget(tabId) {
      tabs.delete(tabId);
      loading.delete(tabId);
      void session?.remove(sessionKey(tabId)).catch(() => undefined);
    },
  };
}
