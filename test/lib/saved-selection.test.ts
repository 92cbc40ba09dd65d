import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { alternativeItemOf, selectionItemOf } from '../../lib/saved-selection';
import { addToSelection, getSelection, removeFromSelection } from '../../lib/selection-store';
import type { NearbyLine } from '../../lib/better-nearby';
import { fullReport } from '../fixtures/reports/demo-reports';

beforeEach(() => fakeBrowser.reset());

describe('the counsellor selection', () => {
  const item = (key: string) => ({ key, libelle: `Formation ${key}`, sighting: { site: 'onisep' as const, page: 'formation' as const, ids: { cfd: '40034403' } }, addedAt: 1 });

  it('adds once, removes, and survives a corrupt entry', async () => {
    await addToSelection(item('a'));
    await addToSelection(item('a'));
    await addToSelection(item('b'));
    expect((await getSelection()).map((i) => i.key)).toEqual(['a', 'b']);
    const raw = (await fakeBrowser.storage.local.get('selection')).selection as unknown[];
    await fakeBrowser.storage.local.set({ selection: [...raw, { broken: true }, 42] });
    expect((await getSelection()).map((i) => i.key)).toEqual(['a', 'b']);
    await removeFromSelection('a');
    expect((await getSelection()).map((i) => i.key)).toEqual(['b']);
  });

  it('two saves at once both stay (the popup and a panel, say)', async () => {
    await Promise.all([addToSelection(item('a')), addToSelection(item('b')), removeFromSelection('x'), addToSelection(item('c'))]);
    expect((await getSelection()).map((i) => i.key).sort()).toEqual(['a', 'b', 'c']);
  });

  it('a failed write rejects, and the next one still runs', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(addToSelection(item('a'))).rejects.toThrow('QUOTA');
    set.mockRestore();
    await addToSelection(item('b'));
    expect((await getSelection()).map((i) => i.key)).toEqual(['b']);
  });
});

describe('selectionItemOf', () => {
  it('keeps what names the programme and what looks it up again', () => {
    const p = fullReport.programmes[0]!;
    const item = selectionItemOf(p, fullReport.sighting, 5);
    expect(item).toEqual({
      key: p.key,
      libelle: p.libelle,
      etablissement: 'Lycée professionnel Les Canuts',
      uai: '0693045K',
      cfd: p.cfd,
      mefstat11: p.mefstat11,
      sighting: fullReport.sighting,
      addedAt: 5,
    });
  });
});

describe('alternatives', () => {
  const p = fullReport.programmes[0]!;
  const line: NearbyLine = {
    af: 'AF.5802', uai: '0692002B', for: 'FOR.3651', cfd: '40034403', libelle: 'bac pro Métiers de la sécurité', etablissement: 'Lycée professionnel Jean Lurçat',
    commune: 'Vénissieux', km: 8, voie: 'scolaire', emploi: 45, formation: 32, millesime: '2023_2024', url: 'https://www.onisep.fr/http/redirection/formation/slug/AF.5802', lien: 'meme',
  };

  it('keeps the line as its Onisep action, linked to the programme of the panel it came from', () => {
    const item = alternativeItemOf(p, fullReport.sighting, 'scolaire', line, 7);
    expect(item).toEqual({
      key: `${p.key}>AF.5802`,
      libelle: 'bac pro Métiers de la sécurité',
      etablissement: 'Lycée professionnel Jean Lurçat',
      uai: '0692002B',
      cfd: '40034403',
      sighting: { site: 'onisep', page: 'action', ids: { af: 'AF.5802', uai: '0692002B', for: 'FOR.3651' }, label: 'bac pro Métiers de la sécurité', confidence: 'high' },
      addedAt: 7,
      alternative: {
        of: { key: p.key, libelle: p.libelle, etablissement: 'Lycée professionnel Les Canuts', sighting: fullReport.sighting, voie: 'scolaire' },
        af: 'AF.5802', commune: 'Vénissieux', km: 8, voie: 'scolaire', lien: 'meme',
      },
    });
  });

  it('a selection saved before alternatives existed loads as it was, next to new ones', async () => {
    // Written by the previous version: no `alternative` field anywhere.
    const old = [
      { key: '0693045K|40034403|23830034403', libelle: 'Bac pro Métiers de la sécurité', etablissement: 'Lycée professionnel Les Canuts', uai: '0693045K', cfd: '40034403', mefstat11: '23830034403', sighting: { site: 'onisep', page: 'action', ids: { af: 'AF.5678' } }, addedAt: 1 },
      { key: '|32033107|', libelle: 'BTS Opticien-lunetier', sighting: { site: 'recherche', page: 'formation', ids: { for: 'FOR.578' } }, addedAt: 2 },
    ];
    await fakeBrowser.storage.local.set({ selection: old });
    expect(await getSelection()).toEqual(old);
    await addToSelection(alternativeItemOf(p, fullReport.sighting, 'scolaire', line, 3));
    const now = await getSelection();
    expect(now.map((i) => i.key)).toEqual([old[0]!.key, old[1]!.key, `${p.key}>AF.5802`]);
    expect(now[2]!.alternative?.of.key).toBe(p.key);
  });

  it('a broken link to the original leaves a plain programme, nothing lost', async () => {
    const item = alternativeItemOf(p, fullReport.sighting, 'scolaire', line, 3);
    await fakeBrowser.storage.local.set({ selection: [{ ...item, alternative: { ...item.alternative, km: 'loin' } }] });
    const [kept] = await getSelection();
    expect(kept).toMatchObject({ key: item.key, libelle: item.libelle, sighting: item.sighting });
    expect(kept!.alternative).toBeUndefined();
  });

  it('an alternative and a programme saved at once both stay, one write at a time', async () => {
    await Promise.all([addToSelection(alternativeItemOf(p, fullReport.sighting, 'scolaire', line, 3)), addToSelection(selectionItemOf(p, fullReport.sighting, 4))]);
    expect((await getSelection()).map((i) => i.key).sort()).toEqual([p.key, `${p.key}>AF.5802`].sort());
  });
});
