// "Ailleurs près d'ici": which nearby actions do better than the programme on the page, asked in the
// background within a request budget. The choice is pure (chooseBetter); the asking is askNearby.
import type { ApiResult, InserJeunesClient } from './inserjeunes/client';
import { toCell } from './inserjeunes/figures';
import type { FormationRaw } from './inserjeunes/schema';
import type { NearbyCandidate, NearbyIndex, Point, Route } from './referentiel/nearby-lookup';
import type { Referentiel } from './referentiel/query-types';
import type { Radius } from './settings';
import type { Voie } from './types';

/** Points one figure may drop while the other rises, and the line still counts as better. */
export const BETTER_MARGIN = 5;
/** Lines of each kind the section shows. */
export const MAX_LINES = 3;
/** Network requests one section may cost; answers already cached cost nothing. */
export const MAX_REQUESTS = 15;

export interface Rates {
  emploi: number;
  formation: number;
}

/**
 * Higher employment or higher further study than the original, without the other being lower by
 * more than BETTER_MARGIN points. Both sides must have both figures: absent or secret figures rank nothing.
 */
export function isBetter(original: Rates, other: Rates): boolean {
  const de = other.emploi - original.emploi;
  const df = other.formation - original.formation;
  return (de > 0 && df >= -BETTER_MARGIN) || (df > 0 && de >= -BETTER_MARGIN);
}

/** What the panel sends: the programme it shows and the figures it leads with. */
export interface NearbyRequest {
  cfd: string;
  /** The page's establishment, when it names one (the origin and the one line never shown). */
  uai?: string;
  voie: Voie;
  emploi: number;
  formation: number;
}

export interface NearbyLine extends Rates {
  af: string;
  /** The establishment and programme, to look the line up again (the selection's alternatives). */
  uai: string;
  for: string;
  cfd: string;
  libelle: string;
  etablissement: string;
  commune: string;
  /** Rounded to the km. */
  km: number;
  voie: Voie;
  millesime: string;
  url: string;
  lien: NearbyCandidate['lien'];
}

export type NearbyResult =
  | {
      status: 'ok';
      /** Near the page's establishment, or near the place chosen in the options. */
      origin: 'etablissement' | 'lieu';
      /** Where lines were looked for. */
      area: NearbyArea;
      same: NearbyLine[];
      related: NearbyLine[];
      /** Candidates within the radius whose figures were looked at. */
      checked: number;
      /** Network requests this answer cost. */
      requests: number;
      /** Some candidates were left unasked: the budget ran out. */
      budgetReached: boolean;
    }
  | { status: 'off' }
  | { status: 'no-origin' }
  | { status: 'unavailable' };

/** Within so many km of the origin, or within the origin's académie (named). */
export type NearbyArea = { km: number } | { academie: string };

/** What "mon académie" falls back to when the origin's académie is unknown. */
export const FALLBACK_KM = 30;

/** The selection key of a nearby line kept as an alternative to the programme `originalKey` (one per original and action). */
export const alternativeKey = (originalKey: string, af: string): string => `${originalKey}>${af}`;

export const onisepActionUrl = (af: string): string => `https://www.onisep.fr/http/redirection/formation/slug/${af}`;

/** The candidate's figures by the route compared, or null (secret, absent, unknown). */
function ratesOf(result: ApiResult<FormationRaw>): (Rates & { millesime: string }) | null {
  if (!result.ok) return null;
  const cell = toCell(result.data);
  if (cell.state !== 'figures') return null;
  // A rate the API could not compute is absent: never rank on it.
  if (cell.figures.tauxEnEmploi6Mois == null || cell.figures.tauxEnFormation == null) return null;
  return { emploi: cell.figures.tauxEnEmploi6Mois, formation: cell.figures.tauxEnFormation, millesime: cell.figures.millesime };
}

/** A client that lets at most `max` calls through to `base`; the others answer "not asked" at once. */
export function budgeted(base: InserJeunesClient, max: number): { client: InserJeunesClient; spent: () => number; refused: () => boolean } {
  let spent = 0;
  let refused = false;
  const gate = <A extends unknown[], T>(call: (...args: A) => Promise<ApiResult<T>>) =>
    (...args: A): Promise<ApiResult<T>> => {
      if (spent >= max) {
        refused = true;
        return Promise.resolve({ ok: false, cell: { state: 'error', error: 'rate-limit', message: 'budget' } });
      }
      spent++;
      return call(...args);
    };
  return {
    client: {
      formation: gate(base.formation),
      regionale: gate(base.regionale),
      nationale: gate(base.nationale),
      certification: gate(base.certification),
    },
    spent: () => spent,
    refused: () => refused,
  };
}

