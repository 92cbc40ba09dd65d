// What pages show in words (an establishment's name and commune, a row's programme name, length and
// mode) matched against the open data that carries the ids: Idéo structures and actions. Pure.
import type { Voie } from '../types';
import type { ActionRow, ReferentielIndex } from './format';
import { uaiDepartement, type Referentiel } from './open-referentiel';
import { normalizeText, words } from './text';
import { openIndex } from './unpack-index';

export interface PlaceQuery {
  nom: string;
  commune?: string;
  codePostal?: string;
}

export interface RowQuery {
  /** The programme's name as the row shows it. */
  libelle: string;
  duree?: number;
  voie?: Voie;
}

export interface MatchedAction {
  /** Absent when several actions fit equally (same programme and length, route not told). */
  af?: string;
  for: string;
  duree?: number;
  voie?: Voie;
}

export interface PlaceLookups {
  /** An establishment named on a page → its UAI, when exactly one fits the name and the place. */
  findEtablissement(q: PlaceQuery): string | undefined;
  /** A row of an establishment's list → the action taught there that fits its name, length and mode. */
  findAction(uai: string, q: RowQuery): MatchedAction | undefined;
}

export type ReferentielWithPlaces = Referentiel & PlaceLookups;

/** Words an establishment's name shares with too many others to tell it apart. */
const GENERIC = new Set(
  'lycee lp lpo lgt lycees college cfa professionnel professionnelle polyvalent general generale technologique prive privee public publique des metiers de du des la le les l d et en agricole sainte saint'.split(' '),
);
/** A programme name's filler words. */
const FILLER = new Set('de du des la le les l d et en a au aux option'.split(' '));

const distinct = (text: string, drop: Set<string>) => new Set(words(text).filter((w) => !drop.has(w)));

/** Jaccard similarity of two word sets (0 when either is empty). */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

/** `Lyon 4e Arrondissement`, `LYON CEDEX 04` → `lyon`: a commune as the open data spells it. */
export function communeKey(commune: string): string {
  return normalizeText(commune)
    .replace(/\bcedex\b.*$/, '')
    .replace(/\s+[0-9]+\s*(?:e|er|eme)?(?:\s+arrondissement)?\s*$/, '')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .trim();
}

/** Whether a UAI's département is the one a postcode names (Corsica's 20 covers 02A and 02B). */
export function postcodeFits(codePostal: string, uai: string): boolean {
  const dep = uaiDepartement(uai);
  if (codePostal.startsWith('97')) return dep === codePostal.slice(0, 3);
  if (codePostal.startsWith('20')) return dep === '02A' || dep === '02B';
  return dep === `0${codePostal.slice(0, 2)}`;
}

/** Lowest similarity for a name to count as the same. */
const MIN_NAME = 0.5;

/** The single best of scored candidates, or undefined when none reaches `min` or two tie. */
function best<T>(scored: { item: T; score: number }[], min: number): T | undefined {
  let top: { item: T; score: number } | undefined;
  let tie = false;
  for (const s of scored) {
    if (s.score < min) continue;
    if (!top || s.score > top.score) [top, tie] = [s, false];
    else if (s.score === top.score) tie = true;
  }
  return top && !tie ? top.item : undefined;
}

const MODE_VOIE: Record<string, Voie | undefined> = { a: 'apprentissage', s: 'scolaire' };

export function withPlaces(ref: Referentiel, file: unknown): ReferentielWithPlaces {
  const index = openIndex(file);
  let byCommune: Map<string, ReferentielIndex['etablissements']> | undefined;
  let byUai: Map<string, ActionRow[]> | undefined;

  function communes() {
    if (byCommune) return byCommune;
    byCommune = new Map();
    for (const e of index.etablissements) {
      const k = communeKey(e[2]);
      const list = byCommune.get(k);
      if (list) list.push(e);
      else byCommune.set(k, [e]);
    }
    return byCommune;
  }

  function findEtablissement(q: PlaceQuery): string | undefined {
    const name = distinct(q.nom, GENERIC);
    const exact = normalizeText(q.nom);
    let pool = q.commune ? (communes().get(communeKey(q.commune)) ?? []) : index.etablissements;
    if (q.codePostal) pool = pool.filter((e) => postcodeFits(q.codePostal!, e[0]));
    // Without a commune nor a postcode, only an exact name is trusted (many lycées share a name).
    if (!q.commune && !q.codePostal) return best(pool.filter((e) => normalizeText(e[1]) === exact).map((e) => ({ item: e[0], score: 1 })), 1);
    return best(
      pool.map((e) => ({ item: e[0], score: normalizeText(e[1]) === exact ? 2 : similarity(name, distinct(e[1], GENERIC)) })),
      MIN_NAME,
    );
  }

  function findAction(uai: string, q: RowQuery): MatchedAction | undefined {
    byUai ??= (() => {
      const m = new Map<string, ActionRow[]>();
      for (const a of index.actions) m.set(a[2], [...(m.get(a[2]) ?? []), a]);
      return m;
    })();
    const row = distinct(q.libelle, FILLER);
    const exact = normalizeText(q.libelle);
    const scored = (byUai.get(uai) ?? []).map((a) => {
      const libelle = ref.programme(`FOR.${a[1]}`)?.libelle ?? '';
      return { a, score: normalizeText(libelle) === exact ? 2 : similarity(row, distinct(libelle, FILLER)) };
    });
    const top = Math.max(0, ...scored.map((s) => s.score));
    if (top < MIN_NAME) return undefined;
    let fits = scored.filter((s) => s.score === top).map((s) => s.a);
    if (new Set(fits.map((a) => a[1])).size > 1) return undefined; // two programmes fit the name equally
    // Length and mode narrow down; an action that does not say either stays in.
    if (q.duree) fits = narrow(fits, (a) => !a[3] || a[3] === q.duree);
    if (q.voie) fits = narrow(fits, (a) => !a[5] || MODE_VOIE[a[5]] === q.voie);
    const one = fits.length === 1 ? fits[0] : undefined;
    const a = fits[0]!;
    const duree = q.duree ?? (fits.every((f) => f[3] === a[3]) && a[3] ? a[3] : undefined);
    const voie = q.voie ?? (one?.[5] ? MODE_VOIE[one[5]] : undefined);
    return { for: `FOR.${a[1]}`, ...(one ? { af: `AF.${one[0]}` } : {}), ...(duree ? { duree } : {}), ...(voie ? { voie } : {}) };
  }

  return Object.assign(ref, { findEtablissement, findAction });
}

/** Keeps the rows that pass, unless none does (then the test says nothing useful: keep them all). */
function narrow(rows: ActionRow[], keep: (a: ActionRow) => boolean): ActionRow[] {
  const kept = rows.filter(keep);
  return kept.length > 0 ? kept : rows;
}
