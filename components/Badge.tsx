// The list-row badge: the panel's words and colours in one line, a real button that opens the panel.
import type { ReadonlySignal } from '@preact/signals';
import { badge, panel } from '../lib/strings';
import { badgeStateFromPanel, type BadgeState, type PanelState } from './panel-state';
import { read } from './read';

/** The badge's visible words, also used for famille specialties and popup lines. */
export function badgeText(state: BadgeState): string {
  switch (state.status) {
    case 'loading':
      return badge.loading;
    case 'failed':
      return badge.failed;
    case 'error':
      return badge.error;
    case 'secret':
      return badge.secret;
    case 'none':
      return badge.noFigures(badge.reasons[state.reason]);
    case 'figures':
      return (state.secretIci ? `${badge.secretHere} · ` : '') + badge.figures(state.emploi, state.formation) + badge.where[state.scope];
  }
}

export function BadgeText({ state }: { state: BadgeState }) {
  return (
    <span class={`ij-badge-text ij-badge-text--${state.status}`}>
      {state.status === 'figures' && <span class="ij-dot ij-dot--emploi" aria-hidden="true" />}
      {badgeText(state)}
      {state.status === 'figures' && state.sansPerspectives && <span class="ij-tag ij-tag--warn">{panel.sansPerspectivesTag}</span>}
    </span>
  );
}

export interface BadgeProps {
  /** A badge state, or the panel's lookup state it is derived from. */
  state: BadgeState | PanelState | ReadonlySignal<BadgeState | PanelState> | ReadonlySignal<PanelState>;
  onOpen: () => void;
}

export function Badge(props: BadgeProps) {
  const state = badgeStateFromPanel(read<BadgeState | PanelState>(props.state));
  const text = badgeText(state) + (state.status === 'figures' && state.sansPerspectives ? ` · ${panel.sansPerspectivesTag}` : '');
  return (
    <button
      type="button"
      class={`ij-badge ij-badge--${state.status}`}
      aria-label={badge.open(text)}
      aria-busy={state.status === 'loading' ? true : undefined}
      onClick={() => props.onOpen()}
    >
      <BadgeText state={state} />
    </button>
  );
}
