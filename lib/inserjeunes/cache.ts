// A cache of API results over an abstract async key-value store (browser.storage.local in the
// extension, a Map in tests): expiry, bounded size with LRU eviction, stale-while-revalidate,
// corrupt entries discarded, storage-full handled, and an in-memory layer in front.
import { z } from 'zod';
import type { ApiResult, CallOptions, CodeRef, InserJeunesClient } from './client';

export interface AsyncStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface CacheOptions {
  /** An entry older than this is stale: served at once, then refreshed. Default 7 days. */
  maxAgeMs?: number;
  /** Entries kept in storage; the least recently used go first. Default 500. */
  maxEntries?: number;
  /** Delay before recording reads in the stored LRU index (batched). Default 2 s. */
  indexFlushMs?: number;
  now?: () => number;
  /** Storage key prefix. Default `ij:`. */
  prefix?: string;
}

export interface GetOrFetchOptions<T> {
  /** Only values this accepts are stored (default: all). */
  shouldStore?: (value: T) => boolean;
  /** Called with the new value when a stale entry has been refreshed in the background. */
  onRefresh?: (value: T) => void;
}

export interface Cache {
  get<T>(key: string): Promise<{ data: T; at: number; fresh: boolean } | undefined>;
  set<T>(key: string, data: T): Promise<void>;
  getOrFetch<T>(key: string, fetcher: () => Promise<T>, opts?: GetOrFetchOptions<T>): Promise<T>;
  /** Writes the pending LRU index now (also done automatically after `indexFlushMs`). */
  flush(): Promise<void>;
  /** Background refreshes still running (for tests and shutdown). */
  idle(): Promise<void>;
  clear(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
const entrySchema = z.object({ v: z.literal(1), at: z.number().finite(), data: z.unknown().refine((d) => d !== undefined) });
const indexSchema = z.object({ v: z.literal(1), used: z.record(z.string(), z.number()) });
type Entry = { v: 1; at: number; data: unknown };

export function createCache(store: AsyncStore, options: CacheOptions = {}): Cache {
  const maxAgeMs = options.maxAgeMs ?? 7 * DAY;
  const maxEntries = Math.max(1, options.maxEntries ?? 500);
  const indexFlushMs = options.indexFlushMs ?? 2000;
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'ij:';
  const entryKey = (key: string) => `${prefix}c:${key}`;
  const indexKey = `${prefix}index`;

  const memory = new Map<string, Entry>();
  /** key → last use (ms); loaded once per service-worker life. */
  let used: Map<string, number> | undefined;
  let indexLoading: Promise<Map<string, number>> | undefined;
  let indexDirty = false;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshing = new Map<string, Promise<unknown>>();

  async function loadIndex(): Promise<Map<string, number>> {
    if (used) return used;
    indexLoading ??= (async () => {
      let raw: unknown;
      try {
        raw = (await store.get([indexKey]))[indexKey];
      } catch {
        raw = undefined;
      }
      const parsed = indexSchema.safeParse(raw);
      used = new Map(parsed.success ? Object.entries(parsed.data.used) : []);
      return used;
    })();
    return indexLoading;
  }

  const indexValue = (u: Map<string, number>) => ({ v: 1, used: Object.fromEntries(u) });

  function scheduleFlush(): void {
    indexDirty = true;
    if (flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void flush();
    }, indexFlushMs);
  }

  async function flush(): Promise<void> {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (!indexDirty || !used) return;
    indexDirty = false;
    try {
      await store.set({ [indexKey]: indexValue(used) });
    } catch {
      indexDirty = true; // try again with the next write
    }
  }

  /** The least recently used keys beyond `keep`, excluding `protect`. */
  function oldest(u: Map<string, number>, count: number, protect: string): string[] {
    return [...u.entries()]
      .filter(([k]) => k !== protect)
      .sort((a, b) => a[1] - b[1])
      .slice(0, Math.max(0, count))
      .map(([k]) => k);
  }

  async function evict(keys: string[]): Promise<void> {
    if (!keys.length || !used) return;
    for (const k of keys) {
      used.delete(k);
      memory.delete(k);
    }
    try {
      await store.remove(keys.map(entryKey));
    } catch {
      // Entries that could not be removed are orphans; they are no longer indexed.
    }
  }

  async function read(key: string): Promise<Entry | undefined> {
    const inMemory = memory.get(key);
    if (inMemory) return inMemory;
    let raw: unknown;
    try {
      raw = (await store.get([entryKey(key)]))[entryKey(key)];
    } catch {
      return undefined;
    }
    if (raw === undefined) return undefined;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      // A corrupt entry (older format, partial write, tampering): drop it, count it a miss.
      await store.remove([entryKey(key)]).catch(() => undefined);
      return undefined;
    }
    const entry = parsed.data as Entry;
    remember(key, entry);
    return entry;
  }

