// The popup against the built extension: the current tab's findings, search by every kind of code and by
// words, the full panel for a result, and "add to my selection".
import type { BrowserContext, Page } from '@playwright/test';
import { expect, fixturePage, navigateInPlace, panelOf, test } from './fixtures';

/**
 * The id of the tab showing `url`, asked from an extension page (the popup's `?tab=` parameter takes it).
 * With no host permission on the sites the extension does not see their tabs' URLs: then the page is
 * the other tab used last (the test's page, opened just before this extension page).
 */
async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (u) => {
    type Tab = { id?: number; url?: string; lastAccessed?: number };
    const chromeApi = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Tab[]>; getCurrent(): Promise<Tab | undefined> } } }).chrome;
    const [tabs, own] = await Promise.all([chromeApi.tabs.query({}), chromeApi.tabs.getCurrent()]);
    const others = tabs.filter((t) => t.id !== own?.id).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
    return (others.find((t) => t.url === u) ?? others[0])?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab at ${url}`);
  return id;
}

/**
 * A popup page for the tab showing `url`, and how to (re)open it on that tab: `open()` loads
 * `popup.html?tab=<id>` and gives its list of what the tab shows.
 */
async function popupForTab(context: BrowserContext, extensionId: string, url: string) {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const tabId = await tabIdOf(popup, url);
  const open = async () => {
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    return popup.locator('.ij-found');
  };
  return { popup, open };
}

test('lists only what the tab shows now: the pages it has left, by link or in place, are forgotten', async ({ page, context, extensionId }) => {
  await page.goto(fixturePage('onisep', 'action').url);
  await expect(panelOf(page)).toContainText('38 %');
  const second = fixturePage('onisep', 'formation-context-number');
  await page.goto(second.url);
  await expect(panelOf(page)).toContainText('41 %');

  const { popup, open } = await popupForTab(context, extensionId, second.url);
  // The action page named the same programme at an establishment: its line (with the establishment) is gone.
  let found = await open();
  await expect(found.getByRole('button')).toHaveCount(1);
  await expect(found.getByRole('button')).toContainText('41');

  // The site swaps its content in place and pushes the new URL (a single-page application).
  await navigateInPlace(page, fixturePage('onisep', 'formation-context-string'));
  await expect(panelOf(page)).toContainText(/opticien/i);
  found = await open();
  await expect(found.getByRole('button', { name: /opticien/i })).toHaveCount(1);
  await expect(found.getByRole('button')).toHaveCount(1);

  // A page of the site where nothing is recognised: nothing from the pages before.
  await page.goto('https://www.onisep.fr/');
  found = await open();
  await expect(found).toContainText('Aucune formation trouvée sur cet onglet.');
  await expect(found.getByRole('button')).toHaveCount(0);
  await popup.close();
});

async function search(popup: Page, text: string) {
  await popup.getByLabel('UAI, FOR, CFD, MEFSTAT11, RNCP ou mots du nom').fill(text);
  await popup.getByRole('button', { name: 'Rechercher', exact: true }).click();
}

test('lists what the current tab shows, each programme with its status, and opens its panel', async ({ page, context, extensionId }) => {
  const site = fixturePage('onisep', 'action');
  await page.goto(site.url);
  await expect(panelOf(page)).toContainText('38 %');

  const { popup, open } = await popupForTab(context, extensionId, site.url);
  const found = await open();
  const line = found.getByRole('button', { name: /Métiers de la sécurité/i });
  await expect(line).toHaveCount(1);
  // The line's status: the establishment's employment rate (0693045K-MEFSTAT11:23830034403, SCENARIO.md).
  await expect(line).toContainText('38');
  await line.click();
  await expect(popup.locator('.ij-programme')).toContainText('38 %');
  await expect(popup.locator('.ij-programme')).toContainText('35 %'); // its region, 84
  await popup.getByRole('button', { name: 'Retour' }).click();
  await expect(found.getByRole('button', { name: /Métiers de la sécurité/i })).toBeVisible();
  await popup.close();
});

test('a tab without programmes says so', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await expect(page.locator('.ij-found')).toContainText('Aucune formation trouvée sur cet onglet.');
});

// Code searches answer with the BCN label (upper case, no accents); the panel may use Onisep's.
const securite = /s[ée]curit[ée]/i;
const searches: { input: string; kind: string; result: RegExp; figure: string }[] = [
  // The national figures of the bac pro: certifications/23830034403,40034403?vue=filieres → pro 41 %.
  { input: 'FOR.3651', kind: 'Identifiant Onisep de formation', result: securite, figure: '41 %' },
  { input: '40034403', kind: 'Code diplôme (CFD)', result: securite, figure: '41 %' },
  { input: '23830034403', kind: 'Code MEFSTAT11', result: securite, figure: '41 %' },
  { input: 'RNCP39133', kind: 'Fiche RNCP', result: securite, figure: '41 %' },
  // Words of a label: the BTS, pro 45 / 38 / 17.
  { input: 'opticien', kind: 'Mots du nom', result: /opticien/i, figure: '45 %' },
];

for (const s of searches) {
  test(`search « ${s.input} » shows the programme's panel`, async ({ page, extensionId }) => {
    await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
    await search(page, s.input);
    await expect(page.getByRole('status').filter({ hasText: /résultat/ })).toBeVisible();
    await expect(page.getByText(s.kind, { exact: true })).toBeVisible();
    await page.locator('.ij-search .ij-line-button').filter({ hasText: s.result }).first().click();
    const programme = page.locator('.ij-programme').first();
    await expect(programme).toContainText(s.result);
    await expect(programme).toContainText(s.figure);
  });
}

