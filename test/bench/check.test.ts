import { describe, expect, it } from 'vitest';
import { budgets } from './budgets';
import { checkFailures, exitCode, formatTable, heavyPageRows, judge, median, missSteps, overFloor, shiftRows, spread, timingRow, toRow } from './check';

describe('judge', () => {
  it('keeps an upper bound inclusive and flags what is above', () => {
    expect(judge(budgets.contentScriptGzipKB, 12)).toBe('ok');
    expect(judge(budgets.contentScriptGzipKB, 12.01)).toBe('over');
  });
  it('reads atLeast budgets as lower bounds', () => {
    expect(judge(budgets.referentielLookupsPerSec, 100_000)).toBe('ok');
    expect(judge(budgets.referentielLookupsPerSec, 99_999)).toBe('over');
  });
  it('calls a value that could not be taken missing', () => {
    expect(judge(budgets.nonMatchingRequests, null)).toBe('missing');
    expect(judge(budgets.nonMatchingRequests, Number.NaN)).toBe('missing');
  });
});

describe('--check', () => {
  it('fails when a reliable budget is broken, in a quick run as in a full one', () => {
    const rows = [toRow({ budget: 'contentScriptGzipKB', value: 13.4 }), toRow({ budget: 'nonMatchingRequests', value: 0 })];
    expect(checkFailures(rows, 'quick').map((r) => r.label)).toEqual([budgets.contentScriptGzipKB.label]);
    expect(exitCode(rows, true, 'quick')).toBe(1);
    expect(exitCode(rows, true, 'full')).toBe(1);
  });
  it('judges the service worker heap in a quick run', () => {
    expect(exitCode([toRow({ budget: 'workerHeapMB', value: 31 })], true, 'quick')).toBe(1);
    expect(exitCode([toRow({ budget: 'workerHeapMB', value: 12 })], true, 'quick')).toBe(0);
  });
  it('fails when a reliable count was not measured', () => {
    const rows = [toRow({ budget: 'nonMatchingObservers', value: null, note: 'Chromium absent' })];
    expect(exitCode(rows, true, 'quick')).toBe(1);
  });
  it('judges timings in a full run only', () => {
    const rows = [toRow({ budget: 'addedTaskVsFloor', value: 2.5 }), toRow({ budget: 'contentScriptGzipKB', value: 8 })];
    expect(exitCode(rows, true, 'quick')).toBe(0);
    expect(checkFailures(rows, 'full').map((r) => r.label)).toEqual([budgets.addedTaskVsFloor.label]);
    expect(exitCode(rows, true, 'full')).toBe(1);
    expect(exitCode([toRow({ budget: 'wakePanelOverFloorMs', value: null })], true, 'full')).toBe(1);
  });
  it('does not fail a quick run on a slow timing', () => {
    const rows = [
      toRow({ budget: 'heavyPageLoadRatio', value: 1.4 }),
      toRow({ budget: 'fortyRowsMs', value: 5000 }),
      toRow({ budget: 'referentielLookupsPerSec', value: 10 }),
      toRow({ budget: 'panelFromCacheMs', value: null }),
      toRow({ budget: 'contentScriptGzipKB', value: 8 }),
    ];
    expect(rows[0]!.status).toBe('over');
    expect(checkFailures(rows, 'quick')).toEqual([]);
    expect(exitCode(rows, true, 'quick')).toBe(0);
  });
  it('never fails without --check', () => {
    expect(exitCode([toRow({ budget: 'contentScriptGzipKB', value: 99 })], false, 'full')).toBe(0);
  });
  it('reports an informational figure without judging it', () => {
    const row = toRow({ label: 'requêtes', value: 120, unit: 'count' });
    expect(row.status).toBe('info');
    expect(row.reliable).toBe(false);
    expect(exitCode([row], true, 'full')).toBe(0);
  });
  it('gives every row with a limit the status ok or over once it is measured', () => {
    for (const name of Object.keys(budgets) as (keyof typeof budgets)[]) {
      expect(['ok', 'over']).toContain(toRow({ budget: name, value: 1 }).status);
    }
  });
});

describe('formatTable', () => {
  it('prints one line per measure with its budget, status, runs and spread', () => {
    const text = formatTable([
      toRow({ budget: 'contentScriptGzipKB', label: 'onisep.js (gzip)', value: 9.31 }),
      toRow({ budget: 'heavyPageLoadRatio', value: 1.05, runs: 15, spread: 0.04 }),
    ]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^onisep\.js \(gzip\)\s+9\.31 KB\s+≤ 12 KB \*\s+ok$/);
    expect(lines[3]).toMatch(/1\.05 ratio\s+≤ 1\.03 ratio\s+dépassé\s+n=15 ±0\.04$/);
  });
  it('says when a timing had too few runs for a spread', () => {
    expect(formatTable([toRow({ budget: 'fortyRowsMs', value: 900, runs: 1 })]).split('\n')[2]).toMatch(/ok\s+n=1$/);
  });
});

