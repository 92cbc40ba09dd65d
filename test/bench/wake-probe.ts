// `npx tsx test/bench/wake-probe.ts [--runs N] [--no-forty]`: a faster loop than `npm run bench`
// for the background's share of a panel. Uses the bench build already in .output/chrome-mv3-bench
// (`npm run build:bench` first) and prints, per sample, a timeline from the page's DOMContentLoaded:
// the content script's lookup message, the service worker's start (wakes), the first and last API
// request as the mock saw them arrive, and the first figure, with the worker's own marks (bench builds:
// lib/inserjeunes/worker-marks.ts; `bg-main` is the end of the worker script's evaluation). Wakes and
// misses alternate. Then the 40-programme page, up to 3 times.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { startMockApi, type MockApi } from '../mock-api/server';
import { clearExtensionStorage, measureForty, openAndTime, VISIBLE_INIT } from './browser';
import { median, round, spread } from './check';
import { formationPage, fortyDataset, fortyPage, FORTY_URL, pickProgrammes } from './forty';
import { serveSites, type Served } from './site-server';
import { launchWithDevtools, stopWorker, type CdpExtension } from './sleep';

const OUT_DIR = resolve('.output/chrome-mv3-bench');
const REFERENTIEL_JSON = resolve('.output/bench-referentiel.json'); // as test/bench/bench.ts builds it
const PORT = 7359; // the bench build's API address
const LATENCY = 50;
const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1] ?? 0) || 5;

interface Timeline {
  kind: 'wake' | 'miss';
  /** All in ms from DOMContentLoaded. */
  message: number | null;
  workerStart: number | null;
  firstRequest: number | null;
  lastRequest: number | null;
  figures: number | null;
  requests: number;
  /** The worker's own marks (bench builds), first of each name in this page's time. */
  marks: Record<string, number | null>;
}

async function timeline(ext: CdpExtension, mock: MockApi, page: Page, url: string, kind: Timeline['kind']): Promise<Timeline> {
  await page.addInitScript(VISIBLE_INIT);
  mock.resetRequests();
  await openAndTime(page, () => page.goto(url, { waitUntil: 'domcontentloaded' }));
  await page.waitForTimeout(100);
  const p = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const message = performance.getEntriesByName('inserjeunes:message')[0]?.startTime;
    const w = window as unknown as { __ijFiguresAt?: number };
    return { navAbs: performance.timeOrigin, dclAbs: performance.timeOrigin + nav.domContentLoadedEventStart, dcl: nav.domContentLoadedEventStart, message, figures: w.__ijFiguresAt };
  });
  const at = mock.requests.map((r) => r.at);
  const rel = (abs: number | null | undefined) => (abs == null ? null : round(abs - p.dclAbs));
  const worker = ext.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${ext.extensionId}/`));
  const w = worker
    ? await worker
        .evaluate(() => ({
          origin: performance.timeOrigin,
          marks: performance.getEntriesByType('mark').map((m) => [m.name.replace('inserjeunes:', ''), performance.timeOrigin + m.startTime] as const),
        }))
        .catch(() => null)
    : null;
  const origin = w?.origin ?? null;
  const marks: Record<string, number | null> = {};
  // The first mark of each name since this page's navigation (the worker may have served earlier pages).
  for (const [name, abs] of w?.marks ?? []) if (abs >= p.navAbs && !(name in marks)) marks[name] = rel(abs);
  return {
    kind,
    message: p.message === undefined ? null : round(p.message - p.dcl),
    workerStart: kind === 'wake' ? rel(origin) : null,
    firstRequest: at.length ? rel(Math.min(...at)) : null,
    lastRequest: at.length ? rel(Math.max(...at)) : null,
    figures: p.figures === undefined ? null : round(p.figures - p.dcl),
    requests: at.length,
    marks,
  };
}

async function main() {
  const ref = createReferentiel(JSON.parse(readFileSync(REFERENTIEL_JSON, 'utf8')));
  const rows = pickProgrammes(ref, 40);
  const pages = rows.map((r, i) => formationPage(r, i));
  const html = (body: string): Served => ({ type: 'text/html; charset=utf-8', body });
  const extra: Record<string, Served> = { [FORTY_URL]: html(fortyPage(rows)) };
  for (const p of pages) extra[p.url] = html(p.html);
  const mock = await startMockApi({ port: PORT, latencyMs: LATENCY, dataset: fortyDataset(rows, ref) });
  const sites = await serveSites(extra);
  const ext = await launchWithDevtools(OUT_DIR, sites.args);
  try {
    await clearExtensionStorage(ext.worker);
    const out: Timeline[] = [];
    let n = 0;
    const blank = await ext.context.newPage();
    // A first panel so that the worker's first life (install, referentiel) is not counted.
    const first = await ext.context.newPage();
    await timeline(ext, mock, first, pages[n++]!.url, 'miss');
    await first.close();
    for (let i = 0; i < RUNS; i++) {
      for (const kind of ['wake', 'miss'] as const) {
        if (kind === 'wake') await stopWorker(blank, ext.browserSession, ext.extensionId);
        const page = await ext.context.newPage();
        out.push(await timeline(ext, mock, page, pages[n++ % pages.length]!.url, kind));
        await page.close();
      }
    }
    await blank.close();
    for (const s of out) console.log(JSON.stringify(s));
    for (const kind of ['wake', 'miss'] as const) {
      const f = out.filter((s) => s.kind === kind && s.figures !== null && s.requests > 0).map((s) => s.figures! - LATENCY);
      const m = out.filter((s) => s.kind === kind && s.message !== null && s.firstRequest !== null).map((s) => s.firstRequest! - s.message!);
      const a = out.filter((s) => s.kind === kind && s.lastRequest !== null && s.figures !== null).map((s) => s.figures! - s.lastRequest!);
      console.log(
        `${kind}: figures − latency median ${round(median(f))} ms (IQR ${round(spread(f))}, n=${f.length}); ` +
          `message → first request ${round(median(m))} ms; last request → figures ${round(median(a))} ms`,
      );
    }
    if (!argv.includes('--no-forty')) {
      const forty = [];
      for (let i = 0; i < Math.min(RUNS, 3); i++) {
        const f = await measureForty(ext, mock, FORTY_URL, rows.length);
        const at = mock.requests.map((r) => r.at);
        forty.push(f);
        // How long the API was being asked, first request to last (the rest is before and after).
        console.log('forty', JSON.stringify(f), `requests over ${at.length ? Math.max(...at) - Math.min(...at) : 0} ms`);
      }
      console.log(`forty: complete median ${round(median(forty.flatMap((f) => (f.completeMs === null ? [] : [f.completeMs]))))} ms`);
    }
  } finally {
    await ext.close().catch(() => undefined);
    await mock.close();
    await sites.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
