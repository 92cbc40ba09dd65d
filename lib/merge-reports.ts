// An establishment page's panel gathers the programmes its list rows found, beside the referentiel's.

import type { Report } from './types';

/**
 * The establishment's report with the programmes of the page's rows at the same establishment added
 * (by programme key, the establishment's own first). Rows elsewhere, or without figures asked, are left out.
 */
export function withRowProgrammes(etablissement: Report, rows: Iterable<Report>): Report {
  const uai = etablissement.etablissement?.uai;
  if (!uai) return etablissement;
  const byKey = new Map(etablissement.programmes.map((p) => [p.key, p]));
  for (const row of rows) {
    for (const p of row.programmes) {
      if (p.etablissement?.uai === uai && !byKey.has(p.key)) byKey.set(p.key, p);
    }
  }
  if (byKey.size === etablissement.programmes.length) return etablissement;
  return { ...etablissement, programmes: [...byKey.values()] };
}