export interface AskOptions {
  /** A cached client over `budgeted(...)`: cache hits never reach the budget. */
  client: InserJeunesClient;
  spent: () => number;
  refused: () => boolean;
  referentiel: Referentiel;
  nearby: NearbyIndex;
  /** Km around the origin, or the origin's académie (from the UAI's département, the referentiel's geo table). */
  radiusKm: Radius;
  /** The place chosen in the options, when the page names no establishment. */
  place?: Point;
}

/** An establishment's académie, from its UAI's département (the referentiel's table départements → académies). */
function academieOf(ref: Referentiel, uai: string | undefined) {
  return uai ? ref.geo(uai)?.academie : undefined;
}

/** The route to compare a candidate by: the original's when the action has it, else its own. */
const routeFor = (c: NearbyCandidate, voie: Voie): Route => (c.voies.includes(voie) ? voie : c.voies[0]!);

export async function askNearby(request: NearbyRequest, o: AskOptions): Promise<NearbyResult> {
  const fromEtab = request.uai ? o.nearby.placeOfUai(request.uai) : undefined;
  const origin = fromEtab ?? o.place;
  if (!origin) return { status: 'no-origin' };
  // "Mon académie": the académie of the page's establishment, or of the establishment nearest the user's place.
  const academie = o.radiusKm === 'academie' ? academieOf(o.referentiel, fromEtab ? request.uai : o.nearby.nearestUai(origin)) : undefined;
  const area: NearbyArea = academie ? { academie: academie.nom } : { km: o.radiusKm === 'academie' ? FALLBACK_KM : o.radiusKm };
  const { same, related } = o.nearby.candidates({
    cfds: [request.cfd],
    origin,
    radiusKm: 'km' in area ? area.km : Infinity,
    ...(academie ? { within: (uai: string) => o.referentiel.geo(uai)?.academie?.code === academie.code } : {}),
    ...(request.uai ? { excludeUai: request.uai } : {}),
  });
  const original: Rates = { emploi: request.emploi, formation: request.formation };
  let checked = 0;

  async function pick(list: NearbyCandidate[]): Promise<NearbyLine[]> {
    const out: NearbyLine[] = [];
    // Nearest first, a few at a time, until enough lines are found.
    for (let i = 0; i < list.length && out.length < MAX_LINES; i += 5) {
      const batch = list.slice(i, i + 5);
      const answers = await Promise.all(
        batch.map(async (c) => {
          const voie = routeFor(c, request.voie);
          const code =
            voie === 'apprentissage' ? c.cfd : o.referentiel.finalYear(c.cfd, o.referentiel.action(c.af)?.duree).mefstat11[0];
          if (!code) return null;
          const r = await o.client.formation(c.uai, voie === 'apprentissage' ? { type: 'cfd', code } : { type: 'mefstat11', code });
          if (!(r.ok === false && r.cell.state === 'error' && r.cell.message === 'budget')) checked++;
          const rates = ratesOf(r);
          return rates ? { c, voie, rates } : null;
        }),
      );
      for (const a of answers) {
        if (!a || out.length >= MAX_LINES || !isBetter(original, a.rates)) continue;
        out.push({
          af: a.c.af,
          uai: a.c.uai,
          for: a.c.for,
          cfd: a.c.cfd,
          libelle: a.c.libelle,
          etablissement: a.c.etablissement,
          commune: a.c.commune,
          km: Math.round(a.c.km),
          voie: a.voie,
          emploi: a.rates.emploi,
          formation: a.rates.formation,
          millesime: a.rates.millesime,
          url: onisepActionUrl(a.c.af),
          lien: a.c.lien,
        });
      }
    }
    return out;
  }

  const sameLines = await pick(same);
  const relatedLines = await pick(related);
  return {
    status: 'ok',
    origin: fromEtab ? 'etablissement' : 'lieu',
    area,
    same: sameLines,
    related: relatedLines,
    checked,
    requests: o.spent(),
    budgetReached: o.refused(),
  };
}
