// The in-browser measures of `npm run bench`, in Debian's Chromium with the bench build loaded.
// The content script marks what it does (`inserjeunes:*` performance marks, bench builds only); they
// are read from the page's main world, which sees the isolated world's marks (checked: the
// `inserjeunes:start` mark must be there, or the measure counts as not taken).
import type { BrowserContext, ConsoleMessage, Page, Worker } from '@playwright/test';
import type { MockApi } from '../mock-api/server';
import { median, round, spread } from './check';
import { SHIPPED_REFERENTIEL } from '../../lib/referentiel/shipped-file';
import { FLOOR_ANSWER_MARK } from './floor';
import { summarizeForty, type FortyMeasure, type FortySample } from './forty';

export interface ExtensionHandle {
  context: BrowserContext;
  worker: Worker;
}

/** Counts long tasks from the start of each document (main world; installed in both browsers alike). */
const LONG_TASKS_INIT = `(() => {
  const w = window; w.__ijLongTasks = { count: 0, ms: 0 };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) { w.__ijLongTasks.count++; w.__ijLongTasks.ms += e.duration; } })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/**
 * Records, in the main world, when the first `%` figure shows in one of our shadow roots
 * (`__ijFiguresAt`) and when `rows` badges are all past loading (`__ijRowsAt`). A 4 ms poll: the
 * resolution of these times. Installed only for the latency measures, not for page cost.
 */
/** What the page's init scripts print when their moment came (read through the console: nothing is evaluated in the page meanwhile). */
export const FIGURES_SIGNAL = 'inserjeunes-bench:figures';
export const ROWS_SIGNAL = 'inserjeunes-bench:rows';
export const SETTLED_SIGNAL = 'inserjeunes-bench:settled';

export const VISIBLE_INIT = `(() => {
  const w = window;
  const started = performance.now();
  const tick = () => {
    const hosts = [...document.querySelectorAll('inserjeunes-panel, inserjeunes-badge')];
    if (w.__ijFiguresAt === undefined) {
      for (const h of hosts) {
        const r = h.shadowRoot; if (!r) continue;
        if ([...r.querySelectorAll('.ij-ind-value, .ij-badge-text')].some((e) => e.textContent.includes('%'))) { w.__ijFiguresAt = performance.now(); console.debug('${FIGURES_SIGNAL}'); break; }
      }
    }
    const rows = w.__ijExpectRows;
    if (rows && w.__ijRowsAt === undefined) {
      const badges = hosts.filter((h) => h.localName === 'inserjeunes-badge');
      const done = badges.filter((h) => { const b = h.shadowRoot && h.shadowRoot.querySelector('.ij-badge'); return b && !b.classList.contains('ij-badge--loading'); });
      if (done.length >= rows) { w.__ijRowsAt = performance.now(); console.debug('${ROWS_SIGNAL}'); }
    }
    const finished = w.__ijFiguresAt !== undefined && (!rows || w.__ijRowsAt !== undefined);
    if (!finished && performance.now() - started < 20000) setTimeout(tick, 4);
  };
  tick();
})();`;

/**
 * The page's layout shifts (the `layout-shift` entries not caused by input, summed), in
 * `window.__ijShift`: what moving the page's content costs its reader. Latency runs only.
 */
export const SHIFT_INIT = `(() => {
  window.__ijShift = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__ijShift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
})();`;

/** The layout shift summed so far by SHIFT_INIT, or null when the page has none of it. */
async function shiftOf(page: Page): Promise<number | null> {
  const v = await page.evaluate(() => (window as unknown as { __ijShift?: number }).__ijShift).catch(() => undefined);
  return typeof v === 'number' ? Math.round(v * 1000) / 1000 : null;
}

/**
 * Our panels' end of work, for the page-cost runs with the extension: from the page's load, every 10 ms,
 * whether every host is past loading (a page of ours that found nothing: its observer started). Printed once.
 */
export const SETTLED_INIT = `(() => {
  const settled = () => {
    if (performance.getEntriesByName('inserjeunes:start').length === 0) return false;
    if (performance.getEntriesByName('inserjeunes:observe').length === 0) return true;
    const hosts = [...document.querySelectorAll('inserjeunes-panel, inserjeunes-badge')];
    if (hosts.length === 0) return false;
    return hosts.every((h) => { const r = h.shadowRoot; return !!r && !!r.querySelector('[class^="ij-"]') && !r.querySelector('[aria-busy="true"]'); });
  };
  const poll = () => {
    if (settled()) console.debug('${SETTLED_SIGNAL}');
    else if (performance.now() < 20000) setTimeout(poll, 10);
  };
  addEventListener('load', () => setTimeout(poll, 0), { once: true });
})();`;

/**
 * Resolves when the page prints `signal` (see the init scripts above), or after `timeoutMs`. Call it
 * before the navigation it waits for. Playwright's waitForFunction would inject its own script into the
 * page and poll it, about 20–50 ms of the page's main thread in the very window being measured.
 */
export function pageSignal(page: Page, signal: string, timeoutMs = 15000): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (seen: boolean) => {
      clearTimeout(timer);
      page.off('console', onConsole);
      resolve(seen);
    };
    const onConsole = (m: ConsoleMessage) => {
      if (m.text() === signal) finish(true);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    page.on('console', onConsole);
  });
}

interface Marks {
  [name: string]: number;
}

async function marksOf(page: Page): Promise<{ counts: Marks; extractMs: number }> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('inserjeunes:'));
    for (const m of marks) counts[m.name.slice('inserjeunes:'.length)] = (counts[m.name.slice('inserjeunes:'.length)] ?? 0) + 1;
    const starts = marks.filter((m) => m.name === 'inserjeunes:extract-start').map((m) => m.startTime);
    const ends = marks.filter((m) => m.name === 'inserjeunes:extract-end').map((m) => m.startTime);
    let extractMs = 0;
    for (let i = 0; i < Math.min(starts.length, ends.length); i++) extractMs += ends[i]! - starts[i]!;
    return { counts, extractMs };
  });
}

export async function clearExtensionStorage(worker: Worker): Promise<void> {
  await worker.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } }).chrome.storage.local.clear(),
  );
}

// ------------------------------------------------------------------ page cost

export interface LoadSample {
  loadMs: number;
  /** CDP Performance.getMetrics TaskDuration: main-thread task time of the page's renderer, ms. */
  taskMs: number;
  longTasks: number;
  longTaskMs: number;
  extractMs: number;
}

/** Medians of one figure over the runs of one page, for each browser, and the per-run added costs. */
export interface Figure {
  with: number | null;
  floor: number | null;
  without: number | null;
  /** median(with) − median(without), and the interquartile range of the per-run differences. */
  added: number | null;
  addedSpread: number | null;
  floorAdded: number | null;
  floorAddedSpread: number | null;
}

export interface PageCost {
  page: string;
  url: string;
  runs: number;
  /** `loadEventEnd`, ms. */
  load: Figure;
  /** CDP TaskDuration of the page's renderer until our panels are filled (the floor's: until load + 50 ms), ms. */
  task: Figure;
  /** median(load with) / median(load without), and the IQR of the per-run ratios. */
  ratio: number | null;
  ratioSpread: number | null;
  /** Median over runs of the summed extract-start → extract-end marks. */
  extractMs: number | null;
  longTasksWith: number | null;
  longTasksWithout: number | null;
}

type Variant = 'with' | 'floor' | 'without';

async function loadOnce(context: BrowserContext, url: string, withExtension: boolean): Promise<LoadSample> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const settled = withExtension ? pageSignal(page, SETTLED_SIGNAL, 5000) : undefined;
    await page.goto(url, { waitUntil: 'load' });
    if (settled) await settled;
    await page.waitForTimeout(50);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const taskMs = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    const timing = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const lt = (window as unknown as { __ijLongTasks?: { count: number; ms: number } }).__ijLongTasks;
      return { loadMs: n.loadEventEnd, longTasks: lt?.count ?? 0, longTaskMs: lt?.ms ?? 0 };
    });
    const { extractMs } = withExtension ? await marksOf(page) : { extractMs: 0 };
    await cdp.detach().catch(() => undefined);
    return { ...timing, taskMs, extractMs };
  } finally {
    await page.close();
  }
}


function figure(s: Record<Variant, LoadSample[]>, k: 'loadMs' | 'taskMs'): Figure {
  const m = (v: Variant) => median(s[v].map((x) => x[k]));
  const diffs = (v: Variant) => s[v].map((x, i) => x[k] - (s.without[i]?.[k] ?? Number.NaN)).filter(Number.isFinite);
  const w = m('with');
  const f = m('floor');
  const o = m('without');
  return {
    with: round(w),
    floor: round(f),
    without: round(o),
    added: w !== null && o !== null ? round(w - o) : null,
    addedSpread: round(spread(diffs('with'))),
    floorAdded: f !== null && o !== null ? round(f - o) : null,
    floorAddedSpread: round(spread(diffs('floor'))),
  };
}

/**
 * Each page loaded `runs` times in three browsers of the same Chromium launched the same way: with our
 * extension, with the do-nothing floor extension, without any. Loads are interleaved, the order
 * rotating from one run to the next, so drifts in the machine's load fall on all three alike.
 */
export async function measurePageCost(
  contexts: Record<Variant, BrowserContext>,
  pages: { name: string; url: string }[],
  runs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<PageCost[]> {
  const variants: Variant[] = ['with', 'floor', 'without'];
  for (const v of variants) await contexts[v].addInitScript(LONG_TASKS_INIT);
  await contexts.with.addInitScript(SETTLED_INIT);
  const samples = new Map(pages.map((p) => [p.url, { with: [], floor: [], without: [] } as Record<Variant, LoadSample[]>]));
  // One warm-up load each way: compilation caches and the worker's referentiel are not what a page costs.
  for (const p of pages) for (const v of variants) await loadOnce(contexts[v], p.url, v === 'with');
  let done = 0;
  for (let i = 0; i < runs; i++) {
    for (const p of pages) {
      const s = samples.get(p.url)!;
      const shift = (i + pages.indexOf(p)) % 3;
      for (const v of [...variants.slice(shift), ...variants.slice(0, shift)]) s[v].push(await loadOnce(contexts[v], p.url, v === 'with'));
      onProgress?.(++done, runs * pages.length);
    }
  }
  return pages.map((p) => {
    const s = samples.get(p.url)!;
    const load = figure(s, 'loadMs');
    const ratios = s.with.map((x, i) => x.loadMs / (s.without[i]?.loadMs ?? Number.NaN)).filter(Number.isFinite);
    return {
      page: p.name,
      url: p.url,
      runs,
      load,
      task: figure(s, 'taskMs'),
      ratio: load.with !== null && load.without ? round(load.with / load.without, 3) : null,
      ratioSpread: round(spread(ratios), 3),
      extractMs: round(median(s.with.map((x) => x.extractMs)), 2),
      longTasksWith: median(s.with.map((x) => x.longTasks)),
      longTasksWithout: median(s.without.map((x) => x.longTasks)),
    };
  });
}

// ------------------------------------------------------------------ non-matching pages

export interface NonMatching {
  url: string;
  what: string;
  /** `inserjeunes:start` marks: 1 when the content script ran (the counts below are only meaningful then). */
  scriptRan: number;
  observers: number;
  messages: number;
  extractions: number;
  uiLoaded: number;
  requests: number;
}

export async function measureNonMatching(ext: ExtensionHandle, mock: MockApi, pages: { url: string; what: string }[]): Promise<NonMatching[]> {
  const out: NonMatching[] = [];
  for (const p of pages) {
    const page = await ext.context.newPage();
    try {
      mock.resetRequests();
      await page.goto(p.url, { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('inserjeunes:start').length > 0, undefined, { timeout: 5000 }).catch(() => undefined);
      // Client-side changes after load: a script that had installed an observer would scan (200 ms debounce).
      await page.evaluate(() => {
        const div = document.createElement('div');
        div.innerHTML = '<a href="/http/redirection/formation/slug/FOR.578">BTS</a>';
        document.body.append(div);
      });
      await page.waitForTimeout(600);
      const { counts } = await marksOf(page);
      out.push({
        url: p.url,
        what: p.what,
        scriptRan: counts.start ?? 0,
        observers: counts.observe ?? 0,
        messages: counts.message ?? 0,
        extractions: counts['extract-start'] ?? 0,
        uiLoaded: counts.ui ?? 0,
        requests: mock.requests.length,
      });
    } finally {
      await page.close();
    }
  }
  return out;
}

// ------------------------------------------------------------------ panel latency

export interface LatencySample {
  url: string;
  missMs: number | null;
  hitMs: number | null;
  requestsOnMiss: number;
  requestsOnHit: number;
  /** The miss's steps in the page (see PageSteps). */
  missSteps: PageSteps;
  /** Layout shift of the page (SHIFT_INIT) by the time its figures showed, plus 100 ms: on the miss, on the cached reload. */
  shiftMiss?: number | null;
  shiftHit?: number | null;
  /** The same, in the floor's browser after its answer. */
  floorShift?: number | null;
  /**
   * The same page in the floor's browser (floor.ts writeAnswerFloorExtension), its worker awake:
   * DOMContentLoaded → its answer after one API request, ms; null when the request did not reach the mock.
   */
  floorMs?: number | null;
}

/**
 * DOMContentLoaded → the first figure (or, with `rows`, every row's badge past loading), ms, once `visible`
 * (a pageSignal of FIGURES_SIGNAL or ROWS_SIGNAL, started before the navigation) has come.
 */
export async function figuresAfterDcl(page: Page, visible: Promise<boolean>): Promise<{ figuresMs: number | null; rowsMs: number | null; steps: PageSteps }> {
  await visible;
  return page.evaluate((floorMark) => {
    const w = window as unknown as { __ijFiguresAt?: number; __ijRowsAt?: number };
    const dcl = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart;
    // The answer floor's content script answers in its own world: its moment is in the shared timeline.
    const figuresAt = w.__ijFiguresAt ?? performance.getEntriesByName(floorMark)[0]?.startTime;
    // No local named function here: tsx would wrap it in a helper the page does not have.
    const [message, answer, uiLoaded] = ['message', 'answer', 'ui-loaded'].map((name) => performance.getEntriesByName(`inserjeunes:${name}`)[0]?.startTime);
    return {
      figuresMs: figuresAt === undefined ? null : figuresAt - dcl,
      rowsMs: w.__ijRowsAt === undefined ? null : w.__ijRowsAt - dcl,
      steps: {
        messageMs: message === undefined ? null : message - dcl,
        answerMs: answer === undefined ? null : answer - dcl,
        uiLoadedMs: uiLoaded === undefined ? null : uiLoaded - dcl,
      },
    };
  }, FLOOR_ANSWER_MARK);
}

/** Our content script's steps in a page (bench builds mark them: lib/lazy-module.ts), ms after DOMContentLoaded; null when absent. */
export interface PageSteps {
  /** The first lookup message sent to the worker. */
  messageMs: number | null;
  /** Its answer received. */
  answerMs: number | null;
  /** The page UI module imported. */
  uiLoadedMs: number | null;
}

/** Navigates (or reloads) and measures as figuresAfterDcl does, the signal listened to from before the navigation. */
export async function openAndTime(page: Page, go: () => Promise<unknown>, rows?: number): Promise<{ figuresMs: number | null; rowsMs: number | null; steps: PageSteps }> {
  const visible = pageSignal(page, rows ? ROWS_SIGNAL : FIGURES_SIGNAL);
  await go();
  return figuresAfterDcl(page, visible);
}

/**
 * Each page is a programme not asked about before (a true cache miss, checked by the mock's log),
 * then reloaded: served from the cache, with no request. With `floor`, the same page is then opened in
 * the floor's browser: the same question, answered by a worker that only asks the API.
 */
export async function measurePanelLatency(ext: ExtensionHandle, mock: MockApi, urls: string[], floor?: ExtensionHandle): Promise<LatencySample[]> {
  const out: LatencySample[] = [];
  for (const url of urls) {
    const page = await ext.context.newPage();
    try {
      await page.addInitScript(VISIBLE_INIT);
      await page.addInitScript(SHIFT_INIT);
      mock.resetRequests();
      const miss = await openAndTime(page, () => page.goto(url, { waitUntil: 'domcontentloaded' }));
      await page.waitForTimeout(100); // the cache write settles
      const shiftMiss = await shiftOf(page);
      const requestsOnMiss = mock.requests.length;
      mock.resetRequests();
      const hit = await openAndTime(page, () => page.reload({ waitUntil: 'domcontentloaded' }));
      await page.waitForTimeout(100);
      const shiftHit = await shiftOf(page);
      const requestsOnHit = mock.requests.length;
      // The floor opens the page in a new tab too, as ours did: a fresh tab's costs fall on both.
      const theirs = floor ? await floorOnce(floor, mock, url) : undefined;
      out.push({
        url,
        missMs: round(miss.figuresMs),
        hitMs: round(hit.figuresMs),
        requestsOnMiss,
        requestsOnHit,
        missSteps: miss.steps,
        shiftMiss,
        shiftHit,
        ...(theirs ? { floorMs: theirs.ms, floorShift: theirs.shift } : {}),
      });
    } finally {
      await page.close();
    }
  }
  return out;
}

/**
 * The floor's answer on `url` in a new tab: DOMContentLoaded → its answer, ms (null when its request did
 * not reach the mock), and the page's layout shift 100 ms after it.
 */
async function floorOnce(floor: ExtensionHandle, mock: MockApi, url: string): Promise<{ ms: number | null; shift: number | null }> {
  const page = await floor.context.newPage();
  try {
    await page.addInitScript(VISIBLE_INIT);
    await page.addInitScript(SHIFT_INIT);
    mock.resetRequests();
    const theirs = await openAndTime(page, () => page.goto(url, { waitUntil: 'domcontentloaded' }));
    await page.waitForTimeout(100);
    return { ms: mock.requests.length > 0 ? round(theirs.figuresMs) : null, shift: await shiftOf(page) };
  } finally {
    await page.close();
  }
}

// ------------------------------------------------------------------ the 40-programme page

/**
 * The 40-programme page, `runs` times, each on a cleared cache (storage emptied, which also drops the
 * worker's in-memory cache layer) with the service worker awake: the figures are medians over the
 * runs, with their spread (see summarizeForty in forty.ts).
 */
export async function measureForty(ext: ExtensionHandle, mock: MockApi, url: string, rows: number, runs = 1): Promise<FortyMeasure> {
  const samples: FortySample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await fortyOnce(ext, mock, url, rows));
  return summarizeForty(rows, samples);
}

async function fortyOnce(ext: ExtensionHandle, mock: MockApi, url: string, rows: number): Promise<FortySample> {
  await clearExtensionStorage(ext.worker);
  const page = await ext.context.newPage();
  try {
    await page.addInitScript(`window.__ijExpectRows = ${rows};`);
    await page.addInitScript(VISIBLE_INIT);
    mock.resetRequests();
    const t = await openAndTime(page, () => page.goto(url, { waitUntil: 'domcontentloaded' }), rows);
    await page.waitForTimeout(100); // the cache's batched write settles before the next run clears it
    const badgesWithFigures = await page.evaluate(
      () =>
        [...document.querySelectorAll('inserjeunes-badge')].filter((h) => h.shadowRoot?.querySelector('.ij-badge-text--figures')).length,
    );
    return {
      completeMs: round(t.rowsMs),
      firstFiguresMs: round(t.figuresMs),
      requests: mock.requests.length,
      distinctRequests: new Set(mock.requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`)).size,
      badgesWithFigures,
    };
  } finally {
    await page.close();
  }
}

/** The service worker reading the shipped index (fetch, inflate, JSON parse: lib/referentiel/shipped-file.ts), median of `runs`, ms. */
export async function measureWorkerIndexRead(worker: Worker, runs: number): Promise<number | null> {
  const times = await worker.evaluate(
    async ([n, file]) => {
      const c = (globalThis as unknown as { chrome: { runtime: { getURL(p: string): string } } }).chrome;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const body = (await fetch(c.runtime.getURL(`/${file}`), { cache: 'no-store' })).body!;
        await new Response(body.pipeThrough(new DecompressionStream('gzip'))).json();
        out.push(performance.now() - t);
      }
      return out;
    },
    [runs, SHIPPED_REFERENTIEL] as const,
  );
  return round(median(times));
}
