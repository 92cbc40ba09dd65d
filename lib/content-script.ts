// The work on a page a site's content script recognised: read the page, ask the background, hand the
// answers to the in-page UI. Loaded on demand by lib/content-watch.ts (a page that does not match
// never loads it); the UI itself (Preact, components, CSS) loads later still, once the page has.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { messaging } from './messaging';
import type { PageUi, PageUiFactory, UiHandle } from './draw-page-ui';
import { sightingKey } from './sites/key';
import type { SiteAdapter } from './sites/adapter-types';
import { importFromExtension, mark, PAGE_UI_GLOBAL } from './lazy-module';
import type { Depth } from './build-report';
import { withRowProgrammes } from './merge-reports';
import { DEFAULT_SETTINGS, getSettings, type Settings } from './settings';
import type { ProgrammeReport, Report, Sighting, SightingData } from './types';

const DEBOUNCE_MS = 200;

function toData(s: Sighting): SightingData {
  const { anchor: _anchor, ...data } = s;
  return data;
}

let uiPromise: Promise<PageUi> | undefined;

/** The page's own load goes first: the UI is loaded and drawn once it is done (or after a short wait). */
const LOAD_WAIT_MAX_MS = 3000;
function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, LOAD_WAIT_MAX_MS);
    window.addEventListener('load', done, { once: true });
  });
}

/** Loads the UI module (a web-accessible script of this extension) into this content script's world. */
function loadUi(ctx: ContentScriptContext, settings: Promise<Settings>): Promise<PageUi> {
  uiPromise ??= (async () => {
    mark('ui');
    const factory = await importFromExtension<PageUiFactory>('page-ui.js', PAGE_UI_GLOBAL);
    return factory(ctx, await settings);
  })();
  return uiPromise;
}

/** What the watcher holds of a running page session. */
export interface PageSessionHandle {
  stop(): void;
}

/** Starts the work on a page the adapter recognised (called by lib/content-watch.ts). */
export function startPageSession(ctx: ContentScriptContext, adapter: SiteAdapter): PageSessionHandle {
  return new PageSession(ctx, adapter);
}

interface Mounted {
  key: string;
  data: SightingData;
  page: SightingData['page'];
  handle?: UiHandle;
  report?: Report;
  /** How much the report holds (a badge's asks fewer scopes). */
  depth?: Depth;
}

