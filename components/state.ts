// The UI's shared state shapes, its signals factory and the pure derivations the components rely on.
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { isCfd, isMef10, isMefstat11, isOnisepId, isRncp, isValidUai } from '../lib/codes';
import { parseApiUrl } from '../lib/api-url';
import { voiesShown } from '../lib/csv-export';
import { regions } from '../lib/strings';
import type { Settings } from '../lib/settings';
import type { Cell, ErrorReason, Figures, NoFiguresReason, ProgrammeReport, Report, Scope, Voie } from '../lib/types';

/** What the panel shows: a lookup in progress, its answer, or a failure of the lookup itself. */
export type PanelState = { status: 'loading' } | { status: 'ready'; report: Report } | { status: 'failed'; message: string };

/** What a list-row badge shows. */
export type BadgeState =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'figures'; scope: Scope; voie: Voie; emploi: number | null; formation: number | null; sansPerspectives: boolean }
  | { status: 'secret'; nbAnneeTerm?: number | null }
  | { status: 'none'; reason: NoFiguresReason | 'aucune-formation' }
  | { status: 'error'; error: ErrorReason };

/** One data source credited in the panel and on the options page (as the background describes it). */
export type { SourceInfo } from '../lib/messaging';

export const SCOPES: readonly Scope[] = ['etablissement', 'region', 'france'];
export const VOIES: readonly Voie[] = ['scolaire', 'apprentissage'];

export type FiguresCell = Extract<Cell, { state: 'figures' }>;

export interface Headline {
  scope: Scope;
  voie: Voie;
  cell: FiguresCell;
}

/** The most local cell with figures: establishment first, then region, then France (the ministry's own fallback). */
export function headline(programme: ProgrammeReport): Headline | null {
  for (const scope of SCOPES) {
    for (const voie of VOIES) {
      const cell = programme.cells[scope][voie];
      if (cell.state === 'figures') return { scope, voie, cell };
    }
  }
  return null;
}

/** The voies worth a column: shared with the CSV export so both show the same. */
export const voiesPresent = voiesShown;

/** Establishment minus region, in points, for employment and further study; null unless both have figures. */
export function deltaVsRegion(programme: ProgrammeReport, voie: Voie): { emploi: number; formation: number } | null {
  const here = programme.cells.etablissement[voie];
  const region = programme.cells.region[voie];
  if (here.state !== 'figures' || region.state !== 'figures') return null;
  const [e1, e2, f1, f2] = [here.figures.tauxEnEmploi6Mois, region.figures.tauxEnEmploi6Mois, here.figures.tauxEnFormation, region.figures.tauxEnFormation];
  if (e1 === null || e2 === null || f1 === null || f2 === null) return null;
  return { emploi: e1 - e2, formation: f1 - f2 };
}

/** All cells in display order, for lists such as cohort sizes. */
export function eachCell(programme: ProgrammeReport): { scope: Scope; voie: Voie; cell: Cell }[] {
  return SCOPES.flatMap((scope) => VOIES.map((voie) => ({ scope, voie, cell: programme.cells[scope][voie] })));
}

/** The badge for a list row, from the lookup's answer. */
export function badgeStateFromReport(report: Report): BadgeState {
  if (report.problem) return { status: 'none', reason: 'hors-referentiel' };
  const programme = report.programmes[0];
  if (!programme) return { status: 'none', reason: 'aucune-formation' };
  return badgeStateFromProgramme(programme);
}

/** The short status of one programme: its best figures, or why there are none. */
export function badgeStateFromProgramme(programme: ProgrammeReport): BadgeState {
  const best = headline(programme);
  if (best) {
    const f: Figures = best.cell.figures;
    return {
      status: 'figures',
      scope: best.scope,
      voie: best.voie,
      emploi: f.tauxEnEmploi6Mois,
      formation: f.tauxEnFormation,
      sansPerspectives: best.cell.sansPerspectives,
    };
  }
  const cells = eachCell(programme).map((c) => c.cell);
  // A badge's report leaves some scopes unasked (loading): what was answered decides first.
  const secret = cells.find((c) => c.state === 'secret');
  if (secret?.state === 'secret') return { status: 'secret', nbAnneeTerm: secret.nbAnneeTerm };
  const error = cells.find((c) => c.state === 'error');
  if (error?.state === 'error') return { status: 'error', error: error.error };
  const none = cells.find((c) => c.state === 'none' && c.reason !== 'voie-absente');
  if (none?.state === 'none') return { status: 'none', reason: none.reason };
  if (cells.some((c) => c.state === 'loading')) return { status: 'loading' };
  return { status: 'none', reason: 'voie-absente' };
}

