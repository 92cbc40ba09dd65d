// The three 6-month indicators as bars with their text equivalent and a definition on demand.
import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import type { Figures } from '../lib/types';
import { missingRates, type RateKind } from '../lib/inserjeunes/figures';
import { formatPercent, formatRate, panel, surDix } from '../lib/strings';

function Indicator({ kind, percent }: { kind: RateKind; percent: number | null }) {
  const open = useSignal(false);
  const id = useId();
  const label = panel.indicator[kind];
  return (
    <li class={`ij-ind ij-ind--${kind}${percent === null ? ' ij-ind--missing' : ''}`}>
      <div class="ij-ind-row" role="img" aria-label={percent === null ? panel.barMissing(label) : panel.barText(label, percent)}>
        <span class="ij-ind-label">{label}</span>
        <span class="ij-bar">
          {percent !== null && <span class="ij-bar-fill" style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />}
        </span>
        <span class="ij-ind-value">
          {percent === null ? (
            <span class="ij-muted">{formatRate(null)}</span>
          ) : (
            <>
              <strong>{formatPercent(percent)}</strong> <span class="ij-muted">{surDix(percent)}</span>
            </>
          )}
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

/** What the API could not compute, and the later employment rate that stands in for the 6-month one. */
export function MissingRates({ figures }: { figures: Figures }) {
  const missing = missingRates(figures);
  if (missing.length === 0) return null;
  const later = figures.tauxEnEmploi6Mois === null ? laterEmployment(figures) : undefined;
  return (
    <p class="ij-note ij-missing">
      {panel.missingRates(missing.map((k) => panel.rateNames[k]))}
      {later && ` ${panel.laterRate(later.months, later.percent)}.`}
    </p>
  );
}

function laterEmployment(f: Figures): { months: number; percent: number } | undefined {
  const list: [number, number | null | undefined][] = [
    [12, f.tauxEnEmploi12Mois],
    [18, f.tauxEnEmploi18Mois],
    [24, f.tauxEnEmploi24Mois],
  ];
  const found = list.find(([, v]) => v != null);
  return found ? { months: found[0], percent: found[1]! } : undefined;
}

export function IndicatorBars({ figures }: { figures: Figures }) {
  return (
    <>
      <ul class="ij-inds">
        <Indicator kind="emploi" percent={figures.tauxEnEmploi6Mois} />
        <Indicator kind="formation" percent={figures.tauxEnFormation} />
        <Indicator kind="autres" percent={figures.tauxAutres6Mois} />
      </ul>
      <MissingRates figures={figures} />
    </>
  );
}
