// An establishment page lists programmes in rows: its panel gathers what the rows found, and a row
// opened in it is completed with every scope (a row's badge asked only a few).
import type { Depth } from '../build-report';
import { withRowProgrammes } from '../merge-reports';
import type { Report, SightingData } from '../types';
import type { Mounted, PageMounts } from './page-mounts';

export interface RowCompleter {
  /** An establishment panel's row was opened (by programme key): ask what it lacks, once. */
  completeRow(programmeKey: string): void;
  /** An establishment's report with the programmes its page's rows found, completed ones in full. */
  withRows(report: Report): Report;
  /** A row's answer came: the establishment panels of the page show it. */
  rowAnswered(report: Report, depth: Depth): void;
}

export interface RowCompleterDeps {
  /** Asks the background (see ask-background.ts). */
  ask(data: SightingData, depth: Depth, force: boolean): Promise<Report>;
  /** Loads a row's panel-depth report into its own badge (see mount-anchors.ts). */
  reloadFull(row: Mounted): void;
}

export function completeRows(signal: AbortSignal, mounts: PageMounts, deps: RowCompleterDeps): RowCompleter {
  const withRows = (report: Report): Report => {
    const rows = [...mounts.byAnchor.values()].flatMap((m) => (m.page === 'liste-item' && m.report ? [m.report] : []));
    return withRowProgrammes(report, rows, mounts.completed);
  };

  const refreshEtablissements = () => {
    for (const m of mounts.byAnchor.values()) {
      if (m.page === 'etablissement' && m.report && m.handle) m.handle.set({ status: 'ready', report: withRows(m.report) });
    }
  };

  const completeRow = (programmeKey: string) => {
    if (mounts.completed.has(programmeKey)) return;
    for (const m of mounts.byAnchor.values()) {
      if (m.page !== 'liste-item' || !m.report?.programmes.some((p) => p.key === programmeKey)) continue;
      if (m.depth === 'badge') deps.reloadFull(m);
      return;
    }
    // A programme the establishment's own report listed (from the referentiel): ask for it alone.
    for (const m of mounts.byAnchor.values()) {
      const p = m.page === 'etablissement' ? m.report?.programmes.find((x) => x.key === programmeKey) : undefined;
      const uai = p?.etablissement?.uai;
      if (!p || !uai || !m.report) continue;
      const ids = { uai, ...(p.mefstat11 ? { mefstat11: p.mefstat11 } : {}), ...(p.cfd ? { cfd: p.cfd } : {}) };
      const sighting: SightingData = { site: m.report.sighting.site, page: 'action', ids, label: p.libelle };
      void deps
        .ask(sighting, 'panel', false)
        .then((r) => {
          const full = r.programmes.find((x) => x.key === programmeKey);
          if (full && !signal.aborted) {
            mounts.completed.set(programmeKey, full);
            refreshEtablissements();
          }
        })
        .catch(() => undefined);
      return;
    }
  };

  // Rows answer one by one, several within a frame on a long list: the establishment panel, which lists
  // them all, is drawn again once per frame, not once per row.
  let refreshQueued = false;
  const refreshSoon = () => {
    if (refreshQueued) return;
    refreshQueued = true;
    const run = () => {
      refreshQueued = false;
      if (!signal.aborted) refreshEtablissements();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else setTimeout(run, 0);
  };

  const rowAnswered = (report: Report, depth: Depth) => {
    // A row's full report completes the same programme wherever the establishment panel lists it.
    if (depth === 'panel') for (const p of report.programmes) mounts.completed.set(p.key, p);
    refreshSoon();
  };

  return { completeRow, withRows, rowAnswered };
}