/** The badge for a lookup that may still be running or may have failed (a BadgeState passes through). */
export function badgeStateFromPanel(state: PanelState | BadgeState): BadgeState {
  if (state.status === 'loading') return { status: 'loading' };
  if (state.status === 'failed') return { status: 'failed' };
  if (state.status === 'ready') return badgeStateFromReport(state.report);
  return state;
}

// ------------------------------------------------------------------ popup search

export type SearchKind = 'uai' | 'for' | 'cfd' | 'mefstat11' | 'mef10' | 'rncp' | 'texte';
export interface SearchQuery {
  kind: SearchKind;
  /** Normalised: upper case for codes, RNCP without its prefix, trimmed words for text. */
  value: string;
}

/** Names what the user typed; null when it is neither a code nor at least 3 letters. */
export function classifySearch(input: string): SearchQuery | null {
  const raw = input.trim();
  const code = raw.toUpperCase().replace(/\s+/g, '');
  if (isValidUai(code)) return { kind: 'uai', value: code };
  if (isOnisepId('FOR', code)) return { kind: 'for', value: code };
  if (/^RNCP/.test(code) && isRncp(code)) return { kind: 'rncp', value: code.slice(4) };
  if (isCfd(code) && /[0-9]/.test(code)) return { kind: 'cfd', value: code };
  if (isMefstat11(code) && /[0-9]/.test(code)) return { kind: 'mefstat11', value: code };
  if (isMef10(code)) return { kind: 'mef10', value: code };
  if (/^[0-9]{1,6}$/.test(code)) return { kind: 'rncp', value: code };
  const words = raw.replace(/\s+/g, ' ');
  if (words.replace(/[^\p{L}]/gu, '').length >= 3) return { kind: 'texte', value: words };
  return null;
}

export interface SearchResult {
  /** Stable id the caller understands (e.g. a programme key or a code). */
  id: string;
  libelle: string;
  /** A second line: diploma, establishment, town… */
  detail?: string;
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: SearchQuery }
  | { status: 'done'; query: SearchQuery; results: SearchResult[] }
  | { status: 'failed'; query: SearchQuery; message?: string };

// ------------------------------------------------------------------ options

/** The options form's values: the stored settings (lib/settings.ts) plus the API key, kept apart there. */
export type OptionsValues = Settings & { apiKey: string };
export type PanelPosition = Settings['display']['position'];

export type OptionsErrors = Partial<Record<'apiUrl' | 'apiKey' | 'preferredRegion' | 'cacheDays', true>>;

/** Which fields are wrong; an empty object means the values can be saved. */
export function validateOptions(values: OptionsValues): OptionsErrors {
  const errors: OptionsErrors = {};
  if (!parseApiUrl(values.apiUrl)) errors.apiUrl = true;
  if (values.apiKey !== '' && !/^[\x21-\x7e]+$/.test(values.apiKey)) errors.apiKey = true;
  if (values.preferredRegion !== '' && !regions.some((r) => r.code === values.preferredRegion)) errors.preferredRegion = true;
  if (!Number.isInteger(values.cacheDays) || values.cacheDays < 1 || values.cacheDays > 90) errors.cacheDays = true;
  return errors;
}

// ------------------------------------------------------------------ signals

/** The in-page panel's state, created once per mounted panel by the content script. */
export interface PanelModel {
  state: Signal<PanelState>;
  collapsed: Signal<boolean>;
  closed: Signal<boolean>;
  badge: ReadonlySignal<BadgeState>;
}

export function createPanelModel(initial: PanelState = { status: 'loading' }, startCollapsed = false): PanelModel {
  const state = signal<PanelState>(initial);
  return {
    state,
    collapsed: signal(startCollapsed),
    closed: signal(false),
    badge: computed(() => badgeStateFromPanel(state.value)),
  };
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** The diploma tag to show before a label, unless the label already starts with it ("bac pro …"). */
export function diplomaTag(programme: ProgrammeReport): string | undefined {
  const nom = programme.diplome?.nom;
  if (!nom) return undefined;
  return fold(programme.libelle).startsWith(fold(nom)) ? undefined : nom;
}
