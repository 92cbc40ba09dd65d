// "Ailleurs près d'ici", the rest of issue 13 in Chromium: the same-field lines (same famille de métiers),
// "Ajouter cette alternative" and the selection page's comparison, the section on an establishment's
// panels within the request bound, and "mon académie".
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, fixturePage, panelOf, test } from './fixtures';
import { actionPage, ONISEP_ETABLISSEMENTS as BASE, servePages } from './onisep-action';

const PAGES = {
  couverture: {
    url: `${BASE}/rhone/lycee-professionnel-rive-gauche/bac-pro-interventions-sur-le-patrimoine-bati-option-c-couverture`,
    html: actionPage({
      af: 'AF.5810', etab: 'Lycée professionnel Rive Gauche', commune: 'Villeurbanne', uai: '0692001A',
      title: 'Bac pro Interventions sur le patrimoine bâti option C couverture', forId: 'FOR.1112',
    }),
  },
  far: {
    url: `${BASE}/ain/lycee-professionnel-de-la-plaine-de-l-ain/bac-pro-metiers-de-la-securite`,
    html: actionPage({ af: 'AF.5807', etab: "Lycée professionnel de la Plaine de l'Ain", commune: 'Ambérieu-en-Bugey', uai: '0011002J' }),
  },
};

servePages(test, PAGES);

const noViolations = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('inserjeunes-panel').analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
};

/** The mock API's establishment requests for the scenario's Rhône establishments around Lyon (not Les Canuts, 0693045K). */
const nearbyAsked = (paths: { path: string }[]) => paths.filter((r) => /\/formations\/069200[1-6][A-Z]-/.test(r.path)).length;

test('same famille de métiers: the better programme nearby is listed with its figures and distance, the worse one left out', async ({ page }) => {
  await page.goto(PAGES.couverture.url);
  const section = panelOf(page).locator('.ij-nearby');
  // 20 % / 28 %: weak, so the section is there at once.
  await expect(section).toContainText('Le même domaine, au même niveau');
  await expect(section).toContainText('Rien de mieux à moins de 30\u00a0km.'); // the same programme is taught nowhere else near
  const lines = section.locator('.ij-nearby-line');
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText(/Lycée professionnel Jean Lurçat\s*Vénissieux · 8\s?km · voie scolaire/);
  await expect(lines.first()).toContainText(/bac pro Travaux publics\s*\(même famille de métiers\)/);
  await expect(lines.first()).toContainText(/emploi 50\s?% · poursuite d’études 40\s?%/);
  await expect(lines.first().getByRole('link')).toHaveAttribute('href', 'https://www.onisep.fr/http/redirection/formation/slug/AF.5808');
  // Travaux publics at Bron (4 km, nearer) does worse, 15 % / 25 %: left out.
  await expect(section).not.toContainText('Pierre Mendès');
  await expect(section).not.toContainText('Bron');

  // Keyboard: the line's link and its button are reached and used with Tab and Enter.
  const link = lines.first().getByRole('link');
  await link.focus();
  await page.keyboard.press('Tab');
  const add = lines.first().getByRole('button', { name: 'Ajouter cette alternative à ma sélection : Lycée professionnel Jean Lurçat' });
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(lines.first().getByRole('button', { name: 'Alternative dans ma sélection' })).toBeDisabled();
  await noViolations(page);
});

