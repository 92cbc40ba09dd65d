// @vitest-environment happy-dom
// An establishment page's panel: the establishment, its valeur ajoutée, one row per programme taught.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { Panel } from '../../components';
import { canuts, fullReport } from '../fixtures/reports/demo-reports';
import type { Report } from '../../lib/types';

afterEach(cleanup);

const text = (el: Element | null) => (el?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');
const etablissement = (programmes: Report['programmes']): Report => ({
  sighting: { site: 'onisep', page: 'etablissement', ids: { uai: canuts.uai }, label: canuts.libelle },
  etablissement: canuts,
  programmes,
});

describe('EtablissementView', () => {
  it('names the establishment and its valeur ajoutée, and says when no programme is known yet', () => {
    const { container } = render(<Panel state={{ status: 'ready', report: etablissement([]) }} />);
    expect(text(container.querySelector('.ij-programme-title'))).toBe('Lycée professionnel Les Canuts');
    expect(text(container)).toContain('Valeur ajoutée');
    expect(text(container)).toContain('+4');
    expect(text(container)).toContain('Aucune formation de cet établissement');
    expect(text(container)).not.toContain('Aucune formation reconnue sur cette page.');
  });

  it('lists each programme on one line with its figures, the full view opening on demand', () => {
    const { container } = render(<Panel state={{ status: 'ready', report: etablissement(fullReport.programmes) }} />);
    const rows = container.querySelectorAll('.ij-taught-item');
    expect(rows).toHaveLength(fullReport.programmes.length);
    const summary = rows[0]!.querySelector('summary')!;
    expect(text(summary)).toContain('Métiers de la sécurité');
    expect(text(summary)).toContain('38 %');
    expect((rows[0] as HTMLDetailsElement).open).toBe(false);
    fireEvent.click(summary);
    expect(rows[0]!.querySelector('.ij-inds')).not.toBeNull();
  });
});

describe('diploma tag', () => {
  it('is shown before a label that does not already say it, and only then', async () => {
    const { diplomaTag } = await import('../../components');
    const p = fullReport.programmes[0]!;
    expect(diplomaTag({ ...p, libelle: 'Métiers de la sécurité', diplome: { code: '400', nom: 'BAC PRO' } })).toBe('BAC PRO');
    expect(diplomaTag({ ...p, libelle: 'bac pro Métiers de la sécurité', diplome: { code: '400', nom: 'BAC PRO' } })).toBeUndefined();
    expect(diplomaTag({ ...p, libelle: 'x', diplome: undefined })).toBeUndefined();
  });
});
