// Store-ready: both builds carry the icons (in the manifest, as the toolbar icon, as files of the right
// size), the archives are named with the version and hold the manifest, and the README has the privacy
// and listing sections the store forms point to. Builds in its own mode, beside the developer's builds.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';

const MODE = 'storecheck';
const OUT = resolve('.output');
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const BUILDS = { chrome: join(OUT, `chrome-mv3-${MODE}`), firefox: join(OUT, `firefox-mv2-${MODE}`) } as const;
const ZIPS = {
  chrome: join(OUT, `${name}-${version}-chrome-${MODE}.zip`),
  firefox: join(OUT, `${name}-${version}-firefox-${MODE}.zip`),
  sources: join(OUT, `${name}-${version}-sources-${MODE}.zip`),
};
const SIZES = ['16', '32', '48', '128'];

type Manifest = Record<string, unknown> & { icons?: Record<string, string>; name: string; description: string };
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Width and height from a PNG's IHDR chunk (bytes 16-23). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

beforeAll(async () => {
  for (const path of [...Object.values(BUILDS), ...Object.values(ZIPS)]) rmSync(path, { recursive: true, force: true });
  const run = promisify(execFile);
  await run('npx', ['wxt', 'zip', '--mode', MODE]);
  await run('npx', ['wxt', 'zip', '-b', 'firefox', '--mode', MODE]);
}, 300_000);

describe.each(Object.entries(BUILDS))('the %s build', (browser, dir) => {
  it('declares the 16, 32, 48 and 128 px icons, as files of those sizes', () => {
    const icons = manifestOf(dir).icons ?? {};
    expect(Object.keys(icons).sort()).toEqual([...SIZES].sort());
    for (const size of SIZES) {
      const file = join(dir, icons[size] ?? `missing-${size}`);
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it('shows the same icons on its toolbar button', () => {
    const manifest = manifestOf(dir);
    const action = (browser === 'chrome' ? manifest.action : manifest.browser_action) as { default_icon?: unknown } | undefined;
    expect(action?.default_icon).toEqual(manifest.icons);
  });

  it('fits the stores\' limits: name of 50 characters at most, description of 132', () => {
    const manifest = manifestOf(dir);
    expect(manifest.name.length).toBeLessThanOrEqual(50);
    expect(manifest.description.length).toBeLessThanOrEqual(132);
  });
});

describe('the archives', () => {
  it.each(['chrome', 'firefox'] as const)('%s: named with the version, the manifest at the root, with the icons', async (browser) => {
    expect(existsSync(ZIPS[browser]), ZIPS[browser]).toBe(true);
    const zip = await JSZip.loadAsync(readFileSync(ZIPS[browser]));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    expect(manifest.version).toBe(version);
    for (const path of Object.values(manifest.icons ?? {})) expect(zip.file(path), path).not.toBeNull();
  });

  it('sources: what addons.mozilla.org needs to rebuild, and the icon drawing; no build output', async () => {
    const zip = await JSZip.loadAsync(readFileSync(ZIPS.sources));
    for (const path of ['package.json', 'package-lock.json', 'wxt.config.ts', 'components/icon.svg', 'README.md']) expect(zip.file(path), path).not.toBeNull();
    expect(Object.keys(zip.files).filter((f) => f.startsWith('.output/') || f.startsWith('node_modules/'))).toEqual([]);
  });

  it('tells Firefox what it transmits: content read from the pages (the codes), and nothing else; the README says the same', () => {
    const gecko = (manifestOf(BUILDS.firefox).browser_specific_settings as { gecko: Record<string, unknown> }).gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['websiteContent'] });
    expect(readFileSync('README.md', 'utf8')).toContain('`data_collection_permissions: { required: ["websiteContent"] }`');
  });
});

describe.each(Object.entries(BUILDS))('the %s build\'s privacy page', (_browser, dir) => {
  it('is the README\'s « Confidentialité » section, rendered', () => {
    const page = readFileSync(join(dir, 'privacy.html'), 'utf8').replaceAll('&#39;', "'");
    expect(page).toContain('<h1>Confidentialité</h1>');
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('\n## Confidentialité\n'), readme.indexOf('\n## ', readme.indexOf('\n## Confidentialité\n') + 1));
    const leads = [...section.matchAll(/^- \*\*(.+?)\*\*/gm)].map((m) => m[1]);
    expect(leads.length).toBeGreaterThanOrEqual(4);
    for (const lead of leads) expect(page).toContain(`<strong>${lead}</strong>`);
  });
});

