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
