// @vitest-environment happy-dom
// Badges: each state in the panel's words, a real button, opened by click and keyboard.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { Badge, badgeStateFromReport, type BadgeState, type PanelState } from '../../components';
import { errorReport, familleReport, fullReport, loadingReport, secretReport, unknownEtablissementReport, unresolvedReport } from '../fixtures/reports/demo-reports';

afterEach(cleanup);
const fold = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('badgeStateFromReport', () => {
  it('takes the establishment’s figures first', () => {
    expect(badgeStateFromReport(fullReport)).toEqual({
      status: 'figures', scope: 'etablissement', voie: 'scolaire', emploi: 38, formation: 41, sansPerspectives: false,
    });
  });
  it('falls back to France when the establishment is unknown', () => {
    expect(badgeStateFromReport(unknownEtablissementReport)).toMatchObject({ status: 'figures', scope: 'france', emploi: 41 });
  });
  it('falls back to national figures under secrecy and says so at a glance', () => {
    expect(badgeStateFromReport(secretReport)).toMatchObject({ status: 'figures', scope: 'france', emploi: 52, secretIci: true });
    render(<Badge state={badgeStateFromReport(secretReport)} onOpen={() => {}} />);
    expect(fold(screen.getByRole('button').textContent)).toMatch(/^Trop peu d’élèves ici · Emploi 52 %.*\(France\)/);
  });
  it('does not say "trop peu d’élèves ici" when the establishment is simply unknown', () => {
    expect(badgeStateFromReport(unknownEtablissementReport)).not.toHaveProperty('secretIci');
  });
  it('leads with the route the page names (an apprentissage row)', () => {
    const r = structuredClone(fullReport);
    const cells = r.programmes[0]!.cells.etablissement;
    const scolaire = cells.scolaire;
    if (scolaire.state !== 'figures') throw new Error('fixture changed');
    cells.apprentissage = { ...scolaire, figures: { ...scolaire.figures, tauxEnEmploi6Mois: 70 } };
    expect(badgeStateFromReport(r)).toMatchObject({ voie: 'scolaire', emploi: 38 });
    r.programmes[0]!.voie = 'apprentissage';
    expect(badgeStateFromReport(r)).toMatchObject({ voie: 'apprentissage', emploi: 70 });
  });
  it('is secret when no cell has figures and one is under the threshold', () => {
    const r = structuredClone(secretReport);
    r.programmes[0]!.cells.france.scolaire = { state: 'none', reason: 'certification-inconnue' };
    r.programmes[0]!.cells.france.apprentissage = { state: 'none', reason: 'certification-inconnue' };
    expect(badgeStateFromReport(r)).toEqual({ status: 'secret', nbAnneeTerm: 12 });
  });
  it('is loading, error or none from the cells', () => {
    expect(badgeStateFromReport(loadingReport)).toEqual({ status: 'loading' });
    expect(badgeStateFromReport(errorReport)).toEqual({ status: 'error', error: 'timeout' });
    expect(badgeStateFromReport(unresolvedReport)).toEqual({ status: 'none', reason: 'hors-referentiel' });
    expect(badgeStateFromReport({ ...fullReport, programmes: [] })).toEqual({ status: 'none', reason: 'aucune-formation' });
  });
  it('uses the programme’s own cells for a common 2de', () => {
    expect(badgeStateFromReport(familleReport)).toMatchObject({ status: 'figures', scope: 'france', emploi: 44 });
  });
});

describe('Badge', () => {
  const cases: [BadgeState, string][] = [
    [{ status: 'figures', scope: 'etablissement', voie: 'scolaire', emploi: 38, formation: 41, sansPerspectives: false }, 'Emploi 38 % · Études 41 %'],
    [{ status: 'figures', scope: 'france', voie: 'scolaire', emploi: 22, formation: 35, sansPerspectives: true }, 'Emploi 22 % · Études 35 % (France)Débouchés faibles'],
    [{ status: 'secret', nbAnneeTerm: 12 }, 'Trop peu d’élèves'],
    [{ status: 'none', reason: 'formation-inconnue' }, 'Pas de chiffres : pas enseignée ici par cette voie'],
    [{ status: 'error', error: 'network' }, 'Chiffres indisponibles'],
    [{ status: 'loading' }, 'InserJeunes : chargement…'],
    [{ status: 'failed' }, 'InserJeunes : indisponible'],
  ];
  it.each(cases)('shows %j as words', (state, words) => {
    render(<Badge state={state} onOpen={() => {}} />);
    const button = screen.getByRole('button');
    expect(fold(button.textContent)).toBe(words);
    expect(fold(button.getAttribute('aria-label'))).toMatch(/\. Ouvrir le détail InserJeunes$/);
  });

  it('marks itself busy while loading', () => {
    render(<Badge state={{ status: 'loading' }} onOpen={() => {}} />);
    expect(screen.getByRole('button').getAttribute('aria-busy')).toBe('true');
  });

  it('derives its state from the panel’s lookup signal', async () => {
    const state = signal<PanelState>({ status: 'loading' });
    render(<Badge state={state} onOpen={() => {}} />);
    expect(screen.getByRole('button').textContent).toBe('InserJeunes : chargement…');
    state.value = { status: 'ready', report: fullReport };
    await new Promise((r) => setTimeout(r, 0));
    expect(fold(screen.getByRole('button').textContent)).toBe('Emploi 38 % · Études 41 %');
  });

  it('is a real focusable button (Enter and Space come with it) that opens on click', () => {
    const onOpen = vi.fn();
    render(<Badge state={{ status: 'secret' }} onOpen={onOpen} />);
    const button = screen.getByRole('button') as HTMLButtonElement;
    expect(button.tagName).toBe('BUTTON');
    expect(button.type).toBe('button');
    button.focus();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledOnce();
  });
});
