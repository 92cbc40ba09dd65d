// The popup: what the extension found on the current tab, a search by code or words, the panel for any
// programme, and "add to my selection". Props-only components; every browser call lives here.
//
// The current tab is the active tab of the current window. A test (or a link) may name another one with
// `popup.html?tab=<tabId>`, since a popup opened as a page is itself the active tab.
import { render } from 'preact';
import { computed, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { PopupView, type PanelState, type SearchQuery, type SearchState, type TabState } from '../../components';
import { messaging, pageMessaging, type SourceCredit } from '../../lib/messaging';
import { normalizeSelection, selectionItemOf, type SelectionItem } from '../../lib/saved-selection';
import { addToSelection, getSelection, selectionItem } from '../../lib/selection-store';
import { panel as panelStrings, popup as popupStrings } from '../../lib/strings';
import type { ProgrammeReport, Report, SightingData } from '../../lib/types';
import '../../components/page.css';

const tab = signal<TabState>({ status: 'loading' });
const search = signal<SearchState>({ status: 'idle' });
const detail = signal<PanelState | null>(null);
/** The sighting behind the programme shown in full: what a retry asks again and what the selection keeps. */
let detailSighting: SightingData | null = null;
/** Only the last lookup may fill the panel: a slow answer to an earlier click must not replace a newer one. */
let detailRun = 0;
let searchRun = 0;
const selection = signal<SelectionItem[]>([]);
const savedKeys = computed<ReadonlySet<string>>(() => new Set(selection.value.map((s) => s.key)));
const sources = signal<SourceCredit[]>([]);

const failure = (error: unknown) => (error instanceof Error && error.message ? error.message : panelStrings.extensionUnavailable);

async function currentTabId(): Promise<number | undefined> {
  const asked = new URLSearchParams(location.search).get('tab');
  if (asked && /^[0-9]+$/.test(asked)) return Number(asked);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

/** The tab's findings, each with its report; a sighting still being looked up is asked again (the cache answers). */
async function loadTab(): Promise<void> {
  try {
    const tabId = await currentTabId();
    if (tabId === undefined) {
      tab.value = { status: 'ready', reports: [] };
      return;
    }
    // The page the tab shows now, as its content script names it: none (another site, no content script) is no findings.
    const pageId = await pageMessaging.sendMessage('pageId', undefined, tabId).catch(() => null);
    const findings = pageId ? await messaging.sendMessage('tabFindings', { tabId, pageId }) : [];
    const reports = await Promise.all(
      findings.map((f) => f.report ?? messaging.sendMessage('lookup', { sighting: f.sighting }).catch(() => null)),
    );
    tab.value = { status: 'ready', reports: reports.filter((r): r is Report => r !== null) };
  } catch (error) {
    tab.value = { status: 'failed', message: failure(error) };
  }
}

async function showLookup(sighting: SightingData, force = false): Promise<void> {
  const run = ++detailRun;
  detailSighting = sighting;
  detail.value = { status: 'loading' };
  try {
    const report = await messaging.sendMessage('lookup', { sighting, ...(force ? { force } : {}) });
    if (run === detailRun) detail.value = { status: 'ready', report };
  } catch (error) {
    if (run === detailRun) detail.value = { status: 'failed', message: failure(error) };
  }
}

/** The background's search understands the codes themselves; an RNCP number goes with its prefix. */
function searchText(query: SearchQuery): string {
  return query.kind === 'rncp' ? `RNCP${query.value}` : query.value;
}

async function runSearch(query: SearchQuery): Promise<void> {
  const run = ++searchRun;
  search.value = { status: 'loading', query };
  try {
    const found = await messaging.sendMessage('search', { query: searchText(query) });
    if (run !== searchRun) return;
    search.value = { status: 'done', query, results: found };
  } catch (error) {
    if (run === searchRun) search.value = { status: 'failed', query, message: failure(error) };
  }
}

function save(programme: ProgrammeReport): Promise<void> {
  // The programme's own label, as the in-page panel saves it: the selection table adds the diploma.
  if (!detailSighting) return Promise.reject(new Error('no sighting'));
  return addToSelection(selectionItemOf(programme, detailSighting));
}

function App() {
  return (
    <PopupView
      tab={tab}
      search={search}
      detail={detail}
      onSearch={(query) => void runSearch(query)}
      onOpenResult={(result) => void showLookup(result.sighting)}
      onOpenFound={(report, programme) => {
        detailRun++;
        detailSighting = report.sighting;
        detail.value = { status: 'ready', report: { ...report, programmes: [programme] } };
      }}
      onBack={() => {
        detailRun++;
        detail.value = null;
      }}
      onRetry={() => detailSighting && void showLookup(detailSighting, true)}
      onSave={save}
      savedKeys={savedKeys}
      selectionHref={browser.runtime.getURL('/selection.html')}
      selectionCount={selection.value.length}
      sources={sources.value}
    />
  );
}

document.documentElement.lang = 'fr';
document.title = popupStrings.title;
render(<App />, document.getElementById('app')!);

void loadTab();
void getSelection().then((items) => (selection.value = items));
selectionItem.watch((items) => (selection.value = normalizeSelection(items)));
void messaging
  .sendMessage('sources', undefined)
  .then((s) => (sources.value = s.sources))
  .catch(() => undefined);
