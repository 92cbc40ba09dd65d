// `npm run bench [-- --check] [--quick] [--no-build]`: builds the extension in bench mode, measures
// page cost, panel latency, the 40-programme page, bundle sizes, the referentiel and the report cache,
// prints a table and writes .output/bench.json. `--check --quick` fails on the budgets a quick run judges
// reliably (sizes, counts, heap); `--check` on a full run fails on every budget.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { shipReferentiel } from '../../lib/referentiel/ship';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { pageFixtures } from '../fixtures/pages';
import { measureReportFromCache } from '../inserjeunes/measure';
import { startMockApi, type MockApi } from '../mock-api/server';
import { measureReferentiel } from '../referentiel/measure';
import { measureExtraction } from '../sites/bench-extraction';
import {
  clearExtensionStorage,
  FIGURES_SIGNAL,
  measureForty,
  measureNonMatching,
  measurePageCost,
  measurePanelLatency,
  measureWorkerIndexRead,
} from './browser';
import { budgets } from './budgets';
import { checkFailures, exitCode, formatTable, heavyPageRows, median, missSteps, overFloor, round, shiftRows, spread, timingRow, toRow, type Measure } from './check';
import { heavyPage, heavyServed, writeAnswerFloorExtension, writeFloorExtension } from './floor';
import { formationPage, fortyDataset, fortyPage, FORTY_URL, NON_MATCHING_PAGES, pickProgrammes } from './forty';
import { launchWithDevtools, measureWake, servePanels, tabCloseWakes, workerHeapMB, type CdpExtension } from './sleep';
import { serveSites, type Served, type SiteServer } from './site-server';
import { isContentScript, measureSizes } from './sizes';

/** The mock API's port (BENCH_PORT in the environment lets two checkouts measure side by side). */
export const BENCH_PORT = Number(process.env.BENCH_PORT) || 7359;
export const MOCK_LATENCY_MS = 50;
export const OUT_DIR = resolve('.output/chrome-mv3-bench');
export const REPORT_FILE = resolve('.output/bench.json');
/** The bench build's referentiel as JSON, for the bench's own reads (the build ships it gzipped). */
export const REFERENTIEL_JSON = resolve('.output/bench-referentiel.json');
export const FLOOR_DIR = resolve('.output/bench-floor');
export const ANSWER_FLOOR_DIR = resolve('.output/bench-answer-floor');
const HEAVY_URL = 'https://www.onisep.fr/ressources/univers-formation/formations/lycees/formation-lourde';

const args = new Set(process.argv.slice(2));
/** `--only=latency,forty`: measure only these parts (sizes, referentiel, report, extraction, nonmatching, latency, forty, wake, heap, cost). */
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const want = (part: string): boolean => !only || only.includes(part);
const check = args.has('--check');
const quick = args.has('--quick');
const RUNS = quick ? 5 : 15;
const LATENCY_RUNS = quick ? 3 : 8;
const WAKE_RUNS = quick ? 3 : 6;
/** Loads of the 40-programme page, each on a cleared cache. */
const FORTY_RUNS = quick ? 3 : 5;
/** Tabs closed with the service worker stopped: any wake is one too many, a few closings tell it. */
const TAB_CLOSINGS = 3;

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

/** The real open data beside the repository when present, else the test fixtures (said in the output). */
function referentielSource(): { dir: string; real: boolean } {
  const real = process.env.REFERENTIEL_SRC || '../shared/data';
  if (existsSync(real)) return { dir: resolve(real), real: true };
  return { dir: resolve('test/fixtures/referentiel'), real: false };
}

function run(cmd: string, argv: string[], env: Record<string, string> = {}): void {
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} a échoué (code ${r.status})`);
}

/**
 * Builds the bench mode (production JSX and minification, plus the content script's marks) and writes
 * the referentiel straight into the output folder: public/referentiel.json, shared with the other
 * builds, is left alone.
 */
function build(src: string): void {
  log('construction de l’extension (mode bench)…');
  run('npx', ['wxt', 'build', '--mode', 'bench'], {
    NODE_ENV: 'production',
    WXT_INSERJEUNES_API_URL: `http://127.0.0.1:${BENCH_PORT}/api/inserjeunes`,
  });
  log(`référentiel depuis ${src}…`);
  run('npx', ['tsx', 'lib/referentiel/cli.ts', 'build', '--from', src, '--out', REFERENTIEL_JSON]);
  shipReferentiel(OUT_DIR, REFERENTIEL_JSON);
}

