// Which nearby lines are better, and what asking for them costs: the real client and cache against
// the mock API (test/mock-api/dataset.ts, "better nearby" rows), requests counted at the server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { askNearby, budgeted, isBetter, MAX_REQUESTS, type NearbyRequest } from '../../lib/better-nearby';
import { uaiCheckLetter } from '../../lib/codes';
import { createCache, createCachedClient } from '../../lib/inserjeunes/cache';
import { createClient } from '../../lib/inserjeunes/client';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { createNearbyIndex, type NearbyCandidate, type NearbyIndex } from '../../lib/referentiel/nearby-lookup';
import { startMockApi, type MockApi } from '../mock-api/server';
import { createMemoryStore } from '../inserjeunes/memory-store';

const { index } = buildIndex('test/fixtures/referentiel', new Date('2026-01-01'));
const referentiel = createReferentiel(index, { now: new Date('2026-01-01') });
const nearby = createNearbyIndex(index, referentiel);
const WEAK: NearbyRequest = { cfd: '40034403', uai: '0692001A', voie: 'scolaire', emploi: 22, formation: 35 };

describe('isBetter', () => {
  it('one figure higher, the other at most 5 points lower', () => {
    const base = { emploi: 22, formation: 35 };
    expect(isBetter(base, { emploi: 38, formation: 41 })).toBe(true);
    expect(isBetter(base, { emploi: 45, formation: 30 })).toBe(true); // −5: still better
    expect(isBetter(base, { emploi: 45, formation: 29 })).toBe(false); // −6: not
    expect(isBetter(base, { emploi: 17, formation: 60 })).toBe(true);
    expect(isBetter(base, { emploi: 22, formation: 35 })).toBe(false); // equal is not better
    expect(isBetter(base, { emploi: 18, formation: 30 })).toBe(false);
  });
});