describe('spread', () => {
  it('is the interquartile range of the runs', () => {
    expect(spread([1, 2, 3, 4, 5])).toBe(2);
    expect(spread([10, 10, 10, 50])).toBe(10);
    expect(spread([7])).toBeNull();
  });
});

describe('overFloor', () => {
  it('divides our added cost by the floor’s', () => {
    expect(overFloor(15, 10)).toBe(1.5);
    expect(overFloor(30, 10)).toBe(3);
  });
  it('takes a floor under 1 ms as 1 ms and a negative cost of ours as none', () => {
    expect(overFloor(3, 0.2)).toBe(3);
    expect(overFloor(3, -4)).toBe(3);
    expect(overFloor(-2, 10)).toBe(0);
  });
  it('is not measured when either side is missing', () => {
    expect(overFloor(null, 10)).toBeNull();
    expect(overFloor(10, null)).toBeNull();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('missSteps', () => {
  const sample = (missMs: number, messageMs: number | null, answerMs: number | null, uiLoadedMs: number | null) => ({
    url: 'https://www.onisep.fr/x',
    missMs,
    hitMs: 50,
    requestsOnMiss: 3,
    requestsOnHit: 0,
    missSteps: { messageMs, answerMs, uiLoadedMs },
  });
  it('splits a miss into the page’s steps, each a median over the samples that marked it', () => {
    const rows = missSteps([sample(150, 10, 120, 60), sample(170, 20, 150, 80), sample(160, 30, null, null)]);
    expect(rows.map((r) => r.value)).toEqual([20, 120, 25, 70]);
    expect(rows.map((r) => r.runs)).toEqual([3, 2, 2, 2]);
    expect(rows.every((r) => r.budget === undefined)).toBe(true);
  });
});

describe('heavyPageRows', () => {
  it('judges our with / without, and gives the floor’s with / without beside it for information', () => {
    const fig = { with: 900, floor: 880, without: 800, added: 100, addedSpread: 40, floorAdded: 80, floorAddedSpread: 30 };
    const cost = { page: 'page lourde', url: 'https://www.onisep.fr/lourde', runs: 15, load: fig, task: fig, ratio: 1.125, ratioSpread: 0.05, extractMs: 1, longTasksWith: 0, longTasksWithout: 0 };
    const [ours, floor] = heavyPageRows(cost).map(toRow);
    expect(ours).toMatchObject({ label: budgets.heavyPageLoadRatio.label, value: 1.125, status: 'over', note: '900 / 800 ms' });
    expect(floor).toMatchObject({ value: 1.1, unit: 'ratio', status: 'info', note: '880 / 800 ms' });
    expect(heavyPageRows({ ...cost, load: { ...fig, floor: null } }).map(toRow)[1]!.value).toBeNull();
  });
});

describe('shiftRows', () => {
  const sample = (shiftMiss: number | null, shiftHit: number | null, floorShift?: number | null) => ({
    url: 'https://www.onisep.fr/x',
    missMs: 150,
    hitMs: 50,
    requestsOnMiss: 3,
    requestsOnHit: 0,
    missSteps: { messageMs: 10, answerMs: 120, uiLoadedMs: 60 },
    shiftMiss,
    shiftHit,
    ...(floorShift === undefined ? {} : { floorShift }),
  });
  it('gives the layout shift of ours on a miss and from the cache, and of the floor, each a median over the pages that measured it', () => {
    const rows = shiftRows([sample(0.07, 0.069, 0), sample(0.0912, 0.08, 0.001), sample(0.05, null), sample(null, 0.0874)]);
    expect(rows.map((r) => r.value)).toEqual([0.07, 0.08, 0.001]);
    expect(rows.map((r) => r.runs)).toEqual([3, 3, 2]);
    expect(rows.every((r) => r.budget === undefined && r.label?.includes('CLS'))).toBe(true);
  });
});

describe('timingRow', () => {
  it('gives the median of the values, how many and how spread, judged when it names a budget', () => {
    const row = timingRow({ budget: 'panelFromCacheMs' }, [90, 60, 70, 200]);
    expect(row).toMatchObject({ budget: 'panelFromCacheMs', value: 80, runs: 4 });
    expect(toRow(row).status).toBe('ok');
    expect(toRow(timingRow({ budget: 'panelFromCacheMs' }, [])).status).toBe('missing');
    expect(timingRow({ label: 'x' }, [5])).toMatchObject({ label: 'x', unit: 'ms', value: 5 });
  });
  it('keeps the decimals asked for, in the value and the spread', () => {
    expect(timingRow({ budget: 'reportFromCacheMs' }, [0.123, 0.456, 0.2, 0.31], 2)).toMatchObject({ value: 0.26, spread: 0.17, runs: 4 });
    expect(timingRow({ budget: 'referentielLookupsPerSec' }, [150_123.4, 149_876.6, 151_000], 0)).toMatchObject({ value: 150_123, runs: 3 });
  });
});
