// Content script for parcoursup: a URL check on every page of the site; the rest loads only on pages it recognises.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchSite } from '../lib/watch-page-url';
import { detectWith } from '../lib/sites/detectors';
import { detectors, PARCOURSUP_MATCHES } from '../lib/sites/parcoursup';

export default defineContentScript({
  matches: PARCOURSUP_MATCHES,
  runAt: 'document_idle',
  // WXT's "script started" notice stays among content scripts: no window.postMessage naming the extension to the page.
  noScriptStartedPostMessage: true,
  main(ctx) {
    watchSite(ctx, 'parcoursup', (url) => detectWith(detectors, url));
  },
});
