import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserMissing, SPECS, findBrowser, findOrInstall, which, type BrowserName, type Host } from './find-or-install';

/** A machine where `files` exist; `onPath` maps commands to files; `runs` decides each command's exit. */
function machine(setup: {
  files?: string[];
  onPath?: Record<string, string>;
  isRoot?: boolean;
  env?: Record<string, string>;
  /** Files that appear when a command line (joined with spaces) succeeds. */
  installs?: Record<string, { ok: boolean; adds?: string[]; addsOnPath?: Record<string, string> }>;
  downloaded?: Partial<Record<BrowserName, string>>;
  download?: (browser: BrowserName) => Promise<string | undefined>;
}) {
  const files = new Set(setup.files ?? []);
  const onPath = { ...setup.onPath };
  const ran: string[] = [];
  const logs: string[] = [];
  const downloads: BrowserName[] = [];
  const host: Host = {
    which: (c) => onPath[c],
    exists: (p) => files.has(p),
    run: async (command, args) => {
      const line = [command, ...args].join(' ');
      ran.push(line);
      const effect = Object.entries(setup.installs ?? {}).find(([k]) => line.startsWith(k))?.[1];
      if (!effect) return true;
      if (effect.ok) {
        effect.adds?.forEach((f) => files.add(f));
        Object.assign(onPath, effect.addsOnPath);
      }
      return effect.ok;
    },
    downloaded: (b) => setup.downloaded?.[b],
    download: async (b) => {
      downloads.push(b);
      const path = await (setup.download ?? (async () => undefined))(b);
      if (path) files.add(path);
      return path;
    },
    isRoot: setup.isRoot ?? false,
    env: setup.env ?? {},
    log: (l) => logs.push(l),
  };
  return { host, ran, logs, downloads };
}

describe('findOrInstall: a browser already there is used as is', () => {
  it('takes the path named by CHROMIUM_PATH first, and installs nothing', async () => {
    const m = machine({ env: { CHROMIUM_PATH: '/opt/c/chrome' }, files: ['/opt/c/chrome'], onPath: { chromium: '/usr/bin/chromium' }, isRoot: true });
    expect(await findOrInstall('chromium', m.host)).toBe('/opt/c/chrome');
    expect(m.ran).toEqual([]);
    expect(m.downloads).toEqual([]);
  });

  it('refuses a variable naming a missing file, saying which variable', async () => {
    const m = machine({ env: { FIREFOX_PATH: '/nope/firefox' }, onPath: { firefox: '/usr/bin/firefox' } });
    await expect(findOrInstall('firefox', m.host)).rejects.toThrow(/FIREFOX_PATH=\/nope\/firefox/);
    expect(m.ran).toEqual([]);
  });

  it('finds the system browser on the PATH, in the order of the spec', async () => {
    const m = machine({ onPath: { 'chromium-browser': '/snap/bin/chromium-browser', chromium: '/usr/bin/chromium' } });
    expect(await findOrInstall('chromium', m.host)).toBe('/usr/bin/chromium');
    const f = machine({ onPath: { firefox: '/usr/bin/firefox', 'firefox-esr': '/usr/bin/firefox-esr' } });
    expect(await findOrInstall('firefox', f.host)).toBe('/usr/bin/firefox-esr');
  });

  it('finds a browser off the PATH at its package path', async () => {
    const m = machine({ files: ['/usr/lib/chromium/chromium'] });
    expect(await findOrInstall('chromium', m.host)).toBe('/usr/lib/chromium/chromium');
  });

  it('uses an earlier download before installing anything', async () => {
    const m = machine({ downloaded: { firefox: '/home/u/.cache/puppeteer/firefox/linux-stable_146.0/firefox/firefox' }, isRoot: true, onPath: { 'apt-get': '/usr/bin/apt-get' } });
    expect(await findOrInstall('firefox', m.host)).toMatch(/puppeteer/);
    expect(m.ran).toEqual([]);
  });
});

