// @vitest-environment happy-dom
// The options page's privacy text and "effacer mes données": asked, confirmed, then said; refused when storage fails.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { OptionsView, type OptionsValues } from '../../components';
import { demoSources } from '../fixtures/reports/demo-reports';

afterEach(cleanup);

const valid: OptionsValues = {
  apiUrl: 'https://exposition.inserjeunes.beta.gouv.fr/api/inserjeunes',
  apiKey: 'cle',
  preferredRegion: '84',
  cacheDays: 7,
  display: { position: 'apres', startCollapsed: false, showBadges: true },
  nearby: { enabled: true, place: '', radiusKm: 30 },
};
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('"À propos": privacy and erasing', () => {
  it('says what is read, sent and kept, and links to the full privacy statement', () => {
    const url = 'https://example.org/depot#confidentialité';
    const { container } = render(<OptionsView initial={valid} onSettingsSubmit={() => {}} sources={demoSources} version="0.1.0" privacyUrl={url} onErase={async () => {}} />);
    expect(container.textContent).toContain('ne les envoie qu’au service InserJeunes');
    expect(container.textContent).toContain('Aucune donnée personnelle, aucune mesure d’audience.');
    expect(container.textContent).toContain('vos réglages, votre sélection de formations et les chiffres déjà reçus');
    expect(screen.getByRole('link', { name: 'Tout sur les données utilisées' }).getAttribute('href')).toBe(url);
  });

  it('asks before erasing, and erases nothing when cancelled', () => {
    const onErase = vi.fn(async () => {});
    render(<OptionsView initial={valid} onSettingsSubmit={() => {}} sources={demoSources} version="0.1.0" onErase={onErase} />);
    fireEvent.click(screen.getByRole('button', { name: 'Effacer mes données' }));
    expect(screen.getByText(/Effacer vos réglages, votre sélection et les chiffres gardés en mémoire/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Oui, tout effacer' }));
    fireEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(onErase).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Effacer mes données' })).toBeTruthy();
  });

  it('erases once confirmed, says so, and shows the defaults it is given', async () => {
    const defaults: OptionsValues = { ...valid, apiKey: '', preferredRegion: '' };
    const onErase = vi.fn(async () => {});
    const view = (initial: OptionsValues) => <OptionsView initial={initial} onSettingsSubmit={() => {}} sources={demoSources} version="0.1.0" onErase={onErase} />;
    const { rerender } = render(view(valid));
    expect((screen.getByLabelText('Clé d’API (facultative)') as HTMLInputElement).value).toBe('cle');
    fireEvent.click(screen.getByRole('button', { name: 'Effacer mes données' }));
    fireEvent.click(screen.getByRole('button', { name: 'Oui, tout effacer' }));
    await flush();
    expect(onErase).toHaveBeenCalledOnce();
    expect(screen.getByText('Vos données sont effacées ; les réglages sont revenus à leurs valeurs par défaut.')).toBeTruthy();
    rerender(view(defaults));
    await flush();
    expect((screen.getByLabelText('Clé d’API (facultative)') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Région préférée') as HTMLSelectElement).value).toBe('');
  });

  it('says when erasing failed', async () => {
    render(<OptionsView initial={valid} onSettingsSubmit={() => {}} sources={demoSources} version="0.1.0" onErase={() => Promise.reject(new Error('quota'))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Effacer mes données' }));
    fireEvent.click(screen.getByRole('button', { name: 'Oui, tout effacer' }));
    await flush();
    expect(screen.getByText('Les données n’ont pas pu être effacées. Réessayez.')).toBeTruthy();
  });
});
