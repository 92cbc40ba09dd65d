// The panel when things go wrong: a failing API, a worker stopped mid-request, a full storage.
import { expect, fixturePage, panelOf, test } from './fixtures';

const action = () => fixturePage('onisep', 'action').url;

test('a failing API shows an error with a retry that brings the figures', async ({ page, mock }) => {
  mock.configure({ failure: '500' });
  await page.goto(action());
  const panel = panelOf(page);
  const schoolHere = panel.locator('.ij-voie').first().locator('.ij-scope--etablissement');
  await expect(schoolHere).toContainText(/serveur|indisponible|erreur/i);
  await expect(panel.locator('.ij-inds')).toHaveCount(0);
  mock.configure({ failure: 'none' });
  await panel.getByRole('button', { name: 'Réessayer' }).first().click();
  await expect(panel.locator('.ij-ind-value').first()).toContainText('38 %');
});

test('malformed answers become a clear error state, never a wrong number', async ({ page, mock }) => {
  mock.configure({ failure: 'malformed-json' });
  await page.goto(action());
  const panel = panelOf(page);
  await expect(panel.locator('.ij-scope--etablissement').first()).toContainText('réponse inattendue');
  await expect(panel.locator('.ij-inds')).toHaveCount(0);
});

test('the service worker stopped in the middle of a request: the panel still gets its figures', async ({ page, mock, context }) => {
  mock.configure({ latencyMs: 1500 });
  await page.goto(action());
  await expect.poll(() => mock.requests.length).toBeGreaterThan(0);
  // Stop every service worker, ours included, while the API has not answered yet.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  mock.configure({ latencyMs: 0 });
  await expect(panelOf(page).locator('.ij-ind-value').first()).toContainText('38 %', { timeout: 10_000 });
});

test('a full extension storage never loses the answer being shown', async ({ page, extension }) => {
  // Fill local storage to its quota (10 MB in Chromium without unlimitedStorage).
  await extension.worker.evaluate(async () => {
    const local = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local;
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 12; i++) {
      try {
        await local.set({ [`filler${i}`]: chunk });
      } catch {
        break;
      }
    }
    for (let size = 512 * 1024; size >= 1024; size /= 2) {
      try {
        await local.set({ [`filler-small-${size}`]: 'x'.repeat(size) });
      } catch {
        /* that much did not fit: try smaller */
      }
    }
  });
  await page.goto(action());
  await expect(panelOf(page).locator('.ij-ind-value').first()).toContainText('38 %');
});
