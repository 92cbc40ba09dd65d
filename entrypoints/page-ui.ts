// Stage 3, the in-page UI: loaded on demand by the page session (lib/page-session/load-page-ui.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PAGE_UI_GLOBAL } from '../lib/lazy-module';
import { createPageUi } from '../lib/draw-page-ui';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PAGE_UI_GLOBAL] = createPageUi;
});
