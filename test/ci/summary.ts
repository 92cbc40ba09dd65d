// Prints the closing line of a CI run from the unit and both e2e suites' JSON reports: "N passed, M failed".
import { existsSync, readFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** vitest's JSON reporter (Jest-compatible shape). */
export function vitestCounts(report: { numPassedTests: number; numFailedTests: number; numPendingTests?: number; numTodoTests?: number }): Counts {
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

/** Playwright's JSON reporter. */
export function playwrightCounts(report: { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }): Counts {
  const s = report.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

export function closingLine(parts: Counts[]): string {
  const sum = parts.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }), { passed: 0, failed: 0, skipped: 0 });
  return `tests: ${sum.passed} passed, ${sum.failed} failed` + (sum.skipped ? `, ${sum.skipped} skipped` : '');
}

if (process.argv[1]?.endsWith('summary.ts')) {
  const read = (f: string) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : undefined);
  const unit = read('test-results/vitest.json');
  const e2e = read('test-results/e2e.json');
  const firefox = read('test-results/e2e-firefox.json');
  const parts = [...(unit ? [vitestCounts(unit)] : []), ...(e2e ? [playwrightCounts(e2e)] : []), ...(firefox ? [vitestCounts(firefox)] : [])];
  if (parts.length < 3) {
    console.error('summary: a test report is missing (test-results/vitest.json, test-results/e2e.json, test-results/e2e-firefox.json)');
    process.exit(1);
  }
  console.log(closingLine(parts));
}
