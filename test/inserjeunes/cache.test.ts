import { describe, expect, it } from 'vitest';
import { createCache, createCachedClient, type AsyncStore } from '../../lib/inserjeunes/cache';
import { createMemoryStore } from './memory-store';
import { createClient } from '../../lib/inserjeunes/client';
import { buildProgrammeReport } from '../../lib/inserjeunes/report';
import { BASE, fakeFetch, SECURITE, scenarioRoutes, stats } from './fake-api';

const DAY = 24 * 60 * 60 * 1000;

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A store that counts reads and writes, and can be made to refuse writes. */
function countingStore(base = createMemoryStore()) {
  const stats = { gets: 0, sets: 0, failNextSets: 0, sizes: [] as number[] };
  const store: AsyncStore = {
    get: async (keys) => {
      stats.gets++;
      return base.get(keys);
    },
    all: () => base.all(),
    set: async (items) => {
      stats.sets++;
      stats.sizes.push(JSON.stringify(items).length);
      if (stats.failNextSets > 0) {
        stats.failNextSets--;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return base.set(items);
    },
    remove: (keys) => base.remove(keys),
  };
  return { store, stats, base };
}

describe('cache', () => {
  it('serves a fresh entry with no fetch, and from memory with no storage read', async () => {
    const { store, stats: s } = countingStore();
    const cache = createCache(store);
    let fetches = 0;
    const fetcher = async () => ++fetches;
    expect(await cache.getOrFetch('a', fetcher)).toBe(1);
    const reads = s.gets;
    expect(await cache.getOrFetch('a', fetcher)).toBe(1);
    expect(fetches).toBe(1);
    expect(s.gets).toBe(reads);
  });

  it('survives a restart: a new instance reads what the old one stored', async () => {
    const base = createMemoryStore();
    await createCache(base).set('a', { x: 1 });
    const after = createCache(base);
    expect(await after.get('a')).toMatchObject({ data: { x: 1 }, fresh: true });
  });

  it('serves a stale entry at once and refreshes it in the background', async () => {
    const base = createMemoryStore();
    const c = clock();
    const cache = createCache(base, { now: c.now, maxAgeMs: DAY });
    await cache.set('a', 'old');
    c.advance(DAY + 1);
    const refreshed: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const value = await cache.getOrFetch('a', async () => (await gate, 'new'), { onRefresh: (v) => refreshed.push(v) });
    expect(value).toBe('old');
    expect(refreshed).toEqual([]);
    release();
    await cache.idle();
    expect(refreshed).toEqual(['new']);
    expect(await createCache(base, { now: c.now }).get('a')).toMatchObject({ data: 'new', fresh: true });
  });

  it('keeps the stale entry when the refresh fails or is not worth storing', async () => {
    const c = clock();
    const cache = createCache(createMemoryStore(), { now: c.now, maxAgeMs: 10 });
    await cache.set('a', 'old');
    c.advance(11);
    await cache.getOrFetch('a', async () => 'error', { shouldStore: (v) => v !== 'error' });
    await cache.idle();
    await cache.getOrFetch('a', async () => {
      throw new Error('offline');
    });
    await cache.idle();
    expect(await cache.get('a')).toMatchObject({ data: 'old', fresh: false });
  });

  it('expiry is configurable', async () => {
    const c = clock();
    const cache = createCache(createMemoryStore(), { now: c.now, maxAgeMs: 1000 });
    await cache.set('a', 1);
    c.advance(999);
    expect((await cache.get('a'))?.fresh).toBe(true);
    c.advance(1);
    expect((await cache.get('a'))?.fresh).toBe(false);
    const weekly = createCache(createMemoryStore(), { now: c.now });
    await weekly.set('b', 1);
    c.advance(7 * DAY - 1);
    expect((await weekly.get('b'))?.fresh).toBe(true);
  });

  it('evicts the least recently used entries beyond the bound', async () => {
    const base = createMemoryStore();
    const c = clock();
    const cache = createCache(base, { now: c.now, maxEntries: 3 });
    for (const k of ['a', 'b', 'c']) {
      await cache.set(k, k);
      c.advance(1);
    }
    await cache.get('a'); // a is now more recent than b
    c.advance(1);
    await cache.set('d', 'd');
    const stored = [...base.data.keys()].filter((k) => k.startsWith('ij:c:')).sort();
    expect(stored).toEqual(['ij:c:a', 'ij:c:c', 'ij:c:d']);
    await cache.flush();
    const restarted = createCache(base, { now: c.now, maxEntries: 3 });
    await restarted.set('e', 'e');
    expect([...base.data.keys()].filter((k) => k.startsWith('ij:c:')).sort()).toEqual(['ij:c:a', 'ij:c:d', 'ij:c:e']);
  });

  it('records reads in the index in batches, not one write per read', async () => {
    const { store, stats: s } = countingStore();
    const cache = createCache(store, { indexFlushMs: 60_000 });
    await cache.set('a', 1);
    const writes = s.sets;
    for (let i = 0; i < 10; i++) await cache.get('a');
    expect(s.sets).toBe(writes);
    await cache.flush();
    expect(s.sets).toBe(writes + 1);
  });

  it('writes entries, not an index: one small store write per batch, whatever the number of entries', async () => {
    const { store, stats: s } = countingStore();
    const cache = createCache(store, { maxEntries: 2000 });
    const answer = (i: number) => ({ code: `C${i}`, taux: [i % 100, 40, 20] });
    await Promise.all(Array.from({ length: 1950 }, (_, i) => cache.set(`k${i}`, answer(i))));
    // A page's 40 answers arriving together: one write, of those 40 entries and the small header.
    s.sets = 0;
    s.sizes = [];
    await Promise.all(Array.from({ length: 40 }, (_, i) => cache.getOrFetch(`new${i}`, async () => answer(i))));
    await cache.flush();
    expect(s.sets).toBe(1);
    const one = JSON.stringify({ 'ij:c:new0': { v: 1, at: Date.now(), u: Date.now(), data: answer(0) } }).length;
    expect(s.sizes[0]).toBeLessThan(40 * one + 100); // not the ~100 KB a whole index would weigh
    // Over the bound: the oldest tenth goes in one scan, the count stays right, and no write is big.
    s.sets = 0;
    s.sizes = [];
    for (let i = 0; i < 11; i++) await cache.set(`last${i}`, answer(i));
    expect(s.sizes.every((n) => n < 2 * one)).toBe(true);
    const keys = Object.keys(await store.all()).filter((k) => k.startsWith('ij:c:'));
    expect(keys.length).toBe(2000 - 200);
    expect(keys).toContain('ij:c:last10');
    expect(keys).toContain('ij:c:new0');
    expect(keys).not.toContain('ij:c:k0');
    expect((await store.get(['ij:index']))['ij:index']).toEqual({ v: 2, count: 1800 });
  });

  it('discarded (its storage emptied by someone else), it writes back neither new answers nor last-use times', async () => {
    const { store, base } = countingStore();
    const before = createCache(store, { indexFlushMs: 30 });
    await before.set('kept', 1);
    await before.get('kept'); // a last-use time to record, 30 ms later
    void before.getOrFetch('new', async () => 2); // an answer to write, 20 ms later
    await base.remove(Object.keys(await base.all())); // « Effacer mes données »
    before.discard();
    await new Promise((r) => setTimeout(r, 120));
    expect(Object.keys(await base.all())).toEqual([]);
    await before.set('after', 3); // and none later
    await before.flush();
    expect(Object.keys(await base.all())).toEqual([]);
  });

  it('discards a corrupt entry instead of throwing', async () => {
    const base = createMemoryStore({ 'ij:c:a': { v: 1, at: 'yesterday', data: 1 }, 'ij:c:b': 'garbage', 'ij:index': 42 });
    const cache = createCache(base);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.getOrFetch('b', async () => 'fetched')).toBe('fetched');
    await cache.flush();
    expect(base.data.has('ij:c:a')).toBe(false);
    expect(await createCache(base).get('b')).toMatchObject({ data: 'fetched' });
  });

  it('when storage is full, evicts, retries once and still returns the answer', async () => {
    const { store, stats: s, base } = countingStore();
    const cache = createCache(store, { maxEntries: 100 });
    for (const k of ['a', 'b', 'c', 'd']) await cache.set(k, k);
    s.failNextSets = 1;
    expect(await cache.getOrFetch('e', async () => 'answer')).toBe('answer');
    await cache.flush(); // the write goes with the next batch
    expect(base.data.has('ij:c:e')).toBe(true);
    expect(base.data.has('ij:c:a')).toBe(false); // the oldest made room
    s.failNextSets = 2; // full even after eviction
    expect(await cache.getOrFetch('f', async () => 'kept')).toBe('kept');
    await cache.flush();
    expect(base.data.has('ij:c:f')).toBe(false);
    expect(await cache.get('f')).toMatchObject({ data: 'kept' }); // still served in this life
  });

  it('a storage that fails to read is a miss, never a crash', async () => {
    const broken: AsyncStore = {
      get: async () => {
        throw new Error('storage unavailable');
      },
      all: async () => {
        throw new Error('storage unavailable');
      },
      set: async () => undefined,
      remove: async () => undefined,
    };
    expect(await createCache(broken).getOrFetch('a', async () => 'fetched')).toBe('fetched');
  });
});

