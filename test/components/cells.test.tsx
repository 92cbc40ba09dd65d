// @vitest-environment happy-dom
// Each cell state rendered as itself, every reason with its own sentence, and the "n sur 10" texts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { CellView } from '../../components';
import { errorSentences, formatDelta, formatMillesime, formatPercent, noFiguresSentences, surDix } from '../../lib/strings';
import type { ErrorReason, NoFiguresReason } from '../../lib/types';

afterEach(cleanup);

// Listed by hand from lib/types.ts: a reason added there without a sentence fails the type check of
// lib/strings.ts; a reason removed there fails here.
const NO_FIGURES: NoFiguresReason[] = [
  'certification-inconnue',
  'annee-commune',
  'formation-inconnue',
  'etablissement-inconnu',
  'pas-de-donnees',
  'pas-de-donnees-millesime',
  'hors-referentiel',
  'pas-d-etablissement',
  'pas-de-region',
  'voie-absente',
  'trop-peu-d-eleves',
];
const ERRORS: ErrorReason[] = ['network', 'timeout', 'server', 'rate-limit', 'invalid-response', 'unauthorized', 'bad-request', 'api-address'];

describe('strings', () => {
  it('has one distinct French sentence per no-figures reason and per error', () => {
    expect(Object.keys(noFiguresSentences).sort()).toEqual([...NO_FIGURES].sort());
    expect(Object.keys(errorSentences).sort()).toEqual([...ERRORS].sort());
    const all = [...Object.values(noFiguresSentences), ...Object.values(errorSentences)];
    expect(new Set(all).size).toBe(all.length);
    for (const s of all) expect(s).toMatch(/^[A-ZÉÀ].{10,}[.!]$/);
  });

  it('formats rates the French way', () => {
    expect(formatPercent(38)).toBe('38\u00a0%');
    expect(surDix(38)).toBe('environ 4 sur 10');
    expect(surDix(40)).toBe('4 sur 10');
    expect(surDix(4)).toBe('environ 0 sur 10');
    expect(formatDelta(6)).toBe('+6\u00a0pts');
    expect(formatDelta(-3)).toBe('\u22123\u00a0pts');
    expect(formatDelta(0)).toBe('0\u00a0pt');
    expect(formatMillesime('2023_2024')).toBe('sortants 2023 et 2024');
    expect(formatMillesime('2024')).toBe('sortants 2024');
  });
});

describe('CellView', () => {
  it('shows figures as employment and further study', () => {
    render(
      <CellView cell={{ state: 'figures', sansPerspectives: false, figures: { millesime: '2024', nbAnneeTerm: 48, tauxEnEmploi6Mois: 38, tauxEnFormation: 41, tauxAutres6Mois: 21 } }} />,
    );
    expect(screen.getByText('Emploi 38 % · Études 41 %')).toBeTruthy(); // the query folds no-break spaces
    expect(screen.queryByText('Débouchés faibles')).toBeNull();
  });

  it('tags figures flagged sans perspectives', () => {
    render(
      <CellView cell={{ state: 'figures', sansPerspectives: true, figures: { millesime: '2024', nbAnneeTerm: 48, tauxEnEmploi6Mois: 22, tauxEnFormation: 35, tauxAutres6Mois: 43 } }} />,
    );
    expect(screen.getByText('Débouchés faibles')).toBeTruthy();
  });

  it('shows secrecy as its own state with the cohort size, never as 0 %', () => {
    const { container } = render(<CellView cell={{ state: 'secret', millesime: '2023_2024', nbAnneeTerm: 12 }} />);
    expect(container.textContent).toContain("Trop peu d'élèves pour des chiffres fiables");
    expect(container.textContent).toContain('12 élèves');
    expect(container.textContent).not.toMatch(/%/);
  });

  it('shows secrecy without a cohort size when the API gave none', () => {
    const { container } = render(<CellView cell={{ state: 'secret' }} />);
    expect(container.textContent).toBe("Trop peu d'élèves pour des chiffres fiables");
  });

  it.each(NO_FIGURES)('says why there are no figures: %s', (reason) => {
    const { container } = render(<CellView cell={{ state: 'none', reason }} />);
    expect(container.textContent).toBe(noFiguresSentences[reason]);
  });

  it('lists the years that have figures when the asked one has none', () => {
    const { container } = render(<CellView cell={{ state: 'none', reason: 'pas-de-donnees-millesime', millesimesDisponibles: ['2022_2023'] }} />);
    expect(container.textContent).toContain('sortants 2022 et 2023');
  });

  it.each(ERRORS)('says what went wrong and offers a retry: %s', (error) => {
    const onRetry = vi.fn();
    render(<CellView cell={{ state: 'error', error }} onRetry={onRetry} />);
    expect(screen.getByText(errorSentences[error])).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('shows loading as a busy skeleton with a text for screen readers', () => {
    const { container } = render(<CellView cell={{ state: 'loading' }} />);
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(container.textContent).toBe('Chargement des chiffres…');
  });
});
