// Finds Debian's Chromium and starts it with an unpacked build of the extension loaded.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium est introuvable : les tests de bout en bout en ont besoin.\n' +
        'Installez-le avec « sudo apt-get install -y chromium » (Debian/Ubuntu), ' +
        'ou indiquez son chemin dans la variable CHROMIUM_PATH.',
    );
  }
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
