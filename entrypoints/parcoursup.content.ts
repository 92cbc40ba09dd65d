// Content script for parcoursup: a URL check on every page of the site; the page session runs only on pages it
// recognises, and the in-page UI is imported only once there is something to show.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchSite } from '../lib/watch-page-url';
import { parcoursup, PARCOURSUP_MATCHES } from '../lib/sites/parcoursup';

export default defineContentScript({
  matches: PARCOURSUP_MATCHES,
  runAt: 'document_idle',
  // WXT's "script started" notice stays among content scripts: no window.postMessage naming the extension to the page.
  noScriptStartedPostMessage: true,
  main(ctx) {
    watchSite(ctx, parcoursup);
  },
});
