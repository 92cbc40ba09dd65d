// What a site's page loads of ours stays light: checked on the built files the e2e tests run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_BUILD } from './chromium';

const read = (file: string) => readFileSync(resolve(E2E_BUILD, file), 'utf8');
const PAGE_FILES = ['content-scripts/onisep.js', 'content-scripts/parcoursup.js', 'content-scripts/affelnet.js', 'page-session.js', 'page-ui.js'];

// Chrome MV3's `chrome.*` and Firefox's `browser.*` return promises: the polyfill was ~10 KB parsed
// three times on every page we read (content script, page session, page UI).
test('no script loaded in a site’s page carries webextension-polyfill', () => {
  for (const file of PAGE_FILES) expect(read(file), file).not.toMatch(/webextension-polyfill|browser-polyfill/);
});
