// Each site: a fixture page routed at its real URL gets a panel with the mock API's figures.
import { expect, fixturePage, panelOf, test } from './fixtures';

test('Onisep formation page: a panel with the national figures of the bac pro', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  const panel = panelOf(page);
  await expect(panel).toHaveCount(1);
  await expect(panel).toContainText(/métiers de la sécurité/i);
  // certifications/23830034403,40034403?vue=filieres: pro 41 % employment, 40 % further study
  await expect(panel).toContainText('41 %');
  await expect(panel).toContainText('40 %');
});

test('Onisep action page: establishment figures of Les Canuts beside its region', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'action').url);
  const panel = panelOf(page);
  await expect(panel).toHaveCount(1);
  await expect(panel).toContainText('38 %'); // 0693045K-MEFSTAT11:23830034403
  await expect(panel).toContainText('35 %'); // regionales/84
});

test('Onisep action page without any id: the establishment and the action from names, length and mode', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'action-sans-uai').url);
  const panel = panelOf(page);
  await expect(panel).toHaveCount(1);
  await expect(panel.locator('.ij-where').first()).toContainText('Lycée professionnel Les Canuts');
  await expect(panel).toContainText('38 %'); // 0693045K-MEFSTAT11:23830034403: the establishment's school route
  await expect(panel).toContainText('35 %'); // regionales/84
  await expect(panel).not.toContainText(/non reconnue|aucune formation/);
});

test('Parcoursup fiche: a panel for the BTS from the Onisep link', async ({ page }) => {
  await page.goto(fixturePage('parcoursup', 'fiche-onisep-link').url);
  const panel = panelOf(page);
  await expect(panel).toHaveCount(1);
  await expect(panel).toContainText(/opticien/i);
  await expect(panel).toContainText('45 %'); // pro 45 / 38 / 17
});

test('Affelnet offer: entry-year MEF answered with the final year figures at the establishment', async ({ page }) => {
  await page.goto(fixturePage('affelnet', 'offre-uai-mef').url);
  const panel = panelOf(page);
  await expect(panel).toHaveCount(1);
  await expect(panel).toContainText('38 %');
});

test('Onisep establishment page without any id: the establishment and every row found from names', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'etablissement-sans-uai').url);
  const panel = panelOf(page);
  await expect(panel).toHaveCount(1);
  // name + commune → 0693045K: the establishment panel shows its DEPP valeur ajoutée
  await expect(panel).toContainText('Valeur ajoutée');
  const badges = page.locator('inserjeunes-badge');
  await expect(badges).toHaveCount(5);
  // row 1 (temps plein) → AF.5678 at 0693045K: the establishment's school-route figures (38 %)
  await expect(badges.nth(0)).toContainText('Emploi 38 %');
  await expect(badges.nth(0)).not.toContainText('(France)');
  for (let i = 0; i < 5; i++) await expect(badges.nth(i)).not.toContainText(/chargement|non reconnue|aucune formation/);
});

test('Parcoursup double fiche: the establishment from g_ta_cod, one line per programme, after the InserJeunes block', async ({ page }) => {
  await page.goto(fixturePage('parcoursup', 'fiche-double').url);
  const panel = panelOf(page);
  await expect(panel).toHaveCount(1);
  await expect(panel.locator('.ij-programme')).toHaveCount(2);
  await expect(panel.locator('.ij-where').first()).toContainText('Lycée professionnel Les Canuts');
  await expect(panel).toContainText('Le site affiche déjà les chiffres nationaux');
  // placed right after the site's own block
  const after = await page.evaluate(() => document.querySelector('section.psup-inserjeunes')?.nextElementSibling?.tagName.toLowerCase());
  expect(after).toBe('inserjeunes-panel');
});

test('Onisep "Où se former" row linked by slug: the establishment from its name and postcode', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'ou-se-former-slugs').url);
  const badges = page.locator('inserjeunes-badge');
  await expect(badges).toHaveCount(2);
  await expect(badges.nth(0)).toContainText('Emploi 38 %'); // 0693045K's own figures
  await expect(badges.nth(1)).toContainText('(France)'); // unknown lycée: the national fallback
});