describe('cache over a store that lists its keys', () => {
  /** A memory store whose key listing answers when `release` is called, counting entry reads. */
  function listingStore(base = createMemoryStore()) {
    const reads: string[][] = [];
    let release!: () => void;
    const listed = new Promise<void>((r) => (release = r));
    const store: AsyncStore = {
      ...base,
      get: async (keys) => {
        reads.push(keys);
        return base.get(keys);
      },
      keys: async () => {
        await listed;
        return base.keys!();
      },
    };
    return { store, reads, release, base };
  }

  it('a key never stored is a miss with no storage read; a stored one is read', async () => {
    const base = createMemoryStore();
    await createCache(base).set('old', { x: 1 });
    const { store, reads, release } = listingStore(base);
    release();
    const cache = createCache(store);
    expect(await cache.get('new')).toBeUndefined();
    expect(reads).toEqual([]);
    expect(await cache.get('old')).toMatchObject({ data: { x: 1 } });
    expect(reads).toEqual([['ij:c:old']]);
  });

  it('an entry written before the listing answers is found, by this instance and by the next', async () => {
    const { store, release, base } = listingStore();
    const cache = createCache(store);
    await cache.set('a', { x: 2 }); // written before the listing answers
    release();
    expect(await cache.get('a')).toMatchObject({ data: { x: 2 } });
    const other = listingStore(base);
    other.release();
    expect(await createCache(other.store).get('a')).toMatchObject({ data: { x: 2 } });
    expect(other.reads).toEqual([['ij:c:a']]);
  });

  it('an evicted or cleared entry is known gone: no read for it', async () => {
    const { store, reads, release } = listingStore();
    release();
    const cache = createCache(store);
    await cache.set('a', 1);
    await cache.clear();
    expect(await cache.get('a')).toBeUndefined();
    expect(reads.flat().filter((k) => k.startsWith('ij:c:'))).toEqual([]); // the header alone was read, to write

  });

  it('a store that fails to list its keys: every miss is read, as before', async () => {
    const { store, reads } = listingStore();
    const failing: AsyncStore = { ...store, keys: () => Promise.reject(new Error('unsupported')) };
    expect(await createCache(failing).get('z')).toBeUndefined();
    expect(reads).toEqual([['ij:c:z']]);
  });
});

