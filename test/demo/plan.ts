// What the demo shows and photographs: every fixture page at its real URL, then the extension's own
// pages, and the curated subset whose pictures the README shows. Pure data, testable without a browser.
import type { SiteName } from '../../lib/types';
import { pageFixtures, type PageFixture } from '../fixtures/pages';

export type ColorScheme = 'light' | 'dark';

export interface Viewport {
  width: number;
  height: number;
}

/** A fixture page loaded at its real URL; the extension's panels and badges are awaited, then photographed. */
export interface SiteShot {
  kind: 'site';
  /** File name without `.png`. */
  name: string;
  fixture: PageFixture;
  viewport: Viewport;
  colorScheme: ColorScheme;
  /** Click the first badge and photograph the floating panel it opens. */
  openBadge?: boolean;
  /** What to scroll into view: the first panel (default, when there is one) or the first badge. */
  focus?: 'panel' | 'badge';
}

/** An extension page (`popup.html`…), photographed when the build has it. */
export interface ExtensionShot {
  kind: 'extension';
  name: string;
  /** Path inside the unpacked build, e.g. `popup.html`. */
  page: 'popup.html' | 'options.html' | 'selection.html';
  viewport: Viewport;
  colorScheme: ColorScheme;
  /** The popup describes the tab of this fixture page (passed as `?tab=<id>`). */
  tabOf?: PageFixture;
  /** The visible viewport only (a store picture has one size), not the whole page. */
  viewportOnly?: boolean;
}

export type Shot = SiteShot | ExtensionShot;

export const DESKTOP: Viewport = { width: 1280, height: 900 };
/** README pictures: narrower, so that the panel is legible once scaled into the page. */
export const README_VIEWPORT: Viewport = { width: 1100, height: 760 };
/** The stores' screenshot size (Chrome Web Store and Edge Add-ons ask for 1280 × 800; addons.mozilla.org takes it). */
export const STORE: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 360, height: 740 };
export const POPUP: Viewport = { width: 400, height: 600 };

export const fixtureId = (f: Pick<PageFixture, 'site' | 'case'>): string => `${f.site}/${f.case}`;

export function findFixture(id: string, fixtures: readonly PageFixture[] = pageFixtures): PageFixture {
  const found = fixtures.find((f) => fixtureId(f) === id);
  if (!found) {
    const known = fixtures.map(fixtureId).join(', ');
    throw new Error(`Page de démonstration inconnue : « ${id} ». Pages connues : ${known}.`);
  }
  return found;
}

/** The programmes saved into the selection before its page is photographed (pages with one panel each). */
export const SELECTION_SOURCES = ['onisep/action', 'parcoursup/fiche-onisep-link', 'onisep/formation-canonical'] as const;

/** `npm run demo`: one picture per fixture page, then the extension's pages. */
export function demoShots(fixtures: readonly PageFixture[] = pageFixtures, only?: readonly string[]): Shot[] {
  const chosen = only?.length ? only.map((id) => findFixture(id, fixtures)) : [...fixtures];
  const shots: Shot[] = chosen.map((fixture) => ({
    kind: 'site',
    name: `${fixture.site}-${fixture.case}`,
    fixture,
    viewport: DESKTOP,
    colorScheme: 'light',
  }));
  if (only?.length) return shots;
  return [...shots, ...extensionShots(fixtures, DESKTOP)];
}

function extensionShots(fixtures: readonly PageFixture[], pageViewport: Viewport): ExtensionShot[] {
  return [
    { kind: 'extension', name: 'popup', page: 'popup.html', viewport: POPUP, colorScheme: 'light', tabOf: findFixture('onisep/etablissement', fixtures) },
    { kind: 'extension', name: 'options', page: 'options.html', viewport: pageViewport, colorScheme: 'light' },
    { kind: 'extension', name: 'selection', page: 'selection.html', viewport: pageViewport, colorScheme: 'light' },
  ];
}

const readmeSite = (name: string, id: string, fixtures: readonly PageFixture[], extra: Partial<SiteShot> = {}): SiteShot => ({
  kind: 'site',
  name,
  fixture: findFixture(id, fixtures),
  viewport: README_VIEWPORT,
  colorScheme: 'light',
  ...extra,
});

/** `npm run screenshots`: the README's pictures, one per surface, under stable names. */
export function readmeShots(fixtures: readonly PageFixture[] = pageFixtures): Shot[] {
  return [
    readmeSite('onisep-formation', 'onisep/formation-context-number', fixtures),
    readmeSite('onisep-formation-sombre', 'onisep/formation-context-number', fixtures, { colorScheme: 'dark' }),
    readmeSite('onisep-formation-mobile', 'onisep/formation-context-number', fixtures, { viewport: PHONE }),
    readmeSite('onisep-action', 'onisep/action', fixtures),
    readmeSite('onisep-etablissement-badges', 'onisep/etablissement', fixtures, { focus: 'badge' }),
    readmeSite('onisep-badge-ouvert', 'onisep/etablissement', fixtures, { openBadge: true }),
    readmeSite('parcoursup-fiche', 'parcoursup/fiche-onisep-link', fixtures),
    readmeSite('affelnet-seconde-commune', 'affelnet/offre-2de-commune', fixtures),
    ...extensionShots(fixtures, README_VIEWPORT),
    ...storeShots(fixtures),
  ];
}

/** The stores' pictures (`store-*.png`): exactly STORE-sized, five at most (the Chrome Web Store's limit). */
export function storeShots(fixtures: readonly PageFixture[] = pageFixtures): Shot[] {
  const at = { viewport: STORE };
  return [
    readmeSite('store-1-onisep-formation', 'onisep/formation-context-number', fixtures, at),
    readmeSite('store-2-onisep-etablissement', 'onisep/etablissement', fixtures, { ...at, openBadge: true }),
    readmeSite('store-3-parcoursup-fiche', 'parcoursup/fiche-onisep-link', fixtures, at),
    readmeSite('store-4-affelnet-seconde-commune', 'affelnet/offre-2de-commune', fixtures, at),
    { kind: 'extension', name: 'store-5-selection', page: 'selection.html', viewport: STORE, colorScheme: 'light', viewportOnly: true },
  ];
}

/** A site the demo serves, for the index page of the headed demo. */
export const SITE_LABELS: Record<SiteName, string> = {
  onisep: 'Onisep',
  parcoursup: 'Parcoursup',
  affelnet: 'Affelnet lycée',
};
