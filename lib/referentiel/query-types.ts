// What the referentiel answers: the shapes its lookups return, and the Referentiel interface itself.
// Pure types, shared by the background, the CLI and the tests.
import type { EtablissementInfo, Lieu } from '../types';
import type { SourceInfo } from './format';

/** A final-year MEF that may carry the figures of a (CFD, length). */
export interface MefCandidate {
  mef10: string;
  mefstat11: string;
  cfd: string;
  duree: number;
  /** Still open at the lookup's date. */
  open: boolean;
}

/**
 * Where the length that chose a final year came from: the page (or the caller), Onisep's Idéo data
 * (a formation's `duree`, an action's `af_duree_cycle_standard`), or the diploma's standard length
 * when nothing said it (OPEN_DATA.md step 6).
 */
export type LengthSource = 'page' | 'onisep' | 'standard';

/** A length and where it came from. A bare number is a length the page gave. */
export interface LengthHint {
  duree: number;
  source: 'page' | 'onisep';
}

/** Why a programme or a CFD does not lead to exactly one final year. */
export type AmbiguityReason =
  /** No CFD is known for the programme. */
  | 'sans-cfd'
  /** N_MEF has no final-year row for its CFD (apprenticeship-only, or not yet opened). */
  | 'sans-derniere-annee'
  /** Several diplomas (CFDs) the BCN does not link as old and new (options, specialties). */
  | 'plusieurs-diplomes'
  /** Several final-year codes of the same length remain (BT, several dispositifs). */
  | 'plusieurs-codes'
  /** Several lengths remain: no length known, and none standard for this diploma (or it does not exist). */
  | 'plusieurs-durees';

export interface FinalYear {
  cfd: string;
  /**
   * Distinct final-year MEFSTAT11 codes, the one users mean first. When the length was assumed, the
   * codes of the other lengths follow, for an establishment's own answers to settle it.
   */
  mefstat11: string[];
  candidates: MefCandidate[];
  /** Several MEFSTAT11 remain after the selection rules: all are returned, none is guessed. */
  ambiguous: boolean;
  /** Set when ambiguous: why. */
  reason?: AmbiguityReason;
  /** The asked length matched no row and the rule for famille de métiers bac pro (or any final year) was used. */
  lengthFallback: boolean;
  /** The length of the first code, when one length chose it. */
  duree?: number;
  /** Where that length came from. `standard`: the page did not say it, the figures are for the usual length. */
  dureeSource?: LengthSource;
}

export interface ProgrammeInfo {
  /** `FOR.<n>` */
  for: string;
  libelle: string;
  /** Its diplomas. A diploma the BCN says another of them replaces is left out (see `replaced`). */
  cfd: string[];
  /** Diplomas of this programme replaced by another of its diplomas (OPEN_DATA.md step 7). */
  replaced: string[];
  /** Lengths in years Onisep's Idéo data gives (the formation's, else its actions'); empty when unknown. */
  durees: number[];
  /** The length Onisep gives when it gives exactly one. */
  duree?: number;
  rncp: string[];
}

export interface ActionInfo {
  af: string;
  for?: string;
  uai?: string;
  ens?: string;
  duree?: number;
}

export interface FamilleInfo {
  /** BCN group code (`G0003`) when known. */
  code?: string;
  libelle: string;
  cfd: string;
  mefstat11: string;
  specialites: { cfd: string; mefstat11: string; libelle: string }[];
}

export interface FormationInfo {
  cfd: string;
  libelle: string;
  /** Diploma level from the CFD's first three characters, e.g. `{code: '400', nom: 'BAC PRO'}` (a Lieu, as ProgrammeReport.diplome). */
  diplome?: Lieu;
  /** Closing date `YYYY-MM-DD`, absent when open-ended. */
  fermeture?: string;
  /** Diplomas this one replaces (ANCIEN_DIPLOME_n) and that replace it (NOUVEAU_DIPLOME_n). */
  ancien: string[];
  nouveau: string[];
}

export interface EntryYear {
  /** The code asked about. */
  code: string;
  cfd: string;
  /** The final year of the same CFD and dispositif (absent for a common 2de: see `famille`). */
  final?: { mef10: string; mefstat11: string; duree: number };
  famille?: FamilleInfo;
}

export type InputKind = 'FOR' | 'AF' | 'ENS' | 'UAI' | 'CFD' | 'MEF10' | 'MEFSTAT11' | 'RNCP' | 'GTA' | 'inconnu';

