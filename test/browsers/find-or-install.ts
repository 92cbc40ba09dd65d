// The browsers the end-to-end tests drive: a system one when present, else installed (apt-get as root,
// else Playwright's download for Chromium, @puppeteer/browsers for Firefox), else one sentence on what to run.
// The decisions take their "which / exists / run / download" from `Host`, so unit tests can play any machine.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';
import { Browser, BrowserPlatform, computeExecutablePath, detectBrowserPlatform, install, resolveBuildId } from '@puppeteer/browsers';

export type BrowserName = 'chromium' | 'firefox';

/** What the decisions may ask of the machine. */
export interface Host {
  /** The executable `command` on the PATH, if any. */
  which(command: string): string | undefined;
  exists(path: string): boolean;
  /** Runs a command, its output shown; resolves true when it exits with 0. */
  run(command: string, args: string[]): Promise<boolean>;
  /** A browser fetched earlier by `download` (Playwright's or Puppeteer's cache), if there. */
  downloaded(browser: BrowserName): string | undefined;
  /** Fetches the browser into the user's cache; resolves its executable, or undefined when it could not. */
  download(browser: BrowserName): Promise<string | undefined>;
  isRoot: boolean;
  env: Record<string, string | undefined>;
  log(line: string): void;
}

interface BrowserSpec {
  label: string;
  /** Variable that names the executable, checked first. */
  envVar: string;
  /** Commands looked up on the PATH, then fixed paths. */
  commands: string[];
  paths: string[];
  /** Debian packages installed with apt-get when running as root. */
  aptPackages: string[];
  /** The one sentence shown when nothing worked. */
  whatToRun: string;
}

export const SPECS: Record<BrowserName, BrowserSpec> = {
  chromium: {
    label: 'Chromium',
    envVar: 'CHROMIUM_PATH',
    // Google Chrome is left out: its stable builds no longer load an unpacked extension from the command line.
    commands: ['chromium', 'chromium-browser'],
    paths: ['/usr/lib/chromium/chromium'],
    aptPackages: ['chromium', 'fonts-dejavu-core'],
    whatToRun:
      'Chromium est introuvable et n’a pas pu être installé : lancez « sudo apt-get install -y chromium » ' +
      '(ou « npx playwright install chromium »), ou donnez son chemin dans CHROMIUM_PATH, puis relancez « npm test ».',
  },
  firefox: {
    label: 'Firefox',
    envVar: 'FIREFOX_PATH',
    commands: ['firefox-esr', 'firefox'],
    paths: ['/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox'],
    aptPackages: ['firefox-esr', 'fonts-dejavu-core'],
    whatToRun:
      'Firefox est introuvable et n’a pas pu être installé : lancez « sudo apt-get install -y firefox-esr » ' +
      '(ou « npx @puppeteer/browsers install firefox@stable »), ou donnez son chemin dans FIREFOX_PATH, puis relancez « npm test ».',
  },
};

export class BrowserMissing extends Error {}

/** A browser already on this machine: the variable's path, the system's, then an earlier download. */
export function findBrowser(browser: BrowserName, host: Host): string | undefined {
  const spec = SPECS[browser];
  const named = host.env[spec.envVar];
  if (named) {
    if (host.exists(named)) return named;
    throw new BrowserMissing(`${spec.envVar}=${named} : ce fichier n’existe pas. Corrigez ou retirez la variable.`);
  }
  return findOnSystem(spec, host) ?? host.downloaded(browser);
}

function findOnSystem(spec: BrowserSpec, host: Host): string | undefined {
  for (const command of spec.commands) {
    const found = host.which(command);
    if (found) return found;
  }
  return spec.paths.find((p) => host.exists(p));
}

/**
 * The browser's executable, installed first when the machine has none: with apt-get when running as
 * root (as in CI), else downloaded into the user's cache. Says what it does; throws `BrowserMissing`
 * with what to run when nothing worked.
 */
