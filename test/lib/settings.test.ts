import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  addToSelection,
  DEFAULT_SETTINGS,
  getSelection,
  getSettings,
  normalizeSettings,
  removeFromSelection,
  saveSettings,
} from '../../lib/settings';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('gives the defaults on a fresh install', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps every valid saved field and replaces only broken or missing ones', () => {
    const saved = { apiUrl: 'https://api.example.fr/inserjeunes/', preferredRegion: '84', cacheDays: 'seven', display: { showBadges: false } };
    expect(normalizeSettings(saved)).toEqual({
      apiUrl: 'https://api.example.fr/inserjeunes',
      preferredRegion: '84',
      cacheDays: DEFAULT_SETTINGS.cacheDays,
      display: { ...DEFAULT_SETTINGS.display, showBadges: false },
    });
    expect(normalizeSettings('corrupt')).toEqual(DEFAULT_SETTINGS);
    // 00 (collectivités d'outre-mer) is one of the 19 codes the API accepts.
    expect(normalizeSettings({ preferredRegion: '00' }).preferredRegion).toBe('00');
    expect(normalizeSettings({ preferredRegion: '99', apiUrl: 'javascript:1' })).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips through extension storage, as an update would read it', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, preferredRegion: '11', cacheDays: 2 });
    // a value written by an older version, missing the newer fields
    const stored = (await fakeBrowser.storage.local.get('settings')).settings as Record<string, unknown>;
    delete stored.display;
    await fakeBrowser.storage.local.set({ settings: stored });
    expect(await getSettings()).toMatchObject({ preferredRegion: '11', cacheDays: 2, display: DEFAULT_SETTINGS.display });
  });
});

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
});

describe('selectionItemOf', () => {
  it('keeps what names the programme and what looks it up again', async () => {
    const { selectionItemOf } = await import('../../lib/settings');
    const { fullReport } = await import('../fixtures/reports/demo-reports');
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
