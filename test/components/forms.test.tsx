// @vitest-environment happy-dom
// Search classification, the popup, the selection table and the options form with its validation messages.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import {
  classifySearch,
  OptionsView,
  PopupView,
  SelectionView,
  validateOptions,
  type OptionsValues,
  type SearchState,
} from '../../components';
import { demoSources, fullReport, sansPerspectivesProgramme, secretReport } from '../fixtures/reports/demo-reports';

afterEach(cleanup);
const fold = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('classifySearch', () => {
  it.each([
    ['0693045K', 'uai', '0693045K'],
    [' 0693045k ', 'uai', '0693045K'],
    ['FOR.3651', 'for', 'FOR.3651'],
    ['40034403', 'cfd', '40034403'],
    ['23830034403', 'mefstat11', '23830034403'],
    ['2473440331', 'mef10', '2473440331'],
    ['RNCP39133', 'rncp', '39133'],
    ['39133', 'rncp', '39133'],
    ['  métiers   de la sécurité ', 'texte', 'métiers de la sécurité'],
  ])('%s is a %s', (input, kind, value) => {
    expect(classifySearch(input)).toEqual({ kind, value });
  });
  it('refuses too little to search for', () => {
    expect(classifySearch('')).toBeNull();
    expect(classifySearch('ab')).toBeNull();
    expect(classifySearch('12 !')).toBeNull();
  });
  it('does not take a UAI with a wrong check letter for one', () => {
    expect(classifySearch('0693045A')?.kind).not.toBe('uai');
  });
});

describe('PopupView', () => {
  const base = {
    onSearch: vi.fn(),
    onOpenResult: vi.fn(),
    onOpenFound: vi.fn(),
    onBack: vi.fn(),
  };

  it('lists what the tab shows, one line per programme with its status', () => {
    render(<PopupView {...base} tab={{ status: 'ready', reports: [fullReport, secretReport] }} search={{ status: 'idle' }} detail={null} />);
    const lines = screen.getAllByRole('listitem');
    expect(lines.length).toBe(2);
    expect(fold(lines[0]!.textContent)).toContain('Emploi 38 % · Études 41 %');
    fireEvent.click(lines[1]!.querySelector('button')!);
    expect(base.onOpenFound).toHaveBeenCalledWith(secretReport, secretReport.programmes[0]);
  });

  it('shows a programme the page shows twice (panel and list row) once, with the fuller report', () => {
    const p = fullReport.programmes[0]!;
    const badgeOnly = { ...fullReport, programmes: [{ ...p, cells: { ...p.cells, region: { scolaire: { state: 'loading' as const }, apprentissage: { state: 'loading' as const } } } }] };
    render(<PopupView {...base} tab={{ status: 'ready', reports: [badgeOnly, fullReport] }} search={{ status: 'idle' }} detail={null} />);
    const lines = screen.getAllByRole('listitem');
    expect(lines.length).toBe(1);
    fireEvent.click(lines[0]!.querySelector('button')!);
    expect(base.onOpenFound).toHaveBeenLastCalledWith(fullReport, p);
  });

  it('says when the tab shows nothing', () => {
    render(<PopupView {...base} tab={{ status: 'ready', reports: [] }} search={{ status: 'idle' }} detail={null} />);
    expect(screen.getByText('Aucune formation trouvée sur cet onglet.')).toBeTruthy();
  });

  it('searches with the classified query, and refuses too short a query with a message', () => {
    const onSearch = vi.fn();
    render(<PopupView {...base} onSearch={onSearch} tab={{ status: 'loading' }} search={{ status: 'idle' }} detail={null} />);
    const input = screen.getByLabelText('UAI, FOR, CFD, MEFSTAT11, RNCP ou mots du nom');
    fireEvent.input(input, { target: { value: 'ab' } });
    fireEvent.submit(input.closest('form')!);
    expect(onSearch).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Saisissez un code ou au moins 3 lettres.')).toBeTruthy();
    fireEvent.input(input, { target: { value: 'rncp39133' } });
    fireEvent.submit(input.closest('form')!);
    expect(onSearch).toHaveBeenCalledWith({ kind: 'rncp', value: '39133' });
  });

  it('shows results and opens one', () => {
    const search: SearchState = {
      status: 'done',
      query: { kind: 'texte', value: 'opticien' },
      results: [{ sighting: { site: 'recherche', page: 'formation', ids: { cfd: '32033107' } }, libelle: 'BTS Opticien-lunetier', detail: '2 ans' }],
    };
    const onOpenResult = vi.fn();
    render(<PopupView {...base} onOpenResult={onOpenResult} tab={{ status: 'loading' }} search={search} detail={null} />);
    expect(screen.getByRole('status', { name: '' }).textContent).toBe('1 résultat');
    fireEvent.click(screen.getByRole('button', { name: /BTS Opticien-lunetier/ }));
    expect(onOpenResult).toHaveBeenCalledWith(search.status === 'done' ? search.results[0] : null);
  });

  it('says when a search finds nothing', () => {
    render(
      <PopupView {...base} tab={{ status: 'loading' }} search={{ status: 'done', query: { kind: 'texte', value: 'zzz' }, results: [] }} detail={null} />,
    );
    expect(screen.getByText('Aucun résultat pour « zzz ».')).toBeTruthy();
  });

  it('shows the same panel for a chosen programme, with save and back', () => {
    const onSave = vi.fn();
    const onBack = vi.fn();
    render(
      <PopupView
        {...base}
        onBack={onBack}
        onSave={onSave}
        tab={{ status: 'loading' }}
        search={{ status: 'idle' }}
        detail={{ status: 'ready', report: fullReport }}
        selectionHref="selection.html"
        selectionCount={2}
      />,
    );
    expect(screen.getAllByRole('img').length).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter à ma sélection' }));
    expect(onSave).toHaveBeenCalledWith(fullReport.programmes[0]);
    fireEvent.click(screen.getByRole('button', { name: /Retour/ }));
    expect(onBack).toHaveBeenCalledOnce();
    expect(screen.getByRole('link', { name: '2 formations dans ma sélection' }).getAttribute('href')).toBe('selection.html');
  });
});

