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

it('builds the scenario report from the mock in 5 requests', async () => {
  api.resetRequests();
  const report = await buildProgrammeReport(createClient({ baseUrl: api.url }), { key: 'k', libelle: 'Bac pro', uai: '0693045K', cfd: '40034403', mefstat11: '23830034403', region });
  expect(report.cells.etablissement.scolaire).toMatchObject({ state: 'figures', figures: { nbAnneeTerm: 48, tauxEnEmploi6Mois: 38 } });
  expect(report.cells.etablissement.apprentissage).toEqual({ state: 'none', reason: 'formation-inconnue' });
  expect(report.cells.france.scolaire.state).toBe('figures');
  expect(report.cells.france.apprentissage.state).toBe('figures');
  expect(api.requests).toHaveLength(5);
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
