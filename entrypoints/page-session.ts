// Stage 2, the page session: imported by the content scripts only on pages they recognise (lib/page-session/start-page-session.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPageSession } from '../lib/page-session/start-page-session';
import type { StartPageSession } from '../lib/watch-page-url';
import { PAGE_SESSION_GLOBAL } from '../lib/lazy-module';
import { affelnet, onisep, parcoursup } from '../lib/sites/all-sites';

const adapters = { onisep, parcoursup, affelnet };

export default defineUnlistedScript(() => {
  const start: StartPageSession = (ctx, site) => startPageSession(ctx, adapters[site]);
  (globalThis as Record<string, unknown>)[PAGE_SESSION_GLOBAL] = start;
});
