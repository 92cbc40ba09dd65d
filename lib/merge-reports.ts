// An establishment page's panel gathers the programmes its list rows found, beside the referentiel's.

import type { ProgrammeReport, Report } from './types';

/**
 * The establishment's report with the programmes of the page's rows at the same establishment added
 * (by programme key, the establishment's own first; rows elsewhere are left out), and each programme
 * replaced by its full report when one was asked since (a row's line opened).
 */
export function withRowProgrammes(
  etablissement: Report,
  rows: Iterable<Report>,
  completed: ReadonlyMap<string, ProgrammeReport> = new Map(),
): Report {
  const uai = etablissement.etablissement?.uai;
  if (!uai) return etablissement;
  const byKey = new Map(etablissement.programmes.map((p) => [p.key, p]));
  for (const row of rows) {
    for (const p of row.programmes) {
      if (p.etablissement?.uai === uai && !byKey.has(p.key)) byKey.set(p.key, p);
    }
  }
  const programmes = [...byKey.values()].map((p) => completed.get(p.key) ?? p);
  const same = programmes.length === etablissement.programmes.length && programmes.every((p, i) => p === etablissement.programmes[i]);
  return same ? etablissement : { ...etablissement, programmes };
}
