// The floors the bench compares us with are built from our own manifest: same sites, nothing more.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOOR_ANSWER_MARK, heavyPage, heavyServed, HEAVY_LATENCY_MS, writeFloorExtension, writeAnswerFloorExtension } from './floor';

function ourBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ij-floor-ours-'));
  const manifest = {
    manifest_version: 3,
    content_scripts: [
      { matches: ['https://www.onisep.fr/*'], run_at: 'document_idle', js: ['content-scripts/onisep.js'] },
      { matches: ['https://dossierappel.parcoursup.fr/*', 'https://www.onisep.fr/*'], js: ['content-scripts/parcoursup.js'] },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('answer floor', () => {
  it('is a worker asking the API once per message, and one content script on our matches asking after the load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ij-answer-floor-'));
    writeAnswerFloorExtension(ourBuild(), dir, 'signal-x', 'http://127.0.0.1:7359/api/inserjeunes');
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.background).toEqual({ service_worker: 'worker.js' });
    expect(m.host_permissions).toEqual(['http://127.0.0.1:7359/*']);
    expect(m.content_scripts).toEqual([{ matches: ['https://www.onisep.fr/*', 'https://dossierappel.parcoursup.fr/*'], js: ['ask.js'] }]);
    const worker = readFileSync(join(dir, 'worker.js'), 'utf8');
    expect(worker).toContain('runtime.onMessage.addListener');
    expect(worker).not.toContain('tabs.'); // woken by no tab event (navigation, closing): ours is not
    expect(worker).toContain('fetch("http://127.0.0.1:7359/api/inserjeunes/plancher/"');
    expect(worker).toContain('return true'); // answers after its request
    const ask = readFileSync(join(dir, 'ask.js'), 'utf8');
    expect(ask).toContain("addEventListener('load'");
    expect(ask).toContain(`performance.mark("${FLOOR_ANSWER_MARK}")`);
    expect(ask).toContain('console.debug("signal-x")');
  });

  it('refuses a build without content scripts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ij-empty-'));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    expect(() => writeAnswerFloorExtension(dir, join(dir, 'out'), 's', 'http://127.0.0.1:1/api')).toThrow(/aucun script de contenu/);
    expect(() => writeFloorExtension(dir, join(dir, 'out2'))).toThrow(/aucun script de contenu/);
  });
});

describe('heavy page', () => {
  it('serves the page and every asset it links with the same latency', () => {
    const page = heavyPage('<!DOCTYPE html><html><head></head><body><main>x</main></body></html>');
    const served = heavyServed('https://www.onisep.fr/lourde', page);
    expect(Object.keys(served)).toHaveLength(Object.keys(page.assets).length + 1);
    for (const s of Object.values(served)) expect(s.delayMs).toBe(HEAVY_LATENCY_MS);
    for (const url of Object.keys(served).filter((u) => u !== 'https://www.onisep.fr/lourde')) {
      expect(page.html).toContain(url.slice(url.lastIndexOf('/') + 1));
    }
  });
});
