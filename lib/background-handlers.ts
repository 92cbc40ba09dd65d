// The background's services: the referentiel loaded once, a cached API client per settings, tab findings.
import { browser } from 'wxt/browser';
import { createClient, type InserJeunesClient } from './inserjeunes/client';
import { createCache, createCachedClient, type AsyncStore, type Cache } from './inserjeunes/cache';
import { createTokenBucket, LOOKUP_DEADLINE_MS, TAB_REQUESTS_PER_MINUTE, withBudget, withDeadline, type TokenBucket } from './inserjeunes/bounded-client';
import { forOnly, lookupSighting, quickReport, type Depth } from './build-report';
import { lookupPlan } from './lookup-plan';
import type { SearchResult, SourceCredit, TabFinding } from './messaging';
import { createReferentiel, type Referentiel } from './referentiel/open-referentiel';
import { getApiKey } from './api-key';
import type { ReferentielIndex } from './referentiel/format';
import { createNearbyIndex, type NearbyIndex } from './referentiel/nearby-lookup';
import { askNearby, budgeted, MAX_REQUESTS, type NearbyRequest, type NearbyResult } from './better-nearby';
import { withPlaces } from './referentiel/match-rows';
import type { Settings } from './settings';
import { getSettings } from './settings-store';
import { readShippedReferentiel, SHIPPED_REFERENTIEL } from './referentiel/shipped-file';
import { openQuickIndex, SHIPPED_QUICK_INDEX, type QuickIndex } from './referentiel/quick-index';
import { sightingKey } from './sites/key';
import { createTabFindings, keepRecent } from './tab-findings';
import { regions } from './strings';
import { workerMark as mark } from './inserjeunes/worker-marks';
import type { Report, SightingData } from './types';

const DAY = 24 * 60 * 60 * 1000;
/**
 * At most this long before the referentiel is read, while a woken worker answers a formation page from
 * the quick index (reading it holds the thread for tens of milliseconds, answers would wait behind it).
 */
const QUICK_WAIT_MS = 300;

/** The API cache's header (its entry count) in local storage (lib/inserjeunes/cache.ts, default prefix `ij:`). */
const CACHE_INDEX_KEY = 'ij:index';
/** The settings item's key in local storage (lib/settings.ts). */
const SETTINGS_KEY = 'settings';

/**
 * Reads asked within one task go to storage as one read, each caller given its own keys (a page's rows
 * each look in the cache at the same moment: one trip through the browser, not one per row).
 */
export function gatherReads(read: (keys: string[]) => Promise<Record<string, unknown>>): (keys: string[]) => Promise<Record<string, unknown>> {
  let next: { keys: Set<string>; answer: Promise<Record<string, unknown>> } | undefined;
  return (keys) => {
    if (!next) {
      const gathered = new Set<string>();
      const answer = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
        next = undefined;
        return read([...gathered]);
      });
      next = { keys: gathered, answer };
    }
    for (const k of keys) next.keys.add(k);
    return next.answer.then((all) => {
      const mine: Record<string, unknown> = {};
      for (const k of keys) if (k in all) mine[k] = all[k];
      return mine;
    });
  };
}

/** `browser.storage.local` as the cache's store; its keys listed where the browser can (Chromium 130+, Firefox 143+). */
const localStore: AsyncStore = {
  get: gatherReads((keys) => browser.storage.local.get(keys) as Promise<Record<string, unknown>>),
  all: () => browser.storage.local.get(null) as Promise<Record<string, unknown>>,
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
  keys: async () => {
    const local = browser.storage.local as { getKeys?: () => Promise<string[]> };
    if (typeof local.getKeys !== 'function') throw new Error('storage.local.getKeys absent');
    return local.getKeys();
  },
};

