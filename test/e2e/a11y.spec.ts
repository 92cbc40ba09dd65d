// Accessibility: axe-core (WCAG 2.1 A and AA, text contrast included) on the in-page panel in each state,
// a badge, the popup, the options page and the selection page, in the light and the dark scheme; and the
// panel at 360 px wide: no horizontal overflow, Escape collapses it.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, fixturePage, panelOf, test } from './fixtures';

// Each test runs axe over whole pages two or three times: seconds each on a loaded 2-core machine, where
// 30 s was seen to run out (a fresh-machine run, load average 20). The assertions stay the same.
test.describe.configure({ timeout: 90_000 });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Zero violations, or the list of them in a readable form. */
async function expectNoViolations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations, passes } = await builder.analyze();
  const readable = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary}`).join('\n')}`);
  expect(readable, readable.join('\n')).toEqual([]);
  // The scan saw the surface: some rules passed on it (a scan of nothing passes trivially).
  expect(passes.length).toBeGreaterThan(0);
}

/**
 * Affelnet offer pages written for these states (the shape of fixtures/pages/affelnet/offre-uai-mef.html):
 * UAI and MEF in the text. Codes from SCENARIO.md.
 */
const offerPage = (title: string, etablissement: string, uai: string, mef: string, duree: number) => `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${title} - Affelnet lycée</title></head>
<body><main id="main" class="fr-container"><div class="offre-detail">
<h1 class="offre-detail__titre">${title}</h1>
<p class="offre-detail__etablissement">${etablissement} — UAI&nbsp;: ${uai}</p>
<dl class="offre-detail__infos"><dt>Code MEF</dt><dd>Code MEF : ${mef}</dd><dt>Durée</dt><dd>Durée : ${duree} ans</dd></dl>
</div></main></body></html>`;

const EXTRA = {
  // CAP Agent d'accueil (2 ans, first-year MEF 2413111421 → final year 23220031114) at 0010001W: 12 students → secret.
  secret: {
    url: 'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00899001',
    html: offerPage('CAP Agent d’accueil et de conduite routière', 'Petit lycée de l’Ain', '0010001W', '2413111421', 2),
  },
  // The bac pro at an establishment the API does not know (0751234J): "établissement inconnu".
  unknown: {
    url: 'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00899002',
    html: offerPage('2de professionnelle Métiers de la sécurité', 'Lycée inconnu', '0751234J', '2473440331', 3),
  },
};

