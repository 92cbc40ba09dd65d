// The 40-programme page's figure is a median of several loads, with how noisy they were.
import { describe, expect, it } from 'vitest';
import { summarizeForty, type FortySample } from './forty';

const sample = (completeMs: number | null, over: Partial<FortySample> = {}): FortySample => ({
  completeMs,
  firstFiguresMs: completeMs === null ? null : completeMs / 2,
  requests: 43,
  distinctRequests: 43,
  badgesWithFigures: 40,
  ...over,
});

describe('summarizeForty', () => {
  it('gives the median of the loads, their count and their interquartile range', () => {
    const m = summarizeForty(40, [sample(1300), sample(900), sample(1000), sample(2000), sample(1100)]);
    expect(m).toMatchObject({ rows: 40, runs: 5, completeMs: 1100, spread: 300, incomplete: 0, firstFiguresMs: 550 });
    expect(m.samples).toHaveLength(5);
  });

  it('has no figure when a load never completed: a badge left loading is a fault, not noise', () => {
    const m = summarizeForty(40, [sample(900), sample(null), sample(950)]);
    expect(m).toMatchObject({ completeMs: null, spread: null, incomplete: 1, runs: 3 });
  });

  it('reports the median requests and the worst load’s badges with figures', () => {
    const m = summarizeForty(40, [sample(900, { requests: 41 }), sample(950, { requests: 43, badgesWithFigures: 37 }), sample(990, { requests: 44 })]);
    expect(m.requests).toBe(43);
    expect(m.badgesWithFigures).toBe(37);
  });
});
