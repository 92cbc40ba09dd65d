// The counsellor's selection: saved programmes side by side, CSV export and a print-friendly page.
import type { ReadonlySignal } from '@preact/signals';
import type { ProgrammeReport, Voie } from '../lib/types';
import { formatNumber, panel, selection, voieLabels } from '../lib/strings';
import { diplomaTag, voiesPresent } from './panel-state';
import { read } from './read';
import { mainCell, short } from './selection-cells';
import { ActionsHeader, SelectionAlternatives, type AlternativeRow } from './SelectionAlternatives';

export interface SelectionViewProps {
  items: ProgrammeReport[] | ReadonlySignal<ProgrammeReport[]>;
  onRemove: (key: string) => void;
  onExportCsv: () => void;
  onPrint?: () => void;
  /** Nearby lines kept as alternatives, each shown with its original. */
  alternatives?: AlternativeRow[] | ReadonlySignal<AlternativeRow[]>;
}

export function SelectionView(props: SelectionViewProps) {
  const items = read(props.items);
  const alternatives = props.alternatives ? read(props.alternatives) : [];
  return (
    <main class="ij-root ij-selection">
      <header class="ij-page-head">
        <h1>{selection.title}</h1>
        <div class="ij-actions ij-no-print">
          <button type="button" class="ij-button" disabled={items.length === 0 && alternatives.length === 0} onClick={() => props.onExportCsv()}>
            {selection.exportCsv}
          </button>
          <button type="button" class="ij-button ij-button--ghost" onClick={() => (props.onPrint ? props.onPrint() : window.print())}>
            {selection.print}
          </button>
        </div>
      </header>
      <p class="ij-muted">{selection.intro}</p>
      {items.length === 0 && alternatives.length === 0 ? (
        <p>{selection.empty}</p>
      ) : items.length === 0 ? null : (
        <div class="ij-table-wrap">
          <table class="ij-table ij-compare-table">
            <caption>{selection.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{selection.columns.formation}</th>
                <th scope="col">{selection.columns.etablissement}</th>
                <th scope="col">{selection.columns.voie}</th>
                <th scope="col">{selection.columns.emploi}</th>
                <th scope="col">{selection.columns.formationRate}</th>
                <th scope="col">{selection.columns.autres}</th>
                <th scope="col">{selection.columns.region}</th>
                <th scope="col">{selection.columns.france}</th>
                <th scope="col">{selection.columns.effectif}</th>
                <ActionsHeader />
              </tr>
            </thead>
            <tbody>
              {items.flatMap((p) => {
                const present = voiesPresent(p);
                const voies: Voie[] = present.length > 0 ? present : ['scolaire'];
                return voies.map((voie, i) => {
                  const main = mainCell(p, voie);
                  const n = main.state === 'figures' ? main.figures.nbAnneeTerm : main.state === 'secret' ? main.nbAnneeTerm : null;
                  return (
                    <tr key={`${p.key}-${voie}`}>
                      {i === 0 && (
                        <th scope="rowgroup" rowSpan={voies.length}>
                          {diplomaTag(p) ? `${diplomaTag(p)} ` : ''}
                          {p.libelle}
                        </th>
                      )}
                      {i === 0 && (
                        <td rowSpan={voies.length}>
                          {p.etablissement?.libelle ?? p.etablissement?.uai ?? selection.noEtablissement}
                          {p.etablissement?.commune ? `, ${p.etablissement.commune}` : ''}
                        </td>
                      )}
                      <td>{voieLabels[voie]}</td>
                      <td>
                        {short(main, 'emploi')}
                        {main.state === 'figures' && main.sansPerspectives && (
                          <span class="ij-tag ij-tag--warn">{panel.sansPerspectivesTag}</span>
                        )}
                      </td>
                      <td>{short(main, 'formation')}</td>
                      <td>{short(main, 'autres')}</td>
                      <td>{short(p.cells.region[voie], 'emploi')}</td>
                      <td>{short(p.cells.france[voie], 'emploi')}</td>
                      <td>{n != null ? formatNumber(n) : '—'}</td>
                      {i === 0 && (
                        <td rowSpan={voies.length} class="ij-no-print">
                          <button
                            type="button"
                            class="ij-button ij-button--small ij-button--ghost"
                            aria-label={selection.removeLabel(p.libelle)}
                            onClick={() => props.onRemove(p.key)}
                          >
                            {selection.remove}
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                });
              })}
            </tbody>
          </table>
        </div>
      )}
      {alternatives.length > 0 && <SelectionAlternatives rows={alternatives} onRemove={props.onRemove} />}
    </main>
  );
}
