// Measures the referentiel built from a source folder (default ../shared/data): size raw and
// gzipped, load time, lookups per second. Reusable by `npm run bench`; run directly with
// `npx tsx test/referentiel/measure.ts [DIR]`. Writes only to a temporary folder.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIndex, writeIndexFile } from '../../lib/referentiel/build';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { computeStats, type Stats } from '../../lib/referentiel/stats';

export interface Measures {
  buildMs: number;
  rawBytes: number;
  gzipBytes: number;
  /** JSON.parse + createReferentiel + first lookups (lazy maps built), median of 5. */
  loadMs: number;
  lookupsPerSecond: number;
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
  loads.sort((a, b) => a - b);
  const ref = createReferentiel(JSON.parse(text));
  const { cfds, fors } = ref.keys();
  const inputs = [...fors, ...cfds, ...index.etablissements.map((e) => e[0])];
  for (const s of inputs) ref.resolveInput(s); // warm up
  const n = Math.max(100_000, inputs.length);
  const t1 = performance.now();
  for (let i = 0; i < n; i++) ref.resolveInput(inputs[i % inputs.length]!);
  const lookupsPerSecond = n / ((performance.now() - t1) / 1000);
  return {
    buildMs: Math.round(buildMs),
    rawBytes: Buffer.byteLength(text),
    gzipBytes: gzipSync(text).length,
    loadMs: Math.round(loads[2]! * 10) / 10,
    lookupsPerSecond: Math.round(lookupsPerSecond),
    stats: computeStats(ref),
  };
}

if (process.argv[1]?.endsWith('measure.ts')) console.log(JSON.stringify(measureReferentiel(process.argv[2]), null, 1));
