import { describe, expect, it } from 'vitest';
import { withRowProgrammes } from '../../lib/merge-reports';
import { fullReport, secretReport } from '../fixtures/reports/demo-reports';
import type { Report } from '../../lib/types';

const etab = (uai: string, programmes: Report['programmes'] = []): Report => ({
  sighting: { site: 'onisep', page: 'etablissement', ids: { uai } },
  programmes,
  etablissement: { uai },
});

describe('withRowProgrammes', () => {
  it('adds the rows’ programmes at the same establishment, once each', () => {
    const uai = fullReport.programmes[0]!.etablissement!.uai;
    const merged = withRowProgrammes(etab(uai), [fullReport, fullReport]);
    expect(merged.programmes.map((p) => p.key)).toEqual(fullReport.programmes.map((p) => p.key));
  });

  it('keeps the establishment’s own programme first and ignores rows of other establishments', () => {
    const own = fullReport.programmes[0]!;
    const merged = withRowProgrammes(etab(own.etablissement!.uai, [own]), [secretReport, fullReport]);
    expect(merged.programmes).toEqual([own]);
  });

  it('replaces a programme by its full report once one was asked', () => {
    const own = fullReport.programmes[0]!;
    const partial = { ...own, cells: { ...own.cells, region: { scolaire: { state: 'loading' as const }, apprentissage: { state: 'loading' as const } } } };
    const merged = withRowProgrammes(etab(own.etablissement!.uai, [partial]), [], new Map([[own.key, own]]));
    expect(merged.programmes).toEqual([own]);
  });
});
