// The CSV export: BOM, separator, CRLF, quoting, formula defusing, and a file csv-parse reads back.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvField, csvFileName, selectionToCsv } from '../../lib/csv-export';
import { fullReport, sansPerspectivesProgramme, secretReport } from '../fixtures/reports/demo-reports';
import type { ProgrammeReport } from '../../lib/types';

describe('csvField', () => {
  it('quotes fields holding the separator, quotes or line breaks', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvField('ligne\nsuivante')).toBe('"ligne\nsuivante"');
    expect(csvField('simple')).toBe('simple');
  });
  it('defuses text that a spreadsheet would run as a formula', () => {
    for (const bad of ['=1+1', '+33', '-2', '@SUM(A1)']) expect(csvField(bad)).toBe(`'${bad}`);
    expect(csvField('=HYPERLINK("x";"y")')).toBe(`"'=HYPERLINK(""x"";""y"")"`);
  });
  it('keeps numbers as numbers, negative ones included, and empties as empty', () => {
    expect(csvField(38)).toBe('38');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('selectionToCsv', () => {
  const out = selectionToCsv([fullReport.programmes[0]!, secretReport.programmes[0]!, sansPerspectivesProgramme]);

  it('starts with a BOM, separates with ; and ends lines with CRLF', () => {
    expect(out.startsWith('\ufeffFormation;Diplôme;CFD;')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('reads back into one row per programme, voie and scope, with percentages as numbers', () => {
    const rows: Record<string, string>[] = parse(out, { bom: true, delimiter: ';', columns: true });
    // full: 2 voies × 3 scopes; secret: 2 × 3; sans perspectives: scolaire only × 3.
    expect(rows.length).toBe(6 + 6 + 3);
    const canuts = rows[0]!;
    expect(canuts).toMatchObject({
      Formation: 'Métiers de la sécurité',
      Diplôme: 'BAC PRO',
      CFD: '40034403',
      MEFSTAT11: '23830034403',
      Établissement: 'Lycée professionnel Les Canuts',
      UAI: '0693045K',
      Voie: 'Voie scolaire',
      Périmètre: 'Cet établissement',
      Millésime: '2023_2024',
      'Effectif en dernière année': '48',
      'En emploi à 6 mois (%)': '38',
      'En formation (%)': '41',
      'Autres situations (%)': '21',
      'Débouchés faibles': 'non',
      Statut: 'chiffres publiés',
    });
    const apprHere = rows.find((r) => r.UAI === '0693045K' && r.Voie === 'Apprentissage' && r.Périmètre === 'Cet établissement')!;
    expect(apprHere['En emploi à 6 mois (%)']).toBe('');
    expect(apprHere.Statut).toContain('pas enseignée par cette voie');
    const secret = rows.find((r) => r.UAI === '0010001W' && r.Périmètre === 'Cet établissement' && r.Voie === 'Voie scolaire')!;
    expect(secret['Effectif en dernière année']).toBe('12');
    expect(secret.Statut).toBe("trop peu d'élèves pour des chiffres fiables");
    expect(rows.filter((r) => r['Débouchés faibles'] === 'oui').map((r) => r.Formation)).toEqual(['Aménagement et finitions du bâtiment']);
  });

  it('quotes and defuses hostile labels coming from a page', () => {
    const evil: ProgrammeReport = { ...sansPerspectivesProgramme, libelle: '=cmd|"/c calc";x' };
    const text = selectionToCsv([evil]);
    const rows: string[][] = parse(text, { bom: true, delimiter: ';' });
    expect(rows[1]![0]).toBe(`'=cmd|"/c calc";x`);
  });

  it('writes only the header for an empty selection', () => {
    expect(selectionToCsv([]).split('\r\n').filter(Boolean).length).toBe(1);
  });

  it('names the file by day', () => {
    expect(csvFileName(new Date(Date.UTC(2026, 0, 15, 12)))).toBe('selection-inserjeunes-2026-01-15.csv');
  });
});
