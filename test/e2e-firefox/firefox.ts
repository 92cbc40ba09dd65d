// Debian's Firefox ESR driven over WebDriver BiDi (puppeteer-core), with the Firefox e2e build
// installed as a temporary add-on and the fixture pages served at the sites' real URLs.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from 'puppeteer-core';
import { pageFixtures } from '../fixtures/pages';
import { startMockApi, type MockApi } from '../mock-api/server';

/** The port the Firefox e2e build's default API URL points at (package.json, build:e2e:firefox). */
export const FIREFOX_MOCK_PORT = 7358;
export const FIREFOX_E2E_BUILD = resolve('.output/firefox-mv2-e2e');

/**
 * The mock API on the port the build points at. Another Firefox run on this machine may hold it:
 * wait for it (the port serialises such runs) rather than share a mock whose failures it sets.
 */
export async function startFirefoxMock(waitMs = 90_000): Promise<MockApi> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await startMockApi({ port: FIREFOX_MOCK_PORT });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox'];

export function findFirefox(): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      'Firefox est introuvable : les tests de bout en bout Firefox en ont besoin.\n' +
        'Installez-le avec « sudo apt-get install -y firefox-esr » (Debian/Ubuntu), ' +
        'ou indiquez son chemin dans la variable FIREFOX_PATH.',
    );
  }
  return found;
}

export function assertFirefoxBuild(): void {
  if (!existsSync(resolve(FIREFOX_E2E_BUILD, 'manifest.json'))) {
    throw new Error(`Aucune extension construite dans ${FIREFOX_E2E_BUILD} : lancez d'abord « npm run build:e2e:firefox ».`);
  }
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id (browser_specific_settings.gecko.id). */
  addonId: string;
  /**
   * Uninstalls and installs the add-on again: Firefox drops an uninstalled add-on's storage, so
   * each test starts with an empty cache and default settings (about 0.5 s, against 5 s for a new
   * browser). BiDi refuses to open moz-extension: pages, so the storage cannot be cleared from one.
   */
  reinstall(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  assertFirefoxBuild();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: { 'intl.accept_languages': 'fr-FR, fr' },
  });
  let addonId = await browser.installExtension(FIREFOX_E2E_BUILD);
  return {
    browser,
    get addonId() {
      return addonId;
    },
    async reinstall() {
      await browser.uninstallExtension(addonId);
      addonId = await browser.installExtension(FIREFOX_E2E_BUILD);
    },
  };
}

const SITE_HOSTS = /^https:\/\/(www\.onisep\.fr|explorer-avenirs\.onisep\.fr|dossierappel\.parcoursup\.fr|dossier\.parcoursup\.fr|affectation3e\.phm\.education\.gouv\.fr)\//;

/** Serves the fixture pages at their URLs and nothing else from the outside (404), as routeSites does for Chromium. */
function serveFixtures(request: HTTPRequest): Promise<void> {
  const url = request.url();
  if (!/^https?:/.test(url) || url.startsWith('http://127.0.0.1:')) return request.continue();
  const fixture = SITE_HOSTS.test(url) ? pageFixtures.find((p) => p.url === url) : undefined;
  if (fixture) return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(fixture.file, 'utf8') });
  return request.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
}

/** Our two hosts in a page: the panel and a list row's badge. */
export type Host = 'inserjeunes-panel' | 'inserjeunes-badge';

export async function openSitePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => void serveFixtures(request));
  return page;
}

/**
 * What the user reads in each of our hosts (`inserjeunes-panel` or `inserjeunes-badge`), styles left
 * out and spaces made plain (figures are written with no-break spaces: « 41\u00a0% »).
 */
export function shownText(page: Page, host: Host): Promise<string[]> {
  return page.evaluate(
    (tag) =>
      [...document.querySelectorAll(tag)].map((el) => {
        const root = el.shadowRoot;
        if (!root) return '<no open shadow root>';
        const shown = [...root.children].filter((c) => c.localName !== 'style');
        return shown.map((c) => (c as HTMLElement).innerText ?? c.textContent ?? '').join('').replace(/[^\S\n]+/g, ' ');
      }),
    host,
  );
}

/**
 * The first button named `name` (its text or aria-label; any button without a name) in the shadow
 * root of one of our hosts, among those whose shadow root holds `having` when given: for a real
 * (BiDi input) click.
 */
export async function shadowButton(page: Page, host: Host, name?: string, having?: string): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle(
    (tag, text, inside) => {
      for (const el of document.querySelectorAll(tag)) {
        const root = el.shadowRoot;
        if (!root || (inside && !root.querySelector(inside))) continue;
        const buttons = [...root.querySelectorAll('button')];
        const named = (b: HTMLButtonElement) => b.textContent?.trim() === text || b.getAttribute('aria-label') === text;
        const button = text === undefined ? buttons[0] : buttons.find(named);
        if (button) return button;
      }
      return null;
    },
    host,
    name,
    having,
  );
  const element = handle.asElement() as ElementHandle<Element> | null;
  if (!element) throw new Error(`no button ${name === undefined ? '' : `« ${name} » `}in ${host}${having ? ` holding ${having}` : ''}`);
  return element;
}

/** How many elements match `selector` inside the shadow roots of our hosts named `host`. */
export function countInShadow(page: Page, host: Host, selector: string): Promise<number> {
  return page.evaluate(
    (tag, sel) => [...document.querySelectorAll(tag)].reduce((n, el) => n + (el.shadowRoot?.querySelectorAll(sel).length ?? 0), 0),
    host,
    selector,
  );
}
