// A/B timing of the extraction: the adapters of a git revision (A, default `main`) against the working
// tree's (B), on the generated 10,000-row documents in one Chromium page (each side its own copy of the
// same page), runs alternating A/B and B/A so that load from other processes falls on both alike. Also checks that both find the very same
// sightings (anchors compared by identity). Run: `npx tsx test/sites/ab-extraction.ts [ref] [runs]`.
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
async function bundle(sitesDir: string, globalName: string, generators = false): Promise<string> {
  const gen = generators ? `export { generateBigLists } from './big-lists';\nexport { generateVariedLists } from './varied-lists';` : '';
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
async function bundleAt(ref: string, globalName: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ab-extraction-'));
  try {
    execFileSync('sh', ['-c', `git archive "$1" lib test/sites | tar -x -C "$2"`, 'sh', ref, dir], { cwd: repo });
    return await bundle(join(dir, 'test/sites'), globalName);
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

/** Runs in the page: both adapters on each generated list, alternating, and whether they agree. */
const inPage = `function (rows, runs) {
  const apis = [globalThis.__extractA, globalThis.__extractB];
  const r = (x) => Math.round(x * 10) / 10;
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
  const stats = (t) => {
    const s = [...t].sort((x, y) => x - y);
    return { median: r(s[Math.floor(runs / 2)]), p25: r(s[Math.floor(runs / 4)]), p75: r(s[Math.floor((3 * runs) / 4)]), best: r(s[0]) };
  };
  return Object.entries(apis[1].generateBigLists(rows)).map(([list, { url, html }]) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const u = new URL(url);
    const same = sameOutput(doc, u);
    const sightings = apis[1].extractAll(doc, u).length;
    // Each side times its own copy of the page: the wrapper objects one side's reads create would
    // otherwise be there, ready, for the other's.
    const docs = [new DOMParser().parseFromString(html, 'text/html'), new DOMParser().parseFromString(html, 'text/html')];
    apis[0].extractAll(docs[0], u);
    apis[1].extractAll(docs[1], u);
    const times = [[], []];
    for (let i = 0; i < runs; i++) {
      for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
        const t0 = performance.now();
        apis[k].extractAll(docs[k], u);
        times[k].push(performance.now() - t0);
      }
    }
    const diffs = times[1].map((t, i) => t - times[0][i]).sort((x, y) => x - y);
    return { list, runs, same, sightings, differing, a: stats(times[0]), b: stats(times[1]), pairedDiff: r(diffs[Math.floor(runs / 2)]) };
  });
}`;

export async function measureAb(ref = 'main', runs = 41, rows = 10_000): Promise<AbTiming[]> {
  const [a, b] = await Promise.all([bundleAt(ref, '__extractA'), bundle(here, '__extractB', true)]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: a });
    await page.addScriptTag({ content: b });
    // Plain JavaScript in a string: tsx would wrap the page's local functions in a helper the page lacks.
    return (await page.evaluate(`(${inPage})(${rows}, ${runs})`)) as AbTiming[];
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ref = process.argv[2] ?? 'main';
  const runs = Number(process.argv[3] ?? 41);
  const timings = await measureAb(ref, runs);
  const differing = timings[0]?.differing ?? [];
  console.log(differing.length > 0 ? `DIFFERENT output on: ${differing.join(', ')}` : 'same output on the varied lists (seeds 1-5)');
  for (const t of timings) {
    const f = (x: AbTiming['a']) => `${x.median} ms [p25 ${x.p25}, p75 ${x.p75}, best ${x.best}]`;
    console.log(`${t.list}: ${t.sightings} sightings, ${t.same ? 'same' : 'DIFFERENT'} output; A (${ref}) ${f(t.a)}; B (tree) ${f(t.b)}; paired B−A median ${t.pairedDiff} ms (${t.runs} runs each)`);
  }
}
