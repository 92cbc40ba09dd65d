// Bounded work on any page: a long list asks only for the rows near the screen, a panel always settles.
import { uaiCheckLetter } from '../../lib/codes';
import { expect, fixturePage, panelOf, test } from './fixtures';

const LIST_URL = 'https://affectation3e.phm.education.gouv.fr/pna-public/consultation/liste-offres?page=longue';
const ROWS = 300;
/** A distinct, valid UAI per row, so that every row asked makes its own request. */
const uaiOf = (i: number) => {
  const digits = String(6900000 + i);
  return digits + uaiCheckLetter(digits);
};

/** An Affelnet offer list of 300 rows of 40 px each (12,000 px: about 13 screens at 900 px). */
function longList(): string {
  const rows = Array.from(
    { length: ROWS },
    (_, i) =>
      `<tr><td><a href="/pna-public/offre/A10/${String(900000 + i).padStart(8, '0')}">2de pro ${i}</a></td>
<td>UAI : ${uaiOf(i)} · MEF : 2473440331</td></tr>`,
  ).join('\n');
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Offres</title>
<style>body { margin: 0; } tr { height: 40px; } td { height: 40px; padding: 0 .4rem; overflow: hidden; }</style></head>
<body><main><h1>Offres</h1><table><tbody>${rows}</tbody></table></main></body></html>`;
}

/** The rows (by index) whose establishment the API was asked about. */
function rowsAsked(paths: string[]): Set<number> {
  const out = new Set<number>();
  for (const p of paths) {
    const m = /\/formations\/(\d{7})[A-Z]-/.exec(p);
    if (m) out.add(Number(m[1]) - 6900000);
  }
  return out;
}

test('a 300-row list asks only for the rows near the screen; scrolling brings the others', async ({ page, mock }) => {
  await page.route(LIST_URL, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: longList() }));
  await page.goto(LIST_URL);
  const badges = page.locator('inserjeunes-badge');
  await expect(badges.first().locator('.ij-badge-text')).not.toContainText('chargement', { timeout: 15_000 });
  await page.waitForTimeout(1000); // whatever else would be asked has had the time to go
  const first = rowsAsked(mock.requests.map((r) => r.path));
  // The first screen and the next one (900 px each, 40 px rows): about 45 rows, not 300.
  expect(first.has(0)).toBe(true);
  expect(first.size).toBeGreaterThan(10);
  expect(first.size).toBeLessThan(80);
  expect(first.has(ROWS - 1)).toBe(false);
  expect(mock.requests.length).toBeLessThan(200);
  // Rows far from the screen are not even drawn.
  expect(await badges.count()).toBeLessThan(80);

  // Scrolled to the bottom: the last rows are asked and answered, the middle of the list still is not.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(() => rowsAsked(mock.requests.map((r) => r.path)).has(ROWS - 1), { timeout: 15_000 }).toBe(true);
  await expect(badges.last().locator('.ij-badge-text')).not.toContainText('chargement');
  const after = rowsAsked(mock.requests.map((r) => r.path));
  expect(after.has(ROWS / 2)).toBe(false);
  expect(after.size).toBeLessThan(160);
});

test('an API that never answers: the panel settles on an error with a retry within the deadline', async ({ page, mock, setSettings }) => {
  test.setTimeout(60_000);
  // A cache lifetime of its own gives a fresh API client, so no earlier answer is served from memory.
  await setSettings({ apiUrl: mock.url, cacheDays: 6 });
  mock.configure({ failure: 'timeout' });
  await page.goto(fixturePage('onisep', 'action').url);
  const panel = panelOf(page);
  // The e2e build's deadline is 6 s (15 s shipped); the client's own per-request timeout (8 s) and the
  // staged calls after it would keep the panel loading far longer.
  await expect(panel.getByRole('button', { name: 'Réessayer' }).first()).toBeVisible({ timeout: 15_000 });
  const settled = Date.now();
  const firstAsked = Math.min(...mock.requests.map((r) => r.at));
  expect(settled - firstAsked).toBeLessThan(7_800);
  await expect(panel.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(panel.locator('.ij-cell--error').first()).toContainText('trop de temps');
  // The API is back: a retry brings the figures (a first one may still join a request the API holds).
  mock.configure({ failure: 'none' });
  const retry = panel.getByRole('button', { name: 'Réessayer' }).first();
  await expect(async () => {
    if (await retry.isVisible()) await retry.click();
    await expect(panel.locator('.ij-ind-value').first()).toContainText('38 %', { timeout: 3_000 });
  }).toPass({ timeout: 25_000 });
});
