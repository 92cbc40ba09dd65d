// The counsellor's selection page against the built extension: programmes saved from the popup, the
// comparison table filled by fresh lookups, the CSV export opened and checked, remove, print.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expect, test } from './fixtures';

async function saveFromPopup(popup: Page, query: string, result: RegExp) {
  await popup.getByLabel('UAI, FOR, CFD, MEFSTAT11, RNCP ou mots du nom').fill(query);
  await popup.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await popup.locator('.ij-search .ij-line-button').filter({ hasText: result }).first().click();
  await popup.getByRole('button', { name: 'Ajouter à ma sélection' }).first().click();
  await expect(popup.getByRole('button', { name: 'Dans ma sélection' }).first()).toBeDisabled();
  await popup.getByRole('button', { name: 'Retour' }).click();
}

/** Stored selection items as the popup writes them (lib/settings.ts SelectionItem), for tests that need no popup. */
async function seedSelection(page: Page, extensionId: string, items: object[]) {
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await page.evaluate(async (value) => {
    const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
    await chromeApi.storage.local.set({ selection: value });
  }, items);
}

test('programmes saved in the popup are compared on the selection page, exported as CSV, and removed', async ({ page, context, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await saveFromPopup(page, 'FOR.3651', /s[ée]curit[ée]/i);
  await saveFromPopup(page, 'opticien', /opticien/i);

  const opened = context.waitForEvent('page');
  await page.getByRole('link', { name: '2 formations dans ma sélection' }).click();
  const selection = await opened;
  await selection.waitForLoadState();
  expect(selection.url()).toBe(`chrome-extension://${extensionId}/selection.html`);

  const table = selection.getByRole('table', { name: 'Comparaison des formations sélectionnées' });
  await expect(table.getByRole('rowheader', { name: /sécurité/i })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: /opticien/i })).toBeVisible();
  // National figures, both voies (SCENARIO.md): bac pro 41 / 40 / 19 and 63 / 17 / 20; BTS 45 / 38 / 17 and 72 / 12 / 16.
  for (const rate of ['41 %', '40 %', '63 %', '45 %', '72 %']) await expect(table).toContainText(rate);
  await expect(table.locator('[aria-busy="true"]')).toHaveCount(0);

  const download = selection.waitForEvent('download');
  await selection.getByRole('button', { name: 'Exporter en CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^selection-inserjeunes-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: spreadsheets read the accents right
  const text = bytes.toString('utf8').slice(1);
  const rows: string[][] = parse(text, { delimiter: ';' });
  const [header, ...data] = rows;
  expect(header).toContain('Formation');
  expect(header).toContain('En emploi à 6 mois (%)');
  const col = (name: string) => header!.indexOf(name);
  // One row per programme × voie × scope: 2 programmes × 2 voies × 3 scopes.
  expect(data).toHaveLength(12);
  const proFrance = data.filter((r) => r[col('CFD')] === '40034403' && r[col('Voie')] === 'Voie scolaire' && /France/.test(r[col('Périmètre')]!));
  expect(proFrance).toHaveLength(1);
  expect(proFrance[0]![col('En emploi à 6 mois (%)')]).toBe('41');
  expect(data.some((r) => r[col('CFD')] === '32033107' && r[col('En emploi à 6 mois (%)')] === '72')).toBe(true);

  await selection.getByRole('button', { name: /Retirer « .*opticien/i }).click();
  await expect(table.getByRole('rowheader', { name: /opticien/i })).toHaveCount(0);
  await selection.reload();
  await expect(selection.getByRole('rowheader', { name: /sécurité/i })).toBeVisible();
  await expect(selection.getByRole('rowheader', { name: /opticien/i })).toHaveCount(0);
  // The popup, still open, follows the stored selection.
  await expect(page.getByRole('link', { name: '1 formation dans ma sélection' })).toBeVisible();
  await selection.close();
});

test('an export asked while figures are still loading waits for them', async ({ page, extensionId, mock, setSettings }) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=999999`);
  await saveFromPopup(page, 'opticien', /opticien/i);
  // Forget the cached answer (storage, and the background's memory through a settings change) and slow the API.
  await page.evaluate(async () => {
    const local = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object>; remove(k: string[]): Promise<void> } } } })
      .chrome.storage.local;
    await local.remove(Object.keys(await local.get(null)).filter((k) => !/^selection/.test(k)));
  });
  await setSettings({ apiUrl: mock.url, cacheDays: 5 });
  mock.configure({ latencyMs: 1500 });
  await page.goto(`chrome-extension://${extensionId}/selection.html`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  const text = (await readFile((await (await download).path())!)).toString('utf8');
  expect(text).not.toContain('non chargé');
  expect(text).toContain(';72;'); // BTS, apprenticeship, France: 72 % in a job
});

test('an empty selection says so and cannot be exported', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/selection.html`);
  await expect(page.getByText('Votre sélection est vide.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Exporter en CSV' })).toBeDisabled();
});

test('a saved establishment programme is looked up again and shows its establishment beside its region', async ({ page, extensionId }) => {
  await seedSelection(page, extensionId, [
    {
      key: '0693045K|40034403|23830034403',
      libelle: 'BAC PRO Métiers de la sécurité',
      etablissement: 'Lycée professionnel Les Canuts',
      uai: '0693045K',
      sighting: { site: 'onisep', page: 'action', ids: { af: 'AF.5678' } },
      addedAt: 1,
    },
  ]);
  await page.goto(`chrome-extension://${extensionId}/selection.html`);
  const row = page.getByRole('row').filter({ hasText: 'Les Canuts' }).first();
  await expect(row).toContainText('38 %'); // 0693045K-MEFSTAT11:23830034403
  await expect(row).toContainText('35 %'); // regionales/84
  await expect(row).toContainText('48'); // cohort
});

test('a saved item whose programme the lookup no longer returns says so instead of loading forever', async ({ page, extensionId }) => {
  await seedSelection(page, extensionId, [
    { key: 'nope|00000000|', libelle: 'Formation disparue', sighting: { site: 'recherche', page: 'formation', ids: { for: 'FOR.3651' } }, addedAt: 1 },
  ]);
  await page.goto(`chrome-extension://${extensionId}/selection.html`);
  const row = page.getByRole('row').filter({ hasText: 'Formation disparue' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('formation non reconnue');
  await expect(row).not.toContainText('…');
});

test('print: the button prints, and the printed page hides the buttons', async ({ page, extensionId }) => {
  await seedSelection(page, extensionId, [
    { key: 'k1', libelle: 'BAC PRO Métiers de la sécurité', sighting: { site: 'recherche', page: 'formation', ids: { for: 'FOR.3651' } }, addedAt: 1 },
  ]);
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await page.goto(`chrome-extension://${extensionId}/selection.html`);
  await page.getByRole('button', { name: 'Imprimer' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
  await expect(page.getByRole('button', { name: /Retirer/ })).toBeHidden();
  await expect(page.getByRole('table')).toBeVisible();
});
