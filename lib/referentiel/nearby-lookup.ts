// "Better nearby": places and candidate actions from the shipped index, nearest first. Pure: no
// browser or Node API; distances are computed here, on the shipped coordinates, and sent nowhere.
import { compareCodes } from '../codes';
import type { ReferentielIndex } from './format';
import type { Referentiel } from './query-types';
import { words } from './text';
import { openIndex } from './unpack-index';

export interface Point {
  lat: number;
  lon: number;
}

/** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
export function haversineKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type Route = 'scolaire' | 'apprentissage';

/** One action near the origin that may be a better line. */
export interface NearbyCandidate {
  af: string;
  for: string;
  uai: string;
  /** The programme's label (Onisep's). */
  libelle: string;
  etablissement: string;
  commune: string;
  km: number;
  /** The routes the action is taught by; the school route when Onisep does not say. */
  voies: Route[];
  cfd: string;
  /** Why it is related: the same programme, the same famille de métiers or the same NSF group. */
  lien: 'meme' | 'famille' | 'nsf';
}

export interface CandidateQuery {
  /** The programme's CFDs (the same programme elsewhere shares one). */
  cfds: string[];
  origin: Point;
  radiusKm: number;
  /** The page's own establishment: never an alternative for the same programme. */
  excludeUai?: string;
  /** Keeps only the establishments it accepts (e.g. those of one académie), before any other work. */
  within?: (uai: string) => boolean;
}

export interface NearbyIndex {
  /** An establishment's coordinates, from any of its actions. */
  placeOfUai(uai: string): Point | undefined;
  /** A commune name or a postcode → the mean of the coordinates of the actions there. */
  placeOfText(text: string): Point | undefined;
  /** The establishment nearest to a point (to name the académie of a place), if any action has coordinates. */
  nearestUai(point: Point): string | undefined;
  /** Actions within the radius, nearest first: the same programme, then programmes of the same field and level. */
  candidates(query: CandidateQuery): { same: NearbyCandidate[]; related: NearbyCandidate[] };
}

const ROUTES: Record<string, Route[]> = { s: ['scolaire'], a: ['apprentissage'], sa: ['scolaire', 'apprentissage'], '': ['scolaire'] };

export function createNearbyIndex(file: ReferentielIndex, ref: Referentiel): NearbyIndex {
  const ix = openIndex(file);
  const lieux = ix.lieux ?? [];
  const byAf = new Map(lieux.map((l) => [l[0], l]));
  const actions = ix.actions.filter((a) => byAf.has(a[0]) && a[1] && a[2]);
  const etabs = new Map(ix.etablissements.map((e) => [e[0], e]));
  const nsf = new Map((ix.nsf ?? []).map((r) => [r[0], r[1]]));
  const point = (af: number): Point => ({ lat: byAf.get(af)![1] / 1e5, lon: byAf.get(af)![2] / 1e5 });
  const famille = (cfd: string) => ix.familles.find((f) => f[4].some((s) => s[0] === cfd));
  const cfdsOf = (forId: number) => ref.programme(`FOR.${forId}`)?.cfd ?? [];
  const norm = (s: string) => words(s).join(' ');

  function mean(points: Point[]): Point | undefined {
    if (!points.length) return undefined;
    return { lat: points.reduce((t, p) => t + p.lat, 0) / points.length, lon: points.reduce((t, p) => t + p.lon, 0) / points.length };
  }

  return {
    placeOfUai(uai) {
      const a = actions.find((r) => r[2] === uai);
      return a ? point(a[0]) : undefined;
    },
    placeOfText(text) {
      const t = text.trim();
      if (/^[0-9][0-9AB][0-9]{3}$/.test(t)) return mean(lieux.filter((l) => l[3] === t).map((l) => point(l[0])));
      const wanted = norm(t);
      if (!wanted) return undefined;
      return mean(actions.filter((a) => norm(etabs.get(a[2])?.[2] ?? '') === wanted).map((a) => point(a[0])));
    },
    nearestUai(p) {
      let best: { uai: string; km: number } | undefined;
      for (const a of actions) {
        const km = haversineKm(p, point(a[0]));
        if (!best || km < best.km) best = { uai: a[2], km };
      }
      return best?.uai;
    },
    candidates({ cfds, origin, radiusKm, excludeUai, within }) {
      const own = new Set(cfds);
      const level = new Set(cfds.map((c) => c.slice(0, 3)));
      const fams = new Set(cfds.map((c) => famille(c)?.[0]).filter(Boolean));
      const groups = new Set(cfds.map((c) => nsf.get(c)).filter(Boolean));
      const same: NearbyCandidate[] = [];
      const related: NearbyCandidate[] = [];
      for (const a of actions) {
        const km = haversineKm(origin, point(a[0]));
        if (km > radiusKm || (within && !within(a[2]))) continue;
        const theirs = cfdsOf(a[1]);
        let lien: NearbyCandidate['lien'] | undefined;
        if (theirs.some((c) => own.has(c))) lien = 'meme';
        else if (theirs.some((c) => level.has(c.slice(0, 3)) && fams.has(famille(c)?.[0]))) lien = 'famille';
        else if (theirs.some((c) => level.has(c.slice(0, 3)) && groups.has(nsf.get(c)))) lien = 'nsf';
        // The page's own establishment is no alternative to itself; its other programmes may be.
        if (!lien || (lien === 'meme' && a[2] === excludeUai)) continue;
        const e = etabs.get(a[2]);
        const cfd = lien === 'meme' ? theirs.find((c) => own.has(c))! : theirs[0]!;
        (lien === 'meme' ? same : related).push({
          af: `AF.${a[0]}`,
          for: `FOR.${a[1]}`,
          uai: a[2],
          libelle: ref.programme(`FOR.${a[1]}`)?.libelle ?? '',
          etablissement: e?.[1] || a[2],
          commune: e?.[2] ?? '',
          km,
          voies: ROUTES[byAf.get(a[0])![4]]!,
          cfd,
          lien,
        });
      }
      const order = (x: NearbyCandidate, y: NearbyCandidate) => x.km - y.km || compareCodes(x.af, y.af);
      return { same: same.sort(order), related: related.sort(order) };
    },
  };
}
