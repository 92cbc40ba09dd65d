// From sightings to reports: the fixture referentiel, the real client, the mock API on loopback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type InserJeunesClient } from '../../lib/inserjeunes/client';
import { lookupSighting, type LookupContext } from '../../lib/build-report';
import { lookupPlan } from '../../lib/lookup-plan';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel, type Referentiel } from '../../lib/referentiel/open-referentiel';
import { packIndex } from '../../lib/referentiel/pack-index';
import { decodedTables } from '../../lib/referentiel/unpack-index';
import type { Cell, SightingData } from '../../lib/types';
import { alternativeItemOf, savedProgrammeOf } from '../../lib/saved-selection';
import { startMockApi, type MockApi } from '../mock-api/server';
import { badgeStateFromReport } from '../../components/panel-state';

let mock: MockApi;
let ref: Referentiel;
let ctx: LookupContext;

beforeAll(async () => {
  mock = await startMockApi({ port: 0 });
  const { index } = buildIndex('test/fixtures/referentiel', new Date('2026-01-01'));
  ref = createReferentiel(index, { now: new Date('2026-01-01') });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.resetRequests();
  ctx = { referentiel: ref, client: createClient({ baseUrl: mock.url, retries: 0 }) };
});

const onisep = (ids: SightingData['ids'], page: SightingData['page'] = 'formation', label?: string): SightingData => ({
  site: 'onisep',
  page,
  ids,
  ...(label ? { label } : {}),
});
const rates = (cell: Cell) => (cell.state === 'figures' ? [cell.figures.tauxEnEmploi6Mois, cell.figures.tauxEnFormation] : cell.state);

