// "Ailleurs près d'ici" in Chromium: on the action page of a weak bac pro (Villeurbanne, mock API
// 22 % / 35 %), the better nearby establishments with figures and distances, the worse ones left out;
// on demand elsewhere, and "rien de mieux" when so; keyboard and axe; the request bound.
import AxeBuilder from '@axe-core/playwright';
import { expect, fixturePage, panelOf, test } from './fixtures';
import { actionPage, ONISEP_ETABLISSEMENTS as BASE, servePages } from './onisep-action';

const WEAK = fixturePage('onisep', 'action-faible').url;
const PAGES = {
  far: { url: `${BASE}/ain/lycee-professionnel-de-la-plaine-de-l-ain/bac-pro-metiers-de-la-securite`, html: actionPage({ af: 'AF.5807', etab: "Lycée professionnel de la Plaine de l'Ain", commune: 'Ambérieu-en-Bugey', uai: '0011002J' }) },
};

servePages(test, PAGES);

test('a weak programme shows the better establishments nearby, nearest first, and leaves the others out', async ({ page, mock }) => {
  await page.goto(WEAK);
  const panel = panelOf(page);
  const section = panel.locator('.ij-nearby');
  await expect(section).toContainText('Ailleurs près d’ici');
  await expect(section.locator('.ij-nearby-line')).toHaveCount(3);
  const lines = await section.locator('.ij-nearby-line').allInnerTexts();
  expect(lines[0]).toMatch(/Lycée professionnel Les Canuts[\s\S]*Lyon · 4\s?km · voie scolaire[\s\S]*emploi 38\s?% · poursuite d’études 41\s?%/);
  expect(lines[1]).toMatch(/Jean Lurçat[\s\S]*Vénissieux · 8\s?km · voie scolaire[\s\S]*emploi 45\s?%/);
  expect(lines[2]).toMatch(/CFA des métiers de la sécurité[\s\S]*Saint-Priest · \d+\s?km · apprentissage[\s\S]*emploi 55\s?%/);
  // Worse (Bron 18/30), a trade-off too costly (Caluire 40/20), a secret one (Décines, 12 students), one too far (Ambérieu).
  for (const left of ['Pierre Mendès', 'des Monts', 'du Val', 'Plaine de l']) await expect(section).not.toContainText(left);
  await expect(section).toContainText('moins de 30\u00a0km');
  await expect(section.getByRole('link', { name: /Les Canuts/ })).toHaveAttribute('href', 'https://www.onisep.fr/http/redirection/formation/slug/AF.5678');
  // The request bound: the panel's own requests plus at most 15 for the section.
  const nearbyRequests = mock.requests.filter((r) => /\/formations\/0(69200[2-6][A-Z]|693045K|011002J)-/.test(r.path));
  expect(nearbyRequests.length).toBeGreaterThan(0);
  expect(nearbyRequests.length).toBeLessThanOrEqual(15);

  // Opened again: every alternative comes from the cache, no request at all.
  mock.resetRequests();
  await page.reload();
  await expect(panelOf(page).locator('.ij-nearby-line')).toHaveCount(3);
  expect(mock.requests.filter((r) => /\/formations\/0(69200[2-6][A-Z]|693045K)-/.test(r.path))).toHaveLength(0);

  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('inserjeunes-panel').analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
});

test('on demand for a programme that is not weak, and "rien de mieux" when nothing near does better', async ({ page, mock }) => {
  await page.goto(PAGES.far.url);
  const panel = panelOf(page);
  await expect(panel).toContainText('70 %');
  const show = panel.getByRole('button', { name: 'Voir ailleurs près d’ici' });
  await expect(show).toBeVisible();
  // Nothing asked before the section is shown.
  expect(mock.requests.filter((r) => /\/formations\/069/.test(r.path))).toHaveLength(0);
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(panel.locator('.ij-nearby')).toContainText('Rien de mieux à moins de 30\u00a0km.');
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('inserjeunes-panel').analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
});

test('turned off in the options: no section and no button', async ({ page, setSettings, mock }) => {
  await setSettings({ apiUrl: mock.url, nearby: { enabled: false, place: '', radiusKm: 30 } });
  await page.goto(WEAK);
  const panel = panelOf(page);
  await expect(panel).toContainText('22 %');
  await expect(panel.locator('.ij-nearby')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Voir ailleurs près d’ici' })).toHaveCount(0);
});