async function routeExtra(context: BrowserContext) {
  for (const { url, html } of Object.values(EXTRA)) {
    await context.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  }
}
async function unrouteExtra(context: BrowserContext) {
  for (const { url } of Object.values(EXTRA)) await context.unroute(url);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.beforeEach(async ({ page, context }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await routeExtra(context);
    });
    test.afterEach(async ({ context }) => unrouteExtra(context));

    test('panel with figures for both voies, details open, then collapsed to its tab', async ({ page }) => {
      await page.goto(fixturePage('onisep', 'formation-context-number').url);
      const panel = panelOf(page);
      await expect(panel).toContainText('41 %');
      await expect(panel).toContainText('63 %'); // apprenticeship beside the school route
      await expectNoViolations(page, 'inserjeunes-panel');
      await panel.locator('summary').first().click();
      await expect(panel.locator('.ij-details-body').first()).toBeVisible();
      await expectNoViolations(page, 'inserjeunes-panel');
      await panel.getByRole('button', { name: /réduire/i }).first().click();
      await expect(panel.locator('.ij-tab')).toBeVisible();
      await expectNoViolations(page, 'inserjeunes-panel');
    });

    test('panel with an establishment beside its region', async ({ page }) => {
      await page.goto(fixturePage('onisep', 'action').url);
      await expect(panelOf(page)).toContainText('38 %');
      await expectNoViolations(page, 'inserjeunes-panel');
    });

    test('panel under the secrecy threshold', async ({ page }) => {
      await page.goto(EXTRA.secret.url);
      await expect(panelOf(page).locator('.ij-cell--secret').first()).toBeVisible();
      await expectNoViolations(page, 'inserjeunes-panel');
    });

    test('panel with no figures, and why', async ({ page }) => {
      await page.goto(EXTRA.unknown.url);
      await expect(panelOf(page).locator('.ij-cell--none').first()).toBeVisible();
      await expectNoViolations(page, 'inserjeunes-panel');
    });

    test('panel with an error and its retry', async ({ page, mock, setSettings }) => {
      // The mock's other base path: a fresh API client, so the background's in-memory cache (which the
      // fixture's storage.clear() does not reach) cannot answer from an earlier test's figures.
      await setSettings({ apiUrl: `${mock.origin}/inserjeunes` });
      mock.configure({ failure: '500' });
      await page.goto(fixturePage('onisep', 'action').url);
      const panel = panelOf(page);
      await expect(panel.locator('.ij-cell--error').first()).toBeVisible();
      await expect(panel.getByRole('button', { name: 'Réessayer' }).first()).toBeVisible();
      await expectNoViolations(page, 'inserjeunes-panel');
    });

    test('panel while the figures are loading', async ({ page, mock, setSettings }) => {
      // A cache lifetime of its own gives a fresh API client (see the error test), so the lookup really waits.
      await setSettings({ apiUrl: mock.url, cacheDays: scheme === 'light' ? 3 : 4 });
      mock.configure({ latencyMs: 4000 });
      await page.goto(fixturePage('onisep', 'action').url);
      await expect(panelOf(page).locator('[aria-busy="true"]').first()).toBeVisible();
      await expectNoViolations(page, 'inserjeunes-panel');
      mock.configure({ latencyMs: 0 });
    });

    test('a common 2de with its specialties', async ({ page }) => {
      await page.goto(fixturePage('affelnet', 'offre-2de-commune').url);
      await expect(panelOf(page).locator('.ij-programme').first()).toBeVisible();
      await expect(panelOf(page).locator('[aria-busy="true"]')).toHaveCount(0);
      await expectNoViolations(page, 'inserjeunes-panel');
    });

    test('badges on a list, and the panel a badge opens', async ({ page }) => {
      await page.goto(fixturePage('affelnet', 'liste-offres').url);
      const badges = page.locator('inserjeunes-badge');
      await expect(badges).toHaveCount(3);
      await expect(badges.first()).toContainText(/Emploi|Pas de chiffres|Trop peu/);
      await expect(badges.locator('[aria-busy="true"]')).toHaveCount(0);
      await expectNoViolations(page, 'inserjeunes-badge');
      await badges.first().getByRole('button').first().click();
      await expect(panelOf(page).locator('.ij-panel')).toBeVisible();
      await expectNoViolations(page, 'inserjeunes-panel');
    });

    test('popup: lists, search results, a programme', async ({ page, extensionId }) => {
      await page.setViewportSize({ width: 400, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
      await expect(page.getByText('Aucune formation trouvée sur cet onglet.')).toBeVisible();
      await expectNoViolations(page);
      await page.getByLabel('UAI, FOR, CFD, MEFSTAT11, RNCP ou mots du nom').fill('ab');
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      await expect(page.getByText('Saisissez un code ou au moins 3 lettres.')).toBeVisible();
      await expectNoViolations(page);
      await page.getByLabel('UAI, FOR, CFD, MEFSTAT11, RNCP ou mots du nom').fill('opticien');
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      await page.locator('.ij-search .ij-line-button').first().click();
      await expect(page.locator('.ij-programme')).toContainText('45 %');
      await expectNoViolations(page);
    });

    test('popup listing the current tab', async ({ page, context, extensionId }) => {
      const site = fixturePage('onisep', 'action');
      const tab = await context.newPage();
      await tab.goto(site.url);
      await expect(panelOf(tab)).toContainText('38 %');
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      const tabId = await page.evaluate(async (u) => {
        const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
        return (await c.tabs.query({})).find((t) => t.url === u)?.id;
      }, site.url);
      await page.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
      await expect(page.locator('.ij-found .ij-line-button')).toHaveCount(1);
      await expectNoViolations(page);
      await tab.close();
    });

    test('options page, with validation messages', async ({ page, extensionId }) => {
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await expect(page.getByRole('heading', { name: 'À propos' })).toBeVisible();
      await expectNoViolations(page);
      await page.getByLabel('Adresse de l’API', { exact: true }).fill('pas une adresse');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.getByText('1 champ à corriger.')).toBeVisible();
      await expectNoViolations(page);
    });

    test('privacy page', async ({ page, extensionId }) => {
      await page.goto(`chrome-extension://${extensionId}/privacy.html`);
      await expect(page.getByRole('heading', { level: 1, name: 'Confidentialité' })).toBeVisible();
      await expectNoViolations(page);
    });

    test('selection page, empty and filled', async ({ page, extensionId }) => {
      await page.goto(`chrome-extension://${extensionId}/selection.html`);
      await expect(page.getByText('Votre sélection est vide.', { exact: false })).toBeVisible();
      await expectNoViolations(page);
      await page.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
        await c.storage.local.set({
          selection: [
            { key: '0693045K|40034403|23830034403', libelle: 'BAC PRO Métiers de la sécurité', uai: '0693045K', sighting: { site: 'onisep', page: 'action', ids: { af: 'AF.5678' } }, addedAt: 1 },
            { key: 'k-bts', libelle: 'BTS Opticien-lunetier', sighting: { site: 'recherche', page: 'formation', ids: { for: 'FOR.578' } }, addedAt: 2 },
          ],
        });
      });
      await expect(page.getByRole('table')).toContainText('38 %');
      await expectNoViolations(page);
    });
  });
}

test('the scan reaches inside the panel shadow root: planted defects are found', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'action').url);
  await expect(panelOf(page)).toContainText('38 %');
  await page.evaluate(() => {
    const body = document.querySelector('inserjeunes-panel')!.shadowRoot!.querySelector('.ij-panel-body')!;
    const faint = document.createElement('p');
    faint.textContent = 'Texte trop pâle';
    faint.style.cssText = 'color:#bbb;background:#fff';
    const unnamed = document.createElement('button');
    body.append(faint, unnamed);
  });
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).include('inserjeunes-panel').analyze();
  expect(violations.map((v) => v.id).sort()).toEqual(['button-name', 'color-contrast']);
});

test.describe('the panel at 360 px wide', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const name of ['action', 'formation-context-number'] as const) {
    test(`${name}: no horizontal overflow, and Escape collapses it`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(fixturePage('onisep', name).url);
      const panel = panelOf(page);
      await expect(panel.locator('.ij-ind-value').first()).toBeVisible();
      await panel.locator('summary').first().click();
      const widths = await page.evaluate(() => {
        const host = document.querySelector('inserjeunes-panel')!;
        const root = host.shadowRoot!;
        const wide = [...root.querySelectorAll<HTMLElement>('*')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth, wide };
      });
      expect(widths.wide).toEqual([]);
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);

      await panel.getByRole('button', { name: /réduire/i }).first().focus();
      await page.keyboard.press('Escape');
      await expect(panel.locator('.ij-tab')).toBeVisible();
      await expect(panel.locator('.ij-tab')).toBeFocused();
      await expect(panel.locator('.ij-ind-value')).toHaveCount(0);
    });
  }
});
