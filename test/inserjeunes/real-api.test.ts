// The client, figures and report on what the real API answers differently from the contract's first
// draft (../shared/design/INSERJEUNES_API.md, "Where the real API differs…"), with contract-shaped
// stubs; the same cases against the project's mock are in against-mock.test.ts.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../lib/inserjeunes/client';
import { missingRates, toCell } from '../../lib/inserjeunes/figures';
import { buildProgrammeReport } from '../../lib/inserjeunes/report';
import { apiSchemas } from '../../lib/inserjeunes/schema';

const statsSchema = apiSchemas().stats;
import { BASE, fakeFetch, notFound, secret, stats, summed, type Route } from './fake-api';

const parse = (o: unknown) => statsSchema.parse(o);
const client = (routes: Record<string, Route>) => {
  const api = fakeFetch(routes);
  return { api, client: createClient({ baseUrl: BASE, fetch: api.fetch, sleep: async () => undefined }) };
};
const paths = (api: { requests: { url: string }[] }) => api.requests.map((r) => r.url.slice(BASE.length + 1)).sort();

/** Further study and 12-month employment, no 6-month employment (swagger.yml: absent when not computable). */
function partial(code: string): Record<string, unknown> {
  const s = stats(code, 60, 0, 35, 0, { taux_en_emploi_12_mois: 40 });
  for (const k of ['taux_en_emploi_6_mois', 'taux_autres_6_mois', 'nb_en_emploi_6_mois']) delete s[k];
  return s;
}

describe('figures: rates the API could not compute', () => {
  it('shows what exists and names what is missing, never an error', () => {
    const cell = toCell(parse(partial('23830034403')));
    expect(cell).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 60, tauxEnEmploi6Mois: null, tauxEnFormation: 35, tauxAutres6Mois: null, tauxEnEmploi12Mois: 40 }, sansPerspectives: false });
    if (cell.state === 'figures') expect(missingRates(cell.figures)).toEqual(['emploi', 'autres']);
  });

  it('says "no figures" for an answer with no cohort and no rate, or a cohort and no rate', () => {
    const bare = { millesime: '2023_2024', code_certification: '40034403', filiere: 'apprentissage' };
    expect(toCell(parse(bare))).toEqual({ state: 'none', reason: 'pas-de-donnees' });
    expect(toCell(parse({ ...bare, nb_annee_term: null }))).toEqual({ state: 'none', reason: 'pas-de-donnees' });
    expect(toCell(parse({ ...bare, nb_annee_term: 40, nb_en_emploi_6_mois: 6 }))).toEqual({ state: 'none', reason: 'pas-de-donnees' });
  });
});

describe('figures: provenance (server/src/common/stats.js, display rule 4)', () => {
  it('keeps the gestionnaire or formateur UAI the figures come from', () => {
    const etab = { uai: '0690101K', uai_type: 'lieu_formation', uai_donnee: '0690102L', uai_donnee_type: 'gestionnaire' };
    expect(toCell(parse(stats('23830034403', 80, 45, 35, 20, etab)))).toMatchObject({ state: 'figures', provenance: { type: 'gestionnaire', uai: '0690102L' } });
    const formateur = { ...etab, uai_donnee: '0690101K', uai_donnee_type: 'formateur' };
    const cell = toCell(parse(stats('23830034403', 80, 45, 35, 20, formateur)));
    expect(cell).toMatchObject({ state: 'figures', provenance: { type: 'formateur' } });
    if (cell.state === 'figures') expect(cell.provenance).not.toHaveProperty('uai');
  });

  it('adds nothing when the figures are the establishment’s own, or national', () => {
    const own = toCell(parse(stats('23830034403', 80, 45, 35, 20, { uai: '0693045K', uai_type: 'lieu_formation', uai_donnee: '0693045K', uai_donnee_type: 'lieu_formation' })));
    expect(own).not.toHaveProperty('provenance');
    expect(toCell(parse(stats('23830034403', 80, 45, 35, 20)))).not.toHaveProperty('provenance');
  });
});

describe('client: an unrouted path', () => {
  it('reads Express’s HTML 404 as a wrong API address, without retrying', async () => {
    const { api, client: c } = client({
      'certifications/23830034403': { status: 404, raw: '<!DOCTYPE html>\n<html lang="en">\n<body>\n<pre>Cannot GET /x</pre>\n</body>\n</html>\n', headers: { 'content-type': 'text/html; charset=utf-8' } },
    });
    expect(await c.certification('23830034403')).toMatchObject({ ok: false, status: 404, cell: { state: 'error', error: 'api-address' } });
    expect(api.requests).toHaveLength(1);
  });
});

