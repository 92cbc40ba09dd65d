// The mock against what the real API does where it differs from the contract's first draft
// (../shared/design/INSERJEUNES_API.md, "Where the real API differs…"). Each test names the file of
// mission-apprentissage/trajectoires-pro where the behaviour was read.

import { describe, expect, it } from 'vitest';
import { MOCK_API_KEY, PROVENANCE_MESSAGES, SECRECY_MESSAGE } from './contract';
import { dataset, type MockDataset } from './dataset';
import { mockForFile, type Body } from './http-get';
import { REGION_NAMES } from './regions';
import { startMockApi } from './server';

const { api: mock, get } = mockForFile();

describe('server/src/common/repositories/base.js: vue=filieres aggregates only pro and apprentissage', () => {
  it('answers 404 Certifications inconnues for an agricultural programme, whose plain route has figures', async () => {
    const filieres = await get('/certifications/23831021004?vue=filieres');
    expect(filieres.status).toBe(404);
    expect(filieres.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Certifications inconnues' });
    const plain = await get('/certifications/23831021004');
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ filiere: 'agricole', nb_annee_term: 900, taux_en_emploi_6_mois: 50, taux_en_formation: 30 });
  });

  it('leaves an agricole row out of a sum that also has pro rows', async () => {
    const data: MockDataset = structuredClone(dataset);
    const sec = data.certifications.find((c) => c.code_certification === '23830034403' && c.millesime === '2024')!;
    data.certifications.push({ ...sec, code_certification: '23830034499', filiere: 'agricole', nb_annee_term: 5000 });
    const other = await startMockApi({ dataset: data });
    try {
      const body = (await (await fetch(`${other.url}/certifications/23830034403?vue=filieres`)).json()) as Body;
      expect(Object.keys(body).sort()).toEqual(['apprentissage', 'pro']);
      expect(body.pro.nb_annee_term).toBe(1000);
    } finally {
      await other.close();
    }
  });

  it('gives a common 2de its group with nb_annee_term null and no rate with a value', async () => {
    const { status, body } = await get('/certifications/23810020006?vue=filieres');
    expect(status).toBe(200);
    expect(body.pro).toMatchObject({ filiere: 'pro', nb_annee_term: null });
    const rates = Object.entries(body.pro).filter(([k]) => k.startsWith('taux_'));
    // mongodbUtils.js: rates over a null cohort are removed, "autres" with no count at all is null.
    expect(rates.map(([k]) => k).sort()).toEqual(['taux_autres_12_mois', 'taux_autres_18_mois', 'taux_autres_24_mois', 'taux_autres_6_mois']);
    expect(rates.every(([, v]) => v === null)).toBe(true);
  });

  it('sums with the aggregation rules of stats.js: a missing count gives a null rate, "autres" what is left', async () => {
    const data: MockDataset = structuredClone(dataset);
    for (const c of data.certifications.filter((c) => c.code_formation_diplome === '32033107' && c.filiere === 'pro')) delete c.nb_en_emploi_6_mois;
    const other = await startMockApi({ dataset: data });
    try {
      const body = (await (await fetch(`${other.url}/certifications/32221033107?vue=filieres`)).json()) as Body;
      expect(body.pro).toMatchObject({ nb_annee_term: 200, nb_en_emploi_6_mois: null, taux_en_emploi_6_mois: null, taux_en_formation: 38, taux_autres_6_mois: 62 });
    } finally {
      await other.close();
    }
  });
});

describe('server/tests/http/certificationsRoutes-test.js: what vue=filieres keeps', () => {
  it('drops salaries, taux_rupture_contrats and donnee_source, which the plain route has', async () => {
    const { body } = await get('/certifications/23830034403,40034403?vue=filieres');
    for (const voie of [body.pro, body.apprentissage]) {
      for (const key of ['salaire_12_mois_q1', 'salaire_12_mois_q2', 'salaire_12_mois_q3', 'taux_rupture_contrats', 'donnee_source', '_meta']) {
        expect(voie, key).not.toHaveProperty(key);
      }
      expect(voie).toMatchObject({ codes_formation_diplome: ['40034403'], libelle: 'METIERS DE LA SECURITE (BAC PRO)', formation_fermee: false });
    }
    const plain = await get('/certifications/40034403');
    expect(plain.body).toMatchObject({ taux_rupture_contrats: 24, salaire_12_mois_q2: 1600, donnee_source: { type: 'self' } });
  });

  it('has no donnee_source at national level even for borrowed figures (the plain route flags them)', async () => {
    const filieres = await get('/certifications/40025412?vue=filieres');
    expect(filieres.body.apprentissage).not.toHaveProperty('donnee_source');
    expect((await get('/certifications/40025412')).body.donnee_source).toEqual({ code_certification: '40025408', type: 'ancienne' });
  });
});

describe('swagger.yml and importCertificationsStats-test.js: rates absent when they cannot be computed', () => {
  it('serves further study and 12-month employment without any 6-month rate', async () => {
    const { status, body } = await get('/formations/0690100J-MEFSTAT11:23830034403');
    expect(status).toBe(200);
    expect(body).toMatchObject({ nb_annee_term: 60, taux_en_formation: 35, taux_en_emploi_12_mois: 40 });
    for (const key of ['taux_en_emploi_6_mois', 'taux_autres_6_mois', 'nb_en_emploi_6_mois']) expect(body, key).not.toHaveProperty(key);
  });

  it('serves a row with neither nb_annee_term nor any rate as a 200', async () => {
    const { status, body } = await get('/formations/0690100J-CFD:40034403');
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('nb_annee_term');
    expect(Object.keys(body).filter((k) => /^(taux|nb)_/.test(k))).toEqual([]);
  });
});