export interface LookupOptions {
  /** Past the cache (a retry); from a content script, once per programme per page at most. */
  force?: boolean;
  tabId?: number;
  /** The content script's id for the page it reads, new with each page the tab shows (lib/page-session). */
  pageId?: string;
  depth?: Depth;
  /** Asked by a content script (a web page's tab), not by one of the extension's own pages. */
  contentScript?: boolean;
}

export interface BackgroundServiceOptions {
  /** A lookup answers within this (default LOOKUP_DEADLINE_MS). */
  deadlineMs?: number;
  /** API requests one tab's content script may make per minute (default TAB_REQUESTS_PER_MINUTE). */
  tabRequestsPerMinute?: number;
}

export interface BackgroundService {
  lookup(sighting: SightingData, options: LookupOptions): Promise<Report>;
  search(query: string): Promise<SearchResult[]>;
  /** What the tab's page `pageId` has asked about; nothing when the tab has moved on to another page. */
  tabFindings(tabId: number, pageId: string | null): Promise<TabFinding[]>;
  sources(): Promise<{ sources: SourceCredit[]; builtAt?: string }>;
  referentiel(): Promise<Referentiel | null>;
  /**
   * Better lines near the page's establishment (or the user's place), at most MAX_REQUESTS requests; a
   * content script's draw on its tab's request budget, shared with every other panel of the tab.
   */
  nearby(request: NearbyRequest, options?: Pick<LookupOptions, 'tabId' | 'contentScript'>): Promise<NearbyResult>;
}

