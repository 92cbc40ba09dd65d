// The selection's alternatives: each nearby line kept from a panel, beside the programme it may replace,
// with both lines' figures, the difference in points, the distance and the route.
import type { Alternative } from '../lib/saved-selection';
import type { Cell, ProgrammeReport } from '../lib/types';
import { formatDelta, selection, voieLabels } from '../lib/strings';
import { nearby, selectionAlternatives as t } from '../lib/nearby-strings';
import { mainCell, short } from './selection-cells';

export interface AlternativeRow {
  /** The alternative's selection key. */
  key: string;
  info: Alternative;
  /** The original programme, looked up again (loading cells until then). */
  original: ProgrammeReport;
  alternative: ProgrammeReport;
}

/** A rate both cells have, or null (secret, absent, loading): no difference is computed on those. */
function rate(cell: Cell, pick: 'emploi' | 'formation'): number | null {
  if (cell.state !== 'figures') return null;
  return (pick === 'emploi' ? cell.figures.tauxEnEmploi6Mois : cell.figures.tauxEnFormation) ?? null;
}

function difference(from: Cell, to: Cell, pick: 'emploi' | 'formation'): string {
  const a = rate(from, pick);
  const b = rate(to, pick);
  return a === null || b === null ? t.noDifference : formatDelta(b - a);
}

const where = (p: ProgrammeReport, fallback?: string, commune?: string) =>
  [p.etablissement?.libelle ?? fallback ?? p.etablissement?.uai ?? selection.noEtablissement, p.etablissement?.commune ?? commune].filter(Boolean).join(', ');

/** The column of the remove buttons, left out of print. */
export const ActionsHeader = () => (
  <th scope="col" class="ij-no-print">
    {selection.columns.actions}
  </th>
);

function AlternativeTable({ row, onRemove }: { row: AlternativeRow; onRemove: (key: string) => void }) {
  const { info, original, alternative } = row;
  const from = mainCell(original, info.of.voie);
  const to = mainCell(alternative, info.voie);
  return (
    <table class="ij-table ij-compare-table ij-alternative">
      <caption>{t.caption(info.of.libelle, info.of.etablissement)}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{selection.columns.formation}</th>
          <th scope="col">{selection.columns.etablissement}</th>
          <th scope="col">{t.route}</th>
          <th scope="col">{selection.columns.emploi}</th>
          <th scope="col">{selection.columns.formationRate}</th>
          <th scope="col">{t.distance}</th>
          <ActionsHeader />
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t.original}</th>
          <td>{original.libelle}</td>
          <td>{where(original, info.of.etablissement)}</td>
          <td>{voieLabels[info.of.voie]}</td>
          <td>{short(from, 'emploi')}</td>
          <td>{short(from, 'formation')}</td>
          <td>—</td>
          <td class="ij-no-print" />
        </tr>
        <tr>
          <th scope="row">{t.alternative}</th>
          <td>
            {alternative.libelle}
            {info.lien !== 'meme' && <span class="ij-muted"> ({nearby.lien[info.lien]})</span>}
          </td>
          <td>{where(alternative, undefined, info.commune)}</td>
          <td>{voieLabels[info.voie]}</td>
          <td>{short(to, 'emploi')}</td>
          <td>{short(to, 'formation')}</td>
          <td>{nearby.distance(info.km)}</td>
          <td class="ij-no-print">
            <button
              type="button"
              class="ij-button ij-button--small ij-button--ghost"
              aria-label={selection.removeLabel(alternative.libelle)}
              onClick={() => onRemove(row.key)}
            >
              {selection.remove}
            </button>
          </td>
        </tr>
        <tr class="ij-alternative-diff">
          <th scope="row">{t.difference}</th>
          <td colSpan={3} />
          <td>{difference(from, to, 'emploi')}</td>
          <td>{difference(from, to, 'formation')}</td>
          <td colSpan={2} />
        </tr>
      </tbody>
    </table>
  );
}

export function SelectionAlternatives({ rows, onRemove }: { rows: AlternativeRow[]; onRemove: (key: string) => void }) {
  return (
    <section class="ij-alternatives" aria-labelledby="ij-alternatives-title">
      <h2 id="ij-alternatives-title">{t.title}</h2>
      <p class="ij-muted">{t.intro}</p>
      <div class="ij-table-wrap">
        {rows.map((row) => (
          <AlternativeTable key={row.key} row={row} onRemove={onRemove} />
        ))}
      </div>
    </section>
  );
}
