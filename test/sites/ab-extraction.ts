// A/B timing of the extraction: the adapters of a git revision (A, default `main`) against the working
// tree's (B), on the generated 10,000-row documents, each side in its own browser (or, with --same-page,
// both in one page, each on its own copy of the list), blocks of runs alternating A/B and B/A so that load
// from other processes falls on both alike. Also checks that both find the very same
// sightings (anchors compared by identity). Run: `npx tsx test/sites/ab-extraction.ts [--same-page] [ref] [runs]`;
// `npx tsx test/sites/ab-extraction.ts --bench [ref] [rounds]` compares the bench's own figure instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

/** The adapters in `sitesDir`'s tree, bundled; B also brings the page generators both are run on. */
async function bundle(sitesDir: string, globalName: string, generators: boolean | string = false): Promise<string> {
  const gen = generators === true ? `export { generateBigLists } from './big-lists';\nexport { generateVariedLists } from './varied-lists';` : generators || '';
  const result = await build({
    stdin: { contents: `export { extractAll } from './match-sites';\n${gen}`, resolveDir: sitesDir, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName,
    write: false,
    logLevel: 'silent',
    nodePaths: [join(repo, 'node_modules')],
  });
  return result.outputFiles[0]!.text;
}

/** The adapters (lib/ and test/sites/) as they are at `ref`, bundled. */
async function bundleAt(ref: string, globalName: string, generators: string | false = false): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ab-extraction-'));
  try {
    execFileSync('sh', ['-c', `git archive "$1" lib test/sites | tar -x -C "$2"`, 'sh', ref, dir], { cwd: repo });
    return await bundle(join(dir, 'test/sites'), globalName, generators);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface AbTiming {
  list: string;
  runs: number;
  same: boolean;
  sightings: number;
  a: { median: number; p25: number; p75: number; best: number };
  b: { median: number; p25: number; p75: number; best: number };
  /** Varied lists (varied-lists.ts, seeds 1-5) on which A and B found different sightings. */
  differing: string[];
  /** Median over runs of (B − A) for the pair run back to back. */
  pairedDiff: number;
}

/** Runs in a page holding both: whether A and B find the same sightings (anchors compared by identity). */
const comparePage = `function (rows) {
  const apis = [globalThis.__extractA, globalThis.__extractB];
  const sameOutput = (doc, u) => {
    const outA = apis[0].extractAll(doc, u);
    const outB = apis[1].extractAll(doc, u);
    return outA.length === outB.length && outA.every((s, i) =>
      s.anchor === outB[i].anchor && JSON.stringify({ ...s, anchor: 0 }) === JSON.stringify({ ...outB[i], anchor: 0 }));
  };
  const differing = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    for (const [list, { url, html }] of Object.entries(apis[1].generateVariedLists(400, seed))) {
      if (!sameOutput(new DOMParser().parseFromString(html, 'text/html'), new URL(url))) differing.push(list + ' seed ' + seed);
    }
  }
  const lists = Object.entries(apis[1].generateBigLists(rows)).map(([list, { url, html }]) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const u = new URL(url);
    return { list, same: sameOutput(doc, u), sightings: apis[1].extractAll(doc, u).length };
  });
  return { differing, lists };
}`;

/** Runs in each side's own page: parses list `index` and runs the extraction once (warm-up). */
const preparePage = (rows: number, index: number) => `(function () {
  const api = globalThis.__extract;
  const [, { url, html }] = Object.entries(api.generateBigLists(${rows}))[${index}];
  globalThis.__case = { doc: new DOMParser().parseFromString(html, 'text/html'), u: new URL(url) };
  api.extractAll(globalThis.__case.doc, globalThis.__case.u);
})()`;

/** Runs in each side's own page: `n` extractions back to back, as the bench runs them; their times. */
const runPage = (n: number) => `(function () {
  const api = globalThis.__extract;
  const { doc, u } = globalThis.__case;
  const times = [];
  for (let i = 0; i < ${n}; i++) {
    const t0 = performance.now();
    api.extractAll(doc, u);
    times.push(performance.now() - t0);
  }
  return times;
})()`;

const round = (x: number) => Math.round(x * 10) / 10;
function stats(t: number[]): AbTiming['a'] {
  const s = [...t].sort((x, y) => x - y);
  const at = (q: number) => round(s[Math.floor(q * s.length)]!);
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), best: round(s[0]!) };
}