describe('askNearby against the mock API', () => {
  let mock: MockApi;
  beforeAll(async () => (mock = await startMockApi({ port: 0 })));
  afterAll(() => mock.close());
  beforeEach(() => mock.resetRequests());

  const setup = (store = createMemoryStore(), max = MAX_REQUESTS) => {
    const direct = createClient({ baseUrl: mock.url, retries: 0 });
    const budget = budgeted(direct, max);
    const cache = createCache(store);
    return { store, cache, client: createCachedClient(budget.client, cache), spent: budget.spent, refused: budget.refused, referentiel, nearby, radiusKm: 30 };
  };

  it('lists the better establishments nearest first, with figures, distance and route; leaves worse and secret ones out', async () => {
    const r = await askNearby(WEAK, setup());
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.same.map((l) => [l.etablissement, l.commune, l.voie, l.emploi, l.formation])).toEqual([
      ['Lycée professionnel Les Canuts', 'Lyon', 'scolaire', 38, 41],
      ['Lycée professionnel Jean Lurçat', 'Vénissieux', 'scolaire', 45, 32],
      ['CFA des métiers de la sécurité', 'Saint-Priest', 'apprentissage', 55, 33],
    ]);
    expect(r.same[0]).toMatchObject({ km: 4, url: 'https://www.onisep.fr/http/redirection/formation/slug/AF.5678' });
    expect(r.related).toEqual([]);
    // Six candidates within 30 km, each asked once; the server saw exactly what the budget counted.
    expect(r.requests).toBe(6);
    expect(mock.requests.filter((q) => q.path.includes('/formations/'))).toHaveLength(6);
    expect(r.budgetReached).toBe(false);
  });

  it('answers from the cache at no cost the second time', async () => {
    const store = createMemoryStore();
    const first = setup(store);
    await askNearby(WEAK, first);
    await first.cache.flush(); // the cache batches its writes
    mock.resetRequests();
    const again = await askNearby(WEAK, setup(store));
    expect(again.status === 'ok' && again.requests).toBe(0);
    expect(mock.requests).toHaveLength(0);
    expect(again.status === 'ok' && again.same).toHaveLength(3);
  });

  it('says nothing is better within the radius (Ambérieu: the better ones are 46 km away)', async () => {
    const r = await askNearby({ cfd: '40034403', uai: '0011002J', voie: 'scolaire', emploi: 70, formation: 36 }, setup());
    expect(r).toMatchObject({ status: 'ok', same: [], related: [], requests: 0, area: { km: 30 } });
  });

  it('lists related programmes of the same famille de métiers', async () => {
    const r = await askNearby({ cfd: '40023207', voie: 'scolaire', emploi: 20, formation: 30 }, { ...setup(), place: nearby.placeOfText('Villeurbanne')! });
    expect(r).toMatchObject({ status: 'ok', origin: 'lieu', same: [] });
    expect(r.status === 'ok' && r.related.map((l) => [l.libelle, l.lien, l.emploi, l.formation])).toEqual([
      ['bac pro Travaux publics', 'famille', 50, 40],
    ]);
  });

  it('needs a place when the page names no establishment', async () => {
    expect(await askNearby({ ...WEAK, uai: undefined } as NearbyRequest, setup())).toEqual({ status: 'no-origin' });
  });

  it('never sends more than 15 requests, however many candidates are near', async () => {
    const many: NearbyCandidate[] = Array.from({ length: 40 }, (_, i) => {
      const stem = `069${String(3000 + i).padStart(4, '0')}`;
      return { af: `AF.${9000 + i}`, for: 'FOR.3651', uai: stem + uaiCheckLetter(stem), libelle: 'x', etablissement: 'x', commune: '', km: i, voies: ['scolaire'], cfd: '40034403', lien: 'meme' };
    });
    const fake: NearbyIndex = { placeOfUai: () => ({ lat: 45, lon: 4 }), placeOfText: () => undefined, nearestUai: () => undefined, candidates: () => ({ same: many, related: many }) };
    const r = await askNearby(WEAK, { ...setup(), nearby: fake });
    expect(r).toMatchObject({ status: 'ok', requests: MAX_REQUESTS, budgetReached: true, same: [], related: [] });
    expect(mock.requests.length).toBe(MAX_REQUESTS);
  });

  describe('"mon académie"', () => {
    // Jean Lurçat (Vénissieux, 8 km) moved to another académie for the test; Ambérieu (Ain, 43 km) is in Lyon's.
    const elsewhere = { ...referentiel, geo: (uai: string) => (uai === '0692002B' ? { academie: { code: '99', nom: 'Ailleurs' } } : referentiel.geo(uai)) };

    it('keeps the establishments of the page’s académie however far, and only them', async () => {
      const r = await askNearby(WEAK, { ...setup(), referentiel: elsewhere, radiusKm: 'academie' });
      expect(r).toMatchObject({ status: 'ok', area: { academie: 'Lyon' } });
      expect(r.status === 'ok' && r.same.map((l) => [l.uai, l.km])).toEqual([
        ['0693045K', 4],
        ['0692006F', 9],
        ['0011002J', 43], // beyond 30 km, inside the académie
      ]);
    });

    it('takes the académie of the user’s place when the page names no establishment', async () => {
      const r = await askNearby({ ...WEAK, uai: undefined } as NearbyRequest, { ...setup(), radiusKm: 'academie', place: nearby.placeOfText('Villeurbanne')! });
      expect(r).toMatchObject({ status: 'ok', origin: 'lieu', area: { academie: 'Lyon' } });
    });

    it('falls back to 30 km when the académie is unknown', async () => {
      const unknown = { ...referentiel, geo: () => undefined };
      const r = await askNearby(WEAK, { ...setup(), referentiel: unknown, radiusKm: 'academie' });
      expect(r).toMatchObject({ status: 'ok', area: { km: 30 } });
      expect(r.status === 'ok' && r.same.map((l) => l.uai)).toEqual(['0693045K', '0692002B', '0692006F']);
    });
  });
});
