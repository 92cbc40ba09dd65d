// Finds Chromium (see test/browsers/find-or-install.ts) and starts it with an unpacked build of the extension loaded.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { BrowserMissing, SPECS, findBrowser, realHost } from '../browsers/find-or-install';

/** The Chromium the e2e global setup found or installed; throws what to run when there is none. */
export function findChromium(): string {
  const found = findBrowser('chromium', realHost);
  if (!found) throw new BrowserMissing(SPECS.chromium.whatToRun);
  return found;
}

/** Chromium on a machine with no network but loopback: nothing in the background, nothing to update. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const E2E_BUILD = resolve('.output/chrome-mv3-e2e');

export async function launchWithExtension(
  extensionDir = E2E_BUILD,
  options: { headless?: boolean } = {},
): Promise<{ context: BrowserContext; extensionId: string; worker: Worker }> {
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
    throw new Error(`Aucune extension construite dans ${extensionDir} : lancez d'abord « npm run build:e2e ».`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...CHROMIUM_ARGS,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, worker };
}