describe('README: the pages the store forms point to', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = (title: string) => {
    const start = readme.indexOf(`\n## ${title}\n`);
    expect(start, `section « ${title} »`).toBeGreaterThanOrEqual(0);
    const end = readme.indexOf('\n## ', start + 1);
    return readme.slice(start, end < 0 ? undefined : end);
  };

  it('« Confidentialité » says what is read, sent, stored, and how to erase it', () => {
    const text = section('Confidentialité');
    for (const words of ['Ce que l\'extension lit', 'Ce qu\'elle envoie', 'Aucune donnée personnelle', 'mesure', 'Ce qu\'elle garde', 'Effacer mes données'])
      expect(text).toContain(words);
  });

  it('« Publier » has both descriptions, the single purpose, a line for every permission the manifests ask, and each store', () => {
    const text = section('Publier');
    for (const words of ['Description courte', 'Description longue', 'Objectif unique', 'Chrome Web Store', 'Edge Add-ons', 'addons.mozilla.org'])
      expect(text).toContain(words);
    expect(text).toContain(manifestOf(BUILDS.chrome).description);
    const chrome = manifestOf(BUILDS.chrome) as Record<string, string[] | undefined>;
    const asked = [...(chrome.permissions ?? []), ...(chrome.host_permissions ?? []), ...(chrome.optional_host_permissions ?? [])];
    // A host permission is justified by its host's name; the API origin and the sites' origins.
    for (const permission of asked) expect(text, permission).toContain(permission.replace(/^https?:\/\/([^/]+)\/\*$/, '$1').replace(/^\*\.?/, ''));
    // The sites the content scripts run on (the stores count them as host access too).
    const scripts = (chrome as unknown as { content_scripts: { matches: string[] }[] }).content_scripts;
    for (const host of new Set(scripts.flatMap((c) => c.matches).map((m) => new URL(m.replace('*', 'x')).host)))
      expect(text, host).toContain(`\`${host}\``);
  });

  it('web-ext lint finds no error in the Firefox build, and each warning it gives is explained', async () => {
    const { stdout } = await promisify(execFile)('npx', ['web-ext', 'lint', '--source-dir', BUILDS.firefox, '--self-hosted', '--output', 'json']);
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { errors: unknown[]; warnings: { code: string; message: string; file?: string }[] };
    expect(report.errors).toEqual([]);
    // The README's list: one bullet per warning, `CODE` « message » (files).
    const text = section('Publier');
    const list = text.slice(text.indexOf('**Avertissements de `web-ext lint`**'));
    const bullets = list.split(/\n(?=- )/).filter((b) => b.startsWith('- `'));
    const explained = (w: { code: string; message: string; file?: string }) =>
      bullets.find((b) => b.startsWith(`- \`${w.code}\``) && b.includes(`« ${w.message} »`));
    for (const warning of report.warnings) {
      const bullet = explained(warning);
      expect(bullet, `${warning.code} « ${warning.message} »`).toBeDefined();
      // Its file; a shared chunk, whose name the bundler picks, as chunks/*.js.
      const file = warning.file ?? '';
      expect(bullet, file).toContain(file.startsWith('chunks/') ? 'chunks/*.js' : basename(file));
    }
    // No stale bullet: each explains a warning the build still gives.
    for (const bullet of bullets) expect(report.warnings.some((w) => explained(w) === bullet), bullet).toBe(true);
  }, 120_000);
});
