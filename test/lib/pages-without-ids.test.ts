// Done-when of issue 12 at the report level: pages without ids, a referentiel built from the Idéo and
// cartographie fixtures (official formats) plus the BCN tables that give final-year MEFSTAT11 codes.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupSighting, type LookupContext } from '../../lib/build-report';
import { createClient } from '../../lib/inserjeunes/client';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { withPlaces } from '../../lib/referentiel/match-rows';
import { onisep } from '../../lib/sites/onisep';
import { parcoursup } from '../../lib/sites/parcoursup';
import type { Sighting, SightingData } from '../../lib/types';
import { startMockApi, type MockApi } from '../mock-api/server';
import { loadFixture } from '../sites/helpers';

let mock: MockApi;
let ctx: LookupContext;
let dir: string;

beforeAll(async () => {
  mock = await startMockApi({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'ij-ideo-only-'));
  const src = 'test/fixtures/referentiel';
  for (const sub of ['bcn', 'geo', 'parcoursup']) cpSync(join(src, sub), join(dir, sub), { recursive: true });
  mkdirSync(join(dir, 'onisep'));
  for (const f of ['ideo_actions_605340ddc19a9.json', 'ideo_formations_initiales_5fa591127f501.json', 'ideo_structures_5fa5816ac6a6e.csv']) {
    cpSync(join(src, 'onisep', f), join(dir, 'onisep', f));
  }
  const { index } = buildIndex(dir, new Date('2026-01-01'));
  // No table de passage nor Certif Info: FOR → CFD comes from the Idéo formations alone.
  expect(index.sources.map((s) => s.file).filter((f) => f.startsWith('onisep/'))).toHaveLength(3);
  ctx = {
    referentiel: withPlaces(createReferentiel(index, { now: new Date('2026-01-01') }), index),
    client: createClient({ baseUrl: mock.url, retries: 0 }),
  };
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

const data = ({ anchor: _a, ...s }: Sighting): SightingData => s;

describe('an Onisep establishment page without any id', () => {
  it('finds the establishment and resolves every row to its programme and action', async () => {
    const { doc, url } = loadFixture('onisep', 'etablissement-sans-uai');
    const [page, ...rows] = onisep.extract(doc, url).map(data);
    expect(Object.keys(page!.ids)).toEqual([]);
    const pageReport = await lookupSighting(page!, ctx);
    expect(pageReport.etablissement?.uai).toBe('0693045K');
    const reports = await Promise.all(rows.map((r) => lookupSighting(r, { ...ctx, depth: 'badge' })));
    expect(reports.map((r) => r.programmes.map((p) => [p.af, p.cfd, p.mefstat11, p.voie]))).toEqual([
      [['AF.5678', '40034403', '23830034403', 'scolaire']],
      [['AF.5702', '40034403', '23830034403', 'apprentissage']],
      [['AF.5701', '50031114', expect.any(String), 'scolaire']],
      [['AF.5700', '50031114', expect.any(String), 'scolaire']],
      [['AF.5703', '32033107', expect.any(String), 'scolaire']],
    ]);
    for (const r of reports) expect(r.etablissement?.uai).toBe('0693045K');
    // The establishment's own figures (mock: 0693045K-MEFSTAT11:23830034403, school route 38 %).
    const securite = reports[0]!.programmes[0]!.cells.etablissement.scolaire;
    expect(securite.state === 'figures' && securite.figures.tauxEnEmploi6Mois).toBe(38);
  });
});

describe('an Onisep action page without any id', () => {
  it('finds the establishment by name and commune, and the action by name, length and mode', async () => {
    const { doc, url } = loadFixture('onisep', 'action-sans-uai');
    const [action] = onisep.extract(doc, url).map(data);
    expect(action!.ids).not.toHaveProperty('uai');
    const report = await lookupSighting(action!, ctx);
    expect(report.etablissement?.uai).toBe('0693045K');
    expect(report.programmes.map((p) => [p.af, p.cfd, p.mefstat11, p.voie])).toEqual([['AF.5678', '40034403', '23830034403', 'scolaire']]);
    // The establishment's own figures (mock: 0693045K-MEFSTAT11:23830034403, school route 38 %).
    const cell = report.programmes[0]!.cells.etablissement.scolaire;
    expect(cell.state === 'figures' && cell.figures.tauxEnEmploi6Mois).toBe(38);
  });

  it('takes the apprenticeship action of the same programme when the page says apprentissage', async () => {
    const { doc, url } = loadFixture('onisep', 'action-sans-uai');
    const mode = [...doc.querySelectorAll('.kf-item strong')].find((el) => el.textContent === 'temps plein')!;
    mode.textContent = 'apprentissage';
    const [action] = onisep.extract(doc, url).map(data);
    const report = await lookupSighting(action!, { ...ctx, depth: 'badge' });
    expect(report.etablissement?.uai).toBe('0693045K');
    expect(report.programmes.map((p) => [p.af, p.voie])).toEqual([['AF.5702', 'apprentissage']]);
  });
});

describe('a Parcoursup fiche', () => {
  it('finds its establishment from g_ta_cod alone and gives one line per Onisep programme', async () => {
    const { doc, url } = loadFixture('parcoursup', 'fiche-double');
    const [fiche] = parcoursup.extract(doc, url).map(data);
    const report = await lookupSighting(fiche!, ctx);
    expect(report.etablissement?.uai).toBe('0693045K');
    expect(report.programmes.map((p) => p.cfd)).toEqual(['32033107', '42032302']);
  });
});
