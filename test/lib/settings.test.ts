import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../lib/settings';
import { getSettings, saveSettings } from '../../lib/settings-store';

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
      nearby: DEFAULT_SETTINGS.nearby,
    });
    expect(normalizeSettings('corrupt')).toEqual(DEFAULT_SETTINGS);
    // 00 (collectivités d'outre-mer) is one of the 19 codes the API accepts.
    expect(normalizeSettings({ preferredRegion: '00' }).preferredRegion).toBe('00');
    expect(normalizeSettings({ preferredRegion: '99', apiUrl: 'javascript:1' })).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the nearby options it can read: place trimmed, radius among the choices (30 km by default)', () => {
    expect(DEFAULT_SETTINGS.nearby).toEqual({ enabled: true, place: '', radiusKm: 30 });
    expect(normalizeSettings({ nearby: { enabled: false, place: ' 69100 ', radiusKm: 50 } }).nearby).toEqual({ enabled: false, place: '69100', radiusKm: 50 });
    expect(normalizeSettings({ nearby: { enabled: 'yes', place: 3, radiusKm: 31 } }).nearby).toEqual(DEFAULT_SETTINGS.nearby);
    expect(normalizeSettings({ nearby: { enabled: true, place: '', radiusKm: 'academie' } }).nearby.radiusKm).toBe('academie');
    expect(normalizeSettings({ nearby: { enabled: true, place: '', radiusKm: 'region' } }).nearby.radiusKm).toBe(30);
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
