// What the selection page's tables show of a cell: the figures a row leads with, in a few words.
import type { Cell, ProgrammeReport, Voie } from '../lib/types';
import { badge, formatRate } from '../lib/strings';

/** A cell's short text for a table: the rate, or in a few words why there is none. */
export function short(cell: Cell, pick: 'emploi' | 'formation' | 'autres'): string {
  switch (cell.state) {
    case 'figures': {
      const f = cell.figures;
      return formatRate(pick === 'emploi' ? f.tauxEnEmploi6Mois : pick === 'formation' ? f.tauxEnFormation : f.tauxAutres6Mois);
    }
    case 'secret':
      return badge.secret;
    case 'none':
      return badge.reasons[cell.reason];
    case 'error':
      return badge.error;
    case 'loading':
      return '…';
  }
}

/** The figures a row leads with: the establishment's, or France's when the programme names no establishment. */
export function mainCell(p: ProgrammeReport, voie: Voie): Cell {
  const here = p.cells.etablissement[voie];
  return here.state === 'none' && here.reason === 'pas-d-etablissement' ? p.cells.france[voie] : here;
}
