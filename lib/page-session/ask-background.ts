// Asks the background for one sighting's report, once more if the first message is lost.
import type { Depth } from '../build-report';
import { mark } from '../lazy-module';
import { messaging } from '../messaging';
import type { Report, SightingData } from '../types';

const RETRY_AFTER_MS = 250;

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(new Error('stopped'));
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * One lookup; asked once more when the answer is lost on the way (the browser stopped the service
 * worker while it worked: the next message wakes it up again). Not asked again once `signal` aborted.
 * `pageId` names the page it is asked for, so the background keeps the tab's findings for that page only.
 */
export async function askBackground(data: SightingData, depth: Depth, force: boolean, signal: AbortSignal, pageId: string): Promise<Report> {
  const send = async () => {
    mark('message');
    const report = await messaging.sendMessage('lookup', { sighting: data, depth, pageId, ...(force ? { force } : {}) });
    mark('answer');
    return report;
  };
  try {
    return await send();
  } catch {
    if (signal.aborted) throw new Error('stopped');
    await wait(RETRY_AFTER_MS, signal);
    return send();
  }
}