describe('report: national figures where vue=filieres cannot answer (server/src/common/repositories/base.js)', () => {
  const AGRI = { mefstat11: '23831021004', cfd: '40321004' };
  const agriRoutes = (): Record<string, Route> => ({
    'certifications/23831021004,40321004?vue=filieres': { status: 404, body: notFound('Certifications inconnues') },
    'certifications/23831021004': { body: stats('23831021004', 900, 50, 30, 20, { millesime: '2024', filiere: 'agricole', salaire_12_mois_q2: 1480 }) },
    'certifications/40321004': { status: 404, body: notFound('Certification inconnue') },
  });

  it('gives an agricultural programme its national figures from the plain route', async () => {
    const { api, client: c } = client(agriRoutes());
    const report = await buildProgrammeReport(c, { key: 'k', libelle: 'Bac pro CGEA', ...AGRI });
    expect(report.cells.france.scolaire).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 900, tauxEnEmploi6Mois: 50, salaire12MoisQ2: 1480 } });
    expect(report.cells.france.apprentissage).toEqual({ state: 'none', reason: 'certification-inconnue' });
    expect(paths(api)).toEqual(['certifications/23831021004', 'certifications/23831021004,40321004?vue=filieres', 'certifications/40321004']);
  });

  it('does the same for a badge: one plain call per voie the view could not answer', async () => {
    const { api, client: c } = client(agriRoutes());
    const report = await buildProgrammeReport(c, { key: 'k', libelle: 'Bac pro CGEA', mefstat11: AGRI.mefstat11, scopes: ['france'] });
    expect(report.cells.france.scolaire).toMatchObject({ state: 'figures', figures: { tauxEnEmploi6Mois: 50 } });
    expect(paths(api)).toEqual(['certifications/23831021004', 'certifications/23831021004?vue=filieres']);
  });

  it('asks a badge nothing more when the view answers both voies', async () => {
    const { api, client: c } = client({
      'certifications/23830034403,40034403?vue=filieres': {
        body: { pro: summed(stats('23830034403', 5200, 41, 40, 19, { millesime: '2024' })), apprentissage: summed(stats('40034403', 1900, 63, 17, 20, { millesime: '2024' })) },
      },
    });
    const report = await buildProgrammeReport(c, { key: 'k', libelle: 'x', mefstat11: '23830034403', cfd: '40034403', scopes: ['france'] });
    expect(report.cells.france.scolaire.state).toBe('figures');
    expect(report.cells.france.apprentissage.state).toBe('figures');
    expect(api.requests).toHaveLength(1);
  });

  it('asks a badge the plain route of the one voie the view left out', async () => {
    const { api, client: c } = client({
      'certifications/23830034403,40034403?vue=filieres': { body: { pro: summed(stats('23830034403', 5200, 41, 40, 19, { millesime: '2024' })) } },
      'certifications/40034403': { status: 404, body: notFound('Certification inconnue') },
    });
    const report = await buildProgrammeReport(c, { key: 'k', libelle: 'x', mefstat11: '23830034403', cfd: '40034403', scopes: ['france'] });
    expect(report.cells.france.apprentissage).toEqual({ state: 'none', reason: 'certification-inconnue' });
    expect(paths(api)).toEqual(['certifications/23830034403,40034403?vue=filieres', 'certifications/40034403']);
  });

  it('keeps the view’s error when the view fails, even when the plain route asked beside it answers', async () => {
    const { client: c } = client({
      'certifications/23830034403?vue=filieres': { status: 500, raw: '' },
      'certifications/23830034403': { body: stats('23830034403', 60, 30, 40, 30) },
    });
    const report = await buildProgrammeReport(c, { key: 'k', libelle: 'x', mefstat11: '23830034403' });
    expect(report.cells.france.scolaire).toMatchObject({ state: 'error', error: 'server' });
    // A badge asks the plain route only when the view answered without that voie: not after a failure.
    const badge = client({ 'certifications/23830034403?vue=filieres': { status: 500, raw: '' } });
    await buildProgrammeReport(badge.client, { key: 'k', libelle: 'x', mefstat11: '23830034403', scopes: ['etablissement', 'france'] });
    expect(badge.api.requests.every((r) => r.url.includes('vue=filieres'))).toBe(true);
  });
});