describe('createCachedClient', () => {
  const input = { key: 'k', libelle: 'Bac pro Métiers de la sécurité', ...SECURITE };

  it('a report seen before makes 0 requests, even after a restart', async () => {
    const api = fakeFetch(scenarioRoutes());
    const base = createMemoryStore();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const cache = createCache(base);
    const first = await buildProgrammeReport(createCachedClient(client, cache), input);
    await cache.flush(); // written within a few milliseconds, before the worker may stop
    expect(api.requests).toHaveLength(7);
    const again = await buildProgrammeReport(createCachedClient(client, createCache(base)), input);
    expect(api.requests).toHaveLength(7);
    expect(again).toEqual(first);
  });

  it('caches answers and "no figures", never errors', async () => {
    let fail = true;
    const api = fakeFetch({
      ...scenarioRoutes(),
      'regionales/84/certifications/40034403': () => (fail ? { status: 500, raw: '' } : { body: stats('40034403', 150, 61, 18, 21) }),
    });
    const cached = createCachedClient(createClient({ baseUrl: BASE, fetch: api.fetch, retries: 0 }), createCache(createMemoryStore()));
    expect(await cached.regionale('84', '40034403')).toMatchObject({ ok: false });
    fail = false;
    expect(await cached.regionale('84', '40034403')).toMatchObject({ ok: true });
    await cached.formation('0693045K', { type: 'cfd', code: '40034403' });
    await cached.formation('0693045K', { type: 'cfd', code: '40034403' });
    expect(api.count('formations/0693045K-CFD:40034403')).toBe(1);
    expect(api.count('regionales/84/certifications/40034403')).toBe(2);
  });

  it('tells the caller when a stale answer was refreshed', async () => {
    const api = fakeFetch(scenarioRoutes());
    const c = clock();
    const cache = createCache(createMemoryStore(), { now: c.now, maxAgeMs: DAY });
    const refreshed: string[] = [];
    const cached = createCachedClient(createClient({ baseUrl: BASE, fetch: api.fetch }), cache, { onRefresh: (key) => refreshed.push(key) });
    await cached.regionale('84', '40034403');
    c.advance(2 * DAY);
    expect(await cached.regionale('84', '40034403')).toMatchObject({ ok: true });
    await cache.idle();
    expect(refreshed).toEqual(['r:84:40034403']);
    expect(api.count('regionales/84/certifications/40034403')).toBe(2);
  });
});
