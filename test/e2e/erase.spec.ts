// "Effacer mes données" on the options page: after a real visit filled the cache, a saved selection,
// settings and an API key, confirming empties the extension's storage, and the form shows the defaults.
import { expect, fixturePage, panelOf, test } from './fixtures';

type StorageArea = { get(k: null): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
type ChromeStorage = { chrome: { storage: Record<'local' | 'session', StorageArea> } };

test('erasing my data empties local and session storage and resets the form', async ({ page, context, extensionId, mock }) => {
  // A real visit: the background caches the API's answers and keeps the tab's findings in session storage.
  const onisep = fixturePage('onisep', 'action');
  await page.goto(onisep.url);
  await expect(panelOf(page).locator('.ij-programme').first()).toBeVisible();
  await expect(panelOf(page).getByRole('button', { name: 'Réessayer' })).toHaveCount(0);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.evaluate(async (apiUrl) => {
    const local = (globalThis as unknown as ChromeStorage).chrome.storage.local;
    await local.set({ settings: { apiUrl, preferredRegion: '53', cacheDays: 14, display: { position: 'flottant', startCollapsed: true, showBadges: false } } });
    await local.set({ apiKey: 'cle-de-test', selection: [{ key: 'x', label: 'Une formation' }] });
  }, mock.url);
  await options.reload();
  await expect(options.getByLabel('Clé d’API (facultative)', { exact: true })).toHaveValue('cle-de-test');

  const read = (area: 'local' | 'session') =>
    options.evaluate((name) => (globalThis as unknown as ChromeStorage).chrome.storage[name].get(null), area);
  const before = await read('local');
  expect(Object.keys(before)).toEqual(expect.arrayContaining(['settings', 'selection', 'ij:index']));
  expect(before).not.toHaveProperty('apiKey'); // moved to the extension's IndexedDB on the page's load (lib/api-key.ts)
  expect(Object.keys(await read('session')).length).toBeGreaterThan(0);

  await options.getByRole('button', { name: 'Effacer mes données' }).click();
  await options.getByRole('button', { name: 'Oui, tout effacer' }).click();
  await expect(options.getByText('Vos données sont effacées ; les réglages sont revenus à leurs valeurs par défaut.')).toBeVisible();

  expect(await read('local')).toEqual({});
  expect(await read('session')).toEqual({});
  await expect(options.getByLabel('Clé d’API (facultative)', { exact: true })).toHaveValue('');
  await expect(options.getByLabel('Région préférée', { exact: true })).toHaveValue('');
  await expect(options.getByLabel('Dans la page, sous le titre')).toBeChecked();
  await options.close();
});
