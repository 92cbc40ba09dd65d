// Content script for onisep: a URL check on every page of the site; the page session runs only on pages it
// recognises, and the in-page UI is imported only once there is something to show.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchSite } from '../lib/watch-page-url';
import { onisep, ONISEP_MATCHES } from '../lib/sites/onisep';

export default defineContentScript({
  matches: ONISEP_MATCHES,
  runAt: 'document_idle',
  // WXT's "script started" notice stays among content scripts: no window.postMessage naming the extension to the page.
  noScriptStartedPostMessage: true,
  main(ctx) {
    watchSite(ctx, onisep);
  },
});
