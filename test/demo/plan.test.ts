import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageFixtures } from '../fixtures/pages';
import { SELECTION_SOURCES, demoShots, findFixture, fixtureId, readmeShots, storeShots } from './plan';

describe('demo shots', () => {
  it('photographs every fixture page once, then the popup, options and selection pages', () => {
    const shots = demoShots();
    const sites = shots.filter((s) => s.kind === 'site');
    expect(sites.map((s) => fixtureId(s.fixture)).sort()).toEqual(pageFixtures.map(fixtureId).sort());
    expect(shots.filter((s) => s.kind === 'extension').map((s) => s.page)).toEqual(['popup.html', 'options.html', 'selection.html']);
    expect(new Set(shots.map((s) => s.name)).size).toBe(shots.length);
  });

  it('names each picture after its site and case', () => {
    const shot = demoShots(pageFixtures, ['parcoursup/carte'])[0];
    expect(shot).toMatchObject({ kind: 'site', name: 'parcoursup-carte' });
  });

  it('shows only the pages asked for, and no extension page then', () => {
    const shots = demoShots(pageFixtures, ['onisep/action', 'affelnet/liste-offres']);
    expect(shots.map((s) => s.name)).toEqual(['onisep-action', 'affelnet-liste-offres']);
  });

  it('refuses an unknown page, naming the known ones', () => {
    expect(() => demoShots(pageFixtures, ['onisep/nope'])).toThrow(/inconnue : « onisep\/nope ».*onisep\/action/);
  });

  it('fills the selection from pages that exist', () => {
    for (const id of SELECTION_SOURCES) expect(findFixture(id).url).toMatch(/^https:\/\//);
  });
});

describe('README pictures', () => {
  const shots = readmeShots();

  it('has unique names and covers each surface: the three sites, dark, narrow, an opened badge and the extension pages', () => {
    expect(new Set(shots.map((s) => s.name)).size).toBe(shots.length);
    const sites = shots.flatMap((s) => (s.kind === 'site' ? [s] : []));
    expect(new Set(sites.map((s) => s.fixture.site))).toEqual(new Set(['onisep', 'parcoursup', 'affelnet']));
    expect(sites.some((s) => s.colorScheme === 'dark')).toBe(true);
    expect(sites.some((s) => s.viewport.width <= 360)).toBe(true);
    expect(sites.some((s) => s.openBadge)).toBe(true);
    const readme = shots.filter((s) => !s.name.startsWith('store-'));
    expect(readme.filter((s) => s.kind === 'extension').map((s) => s.page).sort()).toEqual(['options.html', 'popup.html', 'selection.html']);
  });

  it('makes the stores\' pictures: five at most, each exactly 1280 × 800 and never a full-page capture', () => {
    const store = storeShots();
    expect(store.length).toBeGreaterThan(0);
    expect(store.length).toBeLessThanOrEqual(5);
    for (const s of store) {
      expect(s.name).toMatch(/^store-/);
      expect(s.viewport).toEqual({ width: 1280, height: 800 });
      if (s.kind === 'extension') expect(s.viewportOnly).toBe(true);
    }
    expect(shots.filter((s) => s.name.startsWith('store-'))).toEqual(store);
  });

  it('produces every picture the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const shown = [...readme.matchAll(/test\/demo\/screenshots\/([\w-]+)\.png/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(0);
    for (const name of shown) expect(shots.map((s) => s.name)).toContain(name);
  });

  it('is committed: each planned picture is in test/demo/screenshots (run npm run screenshots)', () => {
    for (const s of shots) expect(existsSync(new URL(`./screenshots/${s.name}.png`, import.meta.url)), s.name).toBe(true);
  });
});