describe('lookupSighting', () => {
  it('a formation page without establishment: national figures for both voies, no place asked', async () => {
    const report = await lookupSighting(onisep({ for: 'FOR.3651' }), ctx);
    expect(report.problem).toBeUndefined();
    const [p] = report.programmes;
    expect(p).toMatchObject({ cfd: '40034403', mefstat11: '23830034403' });
    expect(rates(p!.cells.france.scolaire)).toEqual([41, 40]);
    expect(rates(p!.cells.france.apprentissage)).toEqual([63, 17]);
    expect(p!.cells.etablissement.scolaire).toEqual({ state: 'none', reason: 'pas-d-etablissement' });
    expect(p!.cells.region.scolaire).toEqual({ state: 'none', reason: 'pas-de-region' });
    // National only: the filières view and the plain route of each voie (for what the view drops).
    expect(mock.requests.map((r) => r.path)).toEqual([
      expect.stringContaining('/certifications/'),
      expect.stringContaining('/certifications/'),
      expect.stringContaining('/certifications/'),
    ]);
  });

  it('a formation page names the diploma level without decoding the formation table (a woken worker asks sooner)', async () => {
    const file = JSON.parse(JSON.stringify(packIndex(buildIndex('test/fixtures/referentiel', new Date('2026-01-01')).index))) as object;
    const packed = createReferentiel(file, { now: new Date('2026-01-01') });
    const report = await lookupSighting(onisep({ for: 'FOR.3651' }), { ...ctx, referentiel: packed });
    expect(decodedTables(file)).toContain('programmes');
    expect(decodedTables(file)).not.toContain('formations');
    // The same level the formation table gives.
    expect(report.programmes[0]!.diplome?.nom).toBeTruthy();
    expect(report.programmes[0]).toMatchObject({ cfd: '40034403', diplome: packed.formation('40034403')!.diplome });
  });

  it('lookupPlan decodes, without a request, the tables the next lookup of the same kind of page reads', async () => {
    const pages: [SightingData, SightingData][] = [
      [onisep({ for: 'FOR.3651', duree: 3 }), onisep({ for: 'FOR.4088' })],
      [onisep({ uai: '0693045K' }, 'etablissement'), onisep({ uai: '0692001A' }, 'etablissement')],
    ];
    for (const [seen, next] of pages) {
      const file = JSON.parse(JSON.stringify(packIndex(buildIndex('test/fixtures/referentiel', new Date('2026-01-01')).index))) as object;
      const packed = createReferentiel(file, { now: new Date('2026-01-01') });
      expect(decodedTables(file)).toEqual([]);
      mock.resetRequests();
      lookupPlan(seen, packed);
      const prepared = decodedTables(file);
      expect(prepared.length).toBeGreaterThan(0);
      expect(mock.requests).toEqual([]);
      await lookupSighting(next, { ...ctx, referentiel: packed });
      expect(decodedTables(file)).toEqual(prepared);
    }
  });

  it('uses the preferred region when the page names no establishment', async () => {
    const report = await lookupSighting(onisep({ for: 'FOR.3651' }), { ...ctx, preferredRegion: { code: '84', nom: 'Auvergne-Rhône-Alpes' } });
    expect(rates(report.programmes[0]!.cells.region.scolaire)).toEqual([35, 44]);
  });

  it('an action id gives the establishment, its region and its figures', async () => {
    const report = await lookupSighting(onisep({ af: 'AF.5678' }, 'action'), ctx);
    const [p] = report.programmes;
    expect(report.etablissement).toMatchObject({ uai: '0693045K', region: { code: '84' } });
    expect(rates(p!.cells.etablissement.scolaire)).toEqual([38, 41]);
    expect(p!.cells.etablissement.apprentissage).toMatchObject({ state: 'none', reason: 'formation-inconnue' });
    expect(rates(p!.cells.region.scolaire)).toEqual([35, 44]);
    expect(mock.requests).toHaveLength(7);
  });

  it('a list-row badge asks the establishment only, and France only when the establishment has no figures', async () => {
    const badge = await lookupSighting(onisep({ af: 'AF.5678' }, 'liste-item'), { ...ctx, depth: 'badge' });
    expect(mock.requests).toHaveLength(2); // school route and apprenticeship at 0693045K
    expect(rates(badge.programmes[0]!.cells.etablissement.scolaire)).toEqual([38, 41]);
    expect(badge.programmes[0]!.cells.region.scolaire).toEqual({ state: 'loading' });
    mock.resetRequests();
    const elsewhere = await lookupSighting(onisep({ uai: '0751234J', for: 'FOR.3651' }, 'liste-item'), { ...ctx, depth: 'badge' });
    expect(elsewhere.programmes[0]!.cells.etablissement.scolaire).toMatchObject({ state: 'none', reason: 'etablissement-inconnu' });
    expect(rates(elsewhere.programmes[0]!.cells.france.scolaire)).toEqual([41, 40]);
    expect(elsewhere.programmes[0]!.cells.region.scolaire).toEqual({ state: 'loading' });
    expect(mock.requests.filter((r) => r.path.includes('/regionales/'))).toHaveLength(0);
  });

  it('a list row naming its voie: one request when that voie has figures at the establishment, the same badge as without', async () => {
    const row = (voie?: 'scolaire' | 'apprentissage'): SightingData => ({ ...onisep({ uai: '0693045K', for: 'FOR.3651' }, 'liste-item'), ...(voie ? { voie } : {}) });
    const scolaire = await lookupSighting(row('scolaire'), { ...ctx, depth: 'badge' });
    expect(mock.requests.map((r) => r.path)).toEqual([expect.stringContaining('/formations/0693045K-MEFSTAT11:23830034403')]);
    expect(rates(scolaire.programmes[0]!.cells.etablissement.scolaire)).toEqual([38, 41]);
    // The other voie is asked when the row's panel opens, as the region is.
    expect(scolaire.programmes[0]!.cells.etablissement.apprentissage).toEqual({ state: 'loading' });
    const unnamed = await lookupSighting(row(), { ...ctx, depth: 'badge' });
    expect(badgeStateFromReport(scolaire)).toEqual(badgeStateFromReport(unnamed));
    // No apprenticeship figures there: both voies asked, as for a row that does not say, and the same badge.
    mock.resetRequests();
    const apprentissage = await lookupSighting(row('apprentissage'), { ...ctx, depth: 'badge' });
    expect(mock.requests.some((r) => r.path.includes('-MEFSTAT11:23830034403'))).toBe(true);
    expect(badgeStateFromReport(apprentissage)).toEqual(badgeStateFromReport({ ...unnamed, programmes: unnamed.programmes.map((p) => ({ ...p, voie: 'apprentissage' as const })) }));
  });

  it('a list row naming its voie, with no figures there: the other voie and France asked together, the same badge as step by step', async () => {
    const row = (voie?: 'scolaire'): SightingData => ({ ...onisep({ uai: '0751234J', for: 'FOR.3651' }, 'liste-item'), ...(voie ? { voie } : {}) });
    const events: string[] = [];
    const base = ctx.client;
    const traced = Object.fromEntries(
      (['formation', 'regionale', 'nationale', 'certification'] as const).map((m) => [
        m,
        async (...args: unknown[]) => {
          const name = `${m}${m === 'formation' ? `:${(args[1] as { type: string }).type}` : ''}`;
          events.push(`start ${name}`);
          const r = await (base[m] as (...a: unknown[]) => Promise<unknown>)(...args);
          events.push(`end ${name}`);
          return r;
        },
      ]),
    ) as unknown as typeof base;
    const named = await lookupSighting(row('scolaire'), { ...ctx, client: traced, depth: 'badge' });
    // France is asked before the other voie's answer came back, not after it.
    expect(events.indexOf('start nationale')).toBeGreaterThan(-1);
    expect(events.indexOf('start nationale')).toBeLessThan(events.indexOf('end formation:cfd'));
    expect(rates(named.programmes[0]!.cells.france.scolaire)).toEqual([41, 40]);
    const unnamed = await lookupSighting(row(), { ...ctx, depth: 'badge' });
    expect(badgeStateFromReport(named)).toEqual(badgeStateFromReport({ ...unnamed, programmes: unnamed.programmes.map((p) => ({ ...p, voie: 'scolaire' as const })) }));
    expect(named.programmes[0]!.cells).toEqual(unnamed.programmes[0]!.cells);
  });

  it('a CAP seen without its length: its standard length, asked first at the establishment and said in the report', async () => {
    const report = await lookupSighting({ site: 'affelnet', page: 'offre', ids: { uai: '0010001W', cfd: '50031114' } }, ctx);
    const [p] = report.programmes;
    expect(p).toMatchObject({ mefstat11: '23220031114', assumedLength: 2 });
    expect(p!.ambiguous).toBeUndefined();
    expect(p!.cells.etablissement.scolaire.state).toBe('secret'); // 12 students there
    // the API knows the 2-year CAP there: the other lengths are not asked
    expect(mock.requests.filter((r) => /MEFSTAT11:23(11|33)0031114/.test(r.path))).toEqual([]);
    // where the API knows none of the lengths, the standard one stays, and is said to be assumed
    const nowhere = await lookupSighting({ site: 'affelnet', page: 'offre', ids: { uai: '0693045K', cfd: '50031114' } }, ctx);
    expect(nowhere.programmes[0]).toMatchObject({ mefstat11: '23220031114', assumedLength: 2 });
    expect(nowhere.programmes[0]!.ambiguous).toBeUndefined();
    // a length the page gives is not assumed
    const told = await lookupSighting({ site: 'affelnet', page: 'offre', ids: { uai: '0010001W', cfd: '50031114', duree: 1 } }, ctx);
    expect(told.programmes[0]!.mefstat11).toBe('23110031114');
    expect(told.programmes[0]!.assumedLength).toBeUndefined();
  });

  it('an establishment that teaches another length than the standard one: its own answers settle it', async () => {
    // An establishment whose answers know only the 1-year CAP: the real client, with 0693045K's
    // 1-year answer taken from the 2-year one the mock knows at 0010001W.
    const real = ctx.client;
    const asked: string[] = [];
    const client: InserJeunesClient = {
      formation: (uai, code, opts) => {
        if (uai === '0693045K') asked.push(code.code);
        return uai === '0693045K' && code.code === '23110031114'
          ? real.formation('0010001W', { type: 'mefstat11', code: '23220031114' }, opts)
          : real.formation(uai, code, opts);
      },
      regionale: (...a) => real.regionale(...a),
      nationale: (...a) => real.nationale(...a),
      certification: (...a) => real.certification(...a),
    };
    const report = await lookupSighting({ site: 'affelnet', page: 'offre', ids: { uai: '0693045K', cfd: '50031114' } }, { ...ctx, client });
    expect(report.programmes[0]).toMatchObject({ mefstat11: '23110031114', assumedLength: 1 });
    expect(asked[0]).toBe('23220031114'); // the standard length first
    expect(asked).toContain('23330031114');
  });

  it('an Affelnet entry-year MEF is answered with the final year at the establishment', async () => {
    const sighting: SightingData = { site: 'affelnet', page: 'offre', ids: { uai: '0693045K', mef: '2473440331' }, label: '2de professionnelle Métiers de la sécurité' };
    const titled = await lookupSighting(sighting, ctx);
    expect(titled.programmes[0]).toMatchObject({ cfd: '40034403', mefstat11: '23830034403' });
    expect(rates(titled.programmes[0]!.cells.etablissement.scolaire)).toEqual([38, 41]);
    // the figures are the final year's: the panel names the diploma, not the page's 2de
    expect(titled.programmes[0]!.libelle).toBe('bac pro Métiers de la sécurité');
  });

  it('a common 2de lists every specialty, and asks nothing for apprenticeship', async () => {
    const report = await lookupSighting({ site: 'affelnet', page: 'offre', ids: { uai: '0693045K', mef: '2472000631' } }, ctx);
    const [p] = report.programmes;
    expect(p!.libelle).toMatch(/^2de professionnelle Métiers de la construction durable/);
    expect(p!.famille?.specialites.map((s) => s.mefstat11)).toContain('23830023102');
    // readable names from the family table, not the API's BCN capitals
    expect(p!.famille?.specialites.find((s) => s.mefstat11 === '23830023102')?.libelle).toBe('Travaux publics');
    expect(p!.cells.etablissement.scolaire).toEqual({ state: 'none', reason: 'annee-commune' });
    expect(p!.cells.etablissement.apprentissage).toEqual({ state: 'none', reason: 'voie-absente' });
    expect(mock.requests.some((r) => r.path.includes('CFD:'))).toBe(false);
  });

  it('a Parcoursup g_ta_cod alone: establishment from the cartographie, programme from its title', async () => {
    const report = await lookupSighting({ site: 'parcoursup', page: 'formation', ids: { gta: '4321' } }, ctx);
    expect(report.etablissement?.uai).toBe('0693045K');
    expect(report.programmes[0]).toMatchObject({ cfd: '32033107', mefstat11: '32221033107' });
  });

  it('an Onisep page with no id is matched by its slug', async () => {
    const report = await lookupSighting(onisep({ slug: 'bac-pro-metiers-de-la-securite' }), ctx);
    expect(report.programmes[0]?.cfd).toBe('40034403');
  });

  it('an unknown programme gets a reason and makes no request', async () => {
    const report = await lookupSighting(onisep({ for: 'FOR.999999' }), ctx);
    expect(report).toMatchObject({ programmes: [], problem: 'hors-referentiel' });
    expect(mock.requests).toHaveLength(0);
  });

  it('an establishment page is not a failure: its panel carries the establishment and its valeur ajoutée', async () => {
    const report = await lookupSighting(onisep({ uai: '0693045K', ens: 'ENS.1234' }, 'etablissement', 'Lycée professionnel Les Canuts'), ctx);
    expect(report.problem).toBeUndefined();
    expect(report.etablissement).toMatchObject({ uai: '0693045K', region: { code: '84' } });
    expect(report.etablissement?.valeurAjoutee?.length).toBeGreaterThan(0);
  });

  it('an establishment page lists the programmes the Onisep actions say it teaches, each with its figures', async () => {
    const report = await lookupSighting(onisep({ uai: '0693045K' }, 'etablissement', 'Lycée professionnel Les Canuts'), ctx);
    const securite = report.programmes.find((p) => p.cfd === '40034403');
    expect(securite?.key).toBe('0693045K|40034403|23830034403');
    expect(rates(securite!.cells.etablissement.scolaire)).toEqual([38, 41]);
  });

  it('a UAI with a wrong check letter is ignored', async () => {
    const report = await lookupSighting(onisep({ uai: '0693045J', for: 'FOR.3651' }, 'action'), ctx);
    expect(report.etablissement).toBeUndefined();
  });

  it('without a referentiel, a MEFSTAT11 from the page is still asked; an Onisep id cannot be', async () => {
    const bare = { ...ctx, referentiel: null };
    const direct = await lookupSighting({ site: 'affelnet', page: 'offre', ids: { uai: '0693045K', mefstat11: '23830034403' } }, bare);
    expect(rates(direct.programmes[0]!.cells.etablissement.scolaire)).toEqual([38, 41]);
    const onisepOnly = await lookupSighting(onisep({ for: 'FOR.3651' }), bare);
    expect(onisepOnly.problem).toBe('referentiel-indisponible');
  });

  it('a failing API gives error cells, never a throw', async () => {
    mock.configure({ failure: '500' });
    try {
      const report = await lookupSighting(onisep({ af: 'AF.5678' }, 'action'), ctx);
      expect(report.programmes[0]!.cells.etablissement.scolaire).toMatchObject({ state: 'error', error: 'server' });
    } finally {
      mock.configure({ failure: 'none' });
    }
  });
});

describe('a nearby alternative looked up again (the selection page)', () => {
  it('its saved sighting names the action: the programme there, with its own figures', async () => {
    const line = { af: 'AF.5802', uai: '0692002B', for: 'FOR.3651', cfd: '40034403', libelle: 'bac pro Métiers de la sécurité', etablissement: 'Lycée professionnel Jean Lurçat', commune: 'Vénissieux', km: 8, voie: 'scolaire' as const, emploi: 45, formation: 32, millesime: '2023_2024', url: '', lien: 'meme' as const };
    const original = (await lookupSighting(onisep({ af: 'AF.5801', uai: '0692001A', for: 'FOR.3651' }, 'action'), ctx)).programmes[0]!;
    const item = alternativeItemOf(original, onisep({ af: 'AF.5801' }, 'action'), 'scolaire', line);
    const report = await lookupSighting(item.sighting, ctx);
    expect(report.programmes).toHaveLength(1);
    expect(savedProgrammeOf(report, item)).toBe(report.programmes[0]);
    expect(savedProgrammeOf(report, { ...item, alternative: undefined })).toBeUndefined();
    expect(rates(report.programmes[0]!.cells.etablissement.scolaire)).toEqual([45, 32]);
  });
});