describe('report: what vue=filieres drops, from the plain route (certificationsRoutes-test.js)', () => {
  it('flags borrowed figures and shows salaries at national level', async () => {
    const own = stats('40025412', 300, 65, 15, 20, { millesime: '2024', libelle_ancien: 'REPARATION DES CARROSSERIES', donnee_source: { code_certification: '40025408', type: 'ancienne' }, salaire_12_mois_q1: 1400 });
    const { client: c } = client({
      'certifications/40025412?vue=filieres': { body: { apprentissage: summed(own) } },
      'certifications/40025412': { body: own },
    });
    const report = await buildProgrammeReport(c, { key: 'k', libelle: 'Bac pro', cfd: '40025412' });
    expect(report.continuum).toEqual({ type: 'ancienne', codeCertification: '40025408', libelle: 'REPARATION DES CARROSSERIES' });
    expect(report.cells.france.apprentissage).toMatchObject({ state: 'figures', donneeSource: { type: 'ancienne' }, figures: { salaire12MoisQ1: 1400, tauxEnEmploi6Mois: 65 } });
  });

  it('takes nothing from a plain answer of another year', async () => {
    const { client: c } = client({
      'certifications/40034403?vue=filieres': { body: { apprentissage: summed(stats('40034403', 1900, 63, 17, 20, { millesime: '2024' })) } },
      'certifications/40034403': { body: stats('40034403', 1800, 60, 20, 20, { millesime: '2023', salaire_12_mois_q2: 1600 }) },
    });
    const report = await buildProgrammeReport(c, { key: 'k', libelle: 'x', cfd: '40034403' });
    expect(report.cells.france.apprentissage).toMatchObject({ state: 'figures', figures: { millesime: '2024', tauxEnEmploi6Mois: 63 } });
    if (report.cells.france.apprentissage.state === 'figures') expect(report.cells.france.apprentissage.figures).not.toHaveProperty('salaire12MoisQ2');
  });
});

describe('report: a common 2de summed with nb_annee_term null (base.js)', () => {
  it('is still a common 2de: its specialties, no error', async () => {
    const { client: c } = client({
      'certifications/23810020006?vue=filieres': { body: { pro: { millesime: '2024', filiere: 'pro', codes_certifications: ['23810020006'], nb_annee_term: null } } },
      'certifications/23810020006': {
        body: { millesime: '2024', code_certification: '23810020006', familleMetier: { isAnneeCommune: true, libelle: 'Construction' }, certificationsTerminales: [stats('23830023102', 80, 55, 30, 15, { millesime: '2024' })] },
      },
    });
    for (const scopes of [undefined, ['france'] as const]) {
      const report = await buildProgrammeReport(c, { key: 'k', libelle: '2de', mefstat11: '23810020006', ...(scopes ? { scopes } : {}) });
      expect(report.cells.france.scolaire).toEqual({ state: 'none', reason: 'annee-commune' });
      expect(report.famille?.specialites.map((s) => s.mefstat11)).toEqual(['23830023102']);
    }
  });
});

describe('report: establishment cells', () => {
  it('shows partial rates and the gestionnaire provenance', async () => {
    const { client: c } = client({
      'formations/0690100J-MEFSTAT11:23830034403': { body: partial('23830034403') },
      'formations/0690101K-MEFSTAT11:23830034403': { body: stats('23830034403', 80, 45, 35, 20, { uai: '0690101K', uai_type: 'lieu_formation', uai_donnee: '0690102L', uai_donnee_type: 'gestionnaire' }) },
      'formations/0690101K-MEFSTAT11:23220031114': { body: secret('23220031114', 12) },
    });
    const a = await buildProgrammeReport(c, { key: 'k', libelle: 'x', uai: '0690100J', mefstat11: '23830034403', scopes: ['etablissement'] });
    expect(a.cells.etablissement.scolaire).toMatchObject({ state: 'figures', figures: { tauxEnEmploi6Mois: null, tauxEnFormation: 35 } });
    const b = await buildProgrammeReport(c, { key: 'k', libelle: 'x', uai: '0690101K', mefstat11: '23830034403', scopes: ['etablissement'] });
    expect(b.cells.etablissement.scolaire).toMatchObject({ state: 'figures', provenance: { type: 'gestionnaire', uai: '0690102L' } });
  });
});
