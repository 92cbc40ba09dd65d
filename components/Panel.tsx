// The in-page panel: a compact card with every programme a page names, collapsible to a tab, closable.
import type { ReadonlySignal, Signal } from '@preact/signals';
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ProgrammeReport } from '../lib/types';
import { panel, problemSentences } from '../lib/strings';
import type { PanelState } from './panel-state';
import type { SourceCredit } from '../lib/messaging';
import { ProgrammeView } from './Programme';
import { EtablissementView } from './Etablissement';
import { read } from './read';
import type { AskNearby, SaveAlternative } from './Nearby';
import markSvg from './icon.svg?raw';

export interface PanelProps {
  state: PanelState | ReadonlySignal<PanelState>;
  /** Shared with the content script when it wants to drive or remember it; created here otherwise. */
  collapsed?: Signal<boolean>;
  onCollapsedChange?: (collapsed: boolean) => void;
  onClose?: () => void;
  onRetry?: () => void;
  onSave?: (programme: ProgrammeReport) => void | Promise<void>;
  savedKeys?: ReadonlySet<string> | ReadonlySignal<ReadonlySet<string>>;
  sources?: SourceCredit[];
  /** Shown over the page (opened from a badge) rather than in its flow. */
  floating?: boolean;
  /** An establishment's programme row was opened: its figures may need completing (see EtablissementView). */
  onExpand?: (programme: ProgrammeReport) => void;
  /** Asks the background for better lines nearby (see components/Nearby.tsx). */
  askNearby?: AskNearby;
  /** Keeps a nearby line in the selection as an alternative to the panel's programme. */
  onSaveAlternative?: SaveAlternative;
}

/** The extension's mark: the toolbar icon's own drawing (components/icon.svg). */
const Logo = () => <span class="ij-logo" aria-hidden="true" dangerouslySetInnerHTML={{ __html: markSvg }} />;

/** What the panel body says for each state of the lookup. */
export function PanelBody(props: Omit<PanelProps, 'collapsed' | 'onCollapsedChange' | 'onClose'>) {
  const state = read(props.state);
  const saved = props.savedKeys ? read(props.savedKeys) : undefined;
  if (state.status === 'loading') {
    return (
      <div class="ij-loading" aria-busy="true">
        <span class="ij-skeleton ij-skeleton--wide" aria-hidden="true" />
        <span class="ij-skeleton" aria-hidden="true" />
        <p class="ij-muted">{panel.loading}</p>
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div class="ij-failed">
        <p>{panel.failed}</p>
        {state.message && <p class="ij-muted">{state.message}</p>}
        {props.onRetry && (
          <button type="button" class="ij-button" onClick={() => props.onRetry?.()}>
            {panel.retry}
          </button>
        )}
      </div>
    );
  }
  const { report } = state;
  if (report.problem) return <p class="ij-none">{problemSentences[report.problem]}</p>;
  if (report.sighting.page === 'etablissement' && report.etablissement) {
    return (
      <EtablissementView
        report={report}
        sources={props.sources}
        onRetry={props.onRetry}
        onSave={props.onSave}
        saved={saved}
        onExpand={props.onExpand}
        askNearby={props.askNearby}
        onSaveAlternative={props.onSaveAlternative}
      />
    );
  }
  if (report.programmes.length === 0) return <p class="ij-none">{panel.noProgramme}</p>;
  return (
    <div class="ij-programmes">
      {report.programmes.map((p) => (
        <ProgrammeView
          key={p.key}
          programme={p}
          sources={props.sources}
          onRetry={props.onRetry}
          onSave={props.onSave}
          saved={saved?.has(p.key)}
          askNearby={props.askNearby}
          onSaveAlternative={props.onSaveAlternative}
          savedKeys={saved}
          {...(report.sighting.native ? { native: report.sighting.native } : {})}
        />
      ))}
    </div>
  );
}

export function Panel(props: PanelProps) {
  const own = useSignal(false);
  const collapsed = props.collapsed ?? own;
  const tab = useRef<HTMLButtonElement>(null);
  const collapseButton = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);

  const setCollapsed = (value: boolean) => {
    if (collapsed.peek() === value) return;
    moved.current = true;
    collapsed.value = value;
    props.onCollapsedChange?.(value);
  };

  // Keep the keyboard where the user is: on the tab after collapsing, on the collapse button after expanding.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (collapsed.value ? tab.current : collapseButton.current)?.focus();
  }, [collapsed.value]);

  const state = read(props.state);
  const live = state.status === 'loading' ? panel.loading : state.status === 'failed' ? panel.failed : '';

  if (collapsed.value) {
    return (
      <div class={`ij-root ij-root--collapsed${props.floating ? ' ij-panel--floating' : ''}`}>
        <button ref={tab} type="button" class="ij-tab" aria-expanded="false" onClick={() => setCollapsed(false)}>
          <Logo /> {panel.expand}
        </button>
      </div>
    );
  }
  return (
    <section
      class={`ij-root ij-panel${props.floating ? ' ij-panel--floating' : ''}`}
      aria-label={panel.title}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setCollapsed(true);
        }
      }}
    >
      <header class="ij-panel-head">
        <p class="ij-panel-title">
          <Logo /> {panel.title}
        </p>
        <div class="ij-panel-actions">
          <button
            ref={collapseButton}
            type="button"
            class="ij-icon-button"
            aria-expanded="true"
            aria-label={panel.collapse}
            title={panel.collapse}
            onClick={() => setCollapsed(true)}
          >
            <span aria-hidden="true">–</span>
          </button>
          {props.onClose && (
            <button
              type="button"
              class="ij-icon-button"
              aria-label={panel.close}
              title={panel.close}
              onClick={() => props.onClose?.()}
            >
              <span aria-hidden="true">×</span>
            </button>
          )}
        </div>
      </header>
      <div class="ij-sr" role="status">
        {live}
      </div>
      <div class="ij-panel-body">
        <PanelBody
          state={props.state}
          onRetry={props.onRetry}
          onSave={props.onSave}
          savedKeys={props.savedKeys}
          sources={props.sources}
          onExpand={props.onExpand}
          askNearby={props.askNearby}
          onSaveAlternative={props.onSaveAlternative}
        />
      </div>
    </section>
  );
}
