// The options page against the built extension: settings round trip, validation, the host permission a
// new API origin needs, and the "À propos" section.
import type { Page } from '@playwright/test';
import { expect, fixturePage, panelOf, test } from './fixtures';

const storedSettings = (page: Page) =>
  page.evaluate(async () => {
    const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { get(k: string[]): Promise<Record<string, unknown>> } } } }).chrome;
    return chromeApi.storage.local.get(['settings', 'apiKey']);
  });

/** Replaces the browser's permission prompt, which a headless browser cannot answer, and records the requests. */
async function answerPermissionPrompts(page: Page, grant: boolean) {
  await page.addInitScript((granted: boolean) => {
    const w = window as unknown as { requested: unknown[]; removed: unknown[]; chrome: { permissions: Record<string, unknown> } };
    w.requested = [];
    w.chrome.permissions.request = (p: unknown, callback?: (ok: boolean) => void) => {
      w.requested.push(p);
      if (callback) callback(granted);
      return Promise.resolve(granted);
    };
    w.removed = [];
    w.chrome.permissions.remove = (p: unknown, callback?: (ok: boolean) => void) => {
      w.removed.push(p);
      if (callback) callback(true);
      return Promise.resolve(true);
    };
    w.chrome.permissions.contains = (_p: unknown, callback?: (ok: boolean) => void) => {
      if (callback) callback(false);
      return Promise.resolve(false);
    };
  }, grant);
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('settings are saved, and are there again after a reload', async ({ page, extensionId, mock }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // The fixture points the settings at this worker's mock API.
  await expect(field(page, 'Adresse de l’API')).toHaveValue(mock.url);
  // The same origin as the manifest's host permission (http://127.0.0.1/*): no prompt needed.
  await field(page, 'Adresse de l’API').fill(`${mock.origin}/inserjeunes/`);
  await field(page, 'Clé d’API (facultative)').fill('cle-de-test');
  await field(page, 'Région préférée').selectOption({ label: 'Bretagne' });
  await field(page, 'Garder les chiffres en mémoire (jours)').fill('14');
  await page.getByLabel('Flottant, en bas à droite').check();
  await page.getByLabel('Afficher les pastilles dans les listes de formations').uncheck();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Options enregistrées.')).toBeVisible();

  const stored = await storedSettings(page);
  expect(stored.settings).toEqual({
    apiUrl: `${mock.origin}/inserjeunes`,
    preferredRegion: '53',
    cacheDays: 14,
    display: { position: 'flottant', startCollapsed: false, showBadges: false },
    nearby: { enabled: true, place: '', radiusKm: 30 },
  });
  expect(stored.apiKey).toBeUndefined(); // kept in the extension's IndexedDB, out of content scripts' reach (privilege.spec.ts)

  await page.reload();
  await expect(field(page, 'Adresse de l’API')).toHaveValue(`${mock.origin}/inserjeunes`);
  await expect(field(page, 'Clé d’API (facultative)')).toHaveValue('cle-de-test');
  await expect(field(page, 'Région préférée')).toHaveValue('53');
  await expect(field(page, 'Garder les chiffres en mémoire (jours)')).toHaveValue('14');
  await expect(page.getByLabel('Flottant, en bas à droite')).toBeChecked();
  await expect(page.getByLabel('Afficher les pastilles dans les listes de formations')).not.toBeChecked();
});

test('an invalid address shows its message, keeps the focus on it, and saves nothing', async ({ page, extensionId, mock }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const url = field(page, 'Adresse de l’API');
  await url.fill('pas une adresse');
  await field(page, 'Garder les chiffres en mémoire (jours)').fill('0');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Saisissez une adresse web complète', { exact: false })).toBeVisible();
  await expect(page.getByText('Saisissez un nombre entier de jours entre 1 et 90.')).toBeVisible();
  await expect(page.getByText('2 champs à corriger.')).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toBeFocused();
  expect((await storedSettings(page)).settings).toEqual({ apiUrl: mock.url }); // as the fixture left it
});

test('a new API origin is asked for; refused, nothing is saved and the page says why', async ({ page, extensionId, mock }) => {
  await answerPermissionPrompts(page, false);
  await page.setViewportSize({ width: 800, height: 500 }); // the save button and the message are a screen apart
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await field(page, 'Adresse de l’API').fill('https://api.example.org/inserjeunes');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('alert')).toContainText('Réglages non enregistrés');
  await expect(page.getByRole('alert')).toBeInViewport();
  await expect(page.getByRole('alert')).toContainText('https://api.example.org');
  await expect(page.getByText('Options enregistrées.')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { requested: unknown[] }).requested)).toEqual([
    { origins: ['https://api.example.org/*'] },
  ]);
  expect((await storedSettings(page)).settings).toEqual({ apiUrl: mock.url }); // as the fixture left it
});

