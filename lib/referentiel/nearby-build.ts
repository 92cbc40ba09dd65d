// Node only: the two small tables "better nearby" needs, joined at build time (see nearby-lookup.ts).
import type { FormationRow, LieuRow, NsfRow } from './format';
import type { ActionLine } from './catalogue-parsers';
import type { FormationDiplome } from './ministry-parsers';

/** One row per action with coordinates: where it is taught and by which route. */
export function nearbyLieux(actions: ActionLine[]): LieuRow[] {
  return actions
    .filter((a) => a.afId && a.uai && a.lat !== null && a.lon !== null)
    .map((a): LieuRow => [a.afId, a.lat!, a.lon!, a.codePostal, a.mode])
    .sort((a, b) => a[0] - b[0]);
}

/** The NSF group of every shipped CFD that has one. */
export function nearbyNsf(shipped: FormationRow[], formations: Map<string, FormationDiplome>): NsfRow[] {
  const out: NsfRow[] = [];
  for (const [cfd] of shipped) {
    const nsf = formations.get(cfd)?.nsf;
    if (nsf) out.push([cfd, nsf]);
  }
  return out;
}

/** A coordinate as the export gives it (`45.76`, `"45,76"`) → hundred-thousandths of a degree, or null. */
export function coordinate(value: string, max: number): number | null {
  if (!value.trim()) return null;
  const n = Number(value.trim().replace(',', '.'));
  return Number.isFinite(n) && Math.abs(n) <= max ? Math.round(n * 1e5) : null;
}

/** `af_modalites_scolarite` (`temps plein`, `apprentissage`, `alternance sous statut scolaire`, several joined) → route. */
export function parseModalites(value: string): '' | 's' | 'a' | 'sa' {
  const v = value.toLowerCase();
  const a = v.includes('apprentissage');
  const s = /temps plein|scolaire/.test(v);
  return a && s ? 'sa' : a ? 'a' : s ? 's' : '';
}
