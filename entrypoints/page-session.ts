// The page session module, imported by the content scripts only on pages they recognise (lib/content-watch.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPageSession } from '../lib/content-script';
import type { ContentMain } from '../lib/content-watch';
import { PAGE_SESSION_GLOBAL } from '../lib/lazy-module';
import { affelnet, onisep, parcoursup } from '../lib/sites/all-sites';

const adapters = { onisep, parcoursup, affelnet };

export default defineUnlistedScript(() => {
  const start: ContentMain = (ctx, site) => startPageSession(ctx, adapters[site]);
  (globalThis as Record<string, unknown>)[PAGE_SESSION_GLOBAL] = start;
});
