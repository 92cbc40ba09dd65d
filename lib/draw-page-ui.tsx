// The in-page UI (panels and badges in shadow roots), loaded by a content script only once it has found
// something to show: pages without a programme never pay for Preact, the components or their CSS.
import { render } from 'preact';
import { signal, type Signal } from '@preact/signals';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Badge, Panel, type PanelState } from '../components';
import panelCss from '../components/panel.css?inline';
import { messaging, type SourceCredit } from './messaging';
import type { NearbyLine, NearbyRequest } from './better-nearby';
import { alternativeItemOf, getSelection, selectionItem, selectionItemOf } from './saved-selection';
import { panelCollapsedItem, type Settings } from './settings';
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
  mount(request: MountRequest): Promise<UiHandle>;
  /** The full panel of a list row, floating beside the page; one at a time. */
  openFloating(request: FloatingRequest): Promise<UiHandle>;
  /** Removes every panel, badge and the floating panel. */
  clear(): void;
}

/** The content script passes the settings it already read for this page. */
export type PageUiFactory = (ctx: ContentScriptContext, settings: Settings) => Promise<PageUi>;

/** Handed to the content script through PAGE_UI_GLOBAL (lib/lazy-module.ts). */
export const createPageUi: PageUiFactory = async (ctx, settings) => {
  // The data's credits (names, licences, dates), which the Licence Ouverte and the ODbL require beside the figures.
  const sourcesAsked = messaging
    .sendMessage('sources', undefined)
    .then((s) => s.sources)
    .catch((): SourceCredit[] => []);
  // Two storage reads and a message: asked together, not one after the other, before the first panel.
  const [wasCollapsed, selection, sources] = await Promise.all([panelCollapsedItem.getValue(), getSelection(), sourcesAsked]);
  const collapsed = signal(settings.display.startCollapsed || wasCollapsed);
  const unwatchCollapsed = panelCollapsedItem.watch((c) => (collapsed.value = c));
  const savedKeys = signal<ReadonlySet<string>>(new Set(selection.map((s) => s.key)));
  const unwatchSaved = selectionItem.watch((items) => (savedKeys.value = new Set((items ?? []).map((s) => s.key))));
  ctx.onInvalidated(() => {
    unwatchCollapsed();
    unwatchSaved();
  });

  const uis = new Set<ShadowRootContentScriptUi<void>>();
  let floating: ShadowRootContentScriptUi<void> | null = null;

  // Written by the background, one save at a time with the popup's (lib/saved-selection.ts); a failure shows in the panel.
  const save = (p: ProgrammeReport, sighting: SightingData) => messaging.sendMessage('saveToSelection', { item: selectionItemOf(p, sighting) });
  // A nearby line kept as an alternative, linked to the programme of the panel it came from; saved the same way.
  const saveAlternative = (sighting: SightingData) => (p: ProgrammeReport, line: NearbyLine, voie: Voie) =>
    messaging.sendMessage('saveToSelection', { item: alternativeItemOf(p, sighting, voie, line) });
  // "Ailleurs près d'ici" is offered only when the user left it on; asked only when shown.
  const askNearby = settings.nearby.enabled ? (r: NearbyRequest) => messaging.sendMessage('nearby', r) : undefined;

  async function shadowUi(
    name: 'inserjeunes-panel' | 'inserjeunes-badge',
    place: { anchor: Element; append: 'after' | 'last' } | 'floating',
    view: () => preact.JSX.Element,
  ) {
    const ui: ShadowRootContentScriptUi<void> = await createShadowRootUi<void>(ctx, {
      name,
      css: panelCss,
      ...(place === 'floating'
        ? { position: 'overlay' as const, alignment: 'top-right' as const, zIndex: 2147483000 }
        : { position: 'inline' as const, anchor: place.anchor, append: place.append }),
      onMount: (container) => render(view(), container),
      onRemove: () => render(null, ui.uiContainer),
    });
    ui.mount();
    uis.add(ui);
    return ui;
  }

  /** Removes one UI, whichever it is. */
  function drop(ui: ShadowRootContentScriptUi<void>) {
    ui.remove();
    uis.delete(ui);
    if (floating === ui) floating = null;
  }

  /** What the content script holds of one mounted UI: its state, and a way to remove it. */
  function handleOf(ui: ShadowRootContentScriptUi<void>, state: Signal<PanelState>): UiHandle {
    return {
      set: (next) => (state.value = next),
      unreachable: () => (state.value = { status: 'failed', message: panelStrings.extensionUnavailable }),
      remove: () => drop(ui),
    };
  }

  return {
    async mount(request) {
      const state = signal<PanelState>({ status: 'loading' });
      // The user may prefer the panel beside the page rather than in its flow.
      const float = settings.display.position === 'flottant';
      const ui = request.badge
        ? await shadowUi('inserjeunes-badge', { anchor: request.anchor, append: 'last' }, () => (
            <Badge state={state} onOpen={() => request.open?.()} />
          ))
        : await shadowUi('inserjeunes-panel', float ? 'floating' : { anchor: request.anchor, append: 'after' }, () => (
            <Panel
              state={state}
              floating={float}
              collapsed={collapsed}
              onCollapsedChange={(c: boolean) => void panelCollapsedItem.setValue(c)}
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
    async openFloating(request) {
      if (floating) drop(floating);
      const state = signal<PanelState>({ status: 'loading' });
      const ui: ShadowRootContentScriptUi<void> = await shadowUi('inserjeunes-panel', 'floating', () => (
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
    clear() {
      for (const ui of uis) ui.remove();
      uis.clear();
      floating = null;
    },
  };
};
