// A cache of API results over an abstract async key-value store (browser.storage.local in the
// extension, a Map in tests): expiry, bounded size with LRU eviction, stale-while-revalidate,
// corrupt entries discarded, storage-full handled, and an in-memory layer in front.
// Each entry carries its own last-use time: a write stores the entries it changed (batched, one
// store write per short window) and a small header with the entry count, never a whole index.
// Where the store can list its keys, they are listed once per life, from the cache's creation: a
// programme never stored is then known to be a miss without a storage read, and its request leaves at once.
import * as z from 'zod/mini';
import type { ApiResult, CallOptions, CodeRef, InserJeunesClient } from './client';

export interface AsyncStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  /** Everything in the store (read only to evict, when over size or full). */
  all(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** The store's keys, without their values, where the store can list them. */
  keys?(): Promise<string[]>;
}

export interface CacheOptions {
  /** An entry older than this is stale: served at once, then refreshed. Default 7 days. */
  maxAgeMs?: number;
  /** Entries kept in storage; the least recently used go first. Default 500. */
  maxEntries?: number;
  /** Delay before recording reads (entries' last-use times) in storage, batched. Default 2 s. */
  indexFlushMs?: number;
  /** Window in which new entries are gathered into one store write. Default 20 ms. */
  writeBatchMs?: number;
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
  /** Resolves once the entry is written (or could not be: it is then kept in memory only). */
  set<T>(key: string, data: T): Promise<void>;
  getOrFetch<T>(key: string, fetcher: () => Promise<T>, opts?: GetOrFetchOptions<T>): Promise<T>;
  /** Writes pending entries and last-use times now (also done automatically). */
  flush(): Promise<void>;
  /** Background refreshes still running (for tests and shutdown). */
  idle(): Promise<void>;
  clear(): Promise<void>;
  /** The storage under this cache was emptied by someone else: drop what is pending and never write again. */
  discard(): void;
}

const DAY = 24 * 60 * 60 * 1000;
// zod's numbers are finite: Infinity and NaN are refused.
const entrySchema = z.object({
  v: z.literal(1),
  at: z.number(),
  /** Last use; entries written before it existed count as used when written. */
  u: z.optional(z.number()),
  data: z.unknown().check(z.refine((d) => d !== undefined)),
});
/** The header: how many entries storage holds (version 2; version 1 was the whole LRU index). */
const headerSchema = z.object({ v: z.literal(2), count: z.int().check(z.nonnegative()) });
type Entry = { v: 1; at: number; u?: number; data: unknown };