/** Everything the script does on one matching page; stopped when the page stops matching. */
class PageSession {
  private mounted = new Map<Element, Mounted>();
  private closedKeys = new Set<string>();
  /** Establishment programmes completed when their row was opened, by programme key. */
  private completed = new Map<string, ProgrammeReport>();
  private observer: MutationObserver | null = null;
  private settings: Promise<Settings> = getSettings().catch(() => DEFAULT_SETTINGS);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private ctx: ContentScriptContext,
    private adapter: SiteAdapter,
  ) {
    this.scan();
    if (document.body) {
      mark('observe');
      this.observer = new MutationObserver((records) => {
        // Our own shadow hosts coming and going must not wake us up.
        const ours = (n: Node) => n.nodeName.startsWith('INSERJEUNES-');
        if (records.every((r) => [...r.addedNodes, ...r.removedNodes].every(ours))) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.scan(), DEBOUNCE_MS);
      });
      this.observer.observe(document.body, { childList: true, subtree: true });
    }
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    clearTimeout(this.timer);
    for (const m of this.mounted.values()) m.handle?.remove();
    this.mounted.clear();
    void uiPromise?.then((ui) => ui.clear()).catch(() => undefined);
  }

  private scan(): void {
    if (this.stopped) return;
    let sightings: Sighting[];
    try {
      mark('extract-start');
      sightings = this.adapter.extract(document, new URL(location.href));
      mark('extract-end');
    } catch {
      return; // a broken page never breaks: there is simply nothing to show
    }
    for (const [anchor, m] of this.mounted) {
      if (!anchor.isConnected) {
        m.handle?.remove();
        this.mounted.delete(anchor);
      }
    }
    for (const s of sightings) {
      const anchor = s.anchor;
      if (!anchor?.isConnected) continue;
      const data = toData(s);
      const key = sightingKey(data);
      if (this.closedKeys.has(key) || this.mounted.get(anchor)?.key === key) continue;
      this.mounted.get(anchor)?.handle?.remove();
      const entry: Mounted = { key, data, page: data.page };
      this.mounted.set(anchor, entry); // claimed now: a scan during the async mount will not mount twice
      void this.show(anchor, data, entry);
    }
  }

  private async show(anchor: Element, data: SightingData, entry: Mounted): Promise<void> {
    const badge = data.page === 'liste-item';
    // Badges turned off in the options: nothing is asked for the rows.
    if (badge && !(await this.settings).display.showBadges) return;
    // The question goes to the background at once; the UI waits for the page's own load (below).
    const depth: Depth = badge ? 'badge' : 'panel';
    const answer = this.ask(data, false, depth).then(
      (report) => ({ report }),
      () => ({ report: undefined }),
    );
    let ui: PageUi;
    try {
      await pageLoaded();
      ui = await loadUi(this.ctx, this.settings);
    } catch {
      return;
    }
    if (this.stopped || this.mounted.get(anchor) !== entry) return;
    const handle = await ui.mount({
      anchor,
      badge,
      sighting: data,
      retry: () => void this.load(entry, true),
      closed: () => {
        this.closedKeys.add(entry.key);
        this.mounted.delete(anchor);
      },
      ...(badge ? { open: () => void this.openFull(ui, data) } : {}),
      ...(data.page === 'etablissement' ? { expand: (key: string) => this.completeRow(key) } : {}),
    });
    if (this.stopped || this.mounted.get(anchor) !== entry) {
      handle.remove();
      return;
    }
    entry.handle = handle;
    const { report } = await answer;
    if (report) this.apply(entry, report, depth);
    else if (!this.stopped) handle.unreachable();
  }

  /** An establishment panel's row opened: it holds only what a badge needs, the rest is asked now. */
  private completeRow(programmeKey: string): void {
    if (this.completed.has(programmeKey)) return;
    for (const m of this.mounted.values()) {
      if (m.page !== 'liste-item' || !m.report?.programmes.some((p) => p.key === programmeKey)) continue;
      if (m.depth === 'badge') void this.load(m, false, 'panel');
      return;
    }
    // A programme the establishment's own report listed (from the referentiel): ask for it alone.
    for (const m of this.mounted.values()) {
      const p = m.page === 'etablissement' ? m.report?.programmes.find((x) => x.key === programmeKey) : undefined;
      const uai = p?.etablissement?.uai;
      if (!p || !uai || !m.report) continue;
      const ids = { uai, ...(p.mefstat11 ? { mefstat11: p.mefstat11 } : {}), ...(p.cfd ? { cfd: p.cfd } : {}) };
      const sighting: SightingData = { site: m.report.sighting.site, page: 'action', ids, label: p.libelle };
      void this.ask(sighting, false, 'panel')
        .then((r) => {
          const full = r.programmes.find((x) => x.key === programmeKey);
          if (full && !this.stopped) {
            this.completed.set(programmeKey, full);
            this.refreshEtablissements();
          }
        })
        .catch(() => undefined);
      return;
    }
  }

  /** A badge opened: its full panel, floating, with every scope (the badge asked only a few). */
  private async openFull(ui: PageUi, data: SightingData): Promise<void> {
    const entry: Mounted = { key: sightingKey(data), data, page: data.page };
    entry.handle = await ui.openFloating({ sighting: data, retry: () => void this.load(entry, true, 'panel') });
    await this.load(entry, false, 'panel');
  }

  private async load(entry: Mounted, force: boolean, depth: Depth = entry.page === 'liste-item' ? 'badge' : 'panel'): Promise<void> {
    const handle = entry.handle;
    if (!handle) return;
    // Completing a badge's report keeps the figures shown meanwhile; a first load or a retry shows progress.
    if (force || !entry.report) handle.set({ status: 'loading' });
    let report: Report;
    try {
      report = await this.ask(entry.data, force, depth);
    } catch {
      // The background cannot be reached (the extension was updated or reloaded under the page).
      if (!this.stopped) handle.unreachable();
      return;
    }
    this.apply(entry, report, depth);
  }

  /** Shows an answer, and lets the establishment panel of the page know what its rows found. */
  private apply(entry: Mounted, report: Report, depth: Depth): void {
    if (this.stopped || !entry.handle) return;
    entry.report = report;
    entry.depth = depth;
    if (entry.page === 'etablissement') entry.handle.set({ status: 'ready', report: this.withRows(report) });
    else entry.handle.set({ status: 'ready', report });
    if (entry.page === 'liste-item') {
      // A row's full report completes the same programme wherever the establishment panel lists it.
      if (depth === 'panel') for (const p of report.programmes) this.completed.set(p.key, p);
      this.refreshEtablissements();
    }
  }

  /**
   * One lookup; asked once more when the answer is lost on the way (the browser stopped the service
   * worker while it worked: the next message wakes it up again).
   */
  private async ask(data: SightingData, force: boolean, depth: Depth): Promise<Report> {
    const send = () => {
      mark('message');
      return messaging.sendMessage('lookup', { sighting: data, depth, ...(force ? { force } : {}) });
    };
    try {
      return await send();
    } catch {
      if (this.stopped) throw new Error('stopped');
      await new Promise((resolve) => setTimeout(resolve, 250));
      return send();
    }
  }

  /** An establishment panel also lists the programmes its page's rows found, completed ones in full. */
  private withRows(report: Report): Report {
    const rows = [...this.mounted.values()].flatMap((m) => (m.page === 'liste-item' && m.report ? [m.report] : []));
    return withRowProgrammes(report, rows, this.completed);
  }

  private refreshEtablissements(): void {
    for (const m of this.mounted.values()) {
      if (m.page === 'etablissement' && m.report && m.handle) m.handle.set({ status: 'ready', report: this.withRows(m.report) });
    }
  }
}
