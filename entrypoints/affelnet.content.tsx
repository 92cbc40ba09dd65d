// Content script for affelnet: the adapter says whether this page is ours; the shared glue does the rest.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from '../lib/content-script';
import { affelnet } from '../lib/sites/affelnet';

export default defineContentScript({
  matches: affelnet.matches,
  runAt: 'document_idle',
  main(ctx) {
    startContentScript(ctx, affelnet);
  },
});
