// `npx tsx test/bench/profile.ts [--no-build-check] [runs]`: where the main-thread time our extension
// adds goes. Loads each fixture page kind with the bench build (`npm run build:bench` first), under
// the V8 sampling profiler of the page's renderer (content scripts run in the page's isolate), and
// sums self time by script file of the extension, and by function for the heaviest ones.
import { resolve } from 'node:path';
import { startMockApi } from '../mock-api/server';
import { launchWithExtension } from '../e2e/chromium';
import { routeSites } from '../e2e/fixtures';
import { pageFixtures } from '../fixtures/pages';

const OUT_DIR = resolve('.output/chrome-mv3-bench');
const runs = Number(process.argv[2] ?? 5);

/** The part of a CDP `Profiler.Profile` read here. */
interface Profile {
  nodes: { id: number; callFrame: { url: string; functionName: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time (ms) by `file` and by `file function:line`, for the extension's scripts only. */
export function selfTimes(profile: Profile, prefix: string): { byFile: Map<string, number>; byFunction: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < (profile.samples ?? []).length; i++) {
    const id = profile.samples![i]!;
    self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    if (!f.url.startsWith(prefix)) continue;
    const file = f.url.slice(prefix.length);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    const key = `${file} ${f.functionName || '(anonyme)'}:${f.lineNumber}:${f.columnNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  return { byFile, byFunction };
}

async function main(): Promise<void> {
  const mock = await startMockApi({ port: 7359, latencyMs: 50 });
  const ext = await launchWithExtension(OUT_DIR);
  const prefix = `chrome-extension://${ext.extensionId}/`;
  await routeSites(ext.context);
  const total = new Map<string, number>();
  const fns = new Map<string, number>();
  try {
    for (const p of pageFixtures) {
      for (let i = 0; i < runs; i++) {
        const page = await ext.context.newPage();
        const cdp = await ext.context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
        await page.goto(p.url, { waitUntil: 'load' });
        await page.waitForTimeout(1500);
        const { profile } = await cdp.send('Profiler.stop');
        const { byFile, byFunction } = selfTimes(profile, prefix);
        for (const [k, v] of byFile) total.set(`${p.site}/${p.case} ${k}`, (total.get(`${p.site}/${p.case} ${k}`) ?? 0) + v / runs);
        for (const [k, v] of byFunction) fns.set(k, (fns.get(k) ?? 0) + v / runs / pageFixtures.length);
        await page.close();
      }
    }
  } finally {
    await ext.context.close();
    await mock.close();
  }
  const show = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(2).padStart(7)} ms  ${k}`).join('\n');
  console.log(`temps propre moyen par chargement (${runs} chargements par page), par page et fichier :\n${show(total, 40)}`);
  console.log(`\nfonctions les plus lourdes (moyenne sur les pages) :\n${show(fns, 25)}`);
}

if (process.argv[1]?.endsWith('profile.ts')) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
