// The demo itself: the mock API on a free loopback port, an extension build pointed at it, Chromium with
// that build loaded, the fixture pages served at their real URLs; then pictures, or a window to browse.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { panel as panelStrings } from '../../lib/strings';
import { launchWithExtension } from '../e2e/chromium';
import { startMockApi, type MockApi } from '../mock-api/server';
import type { DemoOptions } from './args';
import { EMPTY_FINDINGS, indexPage, serveFixturePages, settle, settleExtensionPage, type PageFindings } from './browser';
import { SELECTION_SOURCES, demoShots, findFixture, fixtureId, readmeShots, type ExtensionShot, type Shot, type SiteShot } from './plan';

export const DEMO_BUILD = resolve('.output/chrome-mv3-demo');

export type Log = (line: string) => void;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`« ${command} ${args.join(' ')} » a échoué (code ${code}) :\n${output.slice(-4000)}`)),
    );
  });
}

/** The referentiel from the open-data fixtures, then a build whose default API is `apiUrl`, into DEMO_BUILD. */
export async function buildDemoExtension(apiUrl: string): Promise<string> {
  await run('npm', ['run', '-s', 'referentiel', '--', 'build', '--auto', '--from', 'test/fixtures/referentiel'], {});
  await run('npx', ['wxt', 'build', '--mode', 'demo'], { WXT_INSERJEUNES_API_URL: apiUrl });
  if (!existsSync(join(DEMO_BUILD, 'manifest.json'))) throw new Error(`La construction n'a rien produit dans ${DEMO_BUILD}.`);
  return DEMO_BUILD;
}

export interface ShotResult {
  name: string;
  /** The picture, or undefined when the shot was skipped. */
  file?: string;
  /** `site/case` for a fixture page, the page name for an extension page. */
  what: string;
  findings: PageFindings;
  /** Why a shot was skipped or is doubtful, in French. */
  note?: string;
}

export interface Session {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  extensionDir: string;
}

/** Something is wrong with a page: the extension showed nothing, failed, or was still loading. */
export function isProblem(r: ShotResult): boolean {
  if (r.file === undefined) return false;
  if (r.what.includes('/')) return r.findings.panels + r.findings.badges === 0 || r.findings.failed > 0 || r.findings.busy;
  return false;
}

async function openPage(session: Session, shot: Shot): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(shot.viewport);
  await page.emulateMedia({ colorScheme: shot.colorScheme, reducedMotion: 'reduce' });
  return page;
}

async function shootSite(session: Session, shot: SiteShot, file: string, timeoutMs: number): Promise<ShotResult> {
  const page = await openPage(session, shot);
  try {
    await page.goto(shot.fixture.url);
    let findings = await settle(page, { timeoutMs });
    const result: ShotResult = { name: shot.name, what: fixtureId(shot.fixture), findings };
    if (shot.openBadge) {
      const badge = page.locator('inserjeunes-badge button').first();
      if ((await badge.count()) === 0) return { ...result, note: 'aucun badge à ouvrir' };
      await badge.click();
      findings = await settle(page, { minPanels: findings.panels + 1, timeoutMs });
      result.findings = findings;
    }
    // A badge's floating panel is in view already; an inline panel or a badge may be below the fold.
    if (!shot.openBadge) {
      const onBadge = shot.focus === 'badge' || findings.panels === 0;
      const target = page.locator(onBadge ? 'inserjeunes-badge' : 'inserjeunes-panel').first();
      const block: ScrollLogicalPosition = onBadge ? 'center' : 'nearest';
      if ((await target.count()) > 0) await target.evaluate((el, b) => el.scrollIntoView({ block: b }), block);
    }
    await page.screenshot({ path: file, animations: 'disabled' });
    return { ...result, file };
  } finally {
    await page.close();
  }
}

/** The Chrome tab id of the tab showing `url`, as the popup's `?tab=` wants it. */
async function tabIdOf(worker: Worker, url: string): Promise<number | undefined> {
  return worker.evaluate(async (u) => {
    const tabs = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id;
  }, url);
}

/** Saves the programmes of a few pages into the selection, through the panels' own button. */
async function fillSelection(session: Session): Promise<number> {
  let saved = 0;
  for (const id of SELECTION_SOURCES) {
    const page = await session.context.newPage();
    try {
      await page.goto(findFixture(id).url);
      await settle(page);
      const buttons = page.locator('inserjeunes-panel').getByRole('button', { name: panelStrings.save });
      const n = await buttons.count();
      for (let i = 0; i < n; i++) await buttons.nth(0).click(); // a saved programme's button changes its name
      if (n > 0) await page.locator('inserjeunes-panel').getByText(panelStrings.saved).first().waitFor({ timeout: 3_000 });
      saved += n;
    } finally {
      await page.close();
    }
  }
  return saved;
}

