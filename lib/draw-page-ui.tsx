// The in-page UI (panels and badges in shadow roots), loaded by a content script only once it has found
// something to show: pages without a programme never pay for Preact, the components or their CSS.
import { render } from 'preact';
import { signal, type Signal } from '@preact/signals';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Badge, Panel, type PanelState } from '../components';
import panelCss from '../components/panel.css?inline';
import { messaging, type SourceCredit } from './messaging';
import type { NearbyLine, NearbyRequest } from './better-nearby';
import { mountShadowHost, type HostPlace } from './shadow-host';
import { saveCollapsed, watchPageState, type PageState } from './page-state';
import { alternativeItemOf, selectionItemOf } from './saved-selection';
import { panel as panelStrings } from './strings';
import type { ProgrammeReport, SightingData, Voie } from './types';

export interface MountRequest {
  anchor: Element;
  badge: boolean;
  sighting: SightingData;
  retry: () => void;
  /** The user closed this panel: the content script must not bring it back on this page. */
  closed: () => void;
  /** A badge was opened: the content script shows the full panel (see `openFloating`). */
  open?: () => void;
  /** An establishment panel's row was opened (by programme key). */
  expand?: (key: string) => void;
}

export interface FloatingRequest {
  sighting: SightingData;
  retry: () => void;
}

export interface UiHandle {
  set(state: PanelState): void;
  /** The background did not answer. */
  unreachable(): void;
  remove(): void;
}

export interface PageUi {
  mount(request: MountRequest): UiHandle;
  /** The full panel of a list row, floating beside the page; one at a time. */
  openFloating(request: FloatingRequest): UiHandle;
  /** Removes every panel, badge and the floating panel. */
  clear(): void;
}

/**
 * What the content script hands the UI, already read for this page (lib/page-state.ts), with the data's
 * credits (names, licences, dates), which the Licence Ouverte and the ODbL require beside the figures.
 */
export type PageUiStart = PageState & { sources: SourceCredit[] };

export type PageUiFactory = (ctx: ContentScriptContext, start: PageUiStart) => PageUi;

/** Handed to the content script through PAGE_UI_GLOBAL (lib/lazy-module.ts). */
export const createPageUi: PageUiFactory = (ctx, { settings, collapsed: wasCollapsed, savedKeys: saved, sources }) => {
  const collapsed = signal(settings.display.startCollapsed || wasCollapsed);
  const savedKeys = signal<ReadonlySet<string>>(saved);
  ctx.onInvalidated(
    watchPageState({
      collapsed: (c) => (collapsed.value = c),
      savedKeys: (keys) => (savedKeys.value = keys),
    }),
  );

  /** One panel or badge on the page: its host, and how to take it away. */
  interface Drawn {
    remove(): void;
  }
  const uis = new Set<Drawn>();
  let floating: Drawn | null = null;

  // Written by the background, one save at a time with the popup's (lib/saved-selection.ts); a failure shows in the panel.
  const save = (p: ProgrammeReport, sighting: SightingData) => messaging.sendMessage('saveToSelection', { item: selectionItemOf(p, sighting) });
  // A nearby line kept as an alternative, linked to the programme of the panel it came from; saved the same way.
  const saveAlternative = (sighting: SightingData) => (p: ProgrammeReport, line: NearbyLine, voie: Voie) =>
    messaging.sendMessage('saveToSelection', { item: alternativeItemOf(p, sighting, voie, line) });
  // "Ailleurs près d'ici" is offered only when the user left it on; asked only when shown.
  const askNearby = settings.nearby.enabled ? (r: NearbyRequest) => messaging.sendMessage('nearby', r) : undefined;

  function shadowUi(name: 'inserjeunes-panel' | 'inserjeunes-badge', place: HostPlace, view: () => preact.JSX.Element): Drawn {
    const host = mountShadowHost(name, panelCss, place);
    render(view(), host.container);
    const ui: Drawn = {
      remove: () => {
        render(null, host.container);
        host.remove();
      },
    };
    uis.add(ui);
    return ui;
  }

  /** Removes one UI, whichever it is. */
  function drop(ui: Drawn) {
    ui.remove();
    uis.delete(ui);
    if (floating === ui) floating = null;
  }

  function clear() {
    for (const ui of uis) ui.remove();
    uis.clear();
    floating = null;
  }
  // The extension was reloaded or removed under the page: nothing of it stays drawn.
  ctx.onInvalidated(clear);

  /** What the content script holds of one mounted UI: its state, and a way to remove it. */
  function handleOf(ui: Drawn, state: Signal<PanelState>): UiHandle {
    return {
      set: (next) => (state.value = next),
      unreachable: () => (state.value = { status: 'failed', message: panelStrings.extensionUnavailable }),
      remove: () => drop(ui),
    };
  }

  return {
    mount(request) {
      const state = signal<PanelState>({ status: 'loading' });
      // The user may prefer the panel beside the page rather than in its flow.
      const float = settings.display.position === 'flottant';
      const ui = request.badge
        ? shadowUi('inserjeunes-badge', { anchor: request.anchor, append: 'last' }, () => (
            <Badge state={state} onOpen={() => request.open?.()} />
          ))
        : shadowUi('inserjeunes-panel', float ? 'floating' : { anchor: request.anchor, append: 'after' }, () => (
            <Panel
              state={state}
              floating={float}
              collapsed={collapsed}
              onCollapsedChange={(c: boolean) => void saveCollapsed(c)}
              onClose={() => {
                drop(ui);
                request.closed();
              }}
              onRetry={request.retry}
              onSave={(p: ProgrammeReport) => save(p, request.sighting)}
              savedKeys={savedKeys}
              sources={sources}
              onExpand={(p: ProgrammeReport) => request.expand?.(p.key)}
              askNearby={askNearby}
              onSaveAlternative={saveAlternative(request.sighting)}
            />
          ));
      return handleOf(ui, state);
    },
    /** A badge opens the full panel floating beside the page, one at a time. */
    openFloating(request) {
      if (floating) drop(floating);
      const state = signal<PanelState>({ status: 'loading' });
      const ui: Drawn = shadowUi('inserjeunes-panel', 'floating', () => (
        <Panel
          state={state}
          floating
          collapsed={signal(false)}
          onCollapsedChange={() => drop(ui)}
          onClose={() => drop(ui)}
          onRetry={request.retry}
          onSave={(p: ProgrammeReport) => save(p, request.sighting)}
          savedKeys={savedKeys}
          sources={sources}
          askNearby={askNearby}
          onSaveAlternative={saveAlternative(request.sighting)}
        />
      ));
      floating = ui;
      return handleOf(ui, state);
    },
    clear,
  };
};
