// Budget measurements for `npm run bench`: a report built from a warm cache (≤ 5 ms) and the
// number of requests a cache miss makes per kind of input.
import { createCache, createCachedClient } from '../../lib/inserjeunes/cache';
import { createMemoryStore } from './memory-store';
import { createClient } from '../../lib/inserjeunes/client';
import { buildProgrammeReport, type ProgrammeInput } from '../../lib/inserjeunes/report';
import { BASE, fakeFetch, SECURITE, scenarioRoutes } from './fake-api';

export const REPORT_FROM_CACHE_BUDGET_MS = 5;

export interface ReportMeasure {
  /** Requests on a cold cache, per kind of input. */
  requestsOnMiss: Record<string, number>;
  /** Requests when the same report is asked again (from storage, after a restart). */
  requestsWhenSeen: number;
  /** Median time to build the report from storage in a fresh service-worker life (ms). */
  fromStorageMs: number;
  /** Median time to build it again within the same life (in-memory layer, ms). */
  fromMemoryMs: number;
  /** Each run's times, ms: from storage, then from memory. */
  fromStorage: number[];
  fromMemory: number[];
  budgetMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureReportFromCache(runs = 50): Promise<ReportMeasure> {
  const inputs: Record<string, ProgrammeInput> = {
    'formation dans un établissement (2 codes)': { key: 'k1', libelle: 'Bac pro', ...SECURITE },
    'formation sans établissement, région préférée': { key: 'k2', libelle: 'Bac pro', cfd: SECURITE.cfd, mefstat11: SECURITE.mefstat11, region: SECURITE.region },
    'formation sans établissement ni région': { key: 'k3', libelle: 'Bac pro', cfd: SECURITE.cfd, mefstat11: SECURITE.mefstat11 },
    'pastille, France seulement': { key: 'k4', libelle: 'Bac pro', cfd: SECURITE.cfd, mefstat11: SECURITE.mefstat11, scopes: ['france'] },
  };
  const routes = scenarioRoutes();
  const requestsOnMiss: Record<string, number> = {};
  for (const [name, input] of Object.entries(inputs)) {
    const api = fakeFetch(routes);
    await buildProgrammeReport(createCachedClient(createClient({ baseUrl: BASE, fetch: api.fetch }), createCache(createMemoryStore())), input);
    requestsOnMiss[name] = api.requests.length;
  }

  const api = fakeFetch(routes);
  const client = createClient({ baseUrl: BASE, fetch: api.fetch });
  const store = createMemoryStore();
  const input = inputs['formation dans un établissement (2 codes)']!;
  const first = createCache(store);
  await buildProgrammeReport(createCachedClient(client, first), input);
  await first.flush(); // the answers are written in one batch, a few milliseconds later
  const before = api.requests.length;

  const fromStorage: number[] = [];
  const fromMemory: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cached = createCachedClient(client, createCache(store)); // a new service-worker life
    let t = performance.now();
    await buildProgrammeReport(cached, input);
    fromStorage.push(performance.now() - t);
    t = performance.now();
    await buildProgrammeReport(cached, input);
    fromMemory.push(performance.now() - t);
  }
  return {
    requestsOnMiss,
    requestsWhenSeen: api.requests.length - before,
    fromStorageMs: median(fromStorage),
    fromMemoryMs: median(fromMemory),
    fromStorage,
    fromMemory,
    budgetMs: REPORT_FROM_CACHE_BUDGET_MS,
  };
}

// `npx tsx test/inserjeunes/measure.ts` prints the measures.
if (import.meta.url === `file://${process.argv[1]}`) {
  measureReportFromCache().then((m) => console.log(JSON.stringify(m, null, 2)));
}
