import { describe, expect, it } from 'vitest';
import { budgets } from './budgets';
import { checkFailures, exitCode, formatTable, judge, median, toRow } from './check';

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
  it('fails when a deterministic budget is broken', () => {
    const rows = [toRow({ budget: 'contentScriptGzipKB', value: 13.4 }), toRow({ budget: 'nonMatchingRequests', value: 0 })];
    expect(checkFailures(rows).map((r) => r.label)).toEqual([budgets.contentScriptGzipKB.label]);
    expect(exitCode(rows, true)).toBe(1);
  });
  it('fails when a deterministic count was not measured', () => {
    const rows = [toRow({ budget: 'nonMatchingObservers', value: null, note: 'Chromium absent' })];
    expect(exitCode(rows, true)).toBe(1);
  });
  it('does not fail on a slow timing', () => {
    const rows = [
      toRow({ budget: 'pageLoadRatio', value: 1.4 }),
      toRow({ budget: 'fortyRowsMs', value: 5000 }),
      toRow({ budget: 'referentielLookupsPerSec', value: 10 }),
      toRow({ budget: 'panelFromCacheMs', value: null }),
      toRow({ budget: 'contentScriptGzipKB', value: 8 }),
    ];
    expect(rows[0]!.status).toBe('over');
    expect(checkFailures(rows)).toEqual([]);
    expect(exitCode(rows, true)).toBe(0);
  });
  it('never fails without --check', () => {
    expect(exitCode([toRow({ budget: 'contentScriptGzipKB', value: 99 })], false)).toBe(0);
  });
  it('reports an informational figure without judging it', () => {
    const row = toRow({ label: 'requêtes', value: 120, unit: 'count' });
    expect(row.status).toBe('info');
    expect(row.deterministic).toBe(false);
    expect(exitCode([row], true)).toBe(0);
  });
});

describe('formatTable', () => {
  it('prints one line per measure with its budget and status', () => {
    const text = formatTable([toRow({ budget: 'contentScriptGzipKB', label: 'onisep.js (gzip)', value: 9.31 }), toRow({ budget: 'pageLoadRatio', value: 1.05 })]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^onisep\.js \(gzip\)\s+9\.31 KB\s+≤ 12 KB \*\s+ok$/);
    expect(lines[3]).toMatch(/1\.05 ratio\s+≤ 1\.03 ratio\s+dépassé$/);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
