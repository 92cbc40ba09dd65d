// Content script for parcoursup: the adapter says whether this page is ours; the shared glue does the rest.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from '../lib/content-script';
import { parcoursup } from '../lib/sites/parcoursup';

export default defineContentScript({
  matches: parcoursup.matches,
  runAt: 'document_idle',
  main(ctx) {
    startContentScript(ctx, parcoursup);
  },
});
