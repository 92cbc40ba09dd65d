// Content script for onisep: the adapter says whether this page is ours; the shared glue does the rest.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from '../lib/content-script';
import { onisep } from '../lib/sites/onisep';

export default defineContentScript({
  matches: onisep.matches,
  runAt: 'document_idle',
  main(ctx) {
    startContentScript(ctx, onisep);
  },
});