/**
 * Each side runs in its own browser (its own heap: what one side allocates, the collector makes that
 * side pay for), the two alternating blocks of `block` runs, A first then B first, until each has `runs`.
 */
export async function measureAb(ref = 'main', runs = 42, rows = 10_000, block = 3): Promise<AbTiming[]> {
  const generators = `export { generateBigLists } from '${here}big-lists';\n`;
  const [a, b, both] = await Promise.all([bundleAt(ref, '__extract', generators), bundle(here, '__extract', generators), Promise.all([bundleAt(ref, '__extractA'), bundle(here, '__extractB', true)])]);
  const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const browsers = await Promise.all([launch(), launch(), launch()]);
  try {
    const page = async (i: number, scripts: string[]) => {
      const p = await browsers[i]!.newPage();
      await p.setContent('<!DOCTYPE html><html><body></body></html>');
      for (const content of scripts) await p.addScriptTag({ content });
      return p;
    };
    const [pageA, pageB, pageBoth] = await Promise.all([page(0, [a]), page(1, [b]), page(2, both)]);
    // Plain JavaScript in strings: tsx would wrap the pages' local functions in a helper they lack.
    const compared = (await pageBoth.evaluate(`(${comparePage})(${rows})`)) as { differing: string[]; lists: { list: string; same: boolean; sightings: number }[] };
    const out: AbTiming[] = [];
    for (const [index, { list, same, sightings }] of compared.lists.entries()) {
      await Promise.all([pageA.evaluate(preparePage(rows, index)), pageB.evaluate(preparePage(rows, index))]);
      const times: [number[], number[]] = [[], []];
      const diffs: number[] = [];
      for (let i = 0; times[0].length < runs; i++) {
        const order = i % 2 === 0 ? [0, 1] : [1, 0];
        const got: number[][] = [[], []];
        for (const k of order) got[k] = (await [pageA, pageB][k]!.evaluate(runPage(block))) as number[];
        times[0].push(...got[0]!);
        times[1].push(...got[1]!);
        got[1]!.forEach((t, j) => diffs.push(t - got[0]![j]!));
      }
      diffs.sort((x, y) => x - y);
      out.push({ list, runs: times[0].length, same, sightings, differing: compared.differing, a: stats(times[0]), b: stats(times[1]), pairedDiff: round(diffs[Math.floor(diffs.length / 2)]!) });
    }
    return out;
  } finally {
    await Promise.all(browsers.map((br) => br.close()));
  }
}

/** Runs in a page holding both: A and B alternating run by run, each on its own copy of list `index`. */
const samePage = (rows: number, index: number, runs: number) => `(function () {
  const apis = [globalThis.__extractA, globalThis.__extractB];
  const [, { url, html }] = Object.entries(apis[1].generateBigLists(${rows}))[${index}];
  const u = new URL(url);
  const docs = [new DOMParser().parseFromString(html, 'text/html'), new DOMParser().parseFromString(html, 'text/html')];
  apis[0].extractAll(docs[0], u);
  apis[1].extractAll(docs[1], u);
  const times = [[], []];
  for (let i = 0; i < ${runs}; i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const t0 = performance.now();
      apis[k].extractAll(docs[k], u);
      times[k].push(performance.now() - t0);
    }
  }
  return times;
})()`;

/**
 * A and B in one page, alternating run by run (A/B then B/A), each on its own copy of the page: load
 * falls on both alike, and so do the collector's pauses (one heap), which this mode cannot tell apart.
 */
