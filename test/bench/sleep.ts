// The service worker seen from the browser's DevTools endpoint: its heap (Runtime.getHeapUsage after a
// collection) and stopping it, as Chromium does after 30 s idle, to measure the first panel of a wake.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import type { MockApi } from '../mock-api/server';
import { openAndTime, VISIBLE_INIT } from './browser';
import { connectBrowserCdp, type BrowserCdp } from './browser-cdp';
import { round } from './check';

export interface CdpExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** A bare connection to the browser's DevTools endpoint, for the service worker. */
  browserSession: BrowserCdp;
  close(): Promise<void>;
}

/** Chromium with the extension, as test/e2e/chromium.ts launches it, plus a DevTools port for the browser session. */
export async function launchWithDevtools(extensionDir: string, args: string[] = []): Promise<CdpExtension> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ij-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--remote-debugging-port=0', ...args, ...CHROMIUM_ARGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const portFile = resolve(userDataDir, 'DevToolsActivePort');
  for (let i = 0; i < 100 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  const [port, path] = readFileSync(portFile, 'utf8').split('\n').map((l) => l.trim());
  const browserSession = await connectBrowserCdp(port!, path!);
  const close = async () => {
    browserSession.close();
    await context.close();
  };
  return { context, worker, extensionId, browserSession, close };
}

async function workerTarget(session: BrowserCdp, extensionId: string): Promise<string | null> {
  const { targetInfos } = await session.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
  const t = targetInfos.find((i) => i.type === 'service_worker' && i.url.startsWith(`chrome-extension://${extensionId}/`));
  return t?.targetId ?? null;
}

/** Whether the extension's service worker is running. */
export async function workerRunning(session: BrowserCdp, extensionId: string): Promise<boolean> {
  return (await workerTarget(session, extensionId)) !== null;
}

/** The service worker's used JS heap after a garbage collection, MB; null when it is not running. */
export async function workerHeapMB(session: BrowserCdp, extensionId: string): Promise<number | null> {
  const targetId = await workerTarget(session, extensionId);
  if (!targetId) return null;
  const { sessionId } = await session.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
  try {
    await session.send('HeapProfiler.enable', {}, sessionId);
    await session.send('HeapProfiler.collectGarbage', {}, sessionId);
    const { usedSize } = await session.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, sessionId);
    return Math.round((usedSize / 1024 ** 2) * 100) / 100;
  } finally {
    await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/** Stops every service worker (as the browser does after 30 s idle) and waits until ours is gone. */
export async function stopWorker(page: Page, session: BrowserCdp, extensionId: string): Promise<boolean> {
  const pageSession = await page.context().newCDPSession(page);
  try {
    await pageSession.send('ServiceWorker.enable');
    await pageSession.send('ServiceWorker.stopAllWorkers');
  } finally {
    await pageSession.detach().catch(() => undefined);
  }
  for (let i = 0; i < 100; i++) {
    if (!(await workerRunning(session, extensionId))) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/**
 * Tabs closed while the worker is stopped, `times` times: how many of those closings started it. A
 * worker that listens to a tab event is started by the browser for every tab closed on any site.
 * `url` is a page where our content script sends nothing (its worker stays stopped for another reason).
 */
export async function tabCloseWakes(ext: CdpExtension, url: string, times: number): Promise<{ closed: number; wakes: number }> {
  const control = await ext.context.newPage();
  let closed = 0;
  let wakes = 0;
  try {
    for (let i = 0; i < times; i++) {
      const page = await ext.context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const stopped = await stopWorker(control, ext.browserSession, ext.extensionId);
      await page.close();
      if (!stopped) continue;
      closed++;
      await new Promise((r) => setTimeout(r, 500));
      if (await workerRunning(ext.browserSession, ext.extensionId)) wakes++;
    }
  } finally {
    await control.close();
  }
  return { closed, wakes };
}

export interface WakeSample {
  url: string;
  /** Whether the worker was seen stopped before the page was opened (else the sample is not a wake). */
  stopped: boolean;
  /** DOMContentLoaded → first figure in the panel, ms. */
  figuresMs: number | null;
  /** Requests the panel made to the API: > 0 for a true cache miss. */
  requests: number;
  /**
   * The same page in the floor's browser (floor.ts writeAnswerFloorExtension), its worker stopped:
   * DOMContentLoaded → its answer, ms (one API request, so one latency, as ours); null when its worker
   * was not seen stopped or its request did not reach the mock.
   */
  floorMs?: number | null;
}

/**
 * For each page (a programme not asked about before): stop the service worker, then open the page and
 * time its first figures. What a user sees at the start of a visit, the worker asleep since the last one.
 */
export async function measureWake(ext: CdpExtension, mock: MockApi, urls: string[], floor?: CdpExtension): Promise<WakeSample[]> {
  const out: WakeSample[] = [];
  const blank = await ext.context.newPage();
  const floorBlank = await floor?.context.newPage();
  /** One wake: the worker stopped, then the page opened and timed; null figures when it was not seen stopped. */
  const wakeOnce = async (e: CdpExtension, on: Page, url: string) => {
    const stopped = await stopWorker(on, e.browserSession, e.extensionId);
    const page = await e.context.newPage();
    try {
      await page.addInitScript(VISIBLE_INIT);
      mock.resetRequests();
      const { figuresMs } = await openAndTime(page, () => page.goto(url, { waitUntil: 'domcontentloaded' }));
      await page.waitForTimeout(100);
      return { stopped, figuresMs: round(figuresMs), requests: mock.requests.length };
    } finally {
      await page.close();
    }
  };
  try {
    for (const url of urls) {
      const ours = await wakeOnce(ext, blank, url);
      // The floor's wake right after ours, on the same page: drifts of the machine fall on both.
      const theirs = floor && floorBlank ? await wakeOnce(floor, floorBlank, url) : undefined;
      out.push({ url, ...ours, ...(theirs ? { floorMs: theirs.stopped && theirs.requests > 0 ? theirs.figuresMs : null } : {}) });
    }
  } finally {
    await blank.close();
    await floorBlank?.close();
  }
  return out;
}

/** Opens each page in turn in one tab and waits for its panel's figures: `urls.length` panels served. */
export async function servePanels(context: BrowserContext, urls: string[]): Promise<number> {
  const page = await context.newPage();
  let shown = 0;
  try {
    await page.addInitScript(VISIBLE_INIT);
    for (const url of urls) {
      if ((await openAndTime(page, () => page.goto(url, { waitUntil: 'domcontentloaded' }))).figuresMs !== null) shown++;
    }
  } finally {
    await page.close();
  }
  return shown;
}