describe('server/src/common/stats.js, display rule 4: figures from another UAI', () => {
  it('says the figures come from the gestionnaire, with its UAI', async () => {
    const { body } = await get('/formations/0690101K-23830034403');
    expect(body).toMatchObject({ uai: '0690101K', uai_type: 'lieu_formation', uai_donnee: '0690102L', uai_donnee_type: 'gestionnaire' });
    expect(body._meta.messages).toEqual([PROVENANCE_MESSAGES.gestionnaire]);
    expect(body._meta.messages[0]).toContain("proviennent de l'organisme gestionnaire");
  });

  it('adds no sentence when the figures are the establishment’s own', async () => {
    const { body } = await get('/formations/0693045K-23830034403');
    expect(body.uai_donnee_type).toBe(body.uai_type);
    expect(body._meta.messages).toBeUndefined();
  });

  it('replaces the secrecy sentence at index 0, as lodash merge does', async () => {
    const data: MockDataset = structuredClone(dataset);
    const row = data.formations.find((f) => f.uai === '0010001W' && f.code_certification === '23220031114')!;
    row.uai_donnee_type = 'formateur';
    const other = await startMockApi({ dataset: data });
    try {
      const body = (await (await fetch(`${other.url}/formations/0010001W-23220031114`)).json()) as Body;
      expect(body.taux_en_emploi_6_mois).toBeNull();
      expect(body._meta.messages).toEqual([PROVENANCE_MESSAGES.formateur]);
      expect(body._meta.messages).not.toContain(SECRECY_MESSAGE);
    } finally {
      await other.close();
    }
  });
});

describe('server/tests/http/regionalesRoutes-test.js: unknown codes', () => {
  it('answers Formation inconnue for a code the BCN does not know, Pas de données disponibles for a known one', async () => {
    expect((await get('/regionales/84/certifications/12345678')).body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Formation inconnue' });
    expect((await get('/regionales/11/certifications/23830034403')).body.message).toBe('Pas de données disponibles');
    expect((await get('/regionales/84/certifications/12345678?vue=filieres')).body.message).toBe('Formation inconnue');
  });
});

describe('server/tests/http/formationsRoutes-test.js: millésimes and closure', () => {
  it('serves a single-year millésime, asked by either form', async () => {
    for (const m of ['', '?millesime=2024', '?millesime=2023_2024']) {
      const { status, body } = await get(`/formations/0690100J-23830034403${m}`);
      expect(status, m).toBe(200);
      expect(body.millesime, m).toBe('2024');
    }
  });

  it('always has formation_fermee, true once date_fermeture is past', async () => {
    for (const path of ['/formations/0693045K-23830034403', '/regionales/84/certifications/23830034403', '/certifications/23830034403']) {
      expect((await get(path)).body.formation_fermee, path).toBe(false);
    }
    const data: MockDataset = structuredClone(dataset);
    data.certifications.find((c) => c.code_certification === '40025408')!.date_fermeture = '2020-08-31';
    const other = await startMockApi({ dataset: data });
    try {
      const body = (await (await fetch(`${other.url}/certifications/40025408`)).json()) as Body;
      expect(body).toMatchObject({ formation_fermee: true, date_fermeture: '2020-08-31' });
    } finally {
      await other.close();
    }
  });
});

describe('swagger.yml and the routes tests: codes and names', () => {
  it('names region 00 Collectivités d’outre-mer (swagger.yml)', async () => {
    expect(REGION_NAMES['00']).toBe("Collectivités d'outre-mer");
  });

  it('gives CAP diplome.code 3, bac pro 4, BTS 5 (certificationsRoutes-test.js, formationsRoutes-test.js)', async () => {
    expect((await get('/certifications/23220031114')).body.diplome).toEqual({ code: '3', libelle: 'CAP' });
    expect((await get('/certifications/23830034403')).body.diplome).toEqual({ code: '4', libelle: 'BAC PRO' });
    expect((await get('/certifications/32221033107')).body.diplome).toEqual({ code: '5', libelle: 'BTS' });
  });

  it('paginates private lists with nombre_de_page (base.js, _findAndPaginate)', async () => {
    const { body } = await get(`/certifications?apiKey=${MOCK_API_KEY}&items_par_page=4`);
    expect(body.pagination).toEqual({ page: 1, items_par_page: 4, nombre_de_page: Math.ceil(dataset.certifications.length / 4), total: dataset.certifications.length });
  });
});

describe('server/src/http/server.js: an unrouted path gets Express’s HTML 404', () => {
  it('answers an HTML page under the base and outside it, whatever the key', async () => {
    for (const path of [`${mock().url}/certification/23830034403`, `${mock().url}/formations/0693045K-23830034403/extra`, `${mock().origin}/inserjeunes-api/certifications/1`]) {
      const res = await fetch(path, { headers: { 'x-api-key': MOCK_API_KEY } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await res.text(), path).toContain(`<pre>Cannot GET ${new URL(path).pathname}</pre>`);
    }
  });

  it('keeps the 401 of the routed private lists', async () => {
    expect((await get('/formations')).status).toBe(401);
  });
});