async function shootExtension(session: Session, shot: ExtensionShot, file: string): Promise<ShotResult> {
  const result: ShotResult = { name: shot.name, what: shot.page, findings: EMPTY_FINDINGS };
  if (!existsSync(join(session.extensionDir, shot.page))) return { ...result, note: `pas de ${shot.page} dans cette construction` };
  let query = '';
  let tabPage: Page | undefined;
  if (shot.tabOf) {
    tabPage = await session.context.newPage();
    await tabPage.goto(shot.tabOf.url);
    await settle(tabPage);
    const id = await tabIdOf(session.worker, shot.tabOf.url);
    if (id !== undefined) query = `?tab=${id}`;
  }
  if (shot.page === 'selection.html') {
    const saved = await fillSelection(session);
    if (saved === 0) result.note = 'aucune formation ajoutée à la sélection';
  }
  const page = await openPage(session, shot);
  try {
    await page.goto(`chrome-extension://${session.extensionId}/${shot.page}${query}`);
    await settleExtensionPage(page);
    await page.screenshot({ path: file, animations: 'disabled', fullPage: shot.page !== 'popup.html' && !shot.viewportOnly });
    return { ...result, file };
  } finally {
    await page.close();
    await tabPage?.close();
  }
}

/** Takes each shot in a fresh tab of the session; a shot that throws is reported and the next one runs. */
export async function photograph(
  session: Session,
  shots: readonly Shot[],
  outDir: string,
  log: Log,
  /** How long a page may take to show the extension's panels and badges. */
  settleTimeoutMs = 10_000,
): Promise<ShotResult[]> {
  mkdirSync(outDir, { recursive: true });
  const results: ShotResult[] = [];
  for (const shot of shots) {
    const file = join(outDir, `${shot.name}.png`);
    try {
      const r = shot.kind === 'site' ? await shootSite(session, shot, file, settleTimeoutMs) : await shootExtension(session, shot, file);
      results.push(r);
      log(describe(r));
    } catch (e) {
      const r: ShotResult = {
        name: shot.name,
        what: shot.kind === 'site' ? fixtureId(shot.fixture) : shot.page,
        findings: EMPTY_FINDINGS,
        note: `échec : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      };
      results.push(r);
      log(describe(r));
    }
  }
  return results;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** One line of the summary, in French. */
export function describe(r: ShotResult): string {
  const where = r.file ? relative(process.cwd(), r.file) : '—';
  const parts: string[] = [];
  if (r.what.includes('/')) {
    const f = r.findings;
    parts.push(plural(f.panels, 'panneau', 'panneaux'), plural(f.badges, 'badge', 'badges'));
    if (f.failed) parts.push(plural(f.failed, 'panneau en échec', 'panneaux en échec'));
    if (f.busy) parts.push('encore en chargement');
    if (f.titles.length) parts.push(`« ${[...new Set(f.titles)].join(' », « ')} »`);
  }
  if (r.note) parts.push(r.note);
  return `${isProblem(r) ? '✗' : r.file ? '✓' : '–'} ${r.what.padEnd(34)} ${parts.join(', ')}  →  ${where}`;
}

/** The demo's mock API port when free (beside the e2e tests' 7357): the pictures then show a stable API address. */
export const DEMO_MOCK_PORT = 7358;

/** The mock API on `preferred`, or on any free port when that one is taken. */
export async function startDemoMock(preferred = DEMO_MOCK_PORT): Promise<MockApi> {
  try {
    return await startMockApi({ port: preferred });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    return startMockApi({ port: 0 });
  }
}

/** Starts the mock API, builds, launches Chromium. The caller closes the returned session with `stop`. */
export async function startSession(log: Log, headless: boolean): Promise<{ session: Session; mock: MockApi; stop: () => Promise<void> }> {
  const mock = await startDemoMock();
  try {
    log(`API InserJeunes simulée : ${mock.url}`);
    log('Construction de l’extension pointée vers cette API…');
    const extensionDir = await buildDemoExtension(mock.url);
    log(`Extension construite : ${relative(process.cwd(), extensionDir)}`);
    const launched = await launchWithExtension(extensionDir, { headless });
    await serveFixturePages(launched.context);
    const session: Session = { ...launched, extensionDir };
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await launched.context.close().catch(() => undefined);
      await mock.close();
    };
    return { session, mock, stop };
  } catch (e) {
    await mock.close();
    throw e;
  }
}

/** `npm run demo` / `npm run screenshots`. Resolves with the results (empty for the headed demo). */
export async function runDemo(options: DemoOptions, log: Log = console.log): Promise<ShotResult[]> {
  const { session, stop } = await startSession(log, !options.headed);
  try {
    if (options.headed) {
      const index = await session.context.newPage();
      await index.setContent(indexPage());
      log('Chromium est ouvert avec l’extension : choisissez une page dans le premier onglet. Fermez la fenêtre ou Ctrl+C pour arrêter.');
      await new Promise<void>((done) => {
        session.context.once('close', () => done());
        process.once('SIGINT', () => done());
        process.once('SIGTERM', () => done());
      });
      return [];
    }
    const shots = options.screenshotsOnly ? readmeShots() : demoShots(undefined, options.only);
    log(`${shots.length} captures dans ${relative(process.cwd(), options.outDir) || '.'} :`);
    const results = await photograph(session, shots, options.outDir, log);
    // The demo's own record of what each page showed; the README's folder keeps pictures only.
    if (!options.screenshotsOnly) writeFileSync(join(options.outDir, 'index.json'), JSON.stringify(results.map(({ file, ...r }) => ({ ...r, file: file && relative(options.outDir, file) })), null, 2) + '\n');
    return results;
  } finally {
    await stop();
  }
}
