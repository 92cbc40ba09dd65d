// Background service worker: the only place that reads the referentiel and talks to the API.
import { createBackgroundService } from '../lib/background-handlers';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { messaging } from '../lib/messaging';
import { checkRequest, type SenderInfo } from '../lib/messaging-door';
import type { SelectionItem } from '../lib/saved-selection';
import { addToSelection } from '../lib/selection-store';
import { workerMark as mark } from '../lib/inserjeunes/worker-marks';

export default defineBackground(() => {
  mark('bg-main');
  const service = createBackgroundService();
  // No tab event is listened to (lib/tab-findings.ts): the worker wakes for our messages only. Nothing
  // is read at start either: the referentiel is read by the first lookup that needs it.
  const id = browser.runtime.id;
  const origin = browser.runtime.getURL('/');
  const check = <K extends Parameters<typeof checkRequest>[0]>(type: K, data: unknown, sender: SenderInfo) =>
    checkRequest(type, data, sender, id, origin);

  messaging.onMessage('lookup', ({ data, sender }) => {
    mark('bg-lookup');
    const { sighting, force, depth, pageId } = check('lookup', data, sender);
    return service.lookup(sighting, {
      ...(force ? { force } : {}),
      ...(depth ? { depth } : {}),
      ...(pageId ? { pageId } : {}),
      ...(sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {}),
      // Content scripts (web pages' tabs) have a request budget and may force past the cache once per programme.
      contentScript: !(typeof sender.url === 'string' && sender.url.startsWith(origin)),
    });
  });
  messaging.onMessage('search', ({ data, sender }) => service.search(check('search', data, sender).query));
  messaging.onMessage('tabFindings', ({ data, sender }) => {
    const { tabId, pageId } = check('tabFindings', data, sender);
    return service.tabFindings(tabId, pageId);
  });
  messaging.onMessage('nearby', ({ data, sender }) =>
    service.nearby(check('nearby', data, sender), {
      ...(sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {}),
      // A page's sections share its tab's request budget with its panels.
      contentScript: !(typeof sender.url === 'string' && sender.url.startsWith(origin)),
    }),
  );
  messaging.onMessage('sources', ({ data, sender }) => {
    check('sources', data, sender);
    return service.sources();
  });
  messaging.onMessage('saveToSelection', ({ data, sender }) => addToSelection(check('saveToSelection', data, sender).item as SelectionItem));
});
