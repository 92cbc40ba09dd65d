// From one statistics object of the API to one report cell: figures, secrecy, or an honest error.
import type { Cell, DonneeSource, Figures, Provenance } from '../types';
import type { AnyStatsRaw } from './schema';

/** Below this final-year cohort the API hides every figure (statistical secrecy). */
export const SECRECY_THRESHOLD = 20;

/**
 * "Filière sans perspectives" is the InserJeunes service's own headline definition: fewer than
 * 30 % of the cohort in employment six months after the final year AND fewer than 50 % in further
 * study. We apply it to the two API fields that carry exactly those rates, `taux_en_emploi_6_mois`
 * and `taux_en_formation` (both integer percentages over `nb_annee_term`), and not to the 12/18/24
 * month rates, which the definition does not use and which are often missing. A cell whose two
 * rates are not both finite numbers never gets the verdict: incomplete figures prove nothing.
 */
export const SANS_PERSPECTIVES = { emploiBelow: 30, formationBelow: 50 } as const;

export function isSansPerspectives(f: Pick<Figures, 'tauxEnEmploi6Mois' | 'tauxEnFormation'>): boolean {
  const emploi = f.tauxEnEmploi6Mois as unknown;
  const formation = f.tauxEnFormation as unknown;
  if (typeof emploi !== 'number' || typeof formation !== 'number') return false;
  if (!Number.isFinite(emploi) || !Number.isFinite(formation)) return false;
  return emploi < SANS_PERSPECTIVES.emploiBelow && formation < SANS_PERSPECTIVES.formationBelow;
}

type Problem = { problem: string };

const isRate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function optionalRate(raw: Record<string, unknown>, field: string): number | null | Problem {
  const v = raw[field];
  if (v === undefined || v === null) return null;
  return isRate(v) ? v : { problem: `${field} hors de 0–100` };
}

function optionalCount(raw: Record<string, unknown>, field: string, max = Infinity): number | null | Problem {
  const v = raw[field];
  if (v === undefined || v === null) return null;
  return isCount(v) && v <= max ? v : { problem: `${field} invalide` };
}

const isProblem = (v: unknown): v is Problem => typeof v === 'object' && v !== null && 'problem' in v;

/** The rates a cell shows: the 6-month ones, further study, later employment. */
const SHOWN_RATE = /^taux_(en_emploi_(6|12|18|24)_mois|en_formation|autres_6_mois)$/;

/** True when the object has at least one rate a cell could show. */
const hasAnyRate = (raw: AnyStatsRaw): boolean => Object.entries(raw).some(([k, v]) => SHOWN_RATE.test(k) && v !== undefined && v !== null);

/**
 * The figures of a statistics object, or why they cannot be trusted. Rates must be percentages
 * (0–100) and counts non-negative integers no larger than the cohort: anything else is a drift of
 * the API, reported as such rather than shown as a wrong number. A rate the API could not compute
 * is absent from its answer (swagger.yml: "absent si l'on ne peut pas les calculer"): it is null
 * here, and the cell says so.
 */
export function toFigures(raw: AnyStatsRaw): Figures | Problem {
  const r = raw as Record<string, unknown>;
  if (typeof raw.millesime !== 'string') return { problem: 'millesime manquant' };
  const nb = raw.nb_annee_term;
  if (!isCount(nb)) return { problem: 'nb_annee_term manquant ou invalide' };
  const core = {
    tauxEnEmploi6Mois: optionalRate(r, 'taux_en_emploi_6_mois'),
    tauxEnFormation: optionalRate(r, 'taux_en_formation'),
    tauxAutres6Mois: optionalRate(r, 'taux_autres_6_mois'),
  };
  for (const value of Object.values(core)) if (isProblem(value)) return value;
  const optional = {
    nbSortant: optionalCount(r, 'nb_sortant', nb),
    nbPoursuiteEtudes: optionalCount(r, 'nb_poursuite_etudes', nb),
    nbEnEmploi6Mois: optionalCount(r, 'nb_en_emploi_6_mois', nb),
    tauxEnEmploi12Mois: optionalRate(r, 'taux_en_emploi_12_mois'),
    tauxEnEmploi18Mois: optionalRate(r, 'taux_en_emploi_18_mois'),
    tauxEnEmploi24Mois: optionalRate(r, 'taux_en_emploi_24_mois'),
    tauxRuptureContrats: optionalRate(r, 'taux_rupture_contrats'),
    salaire12MoisQ1: optionalCount(r, 'salaire_12_mois_q1'),
    salaire12MoisQ2: optionalCount(r, 'salaire_12_mois_q2'),
    salaire12MoisQ3: optionalCount(r, 'salaire_12_mois_q3'),
  };
  const figures: Figures = {
    millesime: raw.millesime,
    nbAnneeTerm: nb,
    tauxEnEmploi6Mois: core.tauxEnEmploi6Mois as number | null,
    tauxEnFormation: core.tauxEnFormation as number | null,
    tauxAutres6Mois: core.tauxAutres6Mois as number | null,
  };
  for (const [name, value] of Object.entries(optional)) {
    if (isProblem(value)) return value;
    if (value !== null) (figures as unknown as Record<string, number>)[name] = value;
  }
  return figures;
}