test('an alternative added from the panel is compared with its original on the selection page; an old selection still loads', async ({ page, context, extensionId }) => {
  // A selection saved by the previous version (no alternative field).
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await page.evaluate(async () => {
    const local = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local;
    await local.set({ selection: [{ key: '|32033107|', libelle: 'BTS Opticien-lunetier', sighting: { site: 'recherche', page: 'formation', ids: { for: 'FOR.578' } }, addedAt: 1 }] });
  });
  await page.goto(fixturePage('onisep', 'action-faible').url);
  const line = panelOf(page).locator('.ij-nearby-line').filter({ hasText: 'Les Canuts' });
  await line.getByRole('button', { name: /Ajouter cette alternative/ }).click();
  await expect(line.getByRole('button', { name: 'Alternative dans ma sélection' })).toBeDisabled();
  await expect(panelOf(page).locator('.ij-nearby [role="alert"]').filter({ hasText: /./ })).toHaveCount(0);

  const selection = await context.newPage();
  await selection.goto(`chrome-extension://${extensionId}/selection.html`);
  // The old item, in the main table.
  await expect(selection.getByRole('table', { name: 'Comparaison des formations sélectionnées' }).getByRole('rowheader', { name: /opticien/i })).toBeVisible();
  const table = selection.getByRole('table', { name: /Alternative à « .*Métiers de la sécurité » \(Lycée professionnel Rive Gauche\)/i });
  const rows = table.locator('tbody tr');
  await expect(rows.nth(0)).toContainText(/Formation d’origine.*Rive Gauche.*Voie scolaire\s*22\s?%\s*35\s?%/);
  await expect(rows.nth(1)).toContainText(/Alternative.*Les Canuts.*Voie scolaire\s*38\s?%\s*41\s?%\s*4\s?km/);
  await expect(rows.nth(2)).toContainText(/Écart\s*\+16\s?pts\s*\+6\s?pts/);
  const { violations } = await new AxeBuilder({ page: selection }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await selection.getByRole('button', { name: /Retirer « .*sécurité » de ma sélection/i }).click();
  await expect(table).toHaveCount(0);
  await selection.close();
  // The panel follows the stored selection: the line can be added again.
  await expect(line.getByRole('button', { name: /Ajouter cette alternative/ })).toBeEnabled();
});

test('an establishment’s panels offer the section on demand, within 15 requests each; cached alternatives cost none', async ({ page, mock, setSettings }) => {
  // Counts from an empty cache: the storage cleared between tests stays so (the earlier tests' pending
  // cache writes are dropped with it, lib/background-handlers.ts).
  await setSettings({ apiUrl: mock.url });
  mock.resetRequests();
  await page.goto(fixturePage('onisep', 'etablissement').url);
  const badge = page.locator('inserjeunes-badge').first();
  await expect(badge).toContainText('38 %');
  await expect(panelOf(page).first().locator('.ij-taught-item')).toHaveCount(5);
  await page.waitForTimeout(300);
  expect(nearbyAsked(mock.requests)).toBe(0); // nothing asked before a section is shown

  // The row's panel opened from its badge: the section on demand.
  await badge.getByRole('button').click();
  const floating = page.locator('inserjeunes-panel').filter({ has: page.locator('.ij-panel--floating') });
  await floating.getByRole('button', { name: 'Voir ailleurs près d’ici' }).click();
  await expect(floating.locator('.ij-nearby')).toContainText('Rien de mieux à moins de 30\u00a0km.');
  const first = nearbyAsked(mock.requests);
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(15);
  await noViolations(page);
  await floating.getByRole('button', { name: /fermer/i }).click();

  // The same programme's row in the establishment panel: the same alternatives, all from the cache.
  const row = panelOf(page).first().locator('.ij-taught-item').first();
  await row.locator('summary').first().click();
  await row.getByRole('button', { name: 'Voir ailleurs près d’ici' }).click();
  await expect(row.locator('.ij-nearby')).toContainText('Rien de mieux à moins de 30\u00a0km.');
  await page.waitForTimeout(300);
  expect(nearbyAsked(mock.requests)).toBe(first);
});

test('"mon académie": the far establishment’s candidates are its académie’s, and the sentence says so', async ({ page, mock, setSettings }) => {
  await setSettings({ apiUrl: mock.url, nearby: { enabled: true, place: '', radiusKm: 'academie' } });
  await page.goto(PAGES.far.url);
  const panel = panelOf(page);
  await expect(panel).toContainText('70 %');
  await panel.getByRole('button', { name: 'Voir ailleurs près d’ici' }).click();
  // 70 % / 36 %: nothing in the académie de Lyon does better (which candidates the académie keeps: test/nearby/better-nearby.test.ts).
  await expect(panel.locator('.ij-nearby')).toContainText('Formations dans l’académie de Lyon, de la plus proche');
  await expect(panel.locator('.ij-nearby')).toContainText('Rien de mieux dans l’académie de Lyon.');
  await expect(panel.locator('.ij-nearby')).not.toContainText('km');
  await noViolations(page);
});
