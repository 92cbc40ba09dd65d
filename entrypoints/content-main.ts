// The page session module, imported by the content scripts only on pages they recognise (lib/content-watch.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPageSession } from '../lib/content-script';
import type { ContentMain } from '../lib/content-watch';
import { CONTENT_MAIN_GLOBAL } from '../lib/lazy-module';
import { affelnet, onisep, parcoursup } from '../lib/sites';

const adapters = { onisep, parcoursup, affelnet };

export default defineUnlistedScript(() => {
  const start: ContentMain = (ctx, site) => startPageSession(ctx, adapters[site]);
  (globalThis as Record<string, unknown>)[CONTENT_MAIN_GLOBAL] = start;
});
