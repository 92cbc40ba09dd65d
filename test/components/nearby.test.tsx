// @vitest-environment happy-dom
// "Ailleurs près d'ici" in the panel: "Ajouter cette alternative" (saved, failed), the académie sentence,
// the section on an establishment panel's rows; and the selection page's alternatives beside their originals.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { Panel, SelectionView } from '../../components';
import { alternativeKey, type NearbyLine, type NearbyResult } from '../../lib/better-nearby';
import type { ProgrammeReport, Report } from '../../lib/types';
import { alternativeItemOf } from '../../lib/saved-selection';
import { canuts, fullReport, securiteCanuts } from '../fixtures/reports/demo-reports';

afterEach(cleanup);

const text = (el: Element | null) => (el?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');
const line: NearbyLine = {
  af: 'AF.5802', uai: '0692002B', for: 'FOR.3651', cfd: '40034403', libelle: 'bac pro Métiers de la sécurité', etablissement: 'Lycée professionnel Jean Lurçat',
  commune: 'Vénissieux', km: 8, voie: 'scolaire', emploi: 45, formation: 32, millesime: '2023_2024', url: 'https://www.onisep.fr/http/redirection/formation/slug/AF.5802', lien: 'meme',
};
const ok = (over: Partial<Extract<NearbyResult, { status: 'ok' }>> = {}): NearbyResult => ({
  status: 'ok', origin: 'etablissement', area: { km: 30 }, same: [line], related: [], checked: 6, requests: 6, budgetReached: false, ...over,
});
/** The first element matching `selector` once it is there. */
const found = (container: Element, selector: string) =>
  waitFor(() => {
    const el = container.querySelector<HTMLButtonElement>(selector);
    if (!el) throw new Error(`${selector} not there yet`);
    return el;
  });
const showSection = (container: Element) => fireEvent.click([...container.querySelectorAll('button')].find((b) => text(b) === 'Voir ailleurs près d’ici')!);

describe('"Ajouter cette alternative"', () => {
  it('saves the line linked to the panel’s programme and its route, then shows it kept', async () => {
    const save = vi.fn(async () => undefined);
    const { container, rerender } = render(<Panel state={{ status: 'ready', report: fullReport }} askNearby={async () => ok()} onSaveAlternative={save} />);
    showSection(container);
    const add = await found(container, '.ij-nearby-add button');
    expect(add.getAttribute('aria-label')).toBe('Ajouter cette alternative à ma sélection : Lycée professionnel Jean Lurçat');
    fireEvent.click(add);
    await waitFor(() => expect(save).toHaveBeenCalledWith(securiteCanuts, line, 'scolaire'));
    rerender(<Panel state={{ status: 'ready', report: fullReport }} askNearby={async () => ok()} onSaveAlternative={save} savedKeys={new Set([alternativeKey(securiteCanuts.key, 'AF.5802')])} />);
    await waitFor(() => expect(text(container.querySelector('.ij-nearby-add button'))).toBe('Alternative dans ma sélection'));
    expect(container.querySelector<HTMLButtonElement>('.ij-nearby-add button')!.disabled).toBe(true);
  });

  it('says so when the save failed, and lets the user try again', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded')).mockResolvedValueOnce(undefined);
    const { container } = render(<Panel state={{ status: 'ready', report: fullReport }} askNearby={async () => ok()} onSaveAlternative={save} />);
    showSection(container);
    const add = await found(container, '.ij-nearby-add button');
    fireEvent.click(add);
    await waitFor(() => expect(text(container.querySelector('.ij-nearby-add [role="alert"]'))).toBe('L’alternative n’a pas pu être ajoutée à votre sélection. Réessayez.'));
    fireEvent.click(add);
    await waitFor(() => expect(text(container.querySelector('.ij-nearby-add [role="alert"]'))).toBe(''));
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('is not offered where the panel cannot save', async () => {
    const { container } = render(<Panel state={{ status: 'ready', report: fullReport }} askNearby={async () => ok()} />);
    showSection(container);
    await waitFor(() => expect(container.querySelector('.ij-nearby-line')).not.toBeNull());
    expect(container.querySelector('.ij-nearby-add')).toBeNull();
  });
});

describe('"mon académie"', () => {
  it('says where lines were looked for: « dans l’académie de Lyon », « d’Amiens »', async () => {
    const { container } = render(<Panel state={{ status: 'ready', report: fullReport }} askNearby={async () => ok({ area: { academie: 'Lyon' }, same: [] })} />);
    showSection(container);
    await waitFor(() => expect(text(container.querySelector('.ij-nearby'))).toContain('Rien de mieux dans l’académie de Lyon.'));
    expect(text(container.querySelector('.ij-nearby'))).toContain('Formations dans l’académie de Lyon, de la plus proche');
    expect(text(container.querySelector('.ij-nearby'))).not.toContain('km');
    cleanup();
    const again = render(<Panel state={{ status: 'ready', report: fullReport }} askNearby={async () => ok({ area: { academie: 'Amiens' }, same: [] })} />);
    showSection(again.container);
    await waitFor(() => expect(text(again.container.querySelector('.ij-nearby'))).toContain('Rien de mieux dans l’académie d’Amiens.'));
  });
});

describe('on an establishment panel', () => {
  const weak: ProgrammeReport = {
    ...securiteCanuts,
    key: '0693045K|40034403|weak',
    cells: { ...securiteCanuts.cells, etablissement: { ...securiteCanuts.cells.etablissement, scolaire: { ...(securiteCanuts.cells.etablissement.scolaire as Extract<ProgrammeReport['cells']['etablissement']['scolaire'], { state: 'figures' }>), sansPerspectives: true } } },
  };
  const report: Report = { sighting: { site: 'onisep', page: 'etablissement', ids: { uai: canuts.uai } }, etablissement: canuts, programmes: [securiteCanuts, weak] };

  it('an opened row offers the section; a weak one shows it at once; nothing is asked before', async () => {
    const ask = vi.fn(async () => ok());
    const { container } = render(<Panel state={{ status: 'ready', report }} askNearby={ask} onSaveAlternative={async () => undefined} />);
    expect(ask).not.toHaveBeenCalled();
    const rows = container.querySelectorAll('.ij-taught-item');
    fireEvent.click(rows[0]!.querySelector('summary')!);
    expect(ask).not.toHaveBeenCalled();
    expect([...rows[0]!.querySelectorAll('button')].some((b) => text(b) === 'Voir ailleurs près d’ici')).toBe(true);
    fireEvent.click(rows[1]!.querySelector('summary')!);
    await waitFor(() => expect(rows[1]!.querySelector('.ij-nearby-line')).not.toBeNull());
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith({ cfd: '40034403', uai: '0693045K', voie: 'scolaire', emploi: 38, formation: 41 });
    expect(rows[1]!.querySelector('.ij-nearby-add button')).not.toBeNull();
  });
});

describe('the selection page’s alternatives', () => {
  const item = alternativeItemOf(securiteCanuts, fullReport.sighting, 'scolaire', line);
  const lurcat: ProgrammeReport = {
    ...securiteCanuts,
    key: '0692002B|40034403|23830034403',
    etablissement: { uai: '0692002B', libelle: 'Lycée professionnel Jean Lurçat', commune: 'Vénissieux' },
    cells: { ...securiteCanuts.cells, etablissement: { ...securiteCanuts.cells.etablissement, scolaire: { state: 'figures', sansPerspectives: false, figures: { ...(securiteCanuts.cells.etablissement.scolaire as { figures: object }).figures, tauxEnEmploi6Mois: 45, tauxEnFormation: 32 } as never } } },
  };

  it('shows each beside its original: both lines’ figures, the difference in points, distance and route', () => {
    const onRemove = vi.fn();
    const { container, getByRole } = render(
      <SelectionView items={[]} alternatives={[{ key: item.key, info: item.alternative!, original: securiteCanuts, alternative: lurcat }]} onRemove={onRemove} onExportCsv={() => undefined} />,
    );
    const table = getByRole('table', { name: 'Alternative à « Métiers de la sécurité » (Lycée professionnel Les Canuts)' });
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => text(c).trim()));
    expect(rows[0]).toEqual(['Formation d’origine', 'Métiers de la sécurité', 'Lycée professionnel Les Canuts, Lyon', 'Voie scolaire', '38 %', '41 %', '—', '']);
    expect(rows[1]!.slice(0, 7)).toEqual(['Alternative', 'Métiers de la sécurité', 'Lycée professionnel Jean Lurçat, Vénissieux', 'Voie scolaire', '45 %', '32 %', '8 km']);
    expect(rows[2]).toEqual(['Écart', '', '+7 pts', '−9 pts', '']);
    expect(text(container)).not.toContain('Votre sélection est vide');
    fireEvent.click(getByRole('button', { name: 'Retirer « Métiers de la sécurité » de ma sélection' }));
    expect(onRemove).toHaveBeenCalledWith(item.key);
  });

  it('computes no difference on figures still loading or secret', () => {
    const loading: ProgrammeReport = { ...lurcat, cells: { ...lurcat.cells, etablissement: { scolaire: { state: 'loading' }, apprentissage: { state: 'loading' } } } };
    const { getByRole } = render(
      <SelectionView items={[]} alternatives={[{ key: item.key, info: item.alternative!, original: securiteCanuts, alternative: loading }]} onRemove={() => undefined} onExportCsv={() => undefined} />,
    );
    const diff = [...getByRole('table', { name: /Alternative à/ }).querySelectorAll('tbody tr')][2]!;
    expect([...diff.children].map((c) => text(c).trim())).toEqual(['Écart', '', '—', '—', '']);
  });
});
