// The background's services: the referentiel loaded once, a cached API client per settings, tab findings.
import { browser } from 'wxt/browser';
import { createClient, type InserJeunesClient } from './inserjeunes/client';
import { createCache, createCachedClient, type AsyncStore } from './inserjeunes/cache';
import { lookupSighting, type Depth } from './build-report';
import type { SearchResult, SourceCredit, TabFinding } from './messaging';
import { createReferentiel, type Referentiel } from './referentiel/open-referentiel';
import { getApiKey } from './api-key';
import { getSettings, type Settings } from './settings';
import { sightingKey } from './sites/key';
import { regions } from './strings';
import type { Report, SightingData } from './types';

const DAY = 24 * 60 * 60 * 1000;
const MAX_FINDINGS_PER_TAB = 200;
/** The API cache's index in local storage (lib/inserjeunes/cache.ts, default prefix `ij:`). */
const CACHE_INDEX_KEY = 'ij:index';

/** `browser.storage.local` as the cache's store. */
const localStore: AsyncStore = {
  get: (keys) => browser.storage.local.get(keys) as Promise<Record<string, unknown>>,
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};

export interface BackgroundService {
  lookup(sighting: SightingData, options: { force?: boolean; tabId?: number; depth?: Depth }): Promise<Report>;
  search(query: string): Promise<SearchResult[]>;
  tabFindings(tabId: number): Promise<TabFinding[]>;
  forgetTab(tabId: number): void;
  sources(): Promise<{ sources: SourceCredit[]; builtAt?: string }>;
  referentiel(): Promise<Referentiel | null>;
}

