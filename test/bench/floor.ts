// The physical floor of a content-script extension, and a page of realistic weight, for the page-cost
// measures of `npm run bench`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Served } from './site-server';

interface ContentScript {
  matches: string[];
  exclude_matches?: string[];
  run_at?: string;
  js?: string[];
}

/** The content scripts of our built manifest (the floors inject on the same sites). */
function ourContentScripts(ourBuild: string): ContentScript[] {
  const ours = JSON.parse(readFileSync(resolve(ourBuild, 'manifest.json'), 'utf8')) as { content_scripts?: ContentScript[] };
  const scripts = ours.content_scripts ?? [];
  if (scripts.length === 0) throw new Error(`aucun script de contenu dans ${ourBuild}/manifest.json`);
  return scripts;
}

/**
 * Writes a do-nothing MV3 extension into `dir`: one empty content script per entry of our built
 * manifest, on the same matches and at the same `run_at`; no service worker, no permission. What any
 * extension injecting a script on these sites costs a page is what this one costs.
 */
export function writeFloorExtension(ourBuild: string, dir: string): void {
  const scripts = ourContentScripts(ourBuild);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, 'floor.js'), '');
  const manifest = {
    manifest_version: 3,
    name: 'bench floor',
    version: '1.0.0',
    content_scripts: scripts.map((s) => ({
      matches: s.matches,
      ...(s.exclude_matches ? { exclude_matches: s.exclude_matches } : {}),
      ...(s.run_at ? { run_at: s.run_at } : {}),
      js: ['floor.js'],
    })),
  };
  writeFileSync(resolve(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
}

/** The answer floor's answer, marked in the page's timeline (shared by the page's and the content script's worlds). */
export const FLOOR_ANSWER_MARK = 'inserjeunes:floor-answer';

/**
 * Writes the floor of a panel into `dir`: a service worker that, for any message, makes one request to
 * the API at `apiUrl` and answers once it is read (listening, like ours, to no tab event), and a
 * content script on our matches that sends one message after the page's load, as ours does, and marks
 * (FLOOR_ANSWER_MARK) and prints `signal` with the answer. What any extension that asks the API from its
 * worker pays for a page's question (message, request, answer) is what this one pays: asleep, it is the
 * floor of a wake; awake, the floor of a cache miss.
 */
export function writeAnswerFloorExtension(ourBuild: string, dir: string, signal: string, apiUrl: string): void {
  const matches = ourContentScripts(ourBuild).flatMap((s) => s.matches);
  const api = new URL(apiUrl);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    resolve(dir, 'worker.js'),
      'let asked = 0;\n' +
      // A path no other request has: never an HTTP cache hit. The mock answers it (404) after its latency.
      `const ask = () => fetch(${JSON.stringify(`${api.href.replace(/\/$/, '')}/plancher/`)} + ++asked + '-' + Date.now(), { headers: { accept: 'application/json' }, credentials: 'omit' }).then((r) => r.text());\n` +
      'chrome.runtime.onMessage.addListener((message, sender, reply) => { ask().then(() => reply({ ok: true }), () => reply({ ok: false })); return true; });\n',
  );
  writeFileSync(
    resolve(dir, 'ask.js'),
    `const ask = () => chrome.runtime.sendMessage('wake').then(() => { performance.mark(${JSON.stringify(FLOOR_ANSWER_MARK)}); console.debug(${JSON.stringify(signal)}); });\n` +
      `if (document.readyState === 'complete') ask(); else addEventListener('load', () => setTimeout(ask, 0), { once: true });\n`,
  );
  const manifest = {
    manifest_version: 3,
    name: 'bench answer floor',
    version: '1.0.0',
    background: { service_worker: 'worker.js' },
    host_permissions: [`${api.origin}/*`],
    content_scripts: [{ matches: [...new Set(matches)], js: ['ask.js'] }],
  };
  writeFileSync(resolve(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
}

export const HEAVY_LATENCY_MS = 40;
const ASSETS = 'https://www.onisep.fr/bench-assets/';

/** A valid 16×16 PNG, the same bytes for each image: its cost is the request and the decode. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGM4EaBBEmIY1TCqYfhqAAC/xkAQB0UFtwAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A formation page of realistic weight: the panel's anchor and identifiers as in `formationHtml`, then
 * ≥ 300 KB of article markup, six scripts that do some work, three stylesheets and twenty images,
 * every response delayed by `HEAVY_LATENCY_MS`.
 */
export function heavyPage(formationHtml: string): { html: string; assets: Record<string, { type: string; body: string | Buffer }> } {
  const assets: Record<string, { type: string; body: string | Buffer }> = {};
  for (let i = 0; i < 3; i++) {
    const rules = Array.from({ length: 400 }, (_, j) => `.c${i}-${j} { margin: ${j % 7}px; color: #${(j * 4099 + i).toString(16).padStart(6, '0').slice(0, 6)}; }`).join('\n');
    assets[`style-${i}.css`] = { type: 'text/css', body: rules };
  }
  for (let i = 0; i < 6; i++) {
    const fns = Array.from({ length: 300 }, (_, j) => `function f${i}_${j}(x){return x*${j}+${i}}`).join('\n');
    assets[`script-${i}.js`] = { type: 'application/javascript', body: `${fns}\nvar s${i}=0;for(var k=0;k<20000;k++){s${i}+=f${i}_${i}(k)}document.documentElement.dataset.s${i}=String(s${i});` };
  }
  for (let i = 0; i < 20; i++) assets[`img-${i}.png`] = { type: 'image/png', body: PNG };
  const para = (n: number) =>
    `<section class="c0-${n % 400}"><h3>Partie ${n}</h3><p class="c1-${n % 400}">Les enseignements professionnels portent sur la préparation, la réalisation et le contrôle des travaux, avec des périodes de formation en milieu professionnel et un suivi individualisé des élèves au long du cycle ${n}.</p><ul><li>Compétence ${n}.1</li><li>Compétence ${n}.2</li><li>Compétence ${n}.3</li></ul></section>`;
  let article = '';
  for (let n = 0; article.length < 320_000; n++) article += para(n);
  const head =
    Object.keys(assets)
      .filter((k) => k.endsWith('.css'))
      .map((k) => `<link rel="stylesheet" href="${ASSETS}${k}">`)
      .join('') +
    Object.keys(assets)
      .filter((k) => k.endsWith('.js'))
      .map((k) => `<script src="${ASSETS}${k}"></script>`)
      .join('');
  const images = Object.keys(assets)
    .filter((k) => k.endsWith('.png'))
    .map((k) => `<img src="${ASSETS}${k}" width="160" height="90" alt="">`)
    .join('');
  const html = formationHtml.replace('</head>', `${head}</head>`).replace('</main>', `<article>${images}${article}</article></main>`);
  return { html, assets };
}

/** The heavy page and its assets by URL, each served after `HEAVY_LATENCY_MS` (test/bench/site-server.ts). */
export function heavyServed(url: string, page: ReturnType<typeof heavyPage>): Record<string, Served> {
  const out: Record<string, Served> = { [url]: { type: 'text/html; charset=utf-8', body: page.html, delayMs: HEAVY_LATENCY_MS } };
  for (const [name, a] of Object.entries(page.assets)) out[`${ASSETS}${name}`] = { ...a, delayMs: HEAVY_LATENCY_MS };
  return out;
}
