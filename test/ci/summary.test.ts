import { describe, expect, it } from 'vitest';
import { closingLine, playwrightCounts, vitestCounts } from './summary';

describe('CI closing line', () => {
  it('adds the unit and e2e counts in the plain form CI reads', () => {
    const unit = vitestCounts({ numPassedTests: 700, numFailedTests: 0, numPendingTests: 2 });
    const e2e = playwrightCounts({ stats: { expected: 76, unexpected: 1, flaky: 1, skipped: 0 } });
    expect(closingLine([unit, e2e])).toBe('tests: 777 passed, 1 failed, 2 skipped');
  });
});
