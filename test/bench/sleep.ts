// The service worker seen from the browser's DevTools endpoint: its heap (Runtime.getHeapUsage after a
// collection) and stopping it, as Chromium does after 30 s idle, to measure the first panel of a wake.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import type { MockApi } from '../mock-api/server';
import { figuresAfterDcl, VISIBLE_INIT } from './browser';
import { round } from './check';

export interface CdpExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** A second connection to the same browser, for its browser-level DevTools session. */
  cdpBrowser: Browser;
  browserSession: CDPSession;
}

/** Chromium with the extension, as test/e2e/chromium.ts launches it, plus a DevTools port for the browser session. */
export async function launchWithDevtools(extensionDir: string): Promise<CdpExtension> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ij-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--remote-debugging-port=0', ...CHROMIUM_ARGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const portFile = resolve(userDataDir, 'DevToolsActivePort');
  for (let i = 0; i < 100 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  const port = readFileSync(portFile, 'utf8').split('\n')[0]!.trim();
  const cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const browserSession = await cdpBrowser.newBrowserCDPSession();
  return { context, worker, extensionId, cdpBrowser, browserSession };
}

async function workerTarget(session: CDPSession, extensionId: string): Promise<string | null> {
  const { targetInfos } = await session.send('Target.getTargets');
  const t = targetInfos.find((i) => i.type === 'service_worker' && i.url.startsWith(`chrome-extension://${extensionId}/`));
  return t?.targetId ?? null;
}

/** Whether the extension's service worker is running. */
export async function workerRunning(session: CDPSession, extensionId: string): Promise<boolean> {
  return (await workerTarget(session, extensionId)) !== null;
}

/**
 * The service worker's used JS heap after a garbage collection, MB; null when it is not running.
 * Talks to the worker through the browser session (`Target.sendMessageToTarget`), since Playwright
 * opens DevTools sessions on pages only.
 */
export async function workerHeapMB(session: CDPSession, extensionId: string): Promise<number | null> {
  const targetId = await workerTarget(session, extensionId);
  if (!targetId) return null;
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  let next = 1;
  const pending = new Map<number, (v: { result?: unknown; error?: { message: string } }) => void>();
  const onMessage = (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) pending.get(m.id)?.(m);
  };
  session.on('Target.receivedMessageFromTarget', onMessage);
  const call = async <T>(method: string): Promise<T> => {
    const id = next++;
    const reply = new Promise<{ result?: unknown; error?: { message: string } }>((r) => pending.set(id, r));
    await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
    const m = await reply;
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result as T;
  };
  try {
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    return Math.round((usedSize / 1024 ** 2) * 100) / 100;
  } finally {
    session.off('Target.receivedMessageFromTarget', onMessage);
    await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/** Stops every service worker (as the browser does after 30 s idle) and waits until ours is gone. */
export async function stopWorker(page: Page, session: CDPSession, extensionId: string): Promise<boolean> {
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

export interface WakeSample {
  url: string;
  /** Whether the worker was seen stopped before the page was opened (else the sample is not a wake). */
  stopped: boolean;
  /** DOMContentLoaded → first figure in the panel, ms. */
  figuresMs: number | null;
  /** Requests the panel made to the API: > 0 for a true cache miss. */
  requests: number;
}

/**
 * For each page (a programme not asked about before): stop the service worker, then open the page and
 * time its first figures. What a user sees at the start of a visit, the worker asleep since the last one.
 */
export async function measureWake(ext: CdpExtension, mock: MockApi, urls: string[]): Promise<WakeSample[]> {
  const out: WakeSample[] = [];
  const blank = await ext.context.newPage();
  try {
    for (const url of urls) {
      const stopped = await stopWorker(blank, ext.browserSession, ext.extensionId);
      const page = await ext.context.newPage();
      try {
        await page.addInitScript(VISIBLE_INIT);
        mock.resetRequests();
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        const { figuresMs } = await figuresAfterDcl(page);
        await page.waitForTimeout(100);
        out.push({ url, stopped, figuresMs: round(figuresMs), requests: mock.requests.length });
      } finally {
        await page.close();
      }
    }
  } finally {
    await blank.close();
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
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      if ((await figuresAfterDcl(page)).figuresMs !== null) shown++;
    }
  } finally {
    await page.close();
  }
  return shown;
}
