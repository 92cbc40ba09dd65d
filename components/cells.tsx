// One component per cell state, each rendering what the lookup says, including why there is nothing.
import type { Cell } from '../lib/types';
import { errorSentences, formatMillesime, noFiguresSentences, panel } from '../lib/strings';
import { MissingRates } from './Indicators';

type Of<S extends Cell['state']> = Extract<Cell, { state: S }>;

export function CellLoading() {
  return (
    <div class="ij-cell ij-cell--loading" aria-busy="true">
      <span class="ij-skeleton" aria-hidden="true" />
      <span class="ij-sr">{panel.loading}</span>
    </div>
  );
}

export function CellFigures({ cell }: { cell: Of<'figures'> }) {
  const f = cell.figures;
  return (
    <div class="ij-cell ij-cell--figures">
      <span class="ij-cell-main">{panel.cellFigures(f.tauxEnEmploi6Mois, f.tauxEnFormation)}</span>
      {cell.sansPerspectives && <span class="ij-tag ij-tag--warn">{panel.sansPerspectivesTag}</span>}
      <MissingRates figures={f} />
      <ProvenanceNote cell={cell} />
    </div>
  );
}

/** Says when an establishment's figures were measured at its gestionnaire or formateur. */
export function ProvenanceNote({ cell }: { cell: Of<'figures'> }) {
  const p = cell.provenance;
  return p ? <p class="ij-note ij-provenance">{panel.provenance[p.type](p.uai)}</p> : null;
}

export function CellSecret({ cell }: { cell: Of<'secret'> }) {
  return (
    <div class="ij-cell ij-cell--secret">
      <span>{panel.secret}</span>
      {cell.nbAnneeTerm != null && <span class="ij-muted"> {panel.secretCohort(cell.nbAnneeTerm)}</span>}
    </div>
  );
}

export function CellNone({ cell }: { cell: Of<'none'> }) {
  return (
    <div class="ij-cell ij-cell--none">
      <span>{noFiguresSentences[cell.reason]}</span>
      {cell.millesimesDisponibles && cell.millesimesDisponibles.length > 0 && (
        <span class="ij-muted"> {panel.millesimesDisponibles(cell.millesimesDisponibles.map(formatMillesime))}</span>
      )}
    </div>
  );
}

export function CellError({ cell, onRetry }: { cell: Of<'error'>; onRetry?: () => void }) {
  return (
    <div class="ij-cell ij-cell--error">
      <span>{errorSentences[cell.error]}</span>
      {onRetry && (
        <button type="button" class="ij-button ij-button--small" onClick={() => onRetry()}>
          {panel.retry}
        </button>
      )}
    </div>
  );
}

/** Renders a cell as itself. */
export function CellView({ cell, onRetry }: { cell: Cell; onRetry?: () => void }) {
  switch (cell.state) {
    case 'loading':
      return <CellLoading />;
    case 'figures':
      return <CellFigures cell={cell} />;
    case 'secret':
      return <CellSecret cell={cell} />;
    case 'none':
      return <CellNone cell={cell} />;
    case 'error':
      return <CellError cell={cell} onRetry={onRetry} />;
  }
}
