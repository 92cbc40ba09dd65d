// The built Firefox extension in Debian's Firefox ESR: panels, badges, client-side navigation and a
// failing API, on the fixture pages served at their real URLs, the API being the mock on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { pageFixtures, type PageFixture } from '../fixtures/pages';
import type { MockApi } from '../mock-api/server';
import {
  countInShadow,
  FIREFOX_E2E_BUILD,
  launchFirefoxWithExtension,
  openSitePage,
  shadowButton,
  shownText,
  startFirefoxMock,
  type FirefoxWithExtension,
  type Host,
} from './firefox';

let firefox: FirefoxWithExtension;
let mock: MockApi;
let page: Page;

function fixturePage(site: string, name: string): PageFixture {
  const found = pageFixtures.find((p) => p.site === site && p.case === name);
  if (!found) throw new Error(`no fixture page ${site}/${name}`);
  return found;
}

const panels = () => shownText(page, 'inserjeunes-panel');
const badges = () => shownText(page, 'inserjeunes-badge');
const panelText = async () => (await panels()).join('\n');
/** Elements still loading (aria-busy) in the shadow roots of our hosts named `host`. */
const busyIn = (host: Host) => countInShadow(page, host, '[aria-busy="true"]');

beforeAll(async () => {
  mock = await startFirefoxMock();
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.browser.close();
  await mock?.close();
});

beforeEach(async () => {
  // An empty cache and the build's default settings (API → this mock) for every test.
  mock.configure({ failure: 'none', latencyMs: 0 });
  mock.resetRequests();
  await firefox.reinstall();
  page = await openSitePage(firefox.browser);
});

afterEach(async () => {
  await page?.close();
});

test('Onisep formation page: one panel with the national figures of the bac pro', async () => {
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  // certifications/23830034403,40034403: pro 41 % employment, 40 % further study
  await expect.poll(panelText).toMatch(/41 %[\s\S]*40 %/);
  expect(await panels()).toHaveLength(1);
  expect(await panelText()).toMatch(/métiers de la sécurité/i);
  expect(mock.requests.map((r) => r.path)).toContain('/api/inserjeunes/certifications/23830034403,40034403');
});

test('Onisep establishment page: its panel has one line per programme, and the list gets its badges', async () => {
  await page.goto(fixturePage('onisep', 'etablissement').url);
  await expect.poll(panelText).toContain('Lycée professionnel Les Canuts');
  // Three rows on the page, and two more actions the Idéo fixture says are taught there (pages.spec.ts).
  await expect.poll(() => countInShadow(page, 'inserjeunes-panel', '.ij-taught-item')).toBe(5);
  await expect.poll(panelText).toContain('38 %');
  expect(await panels()).toHaveLength(1);
  await expect.poll(async () => (await badges()).length).toBe(3);
  await expect.poll(async () => (await badges())[0]).toContain('38 %');
});

test('a badge opens the full panel of its programme over the page, and closes', async () => {
  await page.goto(fixturePage('onisep', 'etablissement').url);
  await expect.poll(async () => (await badges())[0]).toContain('38 %');
  // A real click lands where the button is: let the panels above the list finish loading (they grow and
  // push the list down) before aiming, and aim at the close button once the floating panel has settled.
  await expect.poll(() => busyIn('inserjeunes-panel')).toBe(0);
  const badge = await shadowButton(page, 'inserjeunes-badge');
  await badge.evaluate((b) => b.scrollIntoView({ block: 'center' }));
  await badge.click();
  await expect.poll(() => countInShadow(page, 'inserjeunes-panel', '.ij-panel--floating')).toBe(1);
  await expect.poll(async () => (await panels()).filter((t) => /métiers de la sécurité/i.test(t) && t.includes('41 %')).length).toBeGreaterThan(0);
  await expect.poll(() => busyIn('inserjeunes-panel')).toBe(0);
  await (await shadowButton(page, 'inserjeunes-panel', 'Fermer', '.ij-panel--floating')).click();
  await expect.poll(() => countInShadow(page, 'inserjeunes-panel', '.ij-panel--floating')).toBe(0);
});

test('Affelnet list of offers: one badge per row, with the figures of its programme at its school', async () => {
  await page.goto(fixturePage('affelnet', 'liste-offres').url);
  await expect.poll(badges).toEqual([
    'Emploi 38 % · Études 41 %', // A10/00812165: 0693045K + MEF 2473440331
    'Pas de chiffres : seconde commune, voir les spécialités', // A10/00812170: MEF 2472000631
    'Trop peu d’élèves ici · Emploi 45 % · Études 25 % (France)', // A10/00812180: FOR.4088, no figures at 0010001W
  ]);
  expect(await panels()).toEqual([]);
});

test('Parcoursup map: each card but the promotion gets a badge that settles', async () => {
  await page.goto(fixturePage('parcoursup', 'carte').url);
  await expect.poll(async () => (await badges()).length).toBe(3);
  await expect.poll(async () => (await badges()).filter((t) => /chargement/i.test(t))).toEqual([]);
  expect(await panels()).toEqual([]);
});

test('a client-side navigation (pushState) to another formation replaces the panel', async () => {
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  await expect.poll(panelText).toContain('41 %');
  // The site swaps its content and pushes the new URL, as a single-page application does.
  const next = fixturePage('onisep', 'formation-context-string');
  await page.evaluate(
    (markup, path) => {
      const doc = new DOMParser().parseFromString(markup, 'text/html');
      history.pushState({}, '', path);
      document.body.replaceWith(document.adoptNode(doc.body));
      for (const el of doc.head.querySelectorAll('link[rel=canonical], meta[property="og:url"]')) document.head.append(document.adoptNode(el));
    },
    readFileSync(next.file, 'utf8'),
    new URL(next.url).pathname,
  );
  await expect.poll(panelText).toMatch(/opticien/i);
  await expect.poll(panelText).toContain('45 %');
  expect(await panels()).toHaveLength(1);
  expect(await panelText()).not.toMatch(/sécurité/i);
});

test('API down: the panel says so and offers a retry that brings the figures', async () => {
  mock.configure({ failure: '500' });
  await page.goto(fixturePage('onisep', 'action').url);
  await expect.poll(panelText).toMatch(/serveur|indisponible|erreur/i);
  expect(await countInShadow(page, 'inserjeunes-panel', '.ij-inds')).toBe(0);
  expect(mock.requests.some((r) => r.status === 500)).toBe(true);
  mock.configure({ failure: 'none' });
  await (await shadowButton(page, 'inserjeunes-panel', 'Réessayer')).click();
  await expect.poll(panelText).toContain('38 %');
  expect(await panelText()).not.toMatch(/serveur|indisponible/i);
});

test('the manifest admits no Firefox without the Navigation API, and this Firefox meets it', async () => {
  // lib/watch-page-url.ts follows client-side navigation through the Navigation API (Firefox 147+):
  // with it turned off (dom.navigation.webidl.enabled=false) the pushState test above fails.
  const manifest = JSON.parse(readFileSync(resolve(FIREFOX_E2E_BUILD, 'manifest.json'), 'utf8'));
  const min = Number.parseInt(manifest.browser_specific_settings.gecko.strict_min_version, 10);
  expect(min).toBeGreaterThanOrEqual(147);
  const running = Number.parseInt((await firefox.browser.version()).replace(/^\D+/, ''), 10);
  expect(running).toBeGreaterThanOrEqual(min);
});