/** One line of `referentiel resolve`. */
export interface ResolvedInput {
  input: string;
  kind: InputKind;
  cfd: string[];
  /** Final-year codes, the one users mean first. */
  mefstat11: string[];
  ambiguous: boolean;
  /** Why there is not exactly one final year (set when ambiguous, or when a programme reaches none). */
  reason?: AmbiguityReason;
  libelle?: string;
  /** The length the first final year is for. */
  duree?: number;
  /** Where that length came from; `standard` means it was assumed (the input did not give it). */
  dureeSource?: LengthSource;
  /** Diplomas of the programme left out because another of its diplomas replaces them. */
  replaced?: string[];
  for?: string;
  uai?: string;
  region?: Lieu;
  famille?: FamilleInfo;
  error?: string;
}

export interface SearchHit {
  /** `FOR.<n>` when the hit is an Onisep programme. */
  for?: string;
  cfd: string[];
  libelle: string;
  score: number;
}

export interface ReferentielOptions {
  /** Reference date for "still open" (defaults to now). */
  now?: Date;
}

export interface Referentiel {
  readonly version: number;
  readonly builtAt: string;
  readonly sources: SourceInfo[];
  readonly missing: string[];
  /** Row counts per table. */
  counts(): Record<string, number>;
  /** Every CFD with a final-year N_MEF row, every FOR id, every RNCP code the index knows (for stats). */
  keys(): { cfds: string[]; fors: string[]; rncps: string[] };
  /** FOR id (`FOR.3651` or `3651`) → CFDs, lengths and label. */
  programme(forId: string): ProgrammeInfo | undefined;
  /** CFD → the Onisep programme that leads to it (its readable label), when one does. */
  programmeOfCfd(cfd: string): ProgrammeInfo | undefined;
  /** AF id → FOR, UAI, ENS and length. */
  action(afId: string): ActionInfo | undefined;
  /** UAI → the Onisep actions (programmes taught there), from the Idéo actions export. */
  actionsAt(uai: string): ActionInfo[];
  /** ENS id → UAI. */
  ensUai(ensId: string): string | undefined;
  /** Parcoursup g_ta_cod → UAI and label. */
  gta(gta: string | number): { uai: string; libelle: string } | undefined;
  /** RNCP code (`RNCP39133` or `39133`) → CFDs. */
  rncpCfds(rncp: string): string[];
  /**
   * (CFD, length?) → final-year MEFSTAT11 candidates, by the rules of OPEN_DATA.md. A number is a
   * length the page gave; without a length, the diploma's standard length chooses (flagged `standard`).
   */
  finalYear(cfd: string, length?: number | LengthHint): FinalYear;
  /** Entry-year (or any year) MEF10 or MEFSTAT11 → final year of the same CFD and dispositif. */
  entryYear(code: string): EntryYear | undefined;
  /** Common 2de CFD or MEFSTAT11 → its famille de métiers. */
  famille(code: string): FamilleInfo | undefined;
  /** CFD → label, diploma level, ANCIEN/NOUVEAU links. */
  formation(cfd: string): FormationInfo | undefined;
  /**
   * CFD → the diploma level its first three characters name (`{ code: '400', nom: 'BAC PRO' }`), when the
   * index knows the level: read without the formation table, which a panel's lookup does not otherwise need.
   */
  diplome(cfd: string): Lieu | undefined;
  /** UAI → département, académie, région (Corsica's 620/720 → 02A/02B). Undefined for an invalid UAI. */
  geo(uai: string): Pick<EtablissementInfo, 'departement' | 'academie' | 'region'> | undefined;
  /** UAI → name, place and DEPP valeur ajoutée. Undefined for an invalid UAI. */
  etablissement(uai: string): EtablissementInfo | undefined;
  /** Words or an Onisep slug → programmes, best first (accent- and case-insensitive). */
  search(text: string, limit?: number): SearchHit[];
  /**
   * A page's own title for a programme (`BTS - Services - Opticien lunetier`) → the one programme whose
   * every significant word the title contains, or undefined when none or several fit equally well.
   */
  matchLabel(text: string): SearchHit | undefined;
  /** Any identifier (FOR.n, AF.n, ENS.n, UAI, CFD, MEF10, MEFSTAT11, RNCP…, gta:…), optional `+<length>`. */
  resolveInput(text: string, duree?: number): ResolvedInput;
}
