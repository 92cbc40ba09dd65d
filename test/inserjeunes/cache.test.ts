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
  const stats = { gets: 0, sets: 0, failNextSets: 0 };
  const store: AsyncStore = {
    get: async (keys) => {
      stats.gets++;
      return base.get(keys);
    },
    set: async (items) => {
      stats.sets++;
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

  it('discards a corrupt entry instead of throwing', async () => {
    const base = createMemoryStore({ 'ij:c:a': { v: 1, at: 'yesterday', data: 1 }, 'ij:c:b': 'garbage', 'ij:index': 42 });
    const cache = createCache(base);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.getOrFetch('b', async () => 'fetched')).toBe('fetched');
    expect(base.data.has('ij:c:a')).toBe(false);
    expect(await createCache(base).get('b')).toMatchObject({ data: 'fetched' });
  });

  it('when storage is full, evicts, retries once and still returns the answer', async () => {
    const { store, stats: s, base } = countingStore();
    const cache = createCache(store, { maxEntries: 100 });
    for (const k of ['a', 'b', 'c', 'd']) await cache.set(k, k);
    s.failNextSets = 1;
    expect(await cache.getOrFetch('e', async () => 'answer')).toBe('answer');
    expect(base.data.has('ij:c:e')).toBe(true);
    expect(base.data.has('ij:c:a')).toBe(false); // the oldest made room
    s.failNextSets = 2; // full even after eviction
    expect(await cache.getOrFetch('f', async () => 'kept')).toBe('kept');
    expect(base.data.has('ij:c:f')).toBe(false);
    expect(await cache.get('f')).toMatchObject({ data: 'kept' }); // still served in this life
  });

  it('a storage that fails to read is a miss, never a crash', async () => {
    const broken: AsyncStore = {
      get: async () => {
        throw new Error('storage unavailable');
      },
      set: async () => undefined,
      remove: async () => undefined,
    };
    expect(await createCache(broken).getOrFetch('a', async () => 'fetched')).toBe('fetched');
  });
});

describe('createCachedClient', () => {
  const input = { key: 'k', libelle: 'Bac pro Métiers de la sécurité', ...SECURITE };

  it('a report seen before makes 0 requests, even after a restart', async () => {
    const api = fakeFetch(scenarioRoutes());
    const base = createMemoryStore();
    const client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const first = await buildProgrammeReport(createCachedClient(client, createCache(base)), input);
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