export async function measureAbSamePage(ref = 'main', runs = 42, rows = 10_000): Promise<AbTiming[]> {
  const both = await Promise.all([bundleAt(ref, '__extractA'), bundle(here, '__extractB', true)]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    for (const content of both) await page.addScriptTag({ content });
    const compared = (await page.evaluate(`(${comparePage})(${rows})`)) as { differing: string[]; lists: { list: string; same: boolean; sightings: number }[] };
    const out: AbTiming[] = [];
    for (const [index, { list, same, sightings }] of compared.lists.entries()) {
      const [a, b] = (await page.evaluate(samePage(rows, index, runs))) as [number[], number[]];
      const diffs = b.map((t, i) => t - a[i]!).sort((x, y) => x - y);
      out.push({ list, runs, same, sightings, differing: compared.differing, a: stats(a), b: stats(b), pairedDiff: round(diffs[Math.floor(diffs.length / 2)]!) });
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** bench-extraction.ts's page procedure, as it is: every list parsed in turn, one warm-up, `runs` timed runs; the medians. */
const benchPage = (rows: number, runs: number) => `(function () {
  const api = globalThis.__extract;
  return Object.entries(api.generateBigLists(${rows})).map(([list, { url, html }]) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const u = new URL(url);
    api.extractAll(doc, u);
    const times = [];
    for (let i = 0; i < ${runs}; i++) {
      const t0 = performance.now();
      api.extractAll(doc, u);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(${runs} / 2)];
  });
})()`;

/**
 * The bench's own figure, A against B: `rounds` times, each side in a fresh browser runs the bench's
 * procedure (a fresh page, the four lists in the bench's order), A first then B first in turn.
 * Returns per list the medians each round gave.
 */
export async function measureBenchAb(ref = 'main', rounds = 6, rows = 10_000, runs = 21): Promise<{ list: string; a: number[]; b: number[] }[]> {
  const generators = `export { generateBigLists } from '${here}big-lists';\n`;
  const scripts = await Promise.all([bundleAt(ref, '__extract', generators), bundle(here, '__extract', generators)]);
  const medians: number[][][] = [[], []];
  for (let round = 0; round < rounds; round++) {
    for (const k of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage();
        await page.setContent('<!DOCTYPE html><html><body></body></html>');
        await page.addScriptTag({ content: scripts[k]! });
        medians[k]!.push((await page.evaluate(benchPage(rows, runs))) as number[]);
      } finally {
        await browser.close();
      }
    }
  }
  const names = Object.keys((await import('./big-lists')).generateBigLists(1));
  return names.map((list, i) => ({ list, a: medians[0]!.map((m) => round(m[i]!)), b: medians[1]!.map((m) => round(m[i]!)) }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === '--bench') {
  const ref = process.argv[3] ?? 'main';
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  for (const { list, a, b } of await measureBenchAb(ref, Number(process.argv[4] ?? 6))) {
    console.log(`${list}: bench medians, A (${ref}) ${med(a)} ms [${a.join(', ')}]; B (tree) ${med(b)} ms [${b.join(', ')}]`);
  }
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const same = process.argv[2] === '--same-page';
  const args = same ? process.argv.slice(3) : process.argv.slice(2);
  const ref = args[0] ?? 'main';
  const runs = Number(args[1] ?? 42);
  const timings = await (same ? measureAbSamePage : measureAb)(ref, runs);
  const differing = timings[0]?.differing ?? [];
  console.log(differing.length > 0 ? `DIFFERENT output on: ${differing.join(', ')}` : 'same output on the varied lists (seeds 1-5)');
  for (const t of timings) {
    const f = (x: AbTiming['a']) => `${x.median} ms [p25 ${x.p25}, p75 ${x.p75}, best ${x.best}]`;
    console.log(`${t.list}: ${t.sightings} sightings, ${t.same ? 'same' : 'DIFFERENT'} output; A (${ref}) ${f(t.a)}; B (tree) ${f(t.b)}; paired B−A median ${t.pairedDiff} ms (${t.runs} runs each)`);
  }
}