  function remember(key: string, entry: Entry): void {
    memory.delete(key);
    memory.set(key, entry);
    if (memory.size > maxEntries) memory.delete(memory.keys().next().value!);
  }

  async function touch(key: string): Promise<void> {
    const u = await loadIndex();
    u.set(key, now());
    scheduleFlush();
  }

  async function get<T>(key: string) {
    const entry = await read(key);
    if (!entry) return undefined;
    await touch(key);
    return { data: entry.data as T, at: entry.at, fresh: now() - entry.at < maxAgeMs };
  }

  async function set<T>(key: string, data: T): Promise<void> {
    const entry: Entry = { v: 1, at: now(), data };
    remember(key, entry); // the answer is kept for this life even if storage refuses it
    const u = await loadIndex();
    u.set(key, entry.at);
    if (u.size > maxEntries) await evict(oldest(u, u.size - maxEntries, key));
    const write = () => store.set({ [entryKey(key)]: entry, [indexKey]: indexValue(u) });
    try {
      await write();
      indexDirty = false;
    } catch {
      // Most likely storage is full: make room (a quarter of the entries, at least one), retry once.
      await evict(oldest(u, Math.max(1, Math.ceil(u.size / 4)), key));
      try {
        await write();
        indexDirty = false;
      } catch {
        u.delete(key); // not stored; still served from memory
        scheduleFlush();
      }
    }
  }

  async function getOrFetch<T>(key: string, fetcher: () => Promise<T>, opts: GetOrFetchOptions<T> = {}): Promise<T> {
    const shouldStore = opts.shouldStore ?? (() => true);
    const hit = await get<T>(key);
    if (hit?.fresh) return hit.data;
    if (hit) {
      if (!refreshing.has(key)) {
        const job = (async () => {
          try {
            const value = await fetcher();
            if (!shouldStore(value)) return; // an error never replaces a good stale answer
            await set(key, value);
            opts.onRefresh?.(value);
          } catch {
            // a failed refresh keeps the stale entry
          }
        })().finally(() => refreshing.delete(key));
        refreshing.set(key, job);
      }
      return hit.data;
    }
    const value = await fetcher();
    if (shouldStore(value)) await set(key, value);
    return value;
  }

  return {
    get,
    set,
    getOrFetch,
    flush,
    async idle() {
      await Promise.all([...refreshing.values()]);
    },
    async clear() {
      const u = await loadIndex();
      const keys = [...u.keys()];
      u.clear();
      memory.clear();
      indexDirty = false;
      await store.remove([...keys.map(entryKey), indexKey]).catch(() => undefined);
    },
  };
}

/** Results worth keeping: answers, including "no figures" ones; never errors. */
export const isCacheable = (r: ApiResult<unknown>): boolean => r.ok || r.cell.state === 'none';

export interface CachedClientOptions {
  /** Part of every key: the API base URL, so that another API's answers are never served for this one's. */
  scope?: string;
  /** Told when a stale answer has been refreshed, so the caller can rebuild what used it. */
  onRefresh?: (key: string, result: ApiResult<unknown>) => void;
}

/** The same interface as the client, answering from the cache when it can. */
export function createCachedClient(client: InserJeunesClient, cache: Cache, options: CachedClientOptions = {}): InserJeunesClient {
  const scope = options.scope ? `${options.scope}|` : '';
  function cached<T>(name: string, fetch: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
    const key = scope + name;
    return cache.getOrFetch(key, fetch, {
      shouldStore: isCacheable,
      onRefresh: (value) => options.onRefresh?.(key, value),
    });
  }
  const m = (opts?: CallOptions) => (opts?.millesime ? `@${opts.millesime}` : '');
  return {
    formation: (uai: string, code: CodeRef, opts?: CallOptions) =>
      cached(`f:${uai}-${code.type}:${code.code}${m(opts)}`, () => client.formation(uai, code, opts)),
    regionale: (region: string, code: string, opts?: CallOptions) =>
      cached(`r:${region}:${code}${m(opts)}`, () => client.regionale(region, code, opts)),
    nationale: (codes: { mefstat11?: string[]; cfd?: string[] }, opts?: CallOptions) =>
      cached(`n:${[...new Set([...(codes.mefstat11 ?? []), ...(codes.cfd ?? [])])].sort().join(',')}${m(opts)}`, () =>
        client.nationale(codes, opts),
      ),
    certification: (code: string, opts?: CallOptions) => cached(`c:${code}${m(opts)}`, () => client.certification(code, opts)),
  };
}
