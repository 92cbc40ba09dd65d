// The popup: what the current tab shows, a search by code or words, and the same panel for any result.
import type { ReadonlySignal } from '@preact/signals';
import { useSignal } from '@preact/signals';
import type { ProgrammeReport, Report } from '../lib/types';
import { panel, popup } from '../lib/strings';
import { badgeStateFromProgramme, diplomaTag, eachCell, type PanelState } from './panel-state';
import { classifySearch, type SearchQuery, type SearchState } from './classify-search';
import type { SearchResult, SourceCredit } from '../lib/messaging';
import { BadgeText } from './Badge';
import { PanelBody } from './Panel';
import { read } from './read';

/** What the extension found on the current tab: one report per sighting. */
export type TabState = { status: 'loading' } | { status: 'ready'; reports: Report[] } | { status: 'failed'; message: string };

export interface PopupViewProps {
  tab: TabState | ReadonlySignal<TabState>;
  search: SearchState | ReadonlySignal<SearchState>;
  /** A programme or search result being shown in full; null shows the lists. */
  detail: PanelState | null | ReadonlySignal<PanelState | null>;
  onSearch: (query: SearchQuery) => void;
  onOpenResult: (result: SearchResult) => void;
  onOpenFound: (report: Report, programme: ProgrammeReport) => void;
  onBack: () => void;
  onRetry?: () => void;
  onSave?: (programme: ProgrammeReport) => void | Promise<void>;
  savedKeys?: ReadonlySet<string> | ReadonlySignal<ReadonlySet<string>>;
  selectionHref?: string;
  selectionCount?: number;
  sources?: SourceCredit[];
}

const countLoading = (p: ProgrammeReport) => eachCell(p).filter((c) => c.cell.state === 'loading').length;

function Found({ tab, onOpenFound }: { tab: TabState; onOpenFound: PopupViewProps['onOpenFound'] }) {
  if (tab.status === 'loading') return <p class="ij-muted" aria-busy="true">{popup.foundLoading}</p>;
  if (tab.status === 'failed') return <p>{tab.message || panel.failed}</p>;
  // A programme a page shows twice (its panel and a list row) is one line; the fuller report wins.
  const byKey = new Map<string, { report: Report; programme: ProgrammeReport }>();
  for (const report of tab.reports) {
    for (const programme of report.programmes) {
      const seen = byKey.get(programme.key);
      if (!seen || countLoading(seen.programme) > countLoading(programme)) byKey.set(programme.key, { report, programme });
    }
  }
  const lines = [...byKey.values()];
  if (lines.length === 0) return <p class="ij-muted">{popup.foundNone}</p>;
  return (
    <ul class="ij-lines">
      {lines.map(({ report, programme }) => (
        <li key={programme.key} class="ij-line">
          <button type="button" class="ij-line-button" onClick={() => onOpenFound(report, programme)}>
            <span class="ij-line-title">
              {diplomaTag(programme) ? `${diplomaTag(programme)} ` : ''}
              {programme.libelle}
            </span>
            {programme.etablissement?.libelle && <span class="ij-muted">{programme.etablissement.libelle}</span>}
            <BadgeText state={badgeStateFromProgramme(programme)} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function Search({ search, onSearch, onOpenResult }: Pick<PopupViewProps, 'onSearch' | 'onOpenResult'> & { search: SearchState }) {
  const text = useSignal(search.status === 'idle' ? '' : search.query.value);
  const invalid = useSignal(false);
  return (
    <section class="ij-search" aria-labelledby="ij-search-title">
      <h2 id="ij-search-title" class="ij-h">{popup.searchTitle}</h2>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const query = classifySearch(text.value);
          invalid.value = query === null;
          if (query) onSearch(query);
        }}
      >
        <label for="ij-search-input">{popup.searchLabel}</label>
        <div class="ij-search-row">
          <input
            id="ij-search-input"
            type="search"
            value={text.value}
            aria-invalid={invalid.value || undefined}
            aria-describedby="ij-search-hint"
            onInput={(e) => (text.value = (e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="ij-button">{popup.searchButton}</button>
        </div>
        <p id="ij-search-hint" class={invalid.value ? 'ij-error-text' : 'ij-muted'}>
          {invalid.value ? popup.searchTooShort : popup.searchHint}
        </p>
      </form>
      <div role="status" class="ij-search-status">
        {search.status === 'loading' && popup.searchLoading}
        {search.status === 'failed' && (search.message || popup.searchFailed)}
        {search.status === 'done' &&
          (search.results.length === 0 ? popup.searchNoResult(search.query.value) : popup.searchResults(search.results.length))}
      </div>
      {search.status === 'done' && search.results.length > 0 && (
        <p class="ij-muted">{popup.kinds[search.query.kind]}</p>
      )}
      {search.status === 'done' && search.results.length > 0 && (
        <ul class="ij-lines">
          {search.results.map((r, i) => (
            <li key={i} class="ij-line">
              <button type="button" class="ij-line-button" onClick={() => onOpenResult(r)}>
                <span class="ij-line-title">{r.libelle}</span>
                {r.detail && <span class="ij-muted">{r.detail}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PopupView(props: PopupViewProps) {
  const detail = read(props.detail);
  return (
    <main class="ij-root ij-popup">
      <header class="ij-page-head">
        <h1>{popup.title}</h1>
        {props.selectionHref && (
          <a href={props.selectionHref} target="_blank" rel="noopener">
            {props.selectionCount !== undefined ? popup.selectionCount(props.selectionCount) : popup.openSelection}
          </a>
        )}
      </header>
      {detail ? (
        <section class="ij-detail">
          <button type="button" class="ij-button ij-button--ghost" onClick={() => props.onBack()}>
            <span aria-hidden="true">← </span>
            {popup.back}
          </button>
          <PanelBody state={detail} onRetry={props.onRetry} onSave={props.onSave} savedKeys={props.savedKeys} sources={props.sources} />
        </section>
      ) : (
        <>
          <section class="ij-found" aria-labelledby="ij-found-title">
            <h2 id="ij-found-title" class="ij-h">{popup.foundTitle}</h2>
            <Found tab={read(props.tab)} onOpenFound={props.onOpenFound} />
          </section>
          <Search search={read(props.search)} onSearch={props.onSearch} onOpenResult={props.onOpenResult} />
        </>
      )}
    </main>
  );
}
