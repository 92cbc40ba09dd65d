// Content script for onisep: a URL check on every page of the site; the rest loads only on pages it recognises.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchSite } from '../lib/watch-page-url';
import { detectWith } from '../lib/sites/detectors';
import { detectors, ONISEP_MATCHES } from '../lib/sites/onisep';

export default defineContentScript({
  matches: ONISEP_MATCHES,
  runAt: 'document_idle',
  // WXT's "script started" notice stays among content scripts: no window.postMessage naming the extension to the page.
  noScriptStartedPostMessage: true,
  main(ctx) {
    watchSite(ctx, 'onisep', (url) => detectWith(detectors, url));
  },
});
