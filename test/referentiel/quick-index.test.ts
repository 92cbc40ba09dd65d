// The quick index: a formation page answered before the referentiel is read, the same as its lookup
// (report and requests), for as long as no MEF closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forOnly, lookupSighting, quickReport } from '../../lib/build-report';
import { createClient } from '../../lib/inserjeunes/client';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { buildQuickIndex, openQuickIndex, type QuickIndexFile } from '../../lib/referentiel/quick-index';
import type { SightingData } from '../../lib/types';
import { startMockApi, type MockApi } from '../mock-api/server';

const now = new Date('2026-01-01');
const { index } = buildIndex('test/fixtures/referentiel', now);
const ref = createReferentiel(index, { now });
const file = buildQuickIndex(
  ref,
  index.mefs.map((row) => row[5]),
  now,
);
const quick = openQuickIndex(JSON.parse(JSON.stringify(file)), now)!;
const formationPage = (ids: SightingData['ids']): SightingData => ({ site: 'onisep', page: 'formation', ids, label: 'Titre de la page' });

let mock: MockApi;
beforeAll(async () => {
  mock = await startMockApi({ port: 0 });
});
afterAll(() => mock.close());

/** The API paths a call made, in a stable order. */
async function requestsOf(run: () => Promise<unknown>): Promise<{ value: unknown; paths: string[] }> {
  mock.resetRequests();
  const value = await run();
  return { value, paths: mock.requests.map((r) => r.path).sort() };
}