export function createCache(store: AsyncStore, options: CacheOptions = {}): Cache {
  const maxAgeMs = options.maxAgeMs ?? 7 * DAY;
  const maxEntries = Math.max(1, options.maxEntries ?? 500);
  /** Evicting goes down to this, so that the next scan is many writes away. */
  const keepAfterEviction = maxEntries - Math.floor(maxEntries / 10);
  const indexFlushMs = options.indexFlushMs ?? 2000;
  const writeBatchMs = options.writeBatchMs ?? 20;
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'ij:';
  const entryPrefix = `${prefix}c:`;
  const entryKey = (key: string) => `${entryPrefix}${key}`;
  const headerKey = `${prefix}index`;

  const memory = new Map<string, Entry>();
  /** Keys known to be in storage, in this life (counted in the header once). */
  const stored = new Set<string>();
  /** Entries to write with the next batch, and keys whose last use changed. */
  const pending = new Map<string, Entry>();
  const touched = new Set<string>();
  let count: number | undefined; // undefined until the header is read; NaN when it must be recounted
  let headerLoading: Promise<void> | undefined;
  let writeTimer: ReturnType<typeof setTimeout> | undefined;
  let touchTimer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let batchDone: { promise: Promise<void>; resolve: () => void } | undefined;
  /** Set by discard(): a batch under way stops before its write, and none is scheduled again. */
  let discarded = false;
  const refreshing = new Map<string, Promise<unknown>>();
  /**
   * The entries' keys the store listed, kept up to date by this cache's own writes and removals; null
   * when the store cannot list them (every miss is then read). A key listed or known stored is read.
   */
  let listed: Set<string> | null = null;
  const listing: Promise<void> | undefined = store.keys?.().then(
    (all) => {
      listed = new Set(stored); // written while the list was read
      for (const k of all) if (k.startsWith(entryPrefix)) listed.add(k.slice(entryPrefix.length));
    },
    () => undefined,
  );

  function loadHeader(): Promise<void> {
    headerLoading ??= (async () => {
      let raw: unknown;
      try {
        raw = (await store.get([headerKey]))[headerKey];
      } catch {
        raw = undefined;
      }
      const parsed = headerSchema.safeParse(raw);
      // No header, or the old whole index: the entries are counted by a scan, once.
      count = parsed.success ? parsed.data.count : NaN;
    })();
    return headerLoading;
  }

  /** Every stored entry with its last use (memory's when newer), oldest first; corrupt ones removed. */
  async function scan(): Promise<{ key: string; u: number }[]> {
    let all: Record<string, unknown>;
    try {
      all = await store.all();
    } catch {
      return [];
    }
    const found: { key: string; u: number }[] = [];
    const corrupt: string[] = [];
    for (const [k, raw] of Object.entries(all)) {
      if (!k.startsWith(entryPrefix)) continue;
      const key = k.slice(entryPrefix.length);
      const parsed = entrySchema.safeParse(raw);
      if (!parsed.success) {
        corrupt.push(k);
        continue;
      }
      const u = Math.max(parsed.data.u ?? parsed.data.at, memory.get(key)?.u ?? -Infinity);
      found.push({ key, u });
      stored.add(key);
    }
    if (corrupt.length) await store.remove(corrupt).catch(() => undefined);
    count = found.length;
    return found.sort((a, b) => a.u - b.u);
  }

  /** Removes the `n` least recently used entries, never those in `protect`. */
  async function evictOldest(n: number, protect: ReadonlySet<string>): Promise<void> {
    const victims = (await scan()).filter((e) => !protect.has(e.key)).slice(0, Math.max(0, n)).map((e) => e.key);
    if (!victims.length) return;
    for (const k of victims) {
      memory.delete(k);
      stored.delete(k);
      listed?.delete(k);
    }
    count = Math.max(0, (count ?? victims.length) - victims.length);
    await store.remove(victims.map(entryKey)).catch(() => undefined); // left-overs are found by the next scan
  }

  /** One store write for everything pending: new entries, last-use times, and the header. */
  async function writeBatch(): Promise<void> {
    if (writeTimer) clearTimeout(writeTimer);
    if (touchTimer) clearTimeout(touchTimer);
    writeTimer = touchTimer = undefined;
    const done = batchDone;
    batchDone = undefined;
    const batch = new Map(pending);
    for (const k of touched) {
      const e = memory.get(k);
      if (e && stored.has(k) && !batch.has(k)) batch.set(k, e);
    }
    pending.clear();
    touched.clear();
    try {
      if (!batch.size || discarded) return;
      await loadHeader();
      const added = [...batch.keys()].filter((k) => !stored.has(k));
      if (Number.isNaN(count)) await scan();
      const items = () => {
        const out: Record<string, unknown> = {};
        for (const [k, e] of batch) out[entryKey(k)] = e;
        out[headerKey] = { v: 2, count: (count ?? 0) + added.filter((k) => !stored.has(k)).length };
        return out;
      };
      const protect = new Set(batch.keys());
      if (discarded) return; // the storage was emptied while this batch read its header
      try {
        await store.set(items());
      } catch {
        // Most likely storage is full: make room (a quarter of the entries, at least one), retry once.
        await evictOldest(Math.max(1, Math.ceil((count ?? 0) / 4)), protect);
        try {
          await store.set(items());
        } catch {
          return; // not stored; still served from memory in this life
        }
      }
      count = (count ?? 0) + added.filter((k) => !stored.has(k)).length;
      for (const k of added) {
        stored.add(k);
        listed?.add(k);
      }
      if (count > maxEntries) {
        await evictOldest(count - keepAfterEviction, protect);
        await store.set({ [headerKey]: { v: 2, count } }).catch(() => undefined);
      }
    } finally {
      done?.resolve();
    }
  }

  /** Queues a batch write after `delay`, after the one under way; resolves when it is written. */
  function schedule(delay: number): Promise<void> {
    if (discarded) return Promise.resolve();
    if (!batchDone) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      batchDone = { promise, resolve };
    }
    const run = () => {
      writing = writing.then(writeBatch);
    };
    if (delay === writeBatchMs) {
      if (!writeTimer) writeTimer = setTimeout(run, delay);
    } else if (!touchTimer && !writeTimer) touchTimer = setTimeout(run, delay);
    return batchDone.promise;
  }

  async function read(key: string): Promise<Entry | undefined> {
    const inMemory = memory.get(key);
    if (inMemory) {
      remember(key, inMemory); // the memory layer is an LRU too
      return inMemory;
    }
    if (listing) await listing;
    if (listed && !listed.has(key) && !stored.has(key)) return undefined; // never stored: no read
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
    stored.add(key);
    remember(key, entry);
    return entry;
  }

  function remember(key: string, entry: Entry): void {
    memory.delete(key);
    memory.set(key, entry);
    if (memory.size > maxEntries) memory.delete(memory.keys().next().value!);
  }

  function touch(key: string, entry: Entry): void {
    entry.u = now();
    touched.add(key);
    void schedule(indexFlushMs);
  }

  async function get<T>(key: string) {
    const entry = await read(key);
    if (!entry) return undefined;
    touch(key, entry);
    return { data: entry.data as T, at: entry.at, fresh: now() - entry.at < maxAgeMs };
  }

  function set<T>(key: string, data: T): Promise<void> {
    const at = now();
    const entry: Entry = { v: 1, at, u: at, data };
    remember(key, entry); // the answer is kept for this life even if storage refuses it
    pending.set(key, entry);
    return schedule(writeBatchMs);
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
    // Served from memory at once; the write goes with the next batch.
    if (shouldStore(value)) void set(key, value);
    return value;
  }

  return {
    get,
    set,
    getOrFetch,
    async flush() {
      if (pending.size || touched.size) {
        const done = schedule(writeBatchMs);
        writing = writing.then(writeBatch);
        await done;
      }
      await writing;
    },
    async idle() {
      await Promise.all([...refreshing.values()]);
    },
    async clear() {
      pending.clear();
      touched.clear();
      memory.clear();
      const keys = (await scan()).map((e) => entryKey(e.key));
      stored.clear();
      listed?.clear();
      count = 0;
      await store.remove([...keys, headerKey]).catch(() => undefined);
    },
    discard() {
      discarded = true;
      if (writeTimer) clearTimeout(writeTimer);
      if (touchTimer) clearTimeout(touchTimer);
      writeTimer = touchTimer = undefined;
      pending.clear();
      touched.clear();
      memory.clear();
      batchDone?.resolve();
      batchDone = undefined;
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
