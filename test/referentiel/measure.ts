// Measures the referentiel built from a source folder (default ../shared/data): size raw and
// gzipped, load time, lookups per second. Reusable by `npm run bench`; run directly with
// `npx tsx test/referentiel/measure.ts [DIR]`. Writes only to a temporary folder.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIndex, writeIndexFile } from '../../lib/referentiel/build';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { buildQuickIndex } from '../../lib/referentiel/quick-index';
import { computeStats, type Stats } from '../../lib/referentiel/stats';
import { median } from '../bench/check';

export interface Measures {
  buildMs: number;
  /** The index and its quick index (quick-index.ts), as shipped: raw, and each gzipped. */
  rawBytes: number;
  gzipBytes: number;
  quickIndexBytes: number;
  /** JSON.parse + createReferentiel + first lookups (lazy maps built), median of `loads`. */
  loadMs: number;
  /** Each of the 5 loads, ms. */
  loads: number[];
  /** Median of `lookupRates`. */
  lookupsPerSecond: number;
  /** Lookups per second in each of 5 equal batches (at least 100,000 lookups in all). */
  lookupRates: number[];
  stats: Stats;
}

export function measureReferentiel(dir = '../shared/data'): Measures {
  const t0 = performance.now();
  const { index } = buildIndex(dir);
  const buildMs = performance.now() - t0;
  const out = join(mkdtempSync(join(tmpdir(), 'ref-measure-')), 'referentiel.json');
  writeIndexFile(index, out);
  const text = readFileSync(out, 'utf8');
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = createReferentiel(JSON.parse(text));
    r.resolveInput('FOR.3651');
    r.resolveInput('0693045K');
    loads.push(performance.now() - t);
  }
  const ref = createReferentiel(JSON.parse(text));
  const { cfds, fors } = ref.keys();
  const inputs = [...fors, ...cfds, ...index.etablissements.map((e) => e[0])];
  for (const s of inputs) ref.resolveInput(s); // warm up
  const batch = Math.ceil(Math.max(100_000, inputs.length) / 5);
  const lookupRates: number[] = [];
  for (let b = 0, i = 0; b < 5; b++) {
    const t1 = performance.now();
    for (const end = i + batch; i < end; i++) ref.resolveInput(inputs[i % inputs.length]!);
    lookupRates.push(Math.round(batch / ((performance.now() - t1) / 1000)));
  }
  // Shipped beside it (lib/referentiel/ship.ts): counted in its size.
  const quick = JSON.stringify(buildQuickIndex(ref, index.mefs.map((row) => row[5]), new Date()));
  return {
    buildMs: Math.round(buildMs),
    rawBytes: Buffer.byteLength(text) + Buffer.byteLength(quick),
    gzipBytes: gzipSync(text).length + gzipSync(quick).length,
    quickIndexBytes: Buffer.byteLength(quick),
    loadMs: Math.round(median(loads)! * 10) / 10,
    loads,
    lookupsPerSecond: median(lookupRates)!,
    lookupRates,
    stats: computeStats(ref),
  };
}

if (process.argv[1]?.endsWith('measure.ts')) console.log(JSON.stringify(measureReferentiel(process.argv[2]), null, 1));
