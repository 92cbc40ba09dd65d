// The extraction's bench figures come with every run's time (`npm run bench` prints how many and how spread).
import { describe, expect, it } from 'vitest';
import { findChromium } from '../e2e/chromium';
import { median, round } from '../bench/check';
import { measureExtraction } from './bench-extraction';

const chromium = (() => {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
})();

describe.skipIf(!chromium)('extraction timings in Chromium', () => {
  it('gives each list’s run times, its median and best from them, and every row found', async () => {
    const lists = await measureExtraction({ rows: 200, runs: 4, executablePath: chromium! });
    expect(lists.map((l) => l.list)).toHaveLength(4);
    for (const l of lists) {
      expect(l.times, l.list).toHaveLength(4);
      expect(l.medianMs, l.list).toBe(round(median(l.times)));
      expect(l.bestMs, l.list).toBe(round(Math.min(...l.times)));
      expect(l.sightings, l.list).toBeGreaterThanOrEqual(200);
    }
  }, 60_000);
});