describe('quick index', () => {
  it('answers every programme of the fixtures as its lookup does, with or without a stated length or a region', async () => {
    let checked = 0;
    let withLength = 0;
    const region = { code: '84', nom: 'Auvergne-Rhône-Alpes' };
    for (const forId of ref.keys().fors) {
      for (const duree of [undefined, 1, 2, 3, 4, 5, 6, 7, 8]) {
        for (const preferredRegion of [undefined, region]) {
          const programme = quick.programme(forId, duree);
          if (!programme) continue;
          const s = formationPage({ for: forId, ...(duree ? { duree } : {}) });
          const ctx = { client: createClient({ baseUrl: mock.url, retries: 0 }), ...(preferredRegion ? { preferredRegion } : {}) };
          const looked = await requestsOf(() => lookupSighting(s, { ...ctx, referentiel: ref }));
          const quicker = await requestsOf(() => quickReport(s, programme, ctx));
          expect(quicker.value, `${forId} ${String(duree)}`).toEqual(looked.value);
          expect(quicker.paths).toEqual(looked.paths);
          expect(looked.paths.length).toBeGreaterThan(0);
          checked++;
          if (duree) withLength++;
        }
      }
    }
    // Every programme of the fixtures, and pages stating a length as well as pages that do not.
    expect(Object.keys(file.for)).toHaveLength(ref.keys().fors.length);
    expect(checked).toBeGreaterThanOrEqual(2 * ref.keys().fors.length);
    expect(withLength).toBeGreaterThan(0);
  });

  it('holds the label and the diploma level the lookup takes from the referentiel', () => {
    const programme = quick.programme('FOR.3651', 3)!;
    expect(programme.targets).toEqual([{ cfd: '40034403', mefstat11: '23830034403' }]);
    expect(programme.libelle).toBe(ref.programme('FOR.3651')!.libelle);
    expect(programme.diplome('40034403')).toEqual(ref.diplome('40034403'));
    expect(programme.diplome('99999999')).toBeUndefined();
  });

  it('takes only pages that name a programme and at most its length', () => {
    expect(forOnly(formationPage({ for: 'FOR.3651' }))).toBe('FOR.3651');
    expect(forOnly(formationPage({ for: 'FOR.3651', duree: 3, slug: 'bac-pro-metiers' }))).toBe('FOR.3651');
    expect(forOnly(formationPage({ for: 'FOR.3651', uai: '0693045K' }))).toBeUndefined();
    expect(forOnly(formationPage({ for: 'FOR.3651', fors: ['FOR.1111'] }))).toBeUndefined();
    expect(forOnly(formationPage({ for: 'FOR.3651', cfd: '40034403' }))).toBeUndefined();
    expect(forOnly(formationPage({ for: 'FOR.abc' }))).toBeUndefined();
    expect(forOnly({ ...formationPage({ for: 'FOR.3651' }), voie: 'apprentissage' })).toBeUndefined();
    expect(forOnly({ ...formationPage({ for: 'FOR.3651' }), place: { etablissement: 'Lycée Jean Lurçat' } })).toBeUndefined();
    expect(forOnly({ ...formationPage({ for: 'FOR.3651' }), page: 'etablissement' })).toBeUndefined();
  });

  it('holds between the last MEF closing before its build and the next one', () => {
    const built = buildQuickIndex(ref, ['', '20250831', '20240831', '20270831', '20260831', '20260831'], new Date('2026-03-15'));
    expect([built.from, built.until]).toEqual(['20250831', '20260831']);
    const at = (day: string) => openQuickIndex(built, new Date(`${day}T12:00:00Z`))!.programme('FOR.3651');
    expect(at('2026-03-15')).toBeDefined();
    expect(at('2025-08-31')).toBeDefined();
    expect(at('2026-08-30')).toBeDefined();
    // A MEF closed on 31 August: the referentiel may choose another final year from then on.
    expect(at('2026-08-31')).toBeUndefined();
    expect(at('2025-08-30')).toBeUndefined();
    // The credits do not depend on the day.
    expect(openQuickIndex(built, new Date('2030-01-01'))!.sources).toEqual(built.sources);
    expect(buildQuickIndex(ref, [''], now)).toMatchObject({ from: '', until: '' });
  });

  it('a page stating its length gets the codes without the assumed one; another length gets nothing', () => {
    const handMade: QuickIndexFile = {
      v: 1,
      from: '',
      until: '',
      builtAt: '2026-01-01',
      sources: [],
      niveaux: { '400': 'BAC PRO' },
      for: { '42': ['23', 'Bac pro exemple', '40025214|40025214310|a2', '40025215||'] },
    };
    const q = openQuickIndex(handMade, now)!;
    expect(q.programme('FOR.42')).toMatchObject({
      libelle: 'Bac pro exemple',
      targets: [{ cfd: '40025214', mefstat11: '40025214310', ambiguous: true, assumedLength: 2 }, { cfd: '40025215' }],
    });
    expect(q.programme('FOR.42', 3)?.targets).toEqual([{ cfd: '40025214', mefstat11: '40025214310', ambiguous: true }, { cfd: '40025215' }]);
    expect(q.programme('FOR.42')!.diplome('40025214')).toEqual({ code: '400', nom: 'BAC PRO' });
    expect(q.programme('FOR.42', 4)).toBeUndefined();
    expect(q.programme('FOR.43')).toBeUndefined();
  });

  it('refuses what is not a quick index, and reads a broken entry as none', () => {
    const good = JSON.parse(JSON.stringify(file)) as QuickIndexFile;
    const bads = [null, 'x', [], { ...good, v: 2 }, { ...good, for: [] }, { ...good, niveaux: null }, { ...good, from: 1 }, { ...good, sources: [{ name: 'BCN' }] }, { ...good, builtAt: undefined }];
    for (const bad of bads) {
      expect(openQuickIndex(bad, now)).toBeNull();
    }
    const broken = (entry: unknown) => openQuickIndex({ ...good, for: { '3651': entry } }, now)!.programme('FOR.3651');
    expect(broken(['12345678', 'Bac pro', '40034403|23830034403|'])?.targets).toEqual([{ cfd: '40034403', mefstat11: '23830034403' }]);
    const entries = [[], ['12345678', 'Bac pro'], ['x', 'Bac pro', '40034403||'], ['1', '', '40034403||'], ['1', 'Bac pro', '<img>|23830034403|'], ['1', 'Bac pro', '|23830034403|'], ['1', 'Bac pro', 40034403], 'text'];
    for (const entry of entries) expect(broken(entry)).toBeUndefined();
    // Inherited names are not entries.
    expect(openQuickIndex(good, now)!.programme('FOR.constructor')).toBeUndefined();
  });
});
