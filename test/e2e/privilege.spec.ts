// What the extension exposes to the sites' pages: its host permissions, its web-accessible modules, its
// API key, WXT's "script started" notice; and the data credits the panel must show.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_BUILD } from './chromium';
import { expect, fixturePage, panelOf, test } from './fixtures';

/** Runs `expression` in the extension's content-script world of `page` (through the DevTools protocol). */
async function inContentScript<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
  if (!world) throw new Error('no content-script world in this page');
  const result = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
  return result.result.value as T;
}

const manifest = () => JSON.parse(readFileSync(resolve(E2E_BUILD, 'manifest.json'), 'utf8')) as Record<string, unknown>;

test('host permissions name the API origin only, and the panels still come on every site', async ({ page }) => {
  expect(manifest().host_permissions).toEqual(['http://127.0.0.1/*']);
  for (const [site, name] of [['onisep', 'formation-context-number'], ['parcoursup', 'fiche-onisep-link'], ['affelnet', 'offre-uai-mef']] as const) {
    await page.goto(fixturePage(site, name).url);
    await expect(panelOf(page)).toContainText('%');
  }
});

test('a page cannot load the web-accessible modules at the extension’s fixed address', async ({ page, extensionId }) => {
  const resources = manifest().web_accessible_resources as { use_dynamic_url?: boolean }[];
  expect(resources.every((r) => r.use_dynamic_url === true)).toBe(true);
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  await expect(panelOf(page)).toContainText('41 %'); // drawn by page-ui.js, imported by the content script
  const probe = (file: string) =>
    page.evaluate((url) => fetch(url).then((r) => `status ${r.status}`, () => 'refused'), `chrome-extension://${extensionId}/${file}`);
  expect(await probe('page-ui.js')).toBe('refused');
});

test('the API key never reaches a content script: not in storage.local, not in a change notice', async ({ page, context, extensionId }) => {
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  await expect(panelOf(page)).toContainText('41 %');
  await inContentScript(page, `(() => { globalThis.__seen = []; chrome.storage.onChanged.addListener((c) => globalThis.__seen.push(JSON.stringify(c))); })()`);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Clé d’API (facultative)', { exact: true }).fill('cle-tres-secrete');
  await options.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(options.getByText('Options enregistrées.')).toBeVisible();
  await options.reload();
  await expect(options.getByLabel('Clé d’API (facultative)', { exact: true })).toHaveValue('cle-tres-secrete');
  await options.close();

  const local = await inContentScript<string>(page, `chrome.storage.local.get(null).then((all) => JSON.stringify(all))`);
  expect(local).not.toContain('cle-tres-secrete');
  const seen = await inContentScript<string[]>(page, `globalThis.__seen`);
  expect(seen.length).toBeGreaterThan(0); // the settings were saved: the listener did hear that
  expect(seen.join('\n')).not.toContain('cle-tres-secrete');
});

test('a key an older version left in storage.local moves out of it', async ({ extension, extensionId, context }) => {
  await extension.worker.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ apiKey: 'ancienne-cle', apiKey$: { v: 1 } }),
  );
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByLabel('Clé d’API (facultative)', { exact: true })).toHaveValue('ancienne-cle');
  const left = await extension.worker.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { get(k: string[]): Promise<object> } } } }).chrome.storage.local.get(['apiKey', 'apiKey$']),
  );
  expect(left).toEqual({});
  await options.close();
});

test('the content scripts post nothing to the page that names the extension', async ({ page, extensionId }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { posted: string[] };
    w.posted = [];
    addEventListener('message', (e) => w.posted.push(JSON.stringify(e.data)));
  });
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  await expect(panelOf(page)).toContainText('41 %');
  const posted = await page.evaluate(() => (window as unknown as { posted: string[] }).posted);
  expect(posted.join('\n')).not.toContain(extensionId);
  expect(posted.join('\n')).not.toContain('content-script-started');
});

test('accepted: a page that knows the extension id can send WXT’s "script started" event and end the panel; a reload brings it back', async ({ page, extensionId }) => {
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  await expect(panelOf(page)).toContainText('41 %');
  await page.evaluate((id) => {
    document.dispatchEvent(new CustomEvent(`${id}:onisep:wxt:content-script-started`, { detail: { contentScriptName: 'onisep', messageId: 'page' } }));
  }, extensionId);
  await expect(panelOf(page)).toHaveCount(0);
  await expect(page.locator('h1')).toBeVisible(); // the page itself is untouched
  await page.reload();
  await expect(panelOf(page)).toContainText('41 %');
});

test('the panel credits the shipped data: Onisep, BCN, DEPP, Certif Info, with their licences and dates', async ({ page }) => {
  await page.goto(fixturePage('onisep', 'formation-context-number').url);
  const panel = panelOf(page);
  await expect(panel).toContainText('41 %');
  await panel.getByText('Plus de détails').first().click();
  const sources = panel.locator('.ij-sub').filter({ has: page.locator('h4', { hasText: 'Sources' }) });
  for (const name of [/Onisep/, /BCN/, /DEPP/, /Certif Info/, /ODbL/, /Licence Ouverte/]) await expect(sources).toContainText(name);
  await expect(sources).toContainText(/20[0-9]{2}/);
});
