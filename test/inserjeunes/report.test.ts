import { describe, expect, it } from 'vitest';
import { createClient } from '../../lib/inserjeunes/client';
import { buildProgrammeReport, emptyCells } from '../../lib/inserjeunes/report';
import { BASE, fakeFetch, notFound, SECURITE, scenarioRoutes, secret, stats, type Route } from './fake-api';

const client = (routes: Record<string, Route>) => {
  const api = fakeFetch(routes);
  return { api, client: createClient({ baseUrl: BASE, fetch: api.fetch, sleep: async () => undefined }) };
};

const input = { key: '0693045K|40034403|23830034403', libelle: 'Bac pro Métiers de la sécurité', ...SECURITE };

describe('buildProgrammeReport', () => {
  it('fills every cell of the scenario programme in 7 requests: 4 local, the filières view, the plain route of each voie', async () => {
    const { api, client: c } = client(scenarioRoutes());
    const report = await buildProgrammeReport(c, input);
    expect(api.requests).toHaveLength(7);
    expect(report.cells.etablissement.scolaire).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 48, tauxEnEmploi6Mois: 38, tauxEnFormation: 41 } });
    expect(report.cells.etablissement.apprentissage).toEqual({ state: 'none', reason: 'formation-inconnue' });
    expect(report.cells.region.scolaire).toMatchObject({ state: 'figures', figures: { tauxEnEmploi6Mois: 35, tauxEnFormation: 44 } });
    expect(report.cells.region.apprentissage).toMatchObject({ state: 'figures', figures: { tauxEnEmploi6Mois: 61, tauxRuptureContrats: 24 } });
    expect(report.cells.france.scolaire).toMatchObject({ state: 'figures', figures: { millesime: '2024', tauxEnEmploi6Mois: 41, salaire12MoisQ2: 1500 } });
    // What the view drops comes from the plain route: salaries, contract breaks.
    expect(report.cells.france.apprentissage).toMatchObject({ state: 'figures', figures: { tauxEnEmploi6Mois: 63, tauxRuptureContrats: 22, salaire12MoisQ2: 1620 } });
    expect(report).toMatchObject({ key: input.key, cfd: '40034403', mefstat11: '23830034403', region: SECURITE.region, etablissement: { uai: '0693045K' } });
    expect(report.continuum).toBeUndefined();
    expect(report.famille).toBeUndefined();
  });

  it('a panel asks the plain national route of each voie beside the filières view, not after its answer', async () => {
    const api = fakeFetch(scenarioRoutes());
    let viewAnswered = false;
    const plainAskedBeforeView: string[] = [];
    const slowView: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('vue=filieres')) {
        await new Promise((r) => setTimeout(r, 30));
        viewAnswered = true;
      } else if (url.startsWith(`${BASE}/certifications/`) && !viewAnswered) plainAskedBeforeView.push(url.slice(BASE.length + 1));
      return api.fetch(input, init);
    };
    const c = createClient({ baseUrl: BASE, fetch: slowView, sleep: async () => undefined });
    const report = await buildProgrammeReport(c, input);
    expect(plainAskedBeforeView.sort()).toEqual(['certifications/23830034403', 'certifications/40034403']);
    expect(report.cells.france.apprentissage).toMatchObject({ state: 'figures', figures: { salaire12MoisQ2: 1620 } });
    expect(api.requests).toHaveLength(7);
  });

  it('decides cells without inputs without any request', async () => {
    const { api, client: c } = client(scenarioRoutes());
    const report = await buildProgrammeReport(c, { key: 'k', libelle: 'x', cfd: '40034403' });
    expect(api.requests.map((r) => r.url)).toEqual([`${BASE}/certifications/40034403?vue=filieres`, `${BASE}/certifications/40034403`]);
    expect(report.cells.etablissement).toEqual({ scolaire: { state: 'none', reason: 'pas-d-etablissement' }, apprentissage: { state: 'none', reason: 'pas-d-etablissement' } });
    expect(report.cells.region.scolaire).toEqual({ state: 'none', reason: 'pas-de-region' });
    const none = await buildProgrammeReport(c, { key: 'k', libelle: 'x', uai: '0693045K', region: SECURITE.region });
    expect(none.cells).toEqual(emptyCells({ state: 'none', reason: 'voie-absente' }));
    expect(api.requests).toHaveLength(2);
  });

  it('uses the establishment region when none is given', async () => {
    const { api, client: c } = client(scenarioRoutes());
    const report = await buildProgrammeReport(c, { ...input, region: undefined, uai: undefined, etablissement: { uai: '0693045K', region: SECURITE.region } });
    expect(report.region).toEqual(SECURITE.region);
    expect(api.requests).toHaveLength(7);
  });

  it('spreads one failed request to the cells it serves only', async () => {
    const routes = { ...scenarioRoutes(), 'certifications/23830034403,40034403?vue=filieres': { status: 500, raw: '' } };
    const report = await buildProgrammeReport(client(routes).client, input);
    expect(report.cells.france.scolaire).toMatchObject({ state: 'error', error: 'server' });
    expect(report.cells.france.apprentissage).toMatchObject({ state: 'error', error: 'server' });
    expect(report.cells.region.scolaire.state).toBe('figures');
  });

  it('shows secrecy, and an unknown establishment', async () => {
    const routes: Record<string, Route> = {
      'formations/0010001W-MEFSTAT11:23220031114': { body: secret('23220031114', 12) },
      'formations/0751234J-MEFSTAT11:23220031114': { status: 404, body: notFound('Etablissement inconnu') },
    };
    const { client: c } = client(routes);
    const small = await buildProgrammeReport(c, { key: 'k', libelle: 'CAP', uai: '0010001W', mefstat11: '23220031114' });
    expect(small.cells.etablissement.scolaire).toMatchObject({ state: 'secret', nbAnneeTerm: 12 });
    const unknown = await buildProgrammeReport(c, { key: 'k', libelle: 'CAP', uai: '0751234J', mefstat11: '23220031114' });
    expect(unknown.cells.etablissement.scolaire).toEqual({ state: 'none', reason: 'etablissement-inconnu' });
  });

  it('answers a first-year code with the final year', async () => {
    const routes = { 'formations/0693045K-MEFSTAT11:23810034403': { body: stats('23830034403', 48, 38, 41, 21, { certificationsTerminales: [{ code_certification: '23830034403' }] }) } };
    const report = await buildProgrammeReport(client(routes).client, { key: 'k', libelle: '2de', uai: '0693045K', mefstat11: '23810034403' });
    expect(report.cells.etablissement.scolaire).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 48 } });
    expect(report.famille).toBeUndefined();
  });

  it('says when figures are borrowed from the diploma this one replaced', async () => {
    const borrowed = stats('40025214', 60, 45, 35, 20, { libelle_ancien: 'ANCIEN LIBELLE', donnee_source: { code_certification: '40025204', type: 'ancienne' } });
    const routes = { 'certifications/40025214?vue=filieres': { body: { apprentissage: borrowed } } };
    const report = await buildProgrammeReport(client(routes).client, { key: 'k', libelle: 'Bac pro', cfd: '40025214' });
    expect(report.continuum).toEqual({ type: 'ancienne', codeCertification: '40025204', libelle: 'ANCIEN LIBELLE' });
    expect(report.cells.france.apprentissage).toMatchObject({ state: 'figures', donneeSource: { type: 'ancienne', codeCertification: '40025204' } });
    expect(report.cells.france.scolaire).toEqual({ state: 'none', reason: 'voie-absente' });
  });

  it('gives a common 2de one report per specialty, without extra requests when figures are there', async () => {
    const famille = { code: '006', libelle: 'Métiers de la construction durable, du bâtiment et des travaux publics', isAnneeCommune: true };
    const commune = (specialties: object[]) => ({
      millesime: '2024',
      code_certification: '23810020006',
      code_formation_diplome: '40020006',
      libelle: '2NDE PRO COMMUNE',
      familleMetier: famille,
      certificationsTerminales: specialties,
    });
    const tp = stats('23830023102', 80, 55, 30, 15, { libelle: 'TRAVAUX PUBLICS', code_formation_diplome: '40023102', millesime: '2024' });
    const other = stats('23830023104', 40, 22, 35, 43, { libelle: 'AMENAGEMENT ET FINITION', code_formation_diplome: '40023104', millesime: '2024' });
    const routes: Record<string, Route> = {
      'certifications/23810020006?vue=filieres': { body: { pro: commune([tp, other]) } },
      'regionales/84/certifications/23810020006': { status: 404, body: notFound('Pas de données disponibles') },
    };
    const { api, client: c } = client(routes);
    const report = await buildProgrammeReport(c, { key: 'k', libelle: '2de commune', mefstat11: '23810020006', region: SECURITE.region });
    // The view, the region, and the plain national route a panel asks for its details: no request per specialty.
    expect(api.requests).toHaveLength(3);
    expect(report.cells.france.scolaire).toEqual({ state: 'none', reason: 'annee-commune' });
    expect(report.famille?.libelle).toBe(famille.libelle);
    expect(report.famille?.code).toBe('006');
    const [first, second] = report.famille!.specialites;
    expect(first).toMatchObject({ mefstat11: '23830023102', cfd: '40023102', libelle: 'TRAVAUX PUBLICS' });
    expect(first!.cells.france.scolaire).toMatchObject({ state: 'figures', sansPerspectives: false });
    expect(second!.cells.france.scolaire).toMatchObject({ state: 'figures', sansPerspectives: true });
    expect(second!.cells.region.scolaire).toEqual({ state: 'none', reason: 'pas-de-donnees' });
  });

  it('asks the plain national route when vue=filieres hides the specialties', async () => {
    const routes: Record<string, Route> = {
      'certifications/23810020006?vue=filieres': {
        body: { pro: { millesime: '2024', code_certification: '23810020006', familleMetier: { code: '006', libelle: 'Construction', isAnneeCommune: true } } },
      },
      'certifications/23810020006': {
        body: { millesime: '2024', code_certification: '23810020006', familleMetier: { isAnneeCommune: true, libelle: 'Construction' }, certificationsTerminales: [{ code_certification: '23830023102' }] },
      },
      'certifications/23830023102': { body: stats('23830023102', 80, 55, 30, 15, { millesime: '2024' }) },
    };
    const { api, client: c } = client(routes);
    const report = await buildProgrammeReport(c, { key: 'k', libelle: '2de', mefstat11: '23810020006' });
    expect(report.famille?.specialites).toHaveLength(1);
    expect(report.famille!.specialites[0]!.cells.france.scolaire).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 80 } });
    expect(api.requests).toHaveLength(3);
  });

  it('accepts per-voie sums that carry no single code_certification (as the mock API serves them)', async () => {
    const sum = stats('23830034403', 5200, 41, 40, 19, { millesime: '2024' });
    delete sum.code_certification;
    const routes = { 'certifications/23830034403?vue=filieres': { body: { pro: sum } } };
    const report = await buildProgrammeReport(client(routes).client, { key: 'k', libelle: 'x', mefstat11: '23830034403' });
    expect(report.cells.france.scolaire).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 5200 } });
  });

  it('never rejects, even when every request fails', async () => {
    const routes: Record<string, Route> = {};
    for (const p of Object.keys(scenarioRoutes())) routes[p] = { raw: 'not json' };
    const report = await buildProgrammeReport(client(routes).client, input);
    for (const scope of ['etablissement', 'region', 'france'] as const) {
      expect(report.cells[scope].scolaire).toMatchObject({ state: 'error', error: 'invalid-response' });
    }
  });
});
