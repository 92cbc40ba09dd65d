// Puts a panel or a badge on each claimed anchor and fills it with the background's answer.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Depth } from '../build-report';
import type { PageUi } from '../draw-page-ui';
import type { PageState } from '../page-state';
import { sightingKey } from '../sites/key';
import type { Report, SightingData } from '../types';
import type { RowCompleter } from './complete-rows';
import { clearPageUi, loadPageUi } from './load-page-ui';
import type { Mounted, PageMounts } from './page-mounts';
import type { NearScreen } from './watch-near-screen';

export interface AnchorMounter {
  /** Draws the panel or badge of an anchor `mounts` has just claimed, and asks its report. */
  show(anchor: Element, entry: Mounted): void;
  /** Asks a mounted entry's report again (`force` skips the background's cache). */
  load(entry: Mounted, force: boolean, depth?: Depth): Promise<void>;
}

export interface AnchorMounterDeps {
  /** Read once per page (lib/page-state.ts). */
  state: Promise<PageState>;
  ask(data: SightingData, depth: Depth, force: boolean): Promise<Report>;
  rows: RowCompleter;
  /** A list row is asked only once it comes near the screen (see watch-near-screen.ts). */
  near: NearScreen;
}

/** Everything it drew is removed when `signal` aborts. */
export function mountAnchors(ctx: ContentScriptContext, signal: AbortSignal, mounts: PageMounts, deps: AnchorMounterDeps): AnchorMounter {
  const { state, ask, rows, near } = deps;

  signal.addEventListener(
    'abort',
    () => {
      for (const m of mounts.byAnchor.values()) m.handle?.remove();
      mounts.byAnchor.clear();
      clearPageUi();
    },
    { once: true },
  );

  /** Shows an answer, and lets the establishment panel of the page know what its rows found. */
  const apply = (entry: Mounted, report: Report, depth: Depth) => {
    if (signal.aborted || !entry.handle) return;
    entry.report = report;
    entry.depth = depth;
    if (entry.page === 'etablissement') entry.handle.set({ status: 'ready', report: rows.withRows(report) });
    else entry.handle.set({ status: 'ready', report });
    if (entry.page === 'liste-item') rows.rowAnswered(report, depth);
  };

  const load = async (entry: Mounted, force: boolean, depth: Depth = entry.page === 'liste-item' ? 'badge' : 'panel') => {
    const handle = entry.handle;
    if (!handle) return;
    // Completing a badge's report keeps the figures shown meanwhile; a first load or a retry shows progress.
    if (force || !entry.report) handle.set({ status: 'loading' });
    let report: Report;
    try {
      report = await ask(entry.data, depth, force);
    } catch {
      // The background cannot be reached (the extension was updated or reloaded under the page).
      if (!signal.aborted) handle.unreachable();
      return;
    }
    apply(entry, report, depth);
  };

  /** A badge opened: its full panel, floating, with every scope (the badge asked only a few). */
  const openFull = async (ui: PageUi, data: SightingData) => {
    const entry: Mounted = { key: sightingKey(data), data, page: data.page };
    entry.handle = ui.openFloating({ sighting: data, retry: () => void load(entry, true, 'panel') });
    await load(entry, false, 'panel');
  };

  const show = async (anchor: Element, entry: Mounted) => {
    const data = entry.data;
    const badge = data.page === 'liste-item';
    // Badges turned off in the options: nothing is asked for the rows.
    if (badge && !(await state).settings.display.showBadges) return;
    // A row is drawn and asked only once it comes near the screen: a list of 300 rows would otherwise
    // ask for all of them at once.
    if (badge) {
      await new Promise<void>((resolve) => (entry.unwatch = near.watch(anchor, resolve)));
      if (signal.aborted || mounts.byAnchor.get(anchor) !== entry) return;
    }
    // The question goes to the background at once, the UI module is loaded meanwhile (the session itself
    // started after the page's own load: lib/watch-page-url.ts).
    const depth: Depth = badge ? 'badge' : 'panel';
    const answer = ask(data, depth, false).then(
      (report) => ({ report }),
      () => ({ report: undefined }),
    );
    let ui: PageUi;
    try {
      ui = await loadPageUi(ctx, state);
    } catch {
      return;
    }
    if (signal.aborted || mounts.byAnchor.get(anchor) !== entry) return;
    const handle = ui.mount({
      anchor,
      badge,
      sighting: data,
      retry: () => void load(entry, true),
      closed: () => {
        mounts.closedKeys.add(entry.key);
        mounts.byAnchor.delete(anchor);
      },
      ...(badge ? { open: () => void openFull(ui, data) } : {}),
      ...(data.page === 'etablissement' ? { expand: (key: string) => rows.completeRow(key) } : {}),
    });
    if (signal.aborted || mounts.byAnchor.get(anchor) !== entry) {
      handle.remove();
      return;
    }
    entry.handle = handle;
    const { report } = await answer;
    if (report) apply(entry, report, depth);
    else if (!signal.aborted) handle.unreachable();
  };

  return { show: (anchor, entry) => void show(anchor, entry), load };
}