export function createBackgroundService(options: BackgroundServiceOptions = {}): BackgroundService {
  const deadlineMs = options.deadlineMs ?? LOOKUP_DEADLINE_MS;
  const perMinute = options.tabRequestsPerMinute ?? TAB_REQUESTS_PER_MINUTE;
  let referentielPromise: Promise<Referentiel | null> | undefined;
  /** Set once the referentiel is read (or could not be): the quick index is then of no more use. */
  let referentielSettled = false;
  let quickPromise: Promise<QuickIndex | null> | undefined;
  /**
   * Open once a woken worker has answered its first formation page from the quick index (see lookup):
   * reading the referentiel (inflating, parsing) holds the thread for tens of milliseconds, and waits.
   */
  let gate: Promise<void> | undefined;
  let nearbyIndex: { ref: Referentiel; index: NearbyIndex } | undefined;
  let rawIndex: ReferentielIndex | undefined;
  let current: { key: string; cache: Cache; direct: InserJeunesClient; settings: Settings } | undefined;
  /** Per tab (the MAX_TABS most recent): the API requests its content script may still make, refilled over the minute. */
  const budgets = new Map<number, TokenBucket>();
  /** Per tab (the MAX_TABS most recent): the sightings its page has already forced past the cache (reset when it shows another page). */
  const forced = new Map<number, { pageId: string | undefined; keys: Set<string> }>();
  const tabs = createTabFindings(browser.storage?.session);

  /** Loaded on first use, once per service-worker life; an unusable index leaves the extension working on page codes. */
  function referentiel(): Promise<Referentiel | null> {
    referentielPromise ??= (async () => {
      await gate;
      try {
        // Built at build time (wxt.config.ts), so it is not among WXT's typed public paths at type-check time.
        const url = (browser.runtime.getURL as (path: string) => string)(`/${SHIPPED_REFERENTIEL}`);
        const response = await fetch(url);
        if (!response.ok || !response.body) return null;
        const raw = (await readShippedReferentiel(response.body)) as ReferentielIndex;
        // createReferentiel validates the index first: withPlaces reads the same, checked tables.
        mark('bg-ref-parsed');
        const ref = withPlaces(createReferentiel(raw), raw);
        mark('bg-ref-ready');
        rawIndex = raw;
        return ref;
      } catch (error) {
        console.warn('InserJeunes : référentiel illisible', error);
        return null;
      }
    })().finally(() => {
      referentielSettled = true;
      quickPromise = undefined;
    });
    return referentielPromise;
  }

  /** Read by a lookup that comes before the referentiel (quick-index.ts); null when absent or unreadable. */
  function quickIndex(): Promise<QuickIndex | null> {
    quickPromise ??= (async () => {
      try {
        const response = await fetch((browser.runtime.getURL as (path: string) => string)(`/${SHIPPED_QUICK_INDEX}`));
        return response.ok && response.body ? openQuickIndex(await readShippedReferentiel(response.body)) : null;
      } catch {
        return null;
      }
    })();
    return quickPromise;
  }

  /**
   * Once the referentiel is read, in a task of its own, decodes the tables a full lookup of `sighting`
   * reads: the next page of that kind, which the quick index no longer answers, then asks at once
   * (decoding them in a woken worker took that page 40–75 ms before its first request).
   */
  function prepareNextLookup(sighting: SightingData): void {
    void referentiel().then((ref) => {
      if (!ref) return;
      setTimeout(() => {
        try {
          lookupPlan(sighting, ref);
        } catch {
          // A table that cannot be read fails that page's own lookup, which says so.
        }
      }, 0);
    });
  }

  /** The settings, read once and again after each change (storage.onChanged below): not one read per lookup. */
  let settingsRead: Promise<Settings> | undefined;
  const readSettings = () =>
    (settingsRead ??= getSettings().catch((error: unknown) => {
      settingsRead = undefined;
      throw error;
    }));

  async function client() {
    const [settings, apiKey] = await Promise.all([readSettings(), getApiKey().catch(() => '')]);
    // Any change of the key rebuilds the client: a corrected key is used at once.
    const key = JSON.stringify([settings.apiUrl, settings.cacheDays, apiKey]);
    if (current?.key !== key) {
      const cache = createCache(localStore, { maxAgeMs: settings.cacheDays * DAY, maxEntries: 2000 });
      const base = createClient({ baseUrl: settings.apiUrl, ...(apiKey ? { apiKey } : {}) });
      current = { key, cache, direct: base, settings };
    } else {
      current.settings = settings;
    }
    mark('bg-client-ready');
    return current;
  }

  // Extension storage cleared (by the user, or a test): the cache's memory layer and its pending writes must not outlive it.
  // The cache's header is written with its first entry (batched: maybe not yet) and never removed by
  // eviction, only by a clear; the settings go with a clear too.
  browser.storage?.onChanged?.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) settingsRead = undefined;
    const removed = (key: string) => key in changes && changes[key]!.newValue == null;
    if (area === 'local' && (removed(CACHE_INDEX_KEY) || removed(SETTINGS_KEY))) {
      // Its pending writes (new answers, last-use times) would put back what was just erased.
      current?.cache.discard();
      current = undefined;
    }
  });

  /** The tab a content script's request counts against (pages of the extension itself have no budget). */
  const pageTab = (tabId: number | undefined, contentScript: boolean | undefined) =>
    contentScript && tabId !== undefined && tabId >= 0 ? tabId : undefined;

  function bucketOf(tab: number): TokenBucket {
    // The worker hears of no tab closing: the tabs that asked most recently keep their budgets.
    return keepRecent(budgets, tab, budgets.get(tab) ?? createTokenBucket(perMinute));
  }

  return {
    referentiel,
    async lookup(sighting, { force, tabId, pageId, depth, contentScript }) {
      // The tab's findings (read from session storage after a wake) are noted beside the lookup, not before it.
      const noted = tabs.note(tabId, pageId, sighting).catch(() => undefined);
      // A formation page asked of a worker that has not started reading the referentiel: the quick index
      // answers it, and the referentiel (whoever asks for it) is read once that answer is made.
      const forId = referentielPromise || force ? undefined : forOnly(sighting);
      let open = () => undefined as void;
      if (forId && !gate) gate = new Promise<void>((resolve) => ((open = resolve), setTimeout(resolve, QUICK_WAIT_MS)));
      const quick = forId ? quickIndex().then((q) => q?.programme(forId, sighting.ids.duree)) : undefined;
      const refRead = referentiel();
      const clientReady = client();
      const programme = quick ? await quick.catch(() => undefined) : undefined;
      const { cache, direct, settings } = await clientReady;
      const region = settings.preferredRegion;
      const preferredRegion = region ? { code: region, nom: regions.find((r) => r.code === region)?.nom ?? region } : undefined;
      const tab = pageTab(tabId, contentScript);
      // A page may force one programme past the cache once: a page that keeps forcing gets the cache.
      let pastCache = !!force;
      if (force && tab !== undefined) {
        const known = forced.get(tab);
        const keys = known && known.pageId === pageId ? known.keys : new Set<string>();
        keepRecent(forced, tab, { pageId, keys });
        const key = sightingKey(sighting);
        pastCache = !keys.has(key);
        keys.add(key);
      }
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), deadlineMs);
      const budget = tab !== undefined ? bucketOf(tab) : undefined;
      const network = budget ? withBudget(direct, budget, deadline.signal) : direct;
      // Past the cache for a retry; every call bounded by the lookup's deadline.
      const lookupClient = (c: InserJeunesClient) =>
        withDeadline(pastCache ? c : createCachedClient(c, cache, { scope: settings.apiUrl }), deadline.signal, deadlineMs);
      const asked = { ...(depth ? { depth } : {}), ...(preferredRegion ? { preferredRegion } : {}) };
      let report: Report | undefined;
      try {
        // The gate opens once this answer is made (or after QUICK_WAIT_MS).
        if (programme && !referentielSettled) {
          report = await quickReport(sighting, programme, { client: lookupClient(network), ...asked }).finally(open);
          if (report) prepareNextLookup(sighting);
        } else open();
        // Without the quick index, or for a common 2de (its answers are in the cache by now).
        report ??= await lookupSighting(sighting, { referentiel: await refRead, client: lookupClient(network), ...asked });
      } finally {
        clearTimeout(timer);
      }
      mark('bg-report');
      const stamped = { ...report, fetchedAt: Date.now() };
      await noted;
      await tabs.note(tabId, pageId, sighting, stamped, depth);
      mark('bg-answer');
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
    tabFindings: (tabId, pageId) => tabs.list(tabId, pageId),
    async nearby(request, { tabId, contentScript } = {}) {
      const [ref, { direct, cache, settings }] = await Promise.all([referentiel(), client()]);
      if (!settings.nearby.enabled) return { status: 'off' };
      if (!ref || !rawIndex?.lieux?.length) return { status: 'unavailable' };
      if (nearbyIndex?.ref !== ref) nearbyIndex = { ref, index: createNearbyIndex(rawIndex, ref) };
      // A page's section draws on its tab's budget like every other panel of the tab, within the lookup deadline.
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), deadlineMs);
      const tab = pageTab(tabId, contentScript);
      const network = tab !== undefined ? withBudget(direct, bucketOf(tab), deadline.signal) : direct;
      // The same cache and the same in-flight requests as every panel; only what reaches the network counts.
      const budget = budgeted(network, MAX_REQUESTS);
      const place = settings.nearby.place ? nearbyIndex.index.placeOfText(settings.nearby.place) : undefined;
      return askNearby(request, {
        client: createCachedClient(budget.client, cache, { scope: settings.apiUrl }),
        spent: budget.spent,
        refused: budget.refused,
        referentiel: ref,
        nearby: nearbyIndex.index,
        radiusKm: settings.nearby.radiusKm,
        ...(place ? { place } : {}),
      }).finally(() => clearTimeout(timer));
    },
    async sources() {
      // A woken worker answers from the quick index (the same build's header) without waiting for the referentiel.
      const ref = (!referentielSettled ? await quickIndex() : null) ?? (await referentiel());
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
