// What a site's page loads of ours stays light: checked on the built files the e2e tests run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_BUILD } from './chromium';
import { fixturePage, test as fixtureTest } from './fixtures';

const read = (file: string) => readFileSync(resolve(E2E_BUILD, file), 'utf8');
const PAGE_FILES = ['content-scripts/onisep.js', 'content-scripts/parcoursup.js', 'content-scripts/affelnet.js', 'page-ui.js'];

// Chrome MV3's `chrome.*` and Firefox's `browser.*` return promises: the polyfill was ~10 KB parsed
// on every page we read, in the content script and again in the page UI.
test('no script loaded in a site’s page carries webextension-polyfill', () => {
  for (const file of PAGE_FILES) expect(read(file), file).not.toMatch(/webextension-polyfill|browser-polyfill/);
});

// A list's badges parse the panel's CSS once for the page, not once per badge (lib/shadow-host.ts).
fixtureTest('the badges of a list share one parsed stylesheet, and carry no <style> of their own', async ({ page }) => {
  await page.goto(fixturePage('affelnet', 'liste-offres').url);
  await expect(page.locator('inserjeunes-badge')).toHaveCount(3);
  const roots = await page.evaluate(() => {
    const all = [...document.querySelectorAll('inserjeunes-badge')].map((h) => h.shadowRoot!);
    return { adopted: all.map((r) => r.adoptedStyleSheets.length), same: all.every((r) => r.adoptedStyleSheets[0] === all[0]!.adoptedStyleSheets[0]), styles: all.map((r) => r.querySelectorAll('style').length) };
  });
  expect(roots).toEqual({ adopted: [1, 1, 1], same: true, styles: [0, 0, 0] });
  // The shared sheet does style them: a badge is a pill.
  const radius = await page.locator('inserjeunes-badge').first().locator('.ij-badge').evaluate((b) => getComputedStyle(b).borderTopLeftRadius);
  expect(radius).toBe('999px');
});