test('a new API origin, granted, is saved', async ({ page, extensionId }) => {
  await answerPermissionPrompts(page, true);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await field(page, 'Adresse de l’API').fill('https://api.example.org/inserjeunes');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Options enregistrées.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('');
  expect(((await storedSettings(page)).settings as { apiUrl: string }).apiUrl).toBe('https://api.example.org/inserjeunes');
  // Saving again with the same origin asks nothing more.
  await field(page, 'Clé d’API (facultative)').fill('x');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Options enregistrées.')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { requested: unknown[] }).requested)).toHaveLength(1);
});

test('an API origin the user leaves is given back; the manifest’s own is kept', async ({ page, extensionId, mock, setSettings }) => {
  await answerPermissionPrompts(page, true);
  await setSettings({ apiUrl: 'https://api.example.org/inserjeunes' });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await field(page, 'Adresse de l’API').fill(mock.url);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Options enregistrées.')).toBeVisible();
  const removed = () => page.evaluate(() => (window as unknown as { removed: unknown[] }).removed);
  expect(await removed()).toEqual([{ origins: ['https://api.example.org/*'] }]);
  // Leaving the manifest's origin (http://127.0.0.1/*) asks for the new one and removes nothing.
  await field(page, 'Adresse de l’API').fill('https://api.example.org/inserjeunes');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Options enregistrées.')).toBeVisible();
  expect(await removed()).toHaveLength(1);
});

test('« À propos » names the sources with their licences, and the version', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const about = page.getByRole('region', { name: 'À propos' });
  await expect(about).toContainText('Version 0.1.0');
  await expect(about).toContainText(/ODbL/);
  await expect(about).toContainText(/Licence Ouverte/);
  await expect(about).toContainText(/InserJeunes/);
  await expect(about.getByRole('link', { name: 'Documentation InserJeunes' })).toHaveAttribute(
    'href',
    'https://documentation.exposition.inserjeunes.beta.gouv.fr/',
  );
});

test('« Tout sur les données utilisées » opens the privacy statement shipped with the extension', async ({ page, extensionId, context }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const about = page.getByRole('region', { name: 'À propos' });
  const [opened] = await Promise.all([context.waitForEvent('page'), about.getByRole('link', { name: 'Tout sur les données utilisées' }).click()]);
  await opened.waitForLoadState();
  expect(opened.url()).toBe(`chrome-extension://${extensionId}/privacy.html`);
  await expect(opened.getByRole('heading', { level: 1, name: 'Confidentialité' })).toBeVisible();
  for (const lead of ['Ce que l\'extension lit', 'Ce qu\'elle envoie, et à qui', 'Ce qu\'elle garde', 'Comment l\'effacer'])
    await expect(opened.locator('strong', { hasText: lead })).toBeVisible();
  await opened.close();
});

// The content scripts read the settings as the options page's storage item wrote them (lib/page-state.ts).
test('the sites’ pages follow what the options page saved: no badges, a floating panel', async ({ page, context, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel('Flottant, en bas à droite').check();
  await page.getByLabel('Afficher les pastilles dans les listes de formations').uncheck();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Options enregistrées.')).toBeVisible();

  const site = await context.newPage();
  await site.goto(fixturePage('onisep', 'formation-context-number').url);
  await expect(panelOf(site).locator('.ij-panel--floating')).toHaveCount(1);
  await expect(panelOf(site)).toContainText('%');
  await site.goto(fixturePage('affelnet', 'liste-offres').url);
  await site.waitForTimeout(1500); // a badge would be drawn by now (the list's rows are on screen)
  await expect(site.locator('inserjeunes-badge')).toHaveCount(0);
});
