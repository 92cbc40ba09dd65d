// The index at the size the lycée universe gives (issue 12): the real sources of a folder (default
// ../shared/data, or REFERENTIEL_SRC) plus seeded synthetic Idéo actions (30,000 rows) and Parcoursup
// cartographie files, in a temporary folder. Ready time is CPU time (process.cpuUsage), the minimum
// of several runs, because the machines these run on are shared and loaded.
// `npx tsx test/referentiel/measure-large.ts [DIR]`
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIndex, writeIndexFile } from '../../lib/referentiel/build';
import type { PackedIndex } from '../../lib/referentiel/format';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { writeSyntheticSources } from './synthetic-sources';

const cpuMs = (f: () => void) => {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

export function measureLarge(src = process.env.REFERENTIEL_SRC || '../shared/data', runs = 15) {
  const dir = mkdtempSync(join(tmpdir(), 'ref-large-'));
  try {
    for (const sub of ['bcn', 'geo', 'depp']) cpSync(join(src, sub), join(dir, sub), { recursive: true });
    cpSync(join(src, 'onisep/certif_info.csv'), join(dir, 'onisep/certif_info.csv'));
    const generated = writeSyntheticSources(dir);
    const { index } = buildIndex(dir);
    const out = join(dir, 'referentiel.json');
    writeIndexFile(index, out);
    const text = readFileSync(out, 'utf8');
    // What each part of the shipped file weighs (format.ts PackedIndex).
    const file = JSON.parse(text) as PackedIndex;
    const tableBytes: Record<string, number> = Object.fromEntries([
      ...(Object.entries(file.tables) as [string, string][]).map(([k, v]) => [k, gzipSync(v).length]),
      ['strings (shared)', gzipSync(JSON.stringify(file.strings)).length],
      ['uais (shared)', gzipSync(file.uais).length],
    ]);
    const ready: number[] = [];
    for (let i = 0; i < runs; i++) {
      ready.push(
        cpuMs(() => {
          const r = createReferentiel(JSON.parse(text));
          r.resolveInput('FOR.3651');
          r.resolveInput(index.actions[0] ? `AF.${index.actions[0][0]}` : '0693045K');
          r.resolveInput(index.etablissements[0]![0]);
        }),
      );
    }
    const ref = createReferentiel(JSON.parse(text));
    const inputs = [
      ...ref.keys().fors,
      ...index.actions.filter((_, i) => i % 10 === 0).map((a) => `AF.${a[0]}`),
      ...index.etablissements.map((e) => e[0]),
      ...index.gta.filter((_, i) => i % 10 === 0).map((g) => String(g[0])),
    ];
    for (const s of inputs) ref.resolveInput(s);
    const n = Math.max(200_000, inputs.length);
    const rates: number[] = [];
    for (let k = 0; k < 3; k++) {
      const ms = cpuMs(() => {
        for (let i = 0; i < n; i++) ref.resolveInput(inputs[i % inputs.length]!);
      });
      rates.push(n / (ms / 1000));
    }
    return {
      generated,
      rows: { actions: index.actions.length, gta: index.gta.length, etablissements: index.etablissements.length, programmes: index.programmes.length },
      rawKB: Math.round(Buffer.byteLength(text) / 1024),
      gzipKB: Math.round(gzipSync(text).length / 1024),
      gzipKBByTable: Object.fromEntries(Object.entries(tableBytes).map(([k, v]) => [k, Math.round(v / 1024)])),
      readyCpuMsMin: Math.round(Math.min(...ready) * 10) / 10,
      readyCpuMsMedian: Math.round(ready.sort((a, b) => a - b)[runs >> 1]! * 10) / 10,
      lookupsPerSecondCpuMax: Math.round(Math.max(...rates)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('measure-large.ts')) console.log(JSON.stringify(measureLarge(process.argv[2]), null, 1));
