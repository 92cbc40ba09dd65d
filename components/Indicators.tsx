// The three 6-month indicators as bars with their text equivalent and a definition on demand.
import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import type { Figures } from '../lib/types';
import { formatPercent, panel, surDix } from '../lib/strings';

type Kind = 'emploi' | 'formation' | 'autres';

function Indicator({ kind, percent }: { kind: Kind; percent: number }) {
  const open = useSignal(false);
  const id = useId();
  const label = panel.indicator[kind];
  return (
    <li class={`ij-ind ij-ind--${kind}`}>
      <div class="ij-ind-row" role="img" aria-label={panel.barText(label, percent)}>
        <span class="ij-ind-label">{label}</span>
        <span class="ij-bar">
          <span class="ij-bar-fill" style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
        </span>
        <span class="ij-ind-value">
          <strong>{formatPercent(percent)}</strong> <span class="ij-muted">{surDix(percent)}</span>
        </span>
      </div>
      <button
        type="button"
        class="ij-help"
        aria-expanded={open.value}
        aria-controls={id}
        onClick={() => (open.value = !open.value)}
      >
        <span aria-hidden="true">?</span>
        <span class="ij-sr">{panel.whatIsThis(label)}</span>
      </button>
      <p id={id} class="ij-explain" hidden={!open.value}>
        {panel.explanation[kind]}
      </p>
    </li>
  );
}

export function IndicatorBars({ figures }: { figures: Figures }) {
  return (
    <ul class="ij-inds">
      <Indicator kind="emploi" percent={figures.tauxEnEmploi6Mois} />
      <Indicator kind="formation" percent={figures.tauxEnFormation} />
      <Indicator kind="autres" percent={figures.tauxAutres6Mois} />
    </ul>
  );
}
