import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../e2e/chromium';
import { pageFixtures, type PageFixture } from '../fixtures/pages';
import { EMPTY_FINDINGS, indexPage } from './browser';
import { findFixture, type Shot } from './plan';
import { createServer } from 'node:net';
import { DEMO_MOCK_PORT, describe as describeResult, isProblem, photograph, startDemoMock, startSession, type ShotResult } from './run';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('index page of the headed demo', () => {
  it('links every fixture page at its real URL, by site, in French', () => {
    const html = indexPage();
    for (const f of pageFixtures) expect(html).toContain(`href="${f.url.replace(/&/g, '&#38;')}"`);
    expect(html).toContain('<html lang="fr">');
    expect(html.indexOf('<h2>Onisep</h2>')).toBeLessThan(html.indexOf('<h2>Parcoursup</h2>'));
  });

  it('escapes what it prints', () => {
    const evil: PageFixture = { ...pageFixtures[0]!, case: '<script>x</script>', url: 'https://www.onisep.fr/"onmouseover="x' };
    const html = indexPage([evil]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"onmouseover');
  });
});

describe('summary lines', () => {
  const base: ShotResult = { name: 'n', what: 'onisep/action', file: '/tmp/n.png', findings: EMPTY_FINDINGS };
  it('flags a page where the extension showed nothing, failed or was still loading', () => {
    expect(isProblem(base)).toBe(true);
    expect(isProblem({ ...base, findings: { ...EMPTY_FINDINGS, panels: 1 } })).toBe(false);
    expect(isProblem({ ...base, findings: { ...EMPTY_FINDINGS, panels: 1, failed: 1 } })).toBe(true);
    expect(isProblem({ ...base, findings: { ...EMPTY_FINDINGS, badges: 2, busy: true } })).toBe(true);
    expect(isProblem({ ...base, what: 'options.html' })).toBe(false);
    expect(isProblem({ ...base, file: undefined })).toBe(false);
  });
  it('says in French what was seen', () => {
    const line = describeResult({ ...base, findings: { ...EMPTY_FINDINGS, panels: 2, badges: 1, titles: ['A', 'A', 'B'] } });
    expect(line).toMatch(/^✓ onisep\/action .*2 panneaux, 1 badge, « A », « B »/);
    expect(describeResult(base)).toMatch(/^✗ .*0 panneau, 0 badge/);
  });
});

describe('demo mock API port', () => {
  it('takes the preferred port when free, and another one when it is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const taken = (blocker.address() as { port: number }).port;
    const second = await startDemoMock(taken);
    expect(second.port).not.toBe(taken);
    await second.close();
    await new Promise<void>((done) => blocker.close(() => done()));
    const first = await startDemoMock(taken);
    expect(first.port).toBe(taken);
    expect(first.url).toBe(`http://127.0.0.1:${taken}/api/inserjeunes`);
    await first.close();
    expect(DEMO_MOCK_PORT).not.toBe(7357); // the e2e tests' mock
  });
});

const hasChromium = (() => {
  try {
    findChromium();
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasChromium)('the demo in Chromium (mock API, demo build, fixture pages)', () => {
  let started: Awaited<ReturnType<typeof startSession>>;
  const out = mkdtempSync(join(tmpdir(), 'ij-demo-'));
  const shoot = (shots: Shot[], settleMs?: number) => photograph(started.session, shots, out, () => undefined, settleMs);

  beforeAll(async () => {
    started = await startSession(() => undefined, true);
  }, 90_000);
  afterAll(async () => {
    await started?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('photographs a fixture page with the panel and the mock API figures, at the asked size', async () => {
    const [r] = await shoot([
      { kind: 'site', name: 'formation', fixture: findFixture('onisep/formation-context-number'), viewport: { width: 900, height: 700 }, colorScheme: 'light' },
    ]);
    expect(r!.findings).toMatchObject({ panels: 1, badges: 0, failed: 0, busy: false });
    expect(r!.findings.titles.join()).toMatch(/Métiers de la sécurité/);
    expect(pngSize(r!.file!)).toEqual({ width: 900, height: 700 });
    expect(started.mock.requests.some((q) => q.path.includes('23830034403') && q.status === 200)).toBe(true);
    expect(isProblem(r!)).toBe(false);
  }, 30_000);

  it('opens a badge into a floating panel', async () => {
    const [r] = await shoot([
      { kind: 'site', name: 'badge', fixture: findFixture('onisep/etablissement'), viewport: { width: 1100, height: 760 }, colorScheme: 'dark', openBadge: true },
    ]);
    expect(r!.findings.badges).toBe(3);
    expect(r!.findings.panels).toBe(2); // the establishment's own panel, and the one the badge opened
    expect(r!.note).toBeUndefined();
  }, 30_000);

  it('fills the selection through the panels before photographing its page, and the popup of a tab', async () => {
    const tabOf = findFixture('onisep/action');
    const results = await shoot([
      { kind: 'extension', name: 'popup', page: 'popup.html', viewport: { width: 400, height: 600 }, colorScheme: 'light', tabOf },
      { kind: 'extension', name: 'selection', page: 'selection.html', viewport: { width: 1000, height: 700 }, colorScheme: 'light' },
    ]);
    expect(results.map((r) => r.note)).toEqual([undefined, undefined]);
    expect(pngSize(results[0]!.file!)).toEqual({ width: 400, height: 600 });
    const stored = await started.session.worker.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get('selection'),
    );
    expect((stored.selection as unknown[]).length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('reports a page where the extension shows nothing as a problem', async () => {
    const unknown: PageFixture = { ...findFixture('onisep/action'), case: 'absente', url: 'https://www.onisep.fr/ressources/univers-formation/formations/lycees/absente' };
    const [r] = await shoot([{ kind: 'site', name: 'absente', fixture: unknown, viewport: { width: 800, height: 600 }, colorScheme: 'light' }], 1_500);
    expect(r!.findings.panels + r!.findings.badges).toBe(0);
    expect(isProblem(r!)).toBe(true);
  }, 30_000);
});
