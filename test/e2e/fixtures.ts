// Playwright fixtures: one Chromium with the extension per worker, fixture pages served at their real URLs.
import { readFileSync } from 'node:fs';
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { pageFixtures, type PageFixture } from '../fixtures/pages';
import { startMockApi, type MockApi } from '../mock-api/server';
import { launchWithExtension } from './chromium';

export { expect };

const SITE_HOSTS = /^https:\/\/(www\.onisep\.fr|explorer-avenirs\.onisep\.fr|dossierappel\.parcoursup\.fr|dossier\.parcoursup\.fr|affectation3e\.phm\.education\.gouv\.fr)\//;

/** Serves fixture pages at their URLs, extra pages given by the test, and nothing else from the outside. */
export async function routeSites(context: BrowserContext, extra: Record<string, string> = {}): Promise<void> {
  await context.route(SITE_HOSTS, (route) => {
    const url = route.request().url();
    if (extra[url] !== undefined) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: extra[url] });
    const page = pageFixtures.find((p) => p.url === url);
    if (page) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(page.file, 'utf8') });
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  });
}

export function fixturePage(site: string, name: string): PageFixture {
  const found = pageFixtures.find((p) => p.site === site && p.case === name);
  if (!found) throw new Error(`no fixture page ${site}/${name}`);
  return found;
}

/**
 * Shows `next` in `page` as a single-page application does: its body swapped in, its canonical links
 * moved into the head, its URL pushed. The markup is fetched from the page, so the routed fixture
 * answers (nothing leaves the machine).
 */
export async function navigateInPlace(page: Page, next: PageFixture): Promise<void> {
  const body = await page.evaluate(async (u) => (await fetch(u)).text(), next.url);
  await page.evaluate(
    ([markup, url]) => {
      const doc = new DOMParser().parseFromString(markup!, 'text/html');
      history.pushState({}, '', url);
      document.body.replaceWith(document.adoptNode(doc.body));
      for (const el of doc.head.querySelectorAll('link[rel=canonical], meta[property="og:url"]')) document.head.append(document.adoptNode(el));
    },
    [body, new URL(next.url).pathname] as const,
  );
}

/** The panel host, its shadow content being reachable through Playwright's shadow-piercing locators. */
export const panelOf = (page: Page) => page.locator('inserjeunes-panel');

/** Writes into the extension's local storage from its service worker, after clearing it when asked. */
async function resetStorage(worker: Worker, items: Record<string, unknown>, clear: boolean): Promise<void> {
  await worker.evaluate(
    async ([values, wipe]) => {
      const local = (globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void>; set(v: object): Promise<void> } } } })
        .chrome.storage.local;
      if (wipe) await local.clear();
      await local.set(values);
    },
    [items, clear] as const,
  );
}

interface WorkerFixtures {
  extension: { context: BrowserContext; extensionId: string; worker: Worker };
  /** This worker's own mock API: tests may change its failure mode without touching other workers. */
  mock: MockApi;
}

interface TestFixtures {
  context: BrowserContext;
  /** Writes settings into the extension's storage, as the options page would. */
  setSettings: (settings: Record<string, unknown>) => Promise<void>;
  extensionId: string;
  page: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  extension: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const launched = await launchWithExtension();
      await routeSites(launched.context);
      await use(launched);
      await launched.context.close();
    },
    { scope: 'worker' },
  ],
  mock: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const mock = await startMockApi({ port: 0 });
      await use(mock);
      await mock.close();
    },
    { scope: 'worker' },
  ],
  setSettings: async ({ extension }, use) => {
    await use((settings) => resetStorage(extension.worker, { settings }, false));
  },
  context: async ({ extension }, use) => {
    await use(extension.context);
  },
  extensionId: async ({ extension }, use) => {
    await use(extension.extensionId);
  },
  page: async ({ extension, mock }, use) => {
    // Each test starts with an empty cache, and settings pointing at this worker's mock API.
    mock.configure({ failure: 'none', latencyMs: 0 });
    mock.resetRequests();
    await resetStorage(extension.worker, { settings: { apiUrl: mock.url } }, true);
    const page = await extension.context.newPage();
    await use(page);
    await page.close();
  },
});