function chromiumVersion(path: string): string | null {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n').pop()! : null;
}

/** The same Chromium, launched as test/e2e/chromium.ts does, without our extension (`args`: the floor's, or none). */
function launchPlain(args: string[]): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    args: [...args, ...CHROMIUM_ARGS],
  });
}

interface Results {
  [section: string]: unknown;
}

async function browserMeasures(measures: Measure[], results: Results): Promise<void> {
  const ref = createReferentiel(JSON.parse(readFileSync(REFERENTIEL_JSON, 'utf8')));
  const rows = pickProgrammes(ref, 40);
  // Each formation page asks about its own programme: the latency pages, then the wake pages, are misses.
  const formationPages = rows.map((r, i) => formationPage(r, i));
  const latencyPages = formationPages.slice(0, LATENCY_RUNS + 1);
  const wakePages = formationPages.slice(LATENCY_RUNS + 1, LATENCY_RUNS + 1 + WAKE_RUNS);
  const heavy = heavyPage(formationPages[formationPages.length - 1]!.html);
  const html = (body: string): Served => ({ type: 'text/html; charset=utf-8', body });
  const extra: Record<string, Served> = { [FORTY_URL]: html(fortyPage(rows)), ...heavyServed(HEAVY_URL, heavy) };
  for (const p of formationPages) extra[p.url] = html(p.html);
  for (const p of NON_MATCHING_PAGES) extra[p.url] = html(p.html);

  let mock: MockApi | undefined;
  let sites: SiteServer | undefined;
  let ext: CdpExtension | undefined;
  /** The floor of a panel's question (floor.ts writeAnswerFloorExtension), for the miss and the wake. */
  let answerFloor: CdpExtension | undefined;
  let ours: BrowserContext | undefined;
  let floor: BrowserContext | undefined;
  let plain: BrowserContext | undefined;
  try {
    mock = await startMockApi({ port: BENCH_PORT, latencyMs: MOCK_LATENCY_MS, dataset: fortyDataset(rows, ref) });
    sites = await serveSites(extra);
    ext = await launchWithDevtools(OUT_DIR, sites.args);
    await clearExtensionStorage(ext.worker);

    if (want('nonmatching')) {
      log('pages non concernées…');
      const non = await measureNonMatching(ext, mock, NON_MATCHING_PAGES);
      results.nonMatching = non;
      const ran = non.every((p) => p.scriptRan === 1);
      const note = ran ? undefined : 'le script n’a pas tourné partout : comptes invalides';
      const sum = (k: 'observers' | 'messages' | 'requests') => (ran ? non.reduce((a, p) => a + p[k], 0) : null);
      measures.push(
        { label: `page non concernée : scripts exécutés (${non.length} pages)`, value: non.filter((p) => p.scriptRan === 1).length, unit: 'count' },
        { budget: 'nonMatchingObservers', value: sum('observers'), ...(note ? { note } : {}) },
        { budget: 'nonMatchingMessages', value: sum('messages'), ...(note ? { note } : {}) },
        { budget: 'nonMatchingRequests', value: sum('requests'), ...(note ? { note } : {}) },
      );
      const closing = await tabCloseWakes(ext, NON_MATCHING_PAGES[0]!.url, TAB_CLOSINGS);
      results.tabCloseWakes = closing;
      measures.push({
        budget: 'tabCloseWakes',
        value: closing.closed === TAB_CLOSINGS ? closing.wakes : null,
        note: `${closing.closed} onglet(s) fermé(s) service worker arrêté`,
      });
    }

    if (want('latency') || want('wake')) {
      writeAnswerFloorExtension(OUT_DIR, ANSWER_FLOOR_DIR, FIGURES_SIGNAL, `http://127.0.0.1:${BENCH_PORT}/api/inserjeunes`);
      answerFloor = await launchWithDevtools(ANSWER_FLOOR_DIR, sites.args);
    }

    if (want('latency')) {
      log('latence du panneau (API à 50 ms), et celle du plancher…');
      const latency = await measurePanelLatency(ext, mock, latencyPages.map((p) => p.url), answerFloor);
      results.panelLatency = { mockLatencyMs: MOCK_LATENCY_MS, samples: latency };
      // The first page of each browser reads what a just-started browser reads: not a plain miss.
      const [first, ...rest] = latency;
      const trueMisses = rest.filter((s) => s.requestsOnMiss > 0 && s.missMs !== null);
      const missMs = median(trueMisses.map((s) => s.missMs!));
      const hits = rest.filter((s) => s.hitMs !== null).map((s) => s.hitMs!);
      const floors = rest.flatMap((s) => (s.floorMs == null ? [] : [s.floorMs]));
      // Ours minus the floor's on the same page, measured one right after the other.
      const overFloorMs = trueMisses.flatMap((s) => (s.floorMs == null ? [] : [s.missMs! - s.floorMs]));
      measures.push(
        { label: 'premier panneau d’un navigateur qui vient de démarrer (référentiel lu à cette première question, sans cache)', value: first?.missMs ?? null, unit: 'ms', runs: 1 },
        { label: 'panneau visible sans cache (médiane)', value: round(missMs), unit: 'ms', runs: trueMisses.length, spread: round(spread(trueMisses.map((s) => s.missMs!))) },
        {
          label: 'panneau visible sans cache, au-delà de la latence de l’API',
          value: missMs === null ? null : round(missMs - MOCK_LATENCY_MS),
          unit: 'ms',
          runs: trueMisses.length,
          spread: round(spread(trueMisses.map((s) => s.missMs!))),
        },
        timingRow({ label: 'plancher : extension vide qui pose la même question à l’API, service worker éveillé (après DOMContentLoaded)' }, floors),
        timingRow({ budget: 'panelMissOverFloorMs' }, overFloorMs),
        ...missSteps(trueMisses),
        timingRow({ budget: 'panelFromCacheMs' }, hits),
        ...shiftRows(rest),
        { budget: 'seenPageRequests', value: latency.length ? latency.reduce((a, s) => a + s.requestsOnHit, 0) : null },
        { label: 'requêtes par panneau sans cache (médiane)', value: median(trueMisses.map((s) => s.requestsOnMiss)), unit: 'count' },
      );
    }

    if (want('forty')) {
      log(`page de ${rows.length} formations (${FORTY_RUNS} chargements)…`);
      const forty = await measureForty(ext, mock, FORTY_URL, rows.length, FORTY_RUNS);
      results.forty = forty;
      const notes = [
        rows.length < 40 ? `${rows.length} formations seulement dans ce référentiel` : '',
        forty.incomplete ? `${forty.incomplete} chargement(s) jamais complet(s)` : '',
      ].filter(Boolean);
      measures.push(
        { budget: 'fortyRowsMs', value: forty.completeMs, runs: forty.runs, spread: forty.spread, ...(notes.length ? { note: notes.join(' ; ') } : {}) },
        { label: `page de ${rows.length} formations : requêtes à l’API (médiane)`, value: forty.requests, unit: 'count', note: `${forty.distinctRequests} distinctes` },
        { label: `page de ${rows.length} formations : badges avec chiffres (pire chargement)`, value: forty.badgesWithFigures, unit: 'count' },
      );
    }

    if (want('wake')) {
      const read = await measureWorkerIndexRead(ext.worker, quick ? 3 : 7);
      results.workerIndexReadMs = read;
      measures.push({ label: 'référentiel lu par le service worker (fetch, décompression, JSON)', value: read, unit: 'ms', runs: quick ? 3 : 7 });

      log(`premier panneau après arrêt du service worker (${wakePages.length} réveils, et ceux du plancher)…`);
      const wake = await measureWake(ext, mock, wakePages.map((p) => p.url), answerFloor);
      results.wake = { mockLatencyMs: MOCK_LATENCY_MS, samples: wake };
      const valid = wake.filter((w) => w.stopped && w.requests > 0 && w.figuresMs !== null);
      const wakes = valid.map((w) => w.figuresMs! - MOCK_LATENCY_MS);
      const floors = wake.flatMap((w) => (w.floorMs == null ? [] : [w.floorMs]));
      // Ours minus the floor's on the same page, woken one right after the other.
      const overFloorMs = valid.flatMap((w) => (w.floorMs == null ? [] : [w.figuresMs! - w.floorMs]));
      const wakeNote = valid.length < wake.length ? `${wake.length - valid.length} réveil(s) non valables écartés` : undefined;
      measures.push(
        { label: 'premier panneau, service worker arrêté, au-delà de la latence', value: round(median(wakes)), unit: 'ms', runs: wakes.length, spread: round(spread(wakes)), ...(wakeNote ? { note: wakeNote } : {}) },
        timingRow({ label: 'plancher : extension vide réveillée qui pose la même question à l’API (après DOMContentLoaded)' }, floors),
        timingRow({ budget: 'wakePanelOverFloorMs' }, overFloorMs),
      );
    }

    if (want('heap')) {
      log('mémoire du service worker…');
      const heapLoaded = await workerHeapMB(ext.browserSession, ext.extensionId);
      const shown = await servePanels(ext.context, formationPages.map((p) => p.url));
      const heapAfter = await workerHeapMB(ext.browserSession, ext.extensionId);
      results.workerHeap = { afterWakeMB: heapLoaded, afterPanelsMB: heapAfter, panels: formationPages.length, shown };
      const asleep = 'service worker arrêté au moment de la mesure';
      measures.push(
        { budget: 'workerHeapMB', label: 'tas du service worker, référentiel chargé', value: heapLoaded, ...(heapLoaded === null ? { note: asleep } : {}) },
        {
          budget: 'workerHeapMB',
          label: `tas du service worker après ${formationPages.length} panneaux`,
          value: heapAfter,
          note: heapAfter === null ? asleep : `${shown} panneaux avec chiffres`,
        },
      );
    }

    if (want('cost')) {
      log(`coût des pages (${RUNS} chargements avec, avec le plancher, sans, en alternance)…`);
      writeFloorExtension(OUT_DIR, FLOOR_DIR);
      // The three browsers of the page-cost runs are launched alike, on the same site server.
      ours = await launchPlain([`--disable-extensions-except=${OUT_DIR}`, `--load-extension=${OUT_DIR}`, ...sites.args]);
      floor = await launchPlain([`--disable-extensions-except=${FLOOR_DIR}`, `--load-extension=${FLOOR_DIR}`, ...sites.args]);
      plain = await launchPlain(sites.args);
      const kinds = pageFixtures.map((p) => ({ name: `${p.site}/${p.case}`, url: p.url }));
      const pages = [...kinds, { name: 'page lourde', url: HEAVY_URL }];
      const costs = await measurePageCost({ with: ours, floor, without: plain }, pages, RUNS, (d, t) => {
        if (d % pages.length === 0) log(`  ${d}/${t}`);
      });
      results.pageCost = costs;
      const ms = (v: number | null, sp: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v} ms${sp === null ? '' : ` ±${sp}`}`);
      for (const c of costs) {
        if (c.url === HEAVY_URL) {
          measures.push(...heavyPageRows(c));
          continue;
        }
        measures.push(
          {
            budget: 'addedLoadVsFloor',
            label: `chargement ajouté / plancher : ${c.page}`,
            value: round(overFloor(c.load.added, c.load.floorAdded), 2),
            runs: c.runs,
            note: `nous ${ms(c.load.added, c.load.addedSpread)}, plancher ${ms(c.load.floorAdded, c.load.floorAddedSpread)}`,
          },
          {
            budget: 'addedTaskVsFloor',
            label: `fil principal ajouté / plancher : ${c.page}`,
            value: round(overFloor(c.task.added, c.task.floorAdded), 2),
            runs: c.runs,
            note: `nous ${ms(c.task.added, c.task.addedSpread)}, plancher ${ms(c.task.floorAdded, c.task.floorAddedSpread)}`,
          },
        );
      }
      const fixtureCosts = costs.filter((c) => c.url !== HEAVY_URL);
      measures.push(
        { label: 'rapport de chargement avec / sans, médiane des pages', value: round(median(fixtureCosts.flatMap((c) => (c.ratio === null ? [] : [c.ratio]))), 3), unit: 'ratio', runs: RUNS },
        { label: 'extraction sur une page réelle, pire page', value: Math.max(...costs.map((c) => c.extractMs ?? 0)), unit: 'ms', runs: RUNS },
        { label: 'tâches longues ajoutées, pire page', value: Math.max(...costs.map((c) => (c.longTasksWith ?? 0) - (c.longTasksWithout ?? 0))), unit: 'count', runs: RUNS },
      );
    }
  } finally {
    await plain?.close().catch(() => undefined);
    await floor?.close().catch(() => undefined);
    await ours?.close().catch(() => undefined);
    await ext?.close().catch(() => undefined);
    await answerFloor?.close().catch(() => undefined);
    await mock?.close().catch(() => undefined);
    await sites?.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const src = referentielSource();
  if (!args.has('--no-build')) build(src.dir);
  if (args.has('--build-only')) return 0;
  const measures: Measure[] = [];
  const results: Results = {};

  if (want('sizes')) {
    // Bundle sizes.
    const sizes = measureSizes(OUT_DIR);
    results.sizes = sizes;
    for (const s of sizes) {
      if (isContentScript(s.entry)) measures.push({ budget: 'contentScriptGzipKB', label: `${s.entry} (gzip)`, value: s.gzipKB });
      else measures.push({ label: `${s.entry} (gzip)`, value: s.gzipKB, unit: 'KB', note: `${s.rawKB} KB brut` });
    }
  }

  if (want('referentiel')) {
    // Referentiel, in Node.
    log(`référentiel : mesures sur ${src.real ? 'les vraies données' : 'les fixtures (pas de données réelles)'}…`);
    const ref = measureReferentiel(src.dir);
    const { stats, ...refFigures } = ref;
    results.referentiel = { source: src.dir, realData: src.real, ...refFigures, counts: stats.counts };
    const refNote = src.real ? undefined : 'fixtures';
    measures.push(
      { label: 'référentiel : construction', value: ref.buildMs, unit: 'ms', ...(refNote ? { note: refNote } : {}) },
      { budget: 'referentielGzipKB', value: round(ref.gzipBytes / 1024), note: `${round(ref.rawBytes / 1024)} KB brut, dont l’index rapide : ${round(ref.quickIndexBytes / 1024)} KB${refNote ? ', fixtures' : ''}` },
      { ...timingRow({ budget: 'referentielLoadMs' }, ref.loads), ...(refNote ? { note: refNote } : {}) },
      { ...timingRow({ budget: 'referentielLookupsPerSec' }, ref.lookupRates, 0), ...(refNote ? { note: refNote } : {}) },
    );
  }

  if (want('report')) {
    // Report from cache, in Node (the background's code over a memory store).
    const report = await measureReportFromCache(quick ? 20 : 50);
    results.reportFromCache = report;
    measures.push(
      timingRow({ budget: 'reportFromCacheMs' }, report.fromStorage, 2),
      timingRow({ label: 'rapport depuis la mémoire du service worker' }, report.fromMemory, 3),
      { label: 'rapport déjà vu : requêtes', value: report.requestsWhenSeen, unit: 'count' },
    );
  }

  let chromiumPath: string | null = null;
  try {
    chromiumPath = findChromium();
  } catch (e) {
    log((e as Error).message);
  }
  if (chromiumPath) {
    if (want('extraction')) {
      log('extraction sur les listes de 10 000 lignes…');
      const extraction = await measureExtraction({ runs: quick ? 5 : 21, executablePath: chromiumPath });
      results.extraction = extraction;
      for (const x of extraction) measures.push({ ...timingRow({ budget: 'extraction10kMs' }, x.times), label: `extraction 10 000 lignes : ${x.list}` });
    }
    if (['nonmatching', 'latency', 'forty', 'wake', 'heap', 'cost'].some(want)) await browserMeasures(measures, results);
  } else {
    for (const name of ['nonMatchingObservers', 'nonMatchingMessages', 'nonMatchingRequests', 'tabCloseWakes', 'seenPageRequests'] as const) {
      measures.push({ budget: name, value: null, note: 'Chromium absent' });
    }
  }

  const rows = measures.map(toRow);
  const machine = {
    date: new Date().toISOString(),
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGB: round(totalmem() / 1024 ** 3),
    node: process.version,
    chromium: chromiumPath ? chromiumVersion(chromiumPath) : null,
  };
  const seconds = round((Date.now() - started) / 1000);
  mkdirSync(resolve('.output'), { recursive: true });
  writeFileSync(
    REPORT_FILE,
    JSON.stringify({ machine, mode: quick ? 'quick' : 'full', runs: RUNS, mockLatencyMs: MOCK_LATENCY_MS, seconds, budgets, rows, results }, null, 1) + '\n',
  );

  console.log(
    `InserJeunes bench (${quick ? 'rapide' : 'complet'}, ${RUNS} chargements par page) — ${machine.cpus} cœurs, ${machine.memoryGB} Go, Node ${machine.node}, ${machine.chromium ?? 'sans Chromium'}`,
  );
  console.log(`référentiel : ${src.real ? 'données réelles' : 'fixtures'} (${src.dir})\n`);
  console.log(formatTable(rows));
  console.log(`\n${REPORT_FILE} écrit en ${seconds} s.`);
  const mode = quick ? 'quick' : 'full';
  const failed = checkFailures(rows, mode);
  const which = quick ? 'fiable(s) sous charge' : '';
  if (check && failed.length) console.error(`\n--check : ${failed.length} budget(s) ${which} non tenu(s) :\n${failed.map((r) => `  - ${r.label}`).join('\n')}`);
  return exitCode(rows, check, mode);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
