// The real API's answers as the built extension shows them in Chromium, against the mock that behaves
// like it (test/mock-api/real-quirks.test.ts names the real source of each behaviour): an agricultural
// programme's national figures, partial rates, figures from the gestionnaire, national salaries, a
// common 2de whose filières sum has no cohort, and a wrong API address.
import type { BrowserContext, Locator } from '@playwright/test';
import { expect, fixturePage, panelOf, test } from './fixtures';

/** An Affelnet offer page with UAI and MEF in its text (the shape of fixtures/pages/affelnet/offre-uai-mef.html). */
const offerPage = (title: string, etablissement: string, uai: string, mef: string) => `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${title} - Affelnet lycée</title></head>
<body><main id="main" class="fr-container"><div class="offre-detail">
<h1 class="offre-detail__titre">${title}</h1>
<p class="offre-detail__etablissement">${etablissement} — UAI&nbsp;: ${uai}</p>
<dl class="offre-detail__infos"><dt>Code MEF</dt><dd>Code MEF : ${mef}</dd><dt>Durée</dt><dd>Durée : 3 ans</dd></dl>
</div></main></body></html>`;

const PAGES = {
  // Bac pro agricole CGEA (MEF 2762100431 → final year 23831021004, filière agricole): no vue=filieres figures.
  agricole: {
    url: 'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00899101',
    html: offerPage('2de professionnelle Conduite et gestion de l’entreprise agricole', 'Lycée professionnel Les Canuts', '0693045K', '2762100431'),
  },
  // Bac pro Métiers de la sécurité where the mock has no 6-month rates, and a row with nothing for apprenticeship.
  partial: {
    url: 'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00899102',
    html: offerPage('2de professionnelle Métiers de la sécurité', 'Lycée professionnel de la Saône', '0690100J', '2473440331'),
  },
  // The same programme where the figures are the gestionnaire's (0690102L).
  gestionnaire: {
    url: 'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00899103',
    html: offerPage('2de professionnelle Métiers de la sécurité', 'Antenne de formation des Monts', '0690101K', '2473440331'),
  },
};

async function routePages(context: BrowserContext) {
  for (const { url, html } of Object.values(PAGES)) {
    await context.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  }
}

test.beforeEach(async ({ context }) => routePages(context));
test.afterEach(async ({ context }) => {
  for (const { url } of Object.values(PAGES)) await context.unroute(url);
});

/** The comparison cell of one voie and one scope. */
const cellOf = (panel: Locator, voie: 'Voie scolaire' | 'Apprentissage', scope: 'etablissement' | 'region' | 'france') =>
  panel.locator('.ij-voie', { has: panel.page().getByRole('heading', { name: voie, exact: true }) }).locator(`.ij-scope--${scope} .ij-cell`);

test('an agricultural programme gets its national figures, and its national salaries in the details', async ({ page, mock }) => {
  await page.goto(PAGES.agricole.url);
  const panel = panelOf(page);
  const france = cellOf(panel, 'Voie scolaire', 'france');
  await expect(france).toHaveText(/Emploi 50\s%\s·\sÉtudes 30\s%/);
  await expect(panel).not.toContainText('Pas encore de chiffres pour ce diplôme : il est peut-être récent');
  await panel.locator('summary').first().click();
  await expect(panel.locator('.ij-details-body').first()).toContainText(/moins de 1\s480\s€/);
  // The view answered 404, the plain route 200: two national requests for the school route's code.
  const national = mock.requests.filter((r) => r.path.startsWith('/api/inserjeunes/certifications/23831021004'));
  expect(national.map((r) => `${r.status} ${'vue' in r.query ? 'vue' : 'plain'}`).sort()).toEqual(['200 plain', '404 vue']);
});

test('the sécurité programme shows its national salaries, which vue=filieres drops', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  const panel = panelOf(page);
  await expect(panel).toContainText('41 %');
  await panel.locator('summary').first().click();
  const details = panel.locator('.ij-details-body').first();
  await expect(details).toContainText(/moins de 1\s520\s€/);
  await expect(details).toContainText(/moins de 1\s600\s€/);
});

test('a cell with partial rates shows what exists and says what is missing', async ({ page }) => {
  await page.goto(PAGES.partial.url);
  const panel = panelOf(page);
  const cell = cellOf(panel, 'Voie scolaire', 'etablissement');
  await expect(cell).toContainText(/Emploi non calculé · Études 35\s%/);
  await expect(cell).toContainText('Non calculé par le service InserJeunes : emploi à 6 mois, autres situations à 6 mois.');
  await expect(cell).toContainText(/Emploi à 12 mois : 40\s%/);
  await expect(cellOf(panel, 'Apprentissage', 'etablissement')).toHaveText('Pas de chiffres disponibles à cette échelle pour cette formation.');
  await expect(panel).not.toContainText('réponse inattendue');
  await expect(panel.locator('.ij-cell--error')).toHaveCount(0);
});

test('figures from the gestionnaire say so, in the cell and under the headline', async ({ page }) => {
  await page.goto(PAGES.gestionnaire.url);
  const panel = panelOf(page);
  await expect(cellOf(panel, 'Voie scolaire', 'etablissement')).toContainText('Chiffres de l’organisme gestionnaire (UAI 0690102L), pas de ce seul lieu de formation.');
  await expect(panel.locator('.ij-headline .ij-provenance')).toContainText('organisme gestionnaire');
});

test('a common 2de whose filières sum has no cohort is still a common 2de, with no error', async ({ page }) => {
  await page.goto(fixturePage('affelnet', 'offre-2de-commune').url);
  const panel = panelOf(page);
  await expect(panel.locator('.ij-specialites')).toBeVisible();
  await expect(panel.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(panel.locator('.ij-cell--error')).toHaveCount(0);
});

test('a wrong API address (an HTML 404) tells the user to check it', async ({ page, mock, setSettings }) => {
  await setSettings({ apiUrl: `${mock.origin}/api/inserjeune` });
  await page.goto(fixturePage('onisep', 'action').url);
  const panel = panelOf(page);
  await expect(panel.locator('.ij-cell--error').first()).toContainText("vérifiez l'adresse de l'API dans les options");
  // The mock logs only requests under its bases: none reached them.
  expect(mock.requests).toEqual([]);
});
