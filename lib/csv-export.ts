// The counsellor's selection as a CSV a French spreadsheet opens cleanly: UTF-8 with BOM, `;`, CRLF.
import { SCOPES, VOIES, type Cell, type ProgrammeReport, type Voie } from './types';
import { csv, noFiguresSentences, errorSentences, scopeLabel, voieLabels } from './strings';

const SEP = ';';
const EOL = '\r\n';
const BOM = '\ufeff';

/** Quotes a field when it needs it, and defuses formulas (CSV injection) with a leading apostrophe. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function status(cell: Cell): string {
  switch (cell.state) {
    case 'figures':
      return csv.figures;
    case 'secret':
      return csv.secret;
    case 'none':
      return noFiguresSentences[cell.reason];
    case 'error':
      return errorSentences[cell.error];
    case 'loading':
      return csv.loading;
  }
}

/**
 * The voies worth showing: those where some cell has figures, secrecy, an error or is loading. When no
 * cell has anything, every voie that exists at all, so that the reasons for the absence are shown.
 */
export function voiesShown(p: ProgrammeReport): Voie[] {
  const some = VOIES.filter((v) => SCOPES.some((s) => p.cells[s][v].state !== 'none'));
  if (some.length > 0) return some;
  return VOIES.filter((v) =>
    SCOPES.some((s) => {
      const c = p.cells[s][v];
      return !(c.state === 'none' && c.reason === 'voie-absente');
    }),
  );
}

/** One row per programme × voie × scope; a voie the programme does not have at all is left out. */
export function selectionToCsv(items: ProgrammeReport[]): string {
  const rows: (string | number | null | undefined)[][] = [csv.headers];
  for (const p of items) {
    const voies = voiesShown(p);
    for (const voie of voies) {
      for (const scope of SCOPES) {
        const cell = p.cells[scope][voie];
        const f = cell.state === 'figures' ? cell.figures : null;
        const n = f ? f.nbAnneeTerm : cell.state === 'secret' ? cell.nbAnneeTerm : null;
        const millesime = f ? f.millesime : cell.state === 'secret' ? cell.millesime : null;
        rows.push([
          p.libelle,
          p.diplome?.nom,
          p.cfd,
          p.mefstat11,
          p.etablissement?.libelle,
          p.etablissement?.uai,
          p.etablissement?.commune,
          p.region?.nom ?? p.etablissement?.region?.nom,
          voieLabels[voie],
          scopeLabel(scope, p.region?.nom),
          millesime,
          n,
          f?.tauxEnEmploi6Mois,
          f?.tauxEnFormation,
          f?.tauxAutres6Mois,
          f?.tauxEnEmploi12Mois,
          f?.tauxEnEmploi24Mois,
          cell.state === 'figures' ? (cell.sansPerspectives ? csv.yes : csv.no) : null,
          status(cell),
        ]);
      }
    }
  }
  return BOM + rows.map((r) => r.map(csvField).join(SEP)).join(EOL) + EOL;
}

/** `selection-inserjeunes-2026-01-15.csv` for the given day. */
export const csvFileName = (date: Date): string => csv.fileName(date.toISOString().slice(0, 10));