export async function findOrInstall(browser: BrowserName, host: Host): Promise<string> {
  const spec = SPECS[browser];
  const present = findBrowser(browser, host);
  if (present) return present;

  if (host.isRoot && host.which('apt-get')) {
    host.log(`${spec.label} est absent : installation par apt-get (${spec.aptPackages.join(', ')}), quelques minutes…`);
    const installed =
      (await host.run('apt-get', ['update', '-qq'])) &&
      (await host.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...spec.aptPackages]));
    const found = installed ? findOnSystem(spec, host) : undefined;
    if (found) {
      host.log(`${spec.label} installé : ${found}`);
      return found;
    }
    host.log(`apt-get n’a pas fourni ${spec.label} ; essai du téléchargement.`);
  }

  host.log(`${spec.label} est absent : téléchargement dans le cache de l’utilisateur…`);
  const fetched = await host.download(browser).catch((e: unknown) => {
    host.log(`Le téléchargement a échoué : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return undefined;
  });
  if (fetched && host.exists(fetched)) {
    host.log(`${spec.label} téléchargé : ${fetched}`);
    return fetched;
  }
  throw new BrowserMissing(spec.whatToRun);
}

// ---------------------------------------------------------------- the real machine

export function which(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function run(command: string, args: string[]): Promise<boolean> {
  return new Promise((done) => {
    // stdout to stderr: a test runner's report keeps its own stream; apt-get asks nothing (-y, noninteractive).
    const child = spawn(command, args, { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.on('error', () => done(false));
    child.on('close', (code) => done(code === 0));
  });
}

/** Where @puppeteer/browsers keeps Firefox (Puppeteer's own default cache). */
const PUPPETEER_CACHE = join(homedir(), '.cache', 'puppeteer');

function downloadedBrowser(browser: BrowserName): string | undefined {
  if (browser === 'chromium') {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  }
  // @puppeteer/browsers keeps each build in <cache>/firefox/<platform>-<buildId>/.
  const dir = join(PUPPETEER_CACHE, Browser.FIREFOX);
  const builds = existsSync(dir) ? readdirSync(dir) : [];
  for (const name of builds) {
    const [platform, buildId] = [name.slice(0, name.indexOf('-')), name.slice(name.indexOf('-') + 1)];
    if (!(Object.values(BrowserPlatform) as string[]).includes(platform) || !buildId) continue;
    const path = computeExecutablePath({ browser: Browser.FIREFOX, buildId, platform: platform as BrowserPlatform, cacheDir: PUPPETEER_CACHE });
    if (existsSync(path)) return path;
  }
  return undefined;
}

async function downloadBrowser(browser: BrowserName): Promise<string | undefined> {
  if (browser === 'chromium') {
    // Playwright's own build of Chromium; as root it may also install the libraries it needs.
    const args = ['playwright', 'install', ...(process.getuid?.() === 0 ? ['--with-deps'] : []), '--no-shell', 'chromium'];
    return (await run('npx', args)) ? chromium.executablePath() : undefined;
  }
  const platform = detectBrowserPlatform();
  if (!platform) return undefined;
  const buildId = await resolveBuildId(Browser.FIREFOX, platform, 'stable');
  const installed = await install({ browser: Browser.FIREFOX, buildId, platform, cacheDir: PUPPETEER_CACHE, downloadProgressCallback: 'default' });
  return installed.executablePath;
}

export const realHost: Host = {
  which: (command) => which(command),
  exists: existsSync,
  run,
  downloaded: downloadedBrowser,
  download: downloadBrowser,
  isRoot: process.getuid?.() === 0,
  env: process.env,
  log: (line) => console.error(`[navigateurs] ${line}`),
};

/** Chromium for the e2e tests, the demo and the bench: found, else installed. */
export const findOrInstallChromium = (host: Host = realHost) => findOrInstall('chromium', host);
/** Firefox for the Firefox e2e suite: found, else installed. */
export const findOrInstallFirefox = (host: Host = realHost) => findOrInstall('firefox', host);
