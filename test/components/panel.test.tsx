// @vitest-environment happy-dom
// The panel: each lookup state, the indicators' text equivalents, the warning, the comparison, the drawer, the keyboard.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { Panel, type PanelState } from '../../components';
import {
  continuumReport,
  demoSources,
  errorReport,
  familleReport,
  fullReport,
  loadingReport,
  sansPerspectivesReport,
  secretReport,
  unknownEtablissementReport,
  unresolvedReport,
} from '../fixtures/reports/demo-reports';
import type { Report } from '../../lib/types';

afterEach(cleanup);

const ready = (report: Report): PanelState => ({ status: 'ready', report });
/** Text with no-break spaces folded, as a reader sees it. */
const text = (el: Element | null) => (el?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('Panel states', () => {
  it('shows a busy skeleton and announces loading', () => {
    const { container } = render(<Panel state={{ status: 'loading' }} />);
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Chargement des chiffres…');
  });

  it('shows a failed lookup with its message and a retry', () => {
    const onRetry = vi.fn();
    render(<Panel state={{ status: 'failed', message: 'L’extension ne répond pas.' }} onRetry={onRetry} />);
    expect(screen.getByText('Les chiffres n’ont pas pu être chargés.', { selector: 'p' })).toBeTruthy();
    expect(screen.getByText('L’extension ne répond pas.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('says when the page could not be resolved to a programme', () => {
    const { container } = render(<Panel state={ready(unresolvedReport)} />);
    expect(container.textContent).toContain('Nous n\'avons pas su relier cette page à une formation connue');
  });

  it('follows a signal: loading, then the report', async () => {
    const state = signal<PanelState>({ status: 'loading' });
    const { container } = render(<Panel state={state} />);
    expect(container.querySelector('.ij-programme')).toBeNull();
    state.value = ready(fullReport);
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(container.querySelector('.ij-programme')).not.toBeNull();
  });

  it('renders every cell of a still-loading report as loading', () => {
    const { container } = render(<Panel state={ready(loadingReport)} />);
    expect(container.querySelectorAll('.ij-cell--loading').length).toBe(6);
    expect(container.querySelector('.ij-inds')).toBeNull();
  });

  it('renders errors with a retry in each cell', () => {
    const onRetry = vi.fn();
    render(<Panel state={ready(errorReport)} onRetry={onRetry} />);
    const buttons = screen.getAllByRole('button', { name: 'Réessayer' });
    expect(buttons.length).toBe(6);
    expect(screen.getAllByText('Le service InserJeunes est injoignable. Vérifiez votre connexion.').length).toBe(2);
    fireEvent.click(buttons[0]!);
    expect(onRetry).toHaveBeenCalledOnce();
  });
});

describe('Programme view', () => {
  it('heads with the diploma, the label and the establishment', () => {
    render(<Panel state={ready(fullReport)} />);
    expect(text(screen.getByRole('heading', { level: 2 }))).toBe('BAC PRO Métiers de la sécurité');
    expect(screen.getByText('Lycée professionnel Les Canuts, Lyon')).toBeTruthy();
  });

  it('says which length the figures are for when the page did not say it', () => {
    const cap = { ...fullReport.programmes[0]!, libelle: 'Agent de propreté et d’hygiène', diplome: { code: '500', nom: 'CAP' }, assumedLength: 2 };
    const { container } = render(<Panel state={ready({ ...fullReport, programmes: [cap] })} />);
    expect(text(container.querySelector('.ij-programme-head'))).toContain('Chiffres du CAP en 2 ans : la page ne précise pas la durée.');
    cleanup();
    const told = render(<Panel state={ready(fullReport)} />);
    expect(text(told.container.querySelector('.ij-programme-head'))).not.toContain('Chiffres du');
  });

  it('says France when there is no establishment nor region', () => {
    const { container } = render(<Panel state={ready(continuumReport)} />);
    expect(container.querySelector('.ij-where')?.textContent).toBe('France');
  });

  it('draws the three indicators with percent and "n sur 10" text equivalents', () => {
    render(<Panel state={ready(fullReport)} />);
    const bars = screen.getAllByRole('img');
    expect(bars.map((b) => b.getAttribute('aria-label')!.replace(/\u00a0/g, ' '))).toEqual([
      'En emploi : 38 % — environ 4 sur 10',
      'En formation : 41 % — environ 4 sur 10',
      'Autres situations : 21 % — environ 2 sur 10',
    ]);
    const fill = bars[0]!.querySelector<HTMLElement>('.ij-bar-fill')!;
    expect(fill.style.width).toBe('38%');
  });

  it('says whose figures the bars show: establishment, voie, cohorts and size', () => {
    const { container } = render(<Panel state={ready(fullReport)} />);
    expect(text(container.querySelector('.ij-caption'))).toBe(
      'Cet établissement, voie scolaire — sortants 2023 et 2024, 48 élèves en dernière année',
    );
  });

  it('falls back to national figures for the bars when the establishment has none', () => {
    const { container } = render(<Panel state={ready(unknownEtablissementReport)} />);
    expect(text(container.querySelector('.ij-caption'))).toMatch(/^France, voie scolaire — sortants 2024/);
    expect(container.textContent).toContain("Cet établissement n'est pas connu du service InserJeunes.");
  });

  it('explains each indicator on demand', () => {
    render(<Panel state={ready(fullReport)} />);
    const help = screen.getByRole('button', { name: 'Que compte « en emploi » ?' });
    const explanation = document.getElementById(help.getAttribute('aria-controls')!)!;
    expect(explanation.hidden).toBe(true);
    expect(help.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(help);
    expect(help.getAttribute('aria-expanded')).toBe('true');
    expect(explanation.hidden).toBe(false);
    expect(explanation.textContent).toContain('Salarié en France dans le privé');
  });

  it('shows the sans-perspectives warning only from a cell flagged so', () => {
    const { container, unmount } = render(<Panel state={ready(sansPerspectivesReport)} />);
    expect(container.querySelector('[role="note"]')?.textContent).toContain('moins de 30 % sont en emploi et moins de 50 % en formation');
    unmount();
    // Low figures without the flag (the report builder decided they are incomplete): no warning.
    const low = structuredClone(sansPerspectivesReport);
    const cell = low.programmes[0]!.cells.france.scolaire;
    if (cell.state === 'figures') cell.sansPerspectives = false;
    const again = render(<Panel state={ready(low)} />);
    expect(again.container.querySelector('[role="note"]')).toBeNull();
  });

  it('never warns on secret or missing figures', () => {
    const { container } = render(<Panel state={ready(secretReport)} />);
    expect(container.querySelector('[role="note"]')).toBeNull();
    expect(container.textContent).toContain("Trop peu d'élèves pour des chiffres fiables");
    expect(text(container)).toContain('(12 élèves en dernière année)');
  });

  it('compares the establishment with its region, with the sign of the difference', () => {
    const { container } = render(<Panel state={ready(fullReport)} />);
    const deltas = [...container.querySelectorAll('.ij-delta')];
    // 38 vs 35 employment, 41 vs 44 further study (SCENARIO.md).
    expect(deltas.map((d) => text(d))).toEqual([
      'Emploi : +3 pts par rapport à la région',
      'Études : −3 pts par rapport à la région',
    ]);
    expect(deltas[0]!.classList.contains('ij-delta--up')).toBe(true);
    expect(deltas[1]!.classList.contains('ij-delta--down')).toBe(true);
  });

  it('shows both voies side by side with each scope, and region by name', () => {
    const { container } = render(<Panel state={ready(fullReport)} />);
    const voies = [...container.querySelectorAll('.ij-voie')];
    expect(voies.map((v) => v.querySelector('h4')?.textContent)).toEqual(['Voie scolaire', 'Apprentissage']);
    const appr = within(voies[1] as HTMLElement);
    expect(appr.getByText('Région Auvergne-Rhône-Alpes')).toBeTruthy();
    expect(appr.getByText(/pas enseignée par cette voie/)).toBeTruthy();
    expect(text(voies[1]!)).toContain('Emploi 61 % · Études 18 %');
  });

  it('leaves out a voie the programme does not have anywhere', () => {
    const { container } = render(<Panel state={ready(sansPerspectivesReport)} />);
    expect([...container.querySelectorAll('.ij-voie h4')].map((h) => h.textContent)).toEqual(['Voie scolaire']);
  });
});

describe('Details drawer', () => {
  /** Opens the drawer as a user does: its body is drawn on the first opening. */
  const open = (container: Element) => {
    const details = container.querySelector('details')!;
    expect(details.querySelector('.ij-details-body')).toBeNull();
    fireEvent.click(details.querySelector('summary')!);
    return details;
  };

  it('lists later employment, salaries, valeur ajoutée, cohorts, sources and the documentation', () => {
    const { container } = render(<Panel state={ready(fullReport)} sources={demoSources} />);
    const d = text(open(container));
    expect(d).toContain("Taux d'emploi dans la durée");
    expect(d).toContain('1 sur 4 gagne moins de 1 310 €');
    expect(d).toContain('La moitié gagne moins de 1 520 €');
    expect(d).toContain("Valeur ajoutée de l'établissement (DEPP)");
    expect(d).toContain('emploi 40 %, attendu 36 %, valeur ajoutée +4 pts');
    expect(d).toContain("l'établissement fait mieux qu'attendu");
    expect(d).toContain('Cet établissement, voie scolaire : 48 élèves (sortants 2023 et 2024)');
    expect(d).toContain('Onisep Idéo (octobre 2024), Licence ODbL');
    expect(d).toContain('BCN (mai 2025), Licence Ouverte (Etalab 2.0)');
    const link = container.querySelector<HTMLAnchorElement>('details a')!;
    expect(link.href).toBe('https://documentation.exposition.inserjeunes.beta.gouv.fr/');
  });

  it('tells when figures are borrowed from the replaced diploma', () => {
    const { container } = render(<Panel state={ready(continuumReport)} />);
    expect(text(open(container))).toContain('Diplôme rénové : les chiffres sont ceux du diplôme qu’il remplace (Travaux publics (ancien diplôme)).');
    expect(text(container.querySelector('.ij-headline'))).toContain('Diplôme rénové');
  });

  it('lists a common 2de’s specialties one row each, in the panel itself rather than an empty comparison', () => {
    const { container } = render(<Panel state={ready(familleReport)} />);
    expect(container.querySelector('details .ij-specialite')).toBeNull();
    expect(container.querySelector('.ij-compare')).toBeNull();
    const rows = [...container.querySelectorAll('.ij-specialite')];
    expect(rows.length).toBe(2);
    expect(text(rows[0]!)).toBe('Travaux publicsEmploi 47 % · Études 36 % (France)');
    expect(text(rows[1]!)).toContain('Aménagement et finitions du bâtiment');
    expect(text(rows[1]!)).toContain('Débouchés faibles');
  });

  it('omits sections that have nothing to say', () => {
    const { container } = render(<Panel state={ready(secretReport)} />);
    const d = text(open(container));
    expect(d).not.toContain('Valeur ajoutée');
    expect(d).not.toContain('Salaires');
    expect(d).toContain('Cet établissement, voie scolaire : 12 élèves');
  });
});

describe('Collapse, close, save', () => {
  it('collapses to a tab and back, telling the caller, with focus kept', async () => {
    const onCollapsedChange = vi.fn();
    render(<Panel state={ready(fullReport)} onCollapsedChange={onCollapsedChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Réduire' }));
    expect(onCollapsedChange).toHaveBeenLastCalledWith(true);
    const tab = screen.getByRole('button', { name: /Afficher les débouchés/ });
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(tab);
    expect(screen.queryByRole('img')).toBeNull();
    fireEvent.click(tab);
    expect(onCollapsedChange).toHaveBeenLastCalledWith(false);
    expect(screen.getAllByRole('img').length).toBe(3);
  });

  it('collapses on Escape from anywhere inside', () => {
    const collapsed = signal(false);
    render(<Panel state={ready(fullReport)} collapsed={collapsed} />);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Que compte « en emploi » ?' }), { key: 'Escape' });
    expect(collapsed.value).toBe(true);
    expect(screen.getByRole('button', { name: /Afficher les débouchés/ })).toBeTruthy();
  });

  it('starts collapsed when its collapsed signal says so (the stored choice or the setting)', () => {
    render(<Panel state={ready(fullReport)} collapsed={signal(true)} />);
    expect(screen.getByRole('button', { name: /Afficher les débouchés/ }).getAttribute('aria-expanded')).toBe('false');
  });

  it('offers close only with a handler, and calls it', () => {
    const onClose = vi.fn();
    const { unmount } = render(<Panel state={ready(fullReport)} />);
    expect(screen.queryByRole('button', { name: 'Fermer' })).toBeNull();
    unmount();
    render(<Panel state={ready(fullReport)} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('adds a programme to the selection, and says when it is already there', () => {
    const onSave = vi.fn();
    const { unmount } = render(<Panel state={ready(fullReport)} onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter à ma sélection' }));
    expect(onSave).toHaveBeenCalledWith(fullReport.programmes[0]);
    unmount();
    render(<Panel state={ready(fullReport)} onSave={onSave} savedKeys={new Set([fullReport.programmes[0]!.key])} />);
    expect((screen.getByRole('button', { name: 'Dans ma sélection' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says so in French when the save failed, and tries again on the next click', async () => {
    const onSave = vi.fn().mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded')).mockResolvedValueOnce(undefined);
    render(<Panel state={ready(fullReport)} onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter à ma sélection' }));
    expect(await screen.findByText('La formation n’a pas pu être ajoutée à votre sélection. Réessayez.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter à ma sélection' }));
    await vi.waitFor(() => expect(screen.queryByText(/n’a pas pu être ajoutée/)).toBeNull());
    expect(onSave).toHaveBeenCalledTimes(2);
  });
});
