// The client and report against the project's mock InserJeunes API, over loopback HTTP.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '../../lib/inserjeunes/client';
import { buildProgrammeReport } from '../../lib/inserjeunes/report';
import { startMockApi, type MockApi } from '../mock-api/server';

let api: MockApi;
beforeAll(async () => {
  api = await startMockApi({ port: 0 });
});
afterAll(() => api.close());

const region = { code: '84', nom: 'Auvergne-Rhône-Alpes' };

it('builds the scenario report from the mock in 7 requests (the plain route of each voie for what vue=filieres drops)', async () => {
  api.resetRequests();
  const report = await buildProgrammeReport(createClient({ baseUrl: api.url }), { key: 'k', libelle: 'Bac pro', uai: '0693045K', cfd: '40034403', mefstat11: '23830034403', region });
  expect(report.cells.etablissement.scolaire).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 48, tauxEnEmploi6Mois: 38 } });
  expect(report.cells.etablissement.apprentissage).toEqual({ state: 'none', reason: 'formation-inconnue' });
  expect(report.cells.france.scolaire.state).toBe('figures');
  expect(report.cells.france.apprentissage.state).toBe('figures');
  expect(api.requests).toHaveLength(7);
});

it('shows the mock secrecy case and the common 2de specialties', async () => {
  const client = createClient({ baseUrl: api.url });
  const small = await buildProgrammeReport(client, { key: 'k', libelle: 'CAP', uai: '0010001W', mefstat11: '23220031114' });
  expect(small.cells.etablissement.scolaire).toMatchObject({ state: 'secret', nbAnneeTerm: 12 });
  const commune = await buildProgrammeReport(client, { key: 'k', libelle: '2de', mefstat11: '23810020006', cfd: '40020006', region });
  expect(commune.famille?.specialites.map((s) => s.mefstat11)).toContain('23830023102');
  expect(commune.famille?.specialites.some((s) => s.cells.region.scolaire.state === 'figures' && s.cells.region.scolaire.sansPerspectives)).toBe(true);
});

it('maps the mock failure modes to error cells', async () => {
  const client = createClient({ baseUrl: api.url, retries: 0 });
  for (const [failure, error] of [['500', 'server'], ['503', 'rate-limit'], ['malformed-json', 'invalid-response'], ['schema-drift', 'invalid-response']] as const) {
    api.configure({ failure });
    const r = await client.formation('0693045K', { type: 'mefstat11', code: '23830034403' });
    expect(r, failure).toMatchObject({ ok: false, cell: { state: 'error', error } });
  }
  api.configure({ failure: 'none' });
});

it('gives the mock’s agricultural programme its national figures, which vue=filieres does not have', async () => {
  api.resetRequests();
  const report = await buildProgrammeReport(createClient({ baseUrl: api.url }), { key: 'k', libelle: 'Bac pro CGEA', mefstat11: '23831021004', cfd: '40321004' });
  expect(report.cells.france.scolaire).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 900, tauxEnEmploi6Mois: 50, salaire12MoisQ2: 1480 } });
  expect(report.cells.france.apprentissage).toEqual({ state: 'none', reason: 'certification-inconnue' });
  expect(api.requests.map((r) => r.status)).toEqual(expect.arrayContaining([404, 200]));
});

it('shows the mock’s national salaries and borrowed-figures flag, which vue=filieres drops', async () => {
  const client = createClient({ baseUrl: api.url });
  const securite = await buildProgrammeReport(client, { key: 'k', libelle: 'Bac pro', cfd: '40034403', mefstat11: '23830034403' });
  expect(securite.cells.france.scolaire).toMatchObject({ state: 'figures', figures: { salaire12MoisQ2: 1520 } });
  expect(securite.cells.france.apprentissage).toMatchObject({ state: 'figures', figures: { salaire12MoisQ2: 1600, tauxRuptureContrats: 24 } });
  const carrosserie = await buildProgrammeReport(client, { key: 'k', libelle: 'Bac pro', cfd: '40025412' });
  expect(carrosserie.continuum).toMatchObject({ type: 'ancienne', codeCertification: '40025408' });
});

it('shows the mock’s partial rates, its "no figures" row and its gestionnaire figures', async () => {
  const client = createClient({ baseUrl: api.url });
  const partial = await buildProgrammeReport(client, { key: 'k', libelle: 'Bac pro', uai: '0690100J', mefstat11: '23830034403', cfd: '40034403', scopes: ['etablissement'] });
  expect(partial.cells.etablissement.scolaire).toMatchObject({ state: 'figures', figures: { millesime: '2024', tauxEnEmploi6Mois: null, tauxEnFormation: 35, tauxEnEmploi12Mois: 40 } });
  expect(partial.cells.etablissement.apprentissage).toEqual({ state: 'none', reason: 'pas-de-donnees' });
  const gestionnaire = await buildProgrammeReport(client, { key: 'k', libelle: 'Bac pro', uai: '0690101K', mefstat11: '23830034403', scopes: ['etablissement'] });
  expect(gestionnaire.cells.etablissement.scolaire).toMatchObject({ state: 'figures', provenance: { type: 'gestionnaire', uai: '0690102L' } });
});

it('treats the mock’s common 2de with a null cohort in vue=filieres as a common 2de, in a badge too', async () => {
  const report = await buildProgrammeReport(createClient({ baseUrl: api.url }), { key: 'k', libelle: '2de', mefstat11: '23810020006', scopes: ['france'] });
  expect(report.cells.france.scolaire).toEqual({ state: 'none', reason: 'annee-commune' });
  expect(report.famille?.specialites.map((s) => s.mefstat11).sort()).toEqual(['23830023102', '23830023206']);
});

it('says to check the API address when the base path is wrong (the mock’s HTML 404)', async () => {
  const report = await buildProgrammeReport(createClient({ baseUrl: `${api.origin}/api/inserjeune`, retries: 0 }), { key: 'k', libelle: 'x', mefstat11: '23830034403' });
  expect(report.cells.france.scolaire).toMatchObject({ state: 'error', error: 'api-address' });
});
