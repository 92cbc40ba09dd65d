// What a panel or a badge shows, and the pure derivations of a report the components rely on.
import { voiesShown } from '../lib/csv-export';
import { SCOPES, VOIES, type Cell, type ErrorReason, type Figures, type NoFiguresReason, type ProgrammeReport, type Report, type Scope, type Voie } from '../lib/types';

/** What the panel shows: a lookup in progress, its answer, or a failure of the lookup itself. */
export type PanelState = { status: 'loading' } | { status: 'ready'; report: Report } | { status: 'failed'; message: string };

/** What a list-row badge shows. */
export type BadgeState =
  | { status: 'loading' }
  | { status: 'failed' }
  | {
      status: 'figures';
      scope: Scope;
      voie: Voie;
      emploi: number | null;
      formation: number | null;
      sansPerspectives: boolean;
      /** The establishment's own figures are withheld (under 5 students): these are the fallback's. */
      secretIci?: boolean;
    }
  | { status: 'secret'; nbAnneeTerm?: number | null }
  | { status: 'none'; reason: NoFiguresReason | 'aucune-formation' }
  | { status: 'error'; error: ErrorReason };

export type FiguresCell = Extract<Cell, { state: 'figures' }>;

export interface Headline {
  scope: Scope;
  voie: Voie;
  cell: FiguresCell;
}

/**
 * The most local cell with figures: establishment first, then region, then France (the ministry's own
 * fallback); within a scope, the route the page names first (an `apprentissage` row).
 */
export function headline(programme: ProgrammeReport): Headline | null {
  const voies = programme.voie ? [programme.voie, ...VOIES.filter((v) => v !== programme.voie)] : VOIES;
  for (const scope of SCOPES) {
    for (const voie of voies) {
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
    const secretIci = best.scope !== 'etablissement' && programme.cells.etablissement[best.voie].state === 'secret';
    return {
      status: 'figures',
      scope: best.scope,
      voie: best.voie,
      emploi: f.tauxEnEmploi6Mois,
      formation: f.tauxEnFormation,
      sansPerspectives: best.cell.sansPerspectives,
      ...(secretIci ? { secretIci } : {}),
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

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** The diploma tag to show before a label, unless the label already starts with it ("bac pro …"). */
export function diplomaTag(programme: ProgrammeReport): string | undefined {
  const nom = programme.diplome?.nom;
  if (!nom) return undefined;
  return fold(programme.libelle).startsWith(fold(nom)) ? undefined : nom;
}