test('search by UAI (typed in lower case, sent with Enter) shows the establishment and its programmes', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await page.getByLabel('UAI, FOR, CFD, MEFSTAT11, RNCP ou mots du nom').fill('0693045k');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Code UAI d’établissement', { exact: true })).toBeVisible();
  await page.locator('.ij-search .ij-line-button').first().click();
  await expect(page.locator('.ij-detail')).toContainText(/Canuts/);
});

test('too short a query is refused with a message and nothing is searched', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await search(page, 'ab');
  await expect(page.getByText('Saisissez un code ou au moins 3 lettres.')).toBeVisible();
  await expect(page.getByLabel('UAI, FOR, CFD, MEFSTAT11, RNCP ou mots du nom')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.ij-search .ij-line-button')).toHaveCount(0);
});

test('"add to my selection" saves the programme with its sighting, once', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await expect(page.getByRole('link', { name: '0 formation dans ma sélection' })).toHaveAttribute(
    'href',
    `chrome-extension://${extensionId}/selection.html`,
  );
  await search(page, 'FOR.3651');
  await page.locator('.ij-search .ij-line-button').first().click();
  const add = page.getByRole('button', { name: 'Ajouter à ma sélection' });
  await add.click();
  await expect(page.getByRole('button', { name: /Dans ma sélection/i })).toBeDisabled();
  await expect(page.getByRole('link', { name: '1 formation dans ma sélection' })).toBeVisible();
  const saved = await page.evaluate(async () => {
    const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return (await chromeApi.storage.local.get('selection')).selection as { key: string; libelle: string; sighting: { ids: object } }[];
  });
  expect(saved).toHaveLength(1);
  expect(saved[0]!.libelle).toMatch(/sécurité/i);
  expect(saved[0]!.sighting.ids).toEqual({ for: 'FOR.3651' });
  expect(saved[0]!.key).toContain('40034403');
});

test('a programme whose figures failed is asked again by « Réessayer »', async ({ page, extensionId, mock, setSettings }) => {
  await setSettings({ apiUrl: mock.url, cacheDays: 6 }); // a fresh API client: no figures in the background's memory
  mock.configure({ failure: '500' });
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await search(page, 'opticien');
  await page.locator('.ij-search .ij-line-button').first().click();
  const retry = page.locator('.ij-programme').getByRole('button', { name: 'Réessayer' }).first();
  await expect(retry).toBeVisible();
  await expect(page.locator('.ij-programme')).not.toContainText('45 %');
  mock.configure({ failure: 'none' });
  await retry.click();
  await expect(page.locator('.ij-programme')).toContainText('45 %');
});
