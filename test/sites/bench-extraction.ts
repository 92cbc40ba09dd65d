// Times extraction on the generated 10,000-row lists in Chromium's real DOM (happy-dom is 3-5x slower
// and says little about users). For `npm run bench`; run alone with `npx tsx test/sites/bench-extraction.ts`.
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { median, round } from '../bench/check';

export interface ExtractionTiming {
  list: string;
  rows: number;
  sightings: number;
  medianMs: number;
  bestMs: number;
  /** Each run's time, ms, in the order run. */
  times: number[];
}

/** Bundles the adapters and the list generators into one script for the page. */
async function bundle(): Promise<string> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const result = await build({
    stdin: {
      contents: `export { extractAll } from './match-sites';\nexport { generateBigLists } from './big-lists';`,
      resolveDir: here,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: '__inserjeunesBench',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function measureExtraction(options: { rows?: number; runs?: number; executablePath?: string } = {}): Promise<ExtractionTiming[]> {
  const { rows = 10_000, runs = 21, executablePath = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium' } = options;
  const script = await bundle();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: script });
    return await page.evaluate(
      ({ rows, runs }) => {
        type Api = {
          extractAll(d: Document, u: URL): unknown[];
          generateBigLists(n: number): Record<string, { url: string; html: string }>;
        };
        const api = (globalThis as unknown as { __inserjeunesBench: Api }).__inserjeunesBench;
        return Object.entries(api.generateBigLists(rows)).map(([list, { url, html }]) => {
          const doc = new DOMParser().parseFromString(html, 'text/html');
          const u = new URL(url);
          api.extractAll(doc, u); // warm-up
          const times: number[] = [];
          let sightings = 0;
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            sightings = api.extractAll(doc, u).length;
            times.push(performance.now() - t0);
          }
          return { list, rows, sightings, times };
        });
      },
      { rows, runs },
    ).then((lists) => lists.map((l) => ({ ...l, medianMs: round(median(l.times)) ?? 0, bestMs: round(Math.min(...l.times)) ?? 0 })));
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const t of await measureExtraction()) {
    console.log(`${t.list}: ${t.sightings} sightings from ${t.rows} rows, median ${t.medianMs} ms, best ${t.bestMs} ms (budget 20 ms)`);
  }
}
