// Playwright helpers of the demo: serve the fixture pages at their real URLs, wait for the extension's
// panels and badges to settle, and describe what they show.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import type { SiteName } from '../../lib/types';
import { pageFixtures, type PageFixture } from '../fixtures/pages';
import { SITE_LABELS, fixtureId } from './plan';

const SITE_ORIGINS = /^https:\/\/(www\.onisep\.fr|explorer-avenirs\.onisep\.fr|dossierappel\.parcoursup\.fr|dossier\.parcoursup\.fr|affectation3e\.phm\.education\.gouv\.fr)\//;

/** Answers the sites' URLs with the fixture pages (404 otherwise): nothing leaves the machine for them. */
export async function serveFixturePages(context: BrowserContext, fixtures: readonly PageFixture[] = pageFixtures): Promise<void> {
  await context.route(SITE_ORIGINS, (route) => {
    const url = route.request().url();
    const fixture = fixtures.find((f) => f.url === url);
    if (!fixture) return route.fulfill({ status: 404, contentType: 'text/plain; charset=utf-8', body: 'Page absente de la démonstration.' });
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(fixture.file, 'utf8') });
  });
}

/** What the extension shows on a page once it has settled. */
export interface PageFindings {
  panels: number;
  badges: number;
  /** Panels whose lookup failed. */
  failed: number;
  /** Still loading when the wait ran out. */
  busy: boolean;
  /** Programme titles shown in the panels. */
  titles: string[];
}

export const EMPTY_FINDINGS: PageFindings = { panels: 0, badges: 0, failed: 0, busy: false, titles: [] };

/** Runs in the page: reads the extension's hosts and their open shadow roots. */
function readFindings(): PageFindings {
  const panels = [...document.querySelectorAll('inserjeunes-panel')];
  const badges = [...document.querySelectorAll('inserjeunes-badge')];
  const roots = [...panels, ...badges].map((h) => h.shadowRoot).filter((r): r is ShadowRoot => r !== null);
  return {
    panels: panels.length,
    badges: badges.length,
    failed: panels.filter((p) => p.shadowRoot?.querySelector('.ij-failed')).length,
    busy: roots.some((r) => r.querySelector('[aria-busy="true"]') !== null),
    titles: panels.flatMap((p) => [...(p.shadowRoot?.querySelectorAll('.ij-programme-title') ?? [])].map((t) => (t.textContent ?? '').trim())),
  };
}

const sameFindings = (a: PageFindings, b: PageFindings) =>
  a.panels === b.panels && a.badges === b.badges && a.failed === b.failed && a.busy === b.busy && a.titles.join('\n') === b.titles.join('\n');

export interface SettleOptions {
  /** Give up after this long (the page then keeps what it shows). */
  timeoutMs?: number;
  /** How long nothing may change before the page counts as settled. */
  quietMs?: number;
  /** How many panels must be there at least (a badge opens one more). */
  minPanels?: number;
}

/**
 * Waits until the extension has put something on the page, nothing is loading any more and nothing has
 * changed for `quietMs` (content scripts re-run on mutations, debounced), or until `timeoutMs`.
 */
export async function settle(page: Page, options: SettleOptions = {}): Promise<PageFindings> {
  const { timeoutMs = 10_000, quietMs = 400, minPanels = 0 } = options;
  const start = Date.now();
  let last = await page.evaluate(readFindings);
  let stableSince = Date.now();
  for (;;) {
    const shown = last.panels + last.badges > 0 && last.panels >= minPanels;
    if (shown && !last.busy && Date.now() - stableSince >= quietMs) return last;
    if (Date.now() - start >= timeoutMs) return last;
    await page.waitForTimeout(100);
    const next = await page.evaluate(readFindings);
    if (!sameFindings(next, last)) stableSince = Date.now();
    last = next;
  }
}

/** Waits until an extension page (popup, options, selection) shows no busy region for `quietMs`. */
export async function settleExtensionPage(page: Page, timeoutMs = 8_000, quietMs = 400): Promise<void> {
  const start = Date.now();
  let stableSince = Date.now();
  let last = '';
  for (;;) {
    const now = await page.evaluate(() => `${document.querySelector('[aria-busy="true"]') ? 'busy' : 'idle'}|${document.body.innerText}`);
    if (now !== last) stableSince = Date.now();
    last = now;
    if ((!now.startsWith('busy') && Date.now() - stableSince >= quietMs) || Date.now() - start >= timeoutMs) return;
    await page.waitForTimeout(100);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The first tab of the headed demo: every fixture page, by site, as a link to its real URL. */
export function indexPage(fixtures: readonly PageFixture[] = pageFixtures): string {
  const sites = [...new Set(fixtures.map((f) => f.site))] as SiteName[];
  const sections = sites
    .map((site) => {
      const items = fixtures
        .filter((f) => f.site === site)
        .map((f) => `<li><a href="${escapeHtml(f.url)}">${escapeHtml(fixtureId(f))}</a><br><small>${escapeHtml(f.url)}</small></li>`)
        .join('\n');
      return `<h2>${escapeHtml(SITE_LABELS[site])}</h2>\n<ul>\n${items}\n</ul>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Démonstration InserJeunes</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}li{margin:.4rem 0}small{color:#555}</style></head>
<body><h1>Démonstration de l'extension InserJeunes</h1>
<p>Ces pages reconstituées sont servies à leurs vraies adresses ; les chiffres viennent d'une API InserJeunes simulée sur cette machine.
Fermez la fenêtre (ou Ctrl+C dans le terminal) pour arrêter.</p>
${sections}
</body></html>`;
}
