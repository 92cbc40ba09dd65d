// Every fixture page, routed at its real URL, gets the right panel or badges from the mock API.
import { pageFixtures } from '../fixtures/pages';
import { expect, fixturePage, navigateInPlace, panelOf, test } from './fixtures';

/** What each fixture must show: panels and badges counted, and words that prove the figures came. */
const expected: Record<string, { panels: number; badges: number; text: (string | RegExp)[] }> = {
  'onisep/formation-context-number': { panels: 1, badges: 0, text: [/métiers de la sécurité/i, '41 %'] },
  'onisep/formation-context-string': { panels: 1, badges: 0, text: [/opticien/i, '45 %'] },
  'onisep/formation-redirect-link': { panels: 1, badges: 0, text: [/opticien/i, '45 %'] },
  'onisep/formation-canonical': { panels: 1, badges: 0, text: [/agent d.accueil/i, '%'] },
  'onisep/formation-slug': { panels: 1, badges: 0, text: [/métiers de la sécurité/i, '41 %'] },
  'onisep/ou-se-former': { panels: 1, badges: 3, text: ['41 %'] },
  'onisep/ou-se-former-slugs': { panels: 1, badges: 2, text: ['41 %'] },
  'onisep/etablissement-sans-uai': { panels: 1, badges: 5, text: ['Lycée professionnel Les Canuts'] },
  'onisep/etablissement': { panels: 1, badges: 3, text: ['Lycée professionnel Les Canuts', 'Valeur ajoutée', '38 %'] },
  'onisep/action': { panels: 1, badges: 0, text: ['38 %', '35 %'] },
  'onisep/action-sans-uai': { panels: 1, badges: 0, text: ['Lycée professionnel Les Canuts', '38 %', '35 %'] },
  'onisep/action-faible': { panels: 1, badges: 0, text: ['22 %', 'Ailleurs près d’ici'] },
  'parcoursup/fiche-onisep-link': { panels: 1, badges: 0, text: [/opticien/i, '45 %'] },
  'parcoursup/fiche-sans-onisep': { panels: 1, badges: 0, text: [/opticien/i, '%'] },
  'parcoursup/fiche-double': { panels: 1, badges: 0, text: [/opticien/i, /musique/i] },
  'parcoursup/carte': { panels: 0, badges: 3, text: [] },
  'affelnet/offre-onisep-links': { panels: 1, badges: 0, text: ['38 %'] },
  'affelnet/offre-uai-mef': { panels: 1, badges: 0, text: ['38 %'] },
  'affelnet/offre-2de-commune': { panels: 1, badges: 0, text: ['Travaux publics', /spécialité/] },
  'affelnet/liste-offres': { panels: 0, badges: 3, text: [] },
};

test('every fixture page has an expectation', () => {
  expect(Object.keys(expected).sort()).toEqual(pageFixtures.map((p) => `${p.site}/${p.case}`).sort());
});

for (const fixture of pageFixtures) {
  const want = expected[`${fixture.site}/${fixture.case}`];
  if (!want) continue;
  test(`${fixture.site}/${fixture.case}: ${fixture.expect}`, async ({ page }) => {
    await page.goto(fixture.url);
    const badges = page.locator('inserjeunes-badge');
    await expect(badges).toHaveCount(want.badges);
    await expect(panelOf(page)).toHaveCount(want.panels);
    for (const t of want.text) await expect(panelOf(page).first()).toContainText(t);
    // every badge ends in a final state: figures, or the reason there are none
    for (let i = 0; i < want.badges; i++) await expect(badges.nth(i)).not.toContainText('chargement');
  });
}

test('a badge opens the full panel over the page, by click or by keyboard', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'etablissement').url);
  const badge = page.locator('inserjeunes-badge').first();
  await expect(badge).toContainText('38 %');
  await badge.getByRole('button').focus();
  await page.keyboard.press('Enter');
  const floating = page.locator('inserjeunes-panel').filter({ has: page.locator('.ij-panel--floating') });
  await expect(floating).toHaveCount(1);
  await expect(floating).toContainText(/métiers de la sécurité/i);
  await floating.getByRole('button', { name: /fermer/i }).click();
  await expect(floating).toHaveCount(0);
});

