// Onisep action pages shaped like fixtures/pages/onisep/action.html, for the "better nearby" scenario's actions,
// served at their URLs for the tests of one spec file.
import type { BrowserContext } from '@playwright/test';
import type { test as baseTest } from './fixtures';

export interface ActionPage {
  af: string;
  etab: string;
  commune: string;
  uai: string;
  /** The programme's title and its Onisep FOR id (default: Bac pro Métiers de la sécurité, FOR.3651). */
  title?: string;
  forId?: string;
}

export const actionPage = ({ af, etab, commune, uai, title = 'Bac pro Métiers de la sécurité', forId = 'FOR.3651' }: ActionPage) => `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${title} – ${etab} - Onisep</title>
<link rel="canonical" href="https://www.onisep.fr/http/redirection/formation/slug/${af}"></head>
<body><main id="main"><div data-ideo-page="true">
<div class="title-block"><h1 class="title-block__title">${title}</h1>
<p class="title-block__subtitle">au ${etab}, ${commune}</p></div>
<div class="callout"><p class="callout-text">Code UAI&nbsp;: ${uai}</p><ul><li>Durée&nbsp;: 3&nbsp;ans</li></ul></div>
<p><a href="/http/redirection/formation/slug/${forId}">${title}</a> : toute la fiche formation</p>
</div></main></body></html>`;

export const ONISEP_ETABLISSEMENTS = 'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes';

/** Serves `pages` at their URLs around each test of the file. */
export function servePages(test: typeof baseTest, pages: Record<string, { url: string; html: string }>): void {
  test.beforeEach(async ({ context }: { context: BrowserContext }) => {
    for (const { url, html } of Object.values(pages)) {
      await context.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    }
  });
  test.afterEach(async ({ context }: { context: BrowserContext }) => {
    for (const { url } of Object.values(pages)) await context.unroute(url);
  });
}