export function toDonneeSource(raw: AnyStatsRaw): DonneeSource | undefined {
  const s = raw.donnee_source;
  return s ? { codeCertification: s.code_certification, type: s.type } : undefined;
}

/** True when the object carries no statistics at all (e.g. a common 2de listing its specialties). */
export function hasNoStatistics(raw: AnyStatsRaw): boolean {
  return raw.nb_annee_term === undefined || raw.nb_annee_term === null;
}

export type RateKind = 'emploi' | 'formation' | 'autres';

/** The 6-month rates the API could not compute, in display order. */
export function missingRates(f: Pick<Figures, 'tauxEnEmploi6Mois' | 'tauxEnFormation' | 'tauxAutres6Mois'>): RateKind[] {
  const all: [RateKind, number | null][] = [
    ['emploi', f.tauxEnEmploi6Mois],
    ['formation', f.tauxEnFormation],
    ['autres', f.tauxAutres6Mois],
  ];
  return all.filter(([, v]) => v === null).map(([k]) => k);
}

const PROVENANCES = ['gestionnaire', 'formateur', 'lieu_formation', 'inconnu'] as const;

/**
 * An establishment's figures measured at another UAI: `uai_donnee_type` differs from `uai_type`
 * (the rule by which the API adds its `_meta.messages` sentence, server/src/common/stats.js).
 */
export function toProvenance(raw: AnyStatsRaw): Provenance | undefined {
  const r = raw as Record<string, unknown>;
  const uai = r.uai;
  const type = r.uai_donnee_type;
  if (typeof uai !== 'string' || typeof type !== 'string' || type === r.uai_type) return undefined;
  const known = PROVENANCES.find((p) => p === type) ?? 'inconnu';
  const donnee = typeof r.uai_donnee === 'string' && r.uai_donnee !== uai ? r.uai_donnee : undefined;
  return { type: known, ...(donnee ? { uai: donnee } : {}) };
}

/**
 * One statistics object → one cell. Under the secrecy threshold it is `secret`, never 0 %. With no
 * cohort and no rate (a stored row with nothing computable, a common 2de summed by the filières
 * view) it has no figures: not an error.
 */
export function toCell(raw: AnyStatsRaw): Cell {
  const nb = raw.nb_annee_term;
  if ((nb === undefined || nb === null) && !hasAnyRate(raw)) return { state: 'none', reason: 'pas-de-donnees' };
  if (isCount(nb) && nb < SECRECY_THRESHOLD) {
    const messages = raw._meta?.messages?.filter((m) => m.trim() !== '') ?? [];
    return {
      state: 'secret',
      ...(raw.millesime ? { millesime: raw.millesime } : {}),
      nbAnneeTerm: nb,
      ...(messages.length ? { message: messages.join(' ') } : {}),
    };
  }
  const figures = toFigures(raw);
  if (isProblem(figures)) {
    return { state: 'error', error: 'invalid-response', message: `Réponse inattendue de l'API : ${figures.problem}` };
  }
  // A cohort and not one rate to show: nothing to read either.
  if (!hasAnyRate(raw)) return { state: 'none', reason: 'pas-de-donnees' };
  const donneeSource = toDonneeSource(raw);
  const provenance = toProvenance(raw);
  return {
    state: 'figures',
    figures,
    ...(donneeSource ? { donneeSource } : {}),
    ...(provenance ? { provenance } : {}),
    sansPerspectives: isSansPerspectives(figures),
  };
}