test('a client-side navigation to another formation replaces the panel', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  await expect(panelOf(page)).toContainText('41 %');
  // The site swaps its content and pushes the new URL, as a single-page application does.
  await navigateInPlace(page, fixturePage('onisep', 'formation-context-string'));
  await expect(panelOf(page)).toHaveCount(1);
  await expect(panelOf(page)).toContainText(/opticien/i);
  await expect(panelOf(page)).not.toContainText(/sécurité/i);
});

test('a page of these sites that is not a formation page gets nothing at all', async ({ page, mock }) => {
  await page.goto('https://www.onisep.fr/');
  await page.waitForTimeout(500);
  await expect(page.locator('inserjeunes-panel, inserjeunes-badge')).toHaveCount(0);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  expect(marks).toContain('inserjeunes:start');
  expect(marks.filter((m) => m !== 'inserjeunes:start')).toEqual([]);
  expect(mock.requests).toEqual([]);
});

test('badges ask only what they show; their full panel and the establishment panel complete the rest', async ({ page, mock }) => {
  await page.goto(fixturePage('onisep', 'etablissement').url);
  const badges = page.locator('inserjeunes-badge');
  await expect(badges.first()).toContainText('38 %');
  // what the Idéo actions fixture says is taught at 0693045K (it gained the rows of etablissement-sans-uai)
  await expect(panelOf(page).first().locator('.ij-taught-item')).toHaveCount(5);
  // neither the badges nor the establishment's one-line rows asked for any region
  await expect.poll(() => mock.requests.length).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  expect(mock.requests.filter((r) => r.path.includes('/regionales/'))).toEqual([]);
  // a row of the establishment panel opened: its region is asked and shown
  const row = panelOf(page).first().locator('.ij-taught-item').first();
  await row.locator('summary').first().click();
  await expect(row.locator('.ij-scope--region').first()).toContainText('35 %');
  await expect(row.locator('.ij-skeleton')).toHaveCount(0);
});

test('display settings: the panel floats beside the page when asked, and badges can be turned off', async ({ page, mock, setSettings }) => {
  await setSettings({ apiUrl: mock.url, display: { position: 'flottant', startCollapsed: false, showBadges: false } });
  await page.goto(fixturePage('onisep', 'etablissement').url);
  const panel = panelOf(page);
  await expect(panel.locator('.ij-panel--floating')).toHaveCount(1);
  await expect(panel).toContainText('Lycée professionnel Les Canuts');
  await page.waitForTimeout(400);
  await expect(page.locator('inserjeunes-badge')).toHaveCount(0);
  // a list page with badges off asks nothing at all
  mock.resetRequests();
  await page.goto(fixturePage('affelnet', 'liste-offres').url);
  await page.waitForTimeout(600);
  await expect(page.locator('inserjeunes-badge')).toHaveCount(0);
  expect(mock.requests).toEqual([]);
});

test('rows the site adds after loading get their badge, once', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'etablissement').url);
  const badges = page.locator('inserjeunes-badge');
  await expect(badges).toHaveCount(3);
  // The site's list fills in later, as Onisep's client-side list does: a fourth row, then noise.
  await page.evaluate(() => {
    const body = document.querySelector('#formations tbody')!;
    const row = body.querySelector('tr')!.cloneNode(true) as HTMLTableRowElement;
    row.querySelector('inserjeunes-badge')?.remove(); // the site's own markup, not our badge
    const link = row.querySelector('a')!;
    link.href = '/http/redirection/formation/slug/FOR.578';
    link.textContent = 'BTS Opticien-lunetier';
    row.querySelector('[data-label="Durée"]')!.textContent = '2 ans';
    body.append(row);
    for (let i = 0; i < 20; i++) document.body.append(document.createElement('span'));
  });
  await expect(badges).toHaveCount(4);
  await expect(badges.nth(3)).toContainText('%');
  await page.waitForTimeout(500);
  await expect(badges).toHaveCount(4);
});
