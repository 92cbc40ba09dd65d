// Node only: the two small tables "better nearby" needs, joined at build time (see nearby-lookup.ts).
import type { FormationRow, LieuRow, NsfRow } from './format';
import type { ActionLine, FormationDiplome } from './parsers';

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
