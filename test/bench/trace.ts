// `npx tsx test/bench/trace.ts [--runs N] [--build DIR --port P] [--detail] [site/case ...]`: where the page's main-thread time goes, in
// CPU time. Loads each fixture page kind (all by default) in three browsers of the same Chromium, without
// any extension, with the do-nothing floor extension and with the bench build (`npm run build:bench`
// first), under a DevTools trace, and sums the thread time (`tdur`, not wall time: it holds on a loaded
// machine) of the renderer main thread's tasks, split by kind of work. The bench's page-cost rows say
// how much we add; this says what it is made of.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { routeSites } from '../e2e/fixtures';
import { pageFixtures } from '../fixtures/pages';
import { startMockApi } from '../mock-api/server';
import { median } from './check';
import { writeFloorExtension } from './floor';

/** The part of a Chrome trace event read here. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

export type WorkKind = 'script' | 'style-layout' | 'paint' | 'html' | 'world' | 'other';

/** Which kind of work an event's own time is. */
export function kindOf(name: string): WorkKind {
  if (/LocalWindowProxy|ContextCreated|DeserializeContext|InstallConditionalFeatures/.test(name)) return 'world';
  if (/^(v8\.|V8\.|FunctionCall|EvaluateScript|RunMicrotasks|TimerBase::run|EventDispatch|AsyncTask)/.test(name)) return 'script';
  if (/Layout|Style|recalcStyle|ShapeText|Lifecycle/.test(name)) return 'style-layout';
  if (/Paint|Commit|Composit|Raster/.test(name)) return 'paint';
  if (/HTMLDocumentParser|ParseHTML|Document::/.test(name)) return 'html';
  return 'other';
}

const TOP = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * The main thread's CPU time in one trace, ms: the whole of its top-level tasks, and each event's own
 * time (its thread time less its children's) summed by kind. `pid` is the renderer of the page.
 */
export function threadTimes(events: TraceEvent[], pid: number): { total: number; byKind: Record<WorkKind, number>; byName: Map<string, number> } {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain').map((e) => e.tid));
  const own = events.filter((e) => e.ph === 'X' && e.pid === pid && main.has(e.tid)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const cpu = (e: TraceEvent) => e.tdur ?? e.dur ?? 0;
  const self = new Map<TraceEvent, number>(own.map((e) => [e, cpu(e)]));
  const stack: TraceEvent[] = [];
  let total = 0;
  for (const e of own) {
    while (stack.length && stack[stack.length - 1]!.ts + (stack[stack.length - 1]!.dur ?? 0) <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent, self.get(parent)! - cpu(e));
    else total += cpu(e) / 1000;
    stack.push(e);
  }
  const byKind: Record<WorkKind, number> = { script: 0, 'style-layout': 0, paint: 0, html: 0, world: 0, other: 0 };
  const byName = new Map<string, number>();
  for (const e of own) {
    const ms = Math.max(0, self.get(e)!) / 1000;
    byKind[TOP.has(e.name) ? 'other' : kindOf(e.name)] += ms;
    const file = e.args?.data?.url?.startsWith('chrome-extension://') ? ` ${e.args.data.url.replace(/^chrome-extension:\/\/[^/]+\//, '')}` : '';
    byName.set(e.name + file, (byName.get(e.name + file) ?? 0) + ms);
  }
  return { total, byKind, byName };
}

/** The renderer that navigated to `url`: the process whose events name it. */
export function rendererOf(events: TraceEvent[], url: string): number | null {
  const hit = events.find((e) => e.args?.data?.url === url && e.name.includes('Navigation')) ?? events.find((e) => e.args?.data?.url === url);
  return hit?.pid ?? null;
}

async function tracedLoad(context: BrowserContext, url: string, settleMs: number): Promise<ReturnType<typeof threadTimes> | null> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,blink', transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    await cdp.send('Tracing.end');
    await complete;
    const pid = rendererOf(events, url);
    return pid === null ? null : threadTimes(events, pid);
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const runs = Number(option('--runs') ?? 7);
  const valued = new Set(['--runs', '--build', '--port']);
  const names = argv.filter((a, i) => !a.startsWith('--') && !valued.has(argv[i - 1] ?? ''));
  const pages = pageFixtures.filter((p) => names.length === 0 || names.includes(`${p.site}/${p.case}`));
  // Another copy of the build (its API address rewritten to another port) can run beside a bench.
  const build = resolve(option('--build') ?? '.output/chrome-mv3-bench');
  const floorDir = resolve('.output/bench-floor');
  writeFloorExtension(build, floorDir);
  const launch = (dir?: string) =>
    chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ij-trace-')), {
      executablePath: findChromium(),
      headless: true,
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
      args: [...(dir ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : []), ...CHROMIUM_ARGS],
    });
  // The bench build asks the mock API on the bench's port.
  const mock = await startMockApi({ port: Number(option('--port') ?? 7359), latencyMs: 50 });
  const variants = { sans: await launch(), plancher: await launch(floorDir), nous: await launch(build) };
  try {
    for (const c of Object.values(variants)) await routeSites(c);
    const show = (v: number | null) => (v === null ? '—' : v.toFixed(1).padStart(6));
    console.log(`temps CPU du fil principal par chargement, médiane de ${runs} (ms) : ${Object.keys(variants).join(' / ')}`);
    for (const p of pages) {
      const got: Record<string, ReturnType<typeof threadTimes>[]> = { sans: [], plancher: [], nous: [] };
      for (let i = 0; i <= runs; i++) {
        for (const [name, context] of Object.entries(variants)) {
          const t = await tracedLoad(context, p.url, 1200);
          if (i > 0 && t) got[name]!.push(t); // the first load of each warms caches
        }
      }
      const m = (v: string, f: (t: ReturnType<typeof threadTimes>) => number) => median(got[v]!.map(f));
      const kinds = Object.keys(got.sans![0]?.byKind ?? {}) as WorkKind[];
      const line = (f: (t: ReturnType<typeof threadTimes>) => number) => Object.keys(variants).map((v) => show(m(v, f))).join(' /');
      console.log(`\n${p.site}/${p.case}\n  total        ${line((t) => t.total)}`);
      for (const k of kinds) console.log(`  ${k.padEnd(12)} ${line((t) => t.byKind[k])}`);
      if (argv.includes('--detail')) {
        // Our heaviest events, mean own time over the runs.
        const sum = new Map<string, number>();
        for (const t of got.nous!) for (const [n, ms] of t.byName) sum.set(n, (sum.get(n) ?? 0) + ms / got.nous!.length);
        for (const [n, ms] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`    ${ms.toFixed(1).padStart(6)}  ${n}`);
      }
    }
  } finally {
    for (const c of Object.values(variants)) await c.close().catch(() => undefined);
    await mock.close();
  }
}

if (process.argv[1]?.endsWith('trace.ts')) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