describe('SelectionView', () => {
  it('compares saved programmes row by row, voie by voie', () => {
    const { container } = render(
      <SelectionView items={[fullReport.programmes[0]!, sansPerspectivesProgramme]} onRemove={() => {}} onExportCsv={() => {}} />,
    );
    const rows = [...container.querySelectorAll('tbody tr')];
    expect(rows.length).toBe(3);
    expect(fold(rows[0]!.textContent)).toBe(
      'BAC PRO Métiers de la sécuritéLycée professionnel Les Canuts, LyonVoie scolaire38 %41 %21 %35 %41 %48Retirer',
    );
    expect(fold(rows[1]!.textContent)).toContain('Apprentissagepas enseignée ici par cette voie');
    // No establishment: the national figures, said so.
    expect(fold(rows[2]!.textContent)).toContain('Toute la FranceVoie scolaire22 %Débouchés faibles35 %');
  });

  it('exports, removes and prints through its callbacks', () => {
    const onRemove = vi.fn();
    const onExportCsv = vi.fn();
    const onPrint = vi.fn();
    render(<SelectionView items={[secretReport.programmes[0]!]} onRemove={onRemove} onExportCsv={onExportCsv} onPrint={onPrint} />);
    fireEvent.click(screen.getByRole('button', { name: 'Exporter en CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Imprimer' }));
    fireEvent.click(screen.getByRole('button', { name: /^Retirer « Agent d'accueil/ }));
    expect(onExportCsv).toHaveBeenCalledOnce();
    expect(onPrint).toHaveBeenCalledOnce();
    expect(onRemove).toHaveBeenCalledWith(secretReport.programmes[0]!.key);
    expect(screen.getAllByText('Trop peu d’élèves').length).toBe(3); // employment, training, other
  });

  it('says when the selection is empty and disables export', () => {
    render(<SelectionView items={[]} onRemove={() => {}} onExportCsv={() => {}} />);
    expect(screen.getByText(/Votre sélection est vide/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Exporter en CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Options', () => {
  const valid: OptionsValues = {
    apiUrl: 'https://exposition.inserjeunes.beta.gouv.fr/api/inserjeunes',
    apiKey: '',
    preferredRegion: '84',
    cacheDays: 7,
    display: { position: 'apres', startCollapsed: false, showBadges: true },
    nearby: { enabled: true, place: '', radiusKm: 30 },
  };

  it('validates each field', () => {
    expect(validateOptions(valid)).toEqual({});
    expect(validateOptions({ ...valid, apiUrl: 'ftp://x', apiKey: 'a b', preferredRegion: '99', cacheDays: 0 })).toEqual({
      apiUrl: true,
      apiKey: true,
      preferredRegion: true,
      cacheDays: true,
    });
    expect(validateOptions({ ...valid, apiUrl: 'https://x.fr/api?k=1' }).apiUrl).toBe(true);
    expect(validateOptions({ ...valid, cacheDays: 2.5 }).cacheDays).toBe(true);
    expect(validateOptions({ ...valid, preferredRegion: '' })).toEqual({});
  });

  it('shows French messages beside wrong fields, focuses the first, and does not save', () => {
    const onSettingsSubmit = vi.fn();
    render(<OptionsView initial={valid} onSettingsSubmit={onSettingsSubmit} sources={demoSources} version="0.1.0" />);
    const url = screen.getByLabelText('Adresse de l’API');
    fireEvent.input(url, { target: { value: 'pas une adresse' } });
    fireEvent.input(screen.getByLabelText('Garder les chiffres en mémoire (jours)'), { target: { value: '400' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(onSettingsSubmit).not.toHaveBeenCalled();
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(url.getAttribute('aria-describedby')).toContain('ij-opt-apiUrl-error');
    expect(screen.getByText('Saisissez une adresse web complète, commençant par https:// (sans ? ni #).')).toBeTruthy();
    expect(screen.getByText('Saisissez un nombre entier de jours entre 1 et 90.')).toBeTruthy();
    expect(screen.getByText('2 champs à corriger.')).toBeTruthy();
    expect(document.activeElement).toBe(url);
  });

  it('submits the edited values and confirms', async () => {
    const onSettingsSubmit = vi.fn();
    render(<OptionsView initial={valid} onSettingsSubmit={onSettingsSubmit} sources={demoSources} version="0.1.0" />);
    fireEvent.change(screen.getByLabelText('Région préférée'), { target: { value: '11' } });
    fireEvent.click(screen.getByLabelText('Flottant, en bas à droite'));
    fireEvent.click(screen.getByLabelText('Afficher les pastilles dans les listes de formations'));
    fireEvent.input(screen.getByLabelText('Clé d’API (facultative)'), { target: { value: 'abc123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(onSettingsSubmit).toHaveBeenCalledWith({
      ...valid,
      apiKey: 'abc123',
      preferredRegion: '11',
      display: { position: 'flottant', startCollapsed: false, showBadges: false },
    });
    expect(screen.getByText('Options enregistrées.')).toBeTruthy();
  });

  it('saves the "Ailleurs près d’ici" options: on/off, place and radius', async () => {
    const onSettingsSubmit = vi.fn();
    render(<OptionsView initial={valid} onSettingsSubmit={onSettingsSubmit} sources={demoSources} version="0.1.0" />);
    fireEvent.click(screen.getByLabelText('Proposer des formations proches qui font mieux'));
    fireEvent.input(screen.getByLabelText('Votre commune ou code postal'), { target: { value: '69100' } });
    fireEvent.change(screen.getByLabelText('Distance maximale'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(onSettingsSubmit).toHaveBeenCalledWith({ ...valid, nearby: { enabled: false, place: '69100', radiusKm: 50 } });
  });

  it('lists regions by name and credits sources, licences and version', () => {
    const { container } = render(<OptionsView initial={valid} onSettingsSubmit={() => {}} sources={demoSources} version="0.1.0" />);
    const options = [...container.querySelectorAll('#ij-opt-preferredRegion option')].map((o) => o.textContent);
    expect(options).toContain('Auvergne-Rhône-Alpes');
    expect(options.length).toBe(20); // "Aucune" + 19 regions (00: collectivités d’outre-mer)
    expect(container.textContent).toContain('Certif Info (octobre 2024), Licence ODbL');
    expect(container.textContent).toContain('DEPP, valeur ajoutée des lycées (2024), Licence Ouverte (Etalab 2.0)');
    expect(container.textContent).toContain('Version 0.1.0');
  });
});