describe('findOrInstall: a missing browser is installed, saying so', () => {
  it('as root with apt-get: updates, installs the Debian packages, and returns the installed binary', async () => {
    const m = machine({
      isRoot: true,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      installs: { 'apt-get install': { ok: true, addsOnPath: { chromium: '/usr/bin/chromium' } } },
    });
    expect(await findOrInstall('chromium', m.host)).toBe('/usr/bin/chromium');
    expect(m.ran).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core']);
    expect(m.downloads).toEqual([]);
    expect(m.logs[0]).toMatch(/Chromium est absent : installation par apt-get \(chromium, fonts-dejavu-core\)/);
  });

  it('installs firefox-esr for Firefox', async () => {
    const m = machine({
      isRoot: true,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      installs: { 'apt-get install': { ok: true, adds: ['/usr/lib/firefox-esr/firefox-esr'] } },
    });
    expect(await findOrInstall('firefox', m.host)).toBe('/usr/lib/firefox-esr/firefox-esr');
    expect(m.ran[1]).toContain('firefox-esr');
  });

  it('when apt-get fails (or gives no binary), downloads instead', async () => {
    for (const effect of [{ ok: false }, { ok: true }]) {
      const m = machine({
        isRoot: true,
        onPath: { 'apt-get': '/usr/bin/apt-get' },
        installs: { 'apt-get install': effect },
        download: async () => '/root/.cache/ms-playwright/chromium-1/chrome',
      });
      expect(await findOrInstall('chromium', m.host)).toBe('/root/.cache/ms-playwright/chromium-1/chrome');
      expect(m.downloads).toEqual(['chromium']);
      expect(m.logs.join('\n')).toMatch(/apt-get n’a pas fourni Chromium/);
    }
  });

  it('not root: never calls apt-get, downloads into the cache', async () => {
    const m = machine({ onPath: { 'apt-get': '/usr/bin/apt-get' }, download: async () => '/home/u/.cache/puppeteer/firefox/linux-x/firefox/firefox' });
    expect(await findOrInstall('firefox', m.host)).toMatch(/^\/home\/u\/.cache\/puppeteer/);
    expect(m.ran).toEqual([]);
    expect(m.logs.join('\n')).toMatch(/Firefox est absent : téléchargement/);
  });

  it('root without apt-get (another distribution): downloads', async () => {
    const m = machine({ isRoot: true, download: async () => '/root/.cache/ms-playwright/chromium-1/chrome' });
    expect(await findOrInstall('chromium', m.host)).toBe('/root/.cache/ms-playwright/chromium-1/chrome');
    expect(m.ran).toEqual([]);
  });
});

describe('findOrInstall: when nothing works, one sentence says what to run', () => {
  it.each(['chromium', 'firefox'] as const)('%s: no apt-get, download fails', async (browser) => {
    const m = machine({
      download: async () => {
        throw new Error('getaddrinfo ENOTFOUND cdn.playwright.dev\nstack…');
      },
    });
    const error = await findOrInstall(browser, m.host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserMissing);
    expect((error as Error).message).toBe(SPECS[browser].whatToRun);
    expect((error as Error).message).toMatch(/apt-get install -y (chromium|firefox-esr)/);
    expect(m.logs.join('\n')).toContain('Le téléchargement a échoué : getaddrinfo ENOTFOUND cdn.playwright.dev');
  });

  it('a download that names a file that is not there counts as failed', async () => {
    const m = machine({ download: async () => undefined });
    await expect(findOrInstall('chromium', m.host)).rejects.toThrow(SPECS.chromium.whatToRun);
  });

  it('findBrowser alone never installs', () => {
    const m = machine({ isRoot: true, onPath: { 'apt-get': '/usr/bin/apt-get' } });
    expect(findBrowser('chromium', m.host)).toBeUndefined();
    expect(m.ran).toEqual([]);
    expect(m.downloads).toEqual([]);
  });
});

describe('which', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ij-which-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds an executable file on the PATH and skips a non-executable one', () => {
    writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'tool'), 0o644);
    expect(which('tool', dir)).toBeUndefined();
    chmodSync(join(dir, 'tool'), 0o755);
    expect(which('tool', `/nonexistent:${dir}`)).toBe(join(dir, 'tool'));
    expect(which('absent-tool', dir)).toBeUndefined();
  });
});