export function createBackgroundService(): BackgroundService {
  let referentielPromise: Promise<Referentiel | null> | undefined;
  let current: { key: string; client: InserJeunesClient; direct: InserJeunesClient; settings: Settings } | undefined;
  const findings = new Map<number, Map<string, TabFinding>>();

  /** Loaded on first use, once per service-worker life; an unusable index leaves the extension working on page codes. */
  function referentiel(): Promise<Referentiel | null> {
    referentielPromise ??= (async () => {
      try {
        // Built into public/ at build time, so it is not among WXT's typed public paths at type-check time.
        const url = (browser.runtime.getURL as (path: string) => string)('/referentiel.json');
        const response = await fetch(url);
        if (!response.ok) return null;
        return createReferentiel(await response.json());
      } catch (error) {
        console.warn('InserJeunes : référentiel illisible', error);
        return null;
      }
    })();
    return referentielPromise;
  }

  async function client() {
    const [settings, apiKey] = await Promise.all([getSettings(), getApiKey().catch(() => '')]);
    // Any change of the key rebuilds the client: a corrected key is used at once.
    const key = JSON.stringify([settings.apiUrl, settings.cacheDays, apiKey]);
    if (current?.key !== key) {
      const cache = createCache(localStore, { maxAgeMs: settings.cacheDays * DAY, maxEntries: 2000 });
      const base = createClient({ baseUrl: settings.apiUrl, ...(apiKey ? { apiKey } : {}) });
      current = { key, client: createCachedClient(base, cache, { scope: settings.apiUrl }), direct: base, settings };
    } else {
      current.settings = settings;
    }
    return current;
  }

  // Extension storage cleared (by the user, or a test): the cache's memory layer must not outlive it.
  // The cache's index is written with its first entry and never removed by eviction, only by a clear.
  browser.storage?.onChanged?.addListener((changes, area) => {
    if (area === 'local' && CACHE_INDEX_KEY in changes && changes[CACHE_INDEX_KEY]!.newValue == null) current = undefined;
  });

  /** The browser may stop the worker at any time: a tab's findings are also kept in session storage. */
  const session = browser.storage?.session;
  const sessionKey = (tabId: number) => `tab:${tabId}`;
  const pendingWrites = new Map<number, ReturnType<typeof setTimeout>>();

  function persist(tabId: number) {
    if (!session || pendingWrites.has(tabId)) return;
    pendingWrites.set(
      tabId,
      setTimeout(() => {
        pendingWrites.delete(tabId);
        const tab = findings.get(tabId);
        if (tab) void session.set({ [sessionKey(tabId)]: [...tab.values()] }).catch(() => undefined);
      }, 300),
    );
  }

  /** What the session holds for a tab, read once per worker life before anything is added to it. */
  const loading = new Map<number, Promise<Map<string, TabFinding>>>();
  function tabOf(tabId: number): Promise<Map<string, TabFinding>> {
    const known = findings.get(tabId);
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
        let tab = findings.get(tabId);
        if (!tab) {
          tab = new Map(Array.isArray(stored) ? (stored as TabFinding[]).map((f) => [sightingKey(f.sighting), f] as const) : []);
          findings.set(tabId, tab);
        }
        loading.delete(tabId);
        return tab;
      })();
      loading.set(tabId, pending);
    }
    return pending;
  }

  async function remember(tabId: number | undefined, sighting: SightingData, report?: Report, depth?: Depth) {
    if (tabId === undefined || tabId < 0) return;
    const tab = await tabOf(tabId);
    const key = sightingKey(sighting);
    const known = tab.get(key);
    if (!known && tab.size >= MAX_FINDINGS_PER_TAB) return;
    // A lookup under way, or a badge's partial answer, never hides a report the tab already has.
    if (known?.report && (!report || depth === 'badge')) return;
    tab.set(key, { sighting, ...(report ? { report } : {}) });
    persist(tabId);
  }

  async function tabFindings(tabId: number): Promise<TabFinding[]> {
    return [...(await tabOf(tabId)).values()];
  }

  return {
    referentiel,
    async lookup(sighting, { force, tabId, depth }) {
      await remember(tabId, sighting);
      const [ref, { client: cached, direct, settings }] = await Promise.all([referentiel(), client()]);
      const region = settings.preferredRegion;
      const report = await lookupSighting(sighting, {
        referentiel: ref,
        // A retry asked by the user goes to the API, past the cache.
        client: force ? direct : cached,
        ...(depth ? { depth } : {}),
        ...(region ? { preferredRegion: { code: region, nom: regions.find((r) => r.code === region)?.nom ?? region } } : {}),
      });
      const stamped = { ...report, fetchedAt: Date.now() };
      await remember(tabId, sighting, stamped, depth);
      return stamped;
    },
    async search(query) {
      const ref = await referentiel();
      if (!ref) return [];
      const q = query.trim();
      const resolved = ref.resolveInput(q);
      const hits: SearchResult[] = [];
      if (!resolved.error && resolved.kind !== 'inconnu') {
        const ids: SightingData['ids'] = {};
        if (resolved.kind === 'UAI') ids.uai = q.toUpperCase();
        else if (resolved.kind === 'MEFSTAT11') ids.mefstat11 = q.toUpperCase();
        else if (resolved.kind === 'MEF10') ids.mef = q;
        else if (resolved.for) ids.for = resolved.for;
        else if (resolved.cfd[0]) ids.cfd = resolved.cfd[0];
        if (resolved.uai) ids.uai = resolved.uai;
        hits.push({
          sighting: { site: 'recherche', page: resolved.kind === 'UAI' ? 'etablissement' : 'formation', ids },
          libelle: resolved.libelle ?? q.toUpperCase(),
          detail: [resolved.kind, ...resolved.cfd].join(' · '),
        });
      }
      for (const hit of ref.search(q, 12)) {
        const ids: SightingData['ids'] = hit.for ? { for: hit.for } : { cfd: hit.cfd[0] };
        hits.push({ sighting: { site: 'recherche', page: 'formation', ids }, libelle: hit.libelle, detail: hit.cfd.join(', ') });
      }
      return hits;
    },
    tabFindings,
    forgetTab: (tabId) => {
      findings.delete(tabId); // a batched write still pending finds nothing to write
      loading.delete(tabId);
      void session?.remove(sessionKey(tabId)).catch(() => undefined);
    },
    async sources() {
      const ref = await referentiel();
      const fromIndex: SourceCredit[] = (ref?.sources ?? []).map((s) => ({
        name: s.name,
        licence: s.licence,
        ...(s.date ? { date: s.date } : {}),
      }));
      return {
        sources: [
          { name: 'InserJeunes (DEPP, Dares) – API d’exposition', licence: 'Licence Ouverte 2.0', url: 'https://documentation.exposition.inserjeunes.beta.gouv.fr/' },
          ...fromIndex,
        ],
        ...(ref?.builtAt ? { builtAt: ref.builtAt } : {}),
      };
    },
  };
}

/** Settings are re-read per lookup (cheap), so no watcher is needed; closed tabs' findings are dropped. */
export function watchTabs(service: BackgroundService): void {
  browser.tabs?.onRemoved.addListener((tabId) => service.forgetTab(tabId));
  // A new page in the tab: what the old one showed no longer applies.
  browser.tabs?.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) service.forgetTab(tabId);
  });
}
