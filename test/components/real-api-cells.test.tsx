// @vitest-environment happy-dom
// What the panel shows for the real API's answers: partial rates, figures from the gestionnaire,
// a wrong API address, and the national salaries and borrowed-figures flag the plain route gives.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { CellView, IndicatorBars, Panel } from '../../components';
import { fullReport } from '../fixtures/reports/demo-reports';
import { errorSentences } from '../../lib/strings';
import type { Cell, Figures, ProgrammeReport, Report } from '../../lib/types';

afterEach(cleanup);

const partial: Figures = { millesime: '2024', nbAnneeTerm: 60, tauxEnEmploi6Mois: null, tauxEnFormation: 35, tauxAutres6Mois: null, tauxEnEmploi12Mois: 40 };
const partialCell: Cell = { state: 'figures', figures: partial, sansPerspectives: false };
const gestionnaireCell: Cell = {
  state: 'figures',
  figures: { millesime: '2023_2024', nbAnneeTerm: 80, tauxEnEmploi6Mois: 45, tauxEnFormation: 35, tauxAutres6Mois: 20 },
  provenance: { type: 'gestionnaire', uai: '0690102L' },
  sansPerspectives: false,
};

describe('a cell with partial rates', () => {
  it('shows what exists and says what is missing, not an error', () => {
    const { container } = render(<CellView cell={partialCell} />);
    const text = container.textContent!.replace(/\u00a0/g, ' ');
    expect(text).toContain('Emploi non calculé · Études 35 %');
    expect(text).toContain('Non calculé par le service InserJeunes : emploi à 6 mois, autres situations à 6 mois.');
    expect(text).toContain('Emploi à 12 mois : 40 %');
    expect(text).not.toContain(errorSentences['invalid-response']);
  });

  it('draws no bar for a missing rate and says so to screen readers', () => {
    const { container } = render(<IndicatorBars figures={partial} />);
    const rows = [...container.querySelectorAll('.ij-ind-row')];
    expect(rows.map((r) => r.getAttribute('aria-label')?.replace(/\u00a0/g, ' '))).toEqual([
      'En emploi : non calculé par le service InserJeunes',
      'En formation : 35 % — environ 4 sur 10',
      'Autres situations : non calculé par le service InserJeunes',
    ]);
    expect(container.querySelectorAll('.ij-bar-fill')).toHaveLength(1);
  });

  it('says nothing is missing when every rate is there', () => {
    const { container } = render(<CellView cell={{ ...partialCell, figures: { ...partial, tauxEnEmploi6Mois: 30, tauxAutres6Mois: 35 } }} />);
    expect(container.querySelector('.ij-missing')).toBeNull();
  });
});

describe('a cell from the gestionnaire', () => {
  it('says the figures are the gestionnaire’s, with its UAI', () => {
    const { container } = render(<CellView cell={gestionnaireCell} />);
    expect(container.querySelector('.ij-provenance')?.textContent).toBe('Chiffres de l’organisme gestionnaire (UAI 0690102L), pas de ce seul lieu de formation.');
  });

  it('says it under the headline too, where the establishment comes first', () => {
    const base = fullReport.programmes[0]!;
    const p: ProgrammeReport = { ...base, cells: { ...base.cells, etablissement: { scolaire: gestionnaireCell, apprentissage: { state: 'none', reason: 'formation-inconnue' } } } };
    const report: Report = { sighting: { site: 'onisep', page: 'formation', ids: { for: 'FOR.3651' } }, programmes: [p] };
    const { container } = render(<Panel state={{ status: 'ready', report }} />);
    expect(container.querySelector('.ij-headline .ij-provenance')?.textContent).toContain('organisme gestionnaire');
  });
});

describe('a wrong API address', () => {
  it('says to check the address in the options', () => {
    const { container } = render(<CellView cell={{ state: 'error', error: 'api-address', status: 404 }} />);
    expect(container.textContent).toContain("vérifiez l'adresse de l'API dans les options");
  });
});

describe('national details from the plain route', () => {
  it('shows national salaries and the borrowed-figures note in the drawer', () => {
    const base = fullReport.programmes[0]!;
    const france: Cell = {
      state: 'figures',
      figures: { millesime: '2024', nbAnneeTerm: 900, tauxEnEmploi6Mois: 50, tauxEnFormation: 30, tauxAutres6Mois: 20, salaire12MoisQ1: 1300, salaire12MoisQ2: 1480, salaire12MoisQ3: 1650 },
      donneeSource: { type: 'ancienne', codeCertification: '40025408' },
      sansPerspectives: false,
    };
    const p: ProgrammeReport = { ...base, continuum: { type: 'ancienne', codeCertification: '40025408', libelle: 'REPARATION DES CARROSSERIES' }, cells: { ...base.cells, france: { scolaire: france, apprentissage: { state: 'none', reason: 'voie-absente' } } } };
    const report: Report = { sighting: { site: 'onisep', page: 'formation', ids: { for: 'FOR.3651' } }, programmes: [p] };
    const { container } = render(<Panel state={{ status: 'ready', report }} />);
    const details = container.querySelector<HTMLDetailsElement>('details.ij-details')!;
    // Closed, the drawer's body is not drawn at all; opened, it is.
    expect(container.querySelector('.ij-details-body')).toBeNull();
    fireEvent.click(details.querySelector('summary')!);
    const drawer = container.querySelector('.ij-details-body')!.textContent!.replace(/[\u00a0\u202f]/g, ' ');
    expect(drawer).toContain('1 480 €');
    expect(drawer).toContain('REPARATION DES CARROSSERIES');
  });
});
