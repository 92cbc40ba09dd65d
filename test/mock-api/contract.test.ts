// The mock API against the contract (../shared/design/INSERJEUNES_API.md) and the shared scenario
// (test/fixtures/SCENARIO.md), over real HTTP on 127.0.0.1.

import { describe, expect, it } from 'vitest';
import { MOCK_API_KEY, SECRECY_MESSAGE } from './contract';
import { dataset, type MockDataset } from './dataset';
import { mockForFile, type Body } from './http-get';
import { startMockApi } from './server';

const { api: mock, get } = mockForFile();

const sixMonths = (b: Body) => [b.taux_en_emploi_6_mois, b.taux_en_formation, b.taux_autres_6_mois];

describe('formations/{UAI}-{code}', () => {
  it('answers the establishment figures of the scenario', async () => {
    const { status, body } = await get('/formations/0693045K-MEFSTAT11:23830034403');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      millesime: '2023_2024',
      code_certification: '23830034403',
      code_certification_type: 'mef11',
      code_formation_diplome: '40034403',
      filiere: 'pro',
      diplome: { code: '4', libelle: 'BAC PRO' },
      uai: '0693045K',
      libelle_etablissement: 'Lycée professionnel Les Canuts',
      region: { code: '84', nom: 'Auvergne-Rhône-Alpes' },
      academie: { code: '10', nom: 'Lyon' },
      uai_donnee_type: 'lieu_formation',
      nb_annee_term: 48,
      donnee_source: { code_certification: '23830034403', type: 'self' },
    });
    expect(sixMonths(body)).toEqual([38, 41, 21]);
    expect(body._meta.titre).toContain('0693045K');
    expect(body._meta.messages).toBeUndefined();
    expect(body).not.toHaveProperty('salaire_12_mois_q1');
  });

  it('accepts the code without prefix', async () => {
    const { status, body } = await get('/formations/0693045K-23830034403');
    expect(status).toBe(200);
    expect(body.code_certification).toBe('23830034403');
  });

  it('answers an explicit older millésime, in both spellings', async () => {
    for (const m of ['2022_2023', '2023']) {
      const { status, body } = await get(`/formations/0693045K-23830034403?millesime=${m}`);
      expect(status).toBe(200);
      expect(body.millesime).toBe('2022_2023');
      expect(body.nb_annee_term).toBe(45);
    }
  });

  it('says Formation inconnue for a code not taught there', async () => {
    const { status, body } = await get('/formations/0693045K-CFD:40034403');
    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Formation inconnue' });
  });

  it('says Formation inconnue for a code unknown to the BCN, even in an unknown establishment', async () => {
    for (const path of ['/formations/0693045K-99999999', '/formations/0751234J-99999999']) {
      const { status, body } = await get(path);
      expect([status, body.message]).toEqual([404, 'Formation inconnue']);
    }
  });

  it('says Etablissement inconnu for an unknown UAI', async () => {
    const { status, body } = await get('/formations/0751234J-MEFSTAT11:23830034403');
    expect(status).toBe(404);
    expect(body.message).toBe('Etablissement inconnu');
  });

  it('lists the available millésimes when the default one has no figures', async () => {
    const { status, body } = await get('/formations/0693045K-32221033107');
    expect(status).toBe(404);
    expect(body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Pas de données pour le millésime',
      data: { millesime: '2023_2024', millesimesDisponible: ['2022_2023'] },
    });
    const retry = await get(`/formations/0693045K-32221033107?millesime=${body.data.millesimesDisponible[0]}`);
    expect(retry.status).toBe(200);
    expect(retry.body.millesime).toBe('2022_2023');
  });

  it('serves secrecy nulls under 20 students', async () => {
    const { status, body } = await get('/formations/0010001W-MEFSTAT11:23220031114');
    expect(status).toBe(200);
    expect(body.nb_annee_term).toBe(12);
    const figureKeys = Object.keys(body).filter((k) => /^(taux|nb)_/.test(k) && k !== 'nb_annee_term');
    expect(figureKeys.length).toBeGreaterThanOrEqual(6);
    for (const k of figureKeys) expect(body[k], k).toBeNull();
    expect(body._meta.messages).toEqual([SECRECY_MESSAGE]);
    // The data set itself holds real figures: the server applies the rule.
    const row = dataset.formations.find((f) => f.uai === '0010001W' && f.code_certification === '23220031114')!;
    expect(row.taux_en_emploi_6_mois).toEqual(expect.any(Number));
  });

  it('has no data at all under 5 students', async () => {
    const { status, body } = await get('/formations/0010001W-CFD:50031114');
    expect(status).toBe(404);
    expect(body.message).toBe('Formation inconnue');
  });

  it('answers a first-year code with the final year', async () => {
    const { status, body } = await get('/formations/0693045K-MEFSTAT11:23810034403');
    expect(status).toBe(200);
    expect(body.code_certification).toBe('23830034403');
    expect(sixMonths(body)).toEqual([38, 41, 21]);
  });

  it('applies the rule generically to any data set', async () => {
    const custom: MockDataset = {
      ...dataset,
      formations: [
        { ...dataset.formations[0]!, nb_annee_term: 19 },
        { ...dataset.formations[0]!, uai: '0010001W', nb_annee_term: 20 },
      ],
    };
    const other = await startMockApi({ dataset: custom });
    try {
      const secret = await (await fetch(`${other.url}/formations/0693045K-23830034403`)).json();
      expect(secret.taux_en_emploi_6_mois).toBeNull();
      const open = await (await fetch(`${other.url}/formations/0010001W-23830034403`)).json();
      expect(open.taux_en_emploi_6_mois).toBe(38);
      expect(open._meta.messages).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe('certifications/{code}', () => {
  it('answers national figures with salary quartiles', async () => {
    const { status, body } = await get('/certifications/23830034403');
    expect(status).toBe(200);
    expect(body).toMatchObject({ millesime: '2024', code_certification: '23830034403', filiere: 'pro' });
    expect(sixMonths(body)).toEqual([41, 40, 19]);
    expect(body.salaire_12_mois_q1).toBeLessThan(body.salaire_12_mois_q2);
    expect(body.salaire_12_mois_q2).toBeLessThan(body.salaire_12_mois_q3);
    expect(body).not.toHaveProperty('uai');
  });

  it('answers apprenticeship figures with taux_rupture_contrats', async () => {
    const { status, body } = await get('/certifications/CFD:40034403');
    expect(status).toBe(200);
    expect(body.filiere).toBe('apprentissage');
    expect(body.code_certification_type).toBe('cfd');
    expect(sixMonths(body)).toEqual([63, 17, 20]);
    expect(body.taux_rupture_contrats).toEqual(expect.any(Number));
  });

  it('says Certification inconnue for a code without figures', async () => {
    for (const code of ['99999999', '40034402', 'SISE:1234567']) {
      const { status, body } = await get(`/certifications/${code}`);
      expect(status, code).toBe(404);
      expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Certification inconnue' });
    }
  });

  it('lists the available millésimes when the newest has none', async () => {
    const { status, body } = await get('/certifications/50031114');
    expect(status).toBe(404);
    expect(body.message).toBe('Pas de données pour le millésime');
    expect(body.data).toEqual({ millesime: '2024', millesimesDisponible: ['2023'] });
    expect((await get('/certifications/50031114?millesime=2023')).status).toBe(200);
  });

  it('says where borrowed figures come from (donnee_source ancienne)', async () => {
    const { status, body } = await get('/certifications/40025412');
    expect(status).toBe(200);
    expect(body.donnee_source).toEqual({ code_certification: '40025408', type: 'ancienne' });
    expect(body.libelle_ancien).toBe('REPARATION DES CARROSSERIES (BAC PRO)');
    const ancien = await get('/certifications/40025408');
    expect(sixMonths(body)).toEqual(sixMonths(ancien.body));
  });

  it('answers a common 2de with one full object per specialty', async () => {
    const { status, body } = await get('/certifications/MEFSTAT11:23810020006');
    expect(status).toBe(200);
    expect(body.code_certification).toBe('23810020006');
    expect(body.familleMetier).toEqual({
      code: expect.any(String),
      libelle: 'Métiers de la construction durable, du bâtiment et des travaux publics',
      isAnneeCommune: true,
    });
    const terminales = body.certificationsTerminales as Body[];
    expect(terminales.map((t) => t.code_certification)).toEqual(['23830023102', '23830023206']);
    for (const t of terminales) expect(t).toMatchObject({ millesime: '2024', filiere: 'pro', nb_annee_term: expect.any(Number) });
    const sansPerspectives = terminales.filter((t) => t.taux_en_emploi_6_mois < 30 && t.taux_en_formation < 50);
    expect(sansPerspectives.map((t) => sixMonths(t).slice(0, 2))).toEqual([[22, 35]]);
  });

  it('answers the common 2de CFD with the apprenticeship specialties', async () => {
    const { status, body } = await get('/certifications/40020006');
    expect(status).toBe(200);
    expect(body.familleMetier.isAnneeCommune).toBe(true);
    expect(body.certificationsTerminales.map((t: Body) => t.code_certification)).toEqual(['40023102', '40023206']);
  });

  it('answers a first-year code with the final year', async () => {
    const { body } = await get('/certifications/23810034403');
    expect(body.code_certification).toBe('23830034403');
  });
});

describe('vue=filieres and several codes', () => {
  it('sums per voie: bac pro Métiers de la sécurité', async () => {
    const { status, body } = await get('/certifications/23830034403,40034403?vue=filieres');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['apprentissage', 'pro']);
    expect(sixMonths(body.pro)).toEqual([41, 40, 19]);
    expect(sixMonths(body.apprentissage)).toEqual([63, 17, 20]);
    expect(body.pro).toMatchObject({ filiere: 'pro', millesime: '2024', code_formation_diplome: '40034403' });
  });

  it('recomputes rates from summed counts: BTS opticien (two school lengths)', async () => {
    const { status, body } = await get('/certifications/32221033107|32033107');
    expect(status).toBe(200);
    expect(body.pro.codes_certifications.sort()).toEqual(['32111033107', '32221033107']);
    const parts = dataset.certifications.filter((c) => c.code_formation_diplome === '32033107' && c.filiere === 'pro');
    expect(body.pro.nb_annee_term).toBe(parts.reduce((s, c) => s + c.nb_annee_term!, 0));
    expect(sixMonths(body.pro)).toEqual([45, 38, 17]);
    expect(sixMonths(body.apprentissage)).toEqual([72, 12, 16]);
  });

  it('gives both voies for a single code with vue=filieres', async () => {
    const { body } = await get('/certifications/MEFSTAT11:23830034403?vue=filieres');
    expect(Object.keys(body).sort()).toEqual(['apprentissage', 'pro']);
  });

  it('sums the regional figures per voie', async () => {
    const { status, body } = await get('/regionales/84/certifications/23830034403?vue=filieres');
    expect(status).toBe(200);
    expect(sixMonths(body.pro)).toEqual([35, 44, 21]);
    expect(sixMonths(body.apprentissage)).toEqual([61, 18, 21]);
  });

  it('answers 404 for unknown codes', async () => {
    const { status, body } = await get('/certifications/99999999,99999998');
    expect(status).toBe(404);
    expect(body.message).toBe('Certifications inconnues');
  });
});

describe('regionales/{region}/certifications/{code}', () => {
  it('answers the regional figures of the scenario', async () => {
    const a = await get('/regionales/84/certifications/23830034403');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ millesime: '2023_2024', region: { code: '84', nom: 'Auvergne-Rhône-Alpes' } });
    expect(sixMonths(a.body)).toEqual([35, 44, 21]);
    const b = await get('/regionales/84/certifications/CFD:40034403');
    expect(sixMonths(b.body)).toEqual([61, 18, 21]);
  });

  it('reads a postal code as its region', async () => {
    const { status, body } = await get('/regionales/69001/certifications/40034403');
    expect(status).toBe(200);
    expect(body.region.code).toBe('84');
  });

  it('says Pas de données disponibles for a region without figures', async () => {
    const { status, body } = await get('/regionales/11/certifications/23830034403');
    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Pas de données disponibles' });
  });

  it('has no data under 5 students and secrecy nulls under 20', async () => {
    expect((await get('/regionales/84/certifications/50031114')).body.message).toBe('Pas de données disponibles');
    const secret = await get('/regionales/84/certifications/23220031114');
    expect(secret.body.nb_annee_term).toBe(15);
    expect(secret.body.taux_en_emploi_6_mois).toBeNull();
  });

  it('lists the available millésimes', async () => {
    const { body } = await get('/regionales/84/certifications/23830034403?millesime=2021_2022');
    expect(body.data).toEqual({ millesime: '2021_2022', millesimesDisponible: ['2023_2024', '2022_2023'] });
  });
});

describe('validation: 400 Erreur de validation', () => {
  const cases: [string, string][] = [
    ['unknown query parameter', '/certifications/23830034403?_=123'],
    ['apiKey on a public route', '/certifications/23830034403?apiKey=x'],
    ['lower-case UAI', '/formations/0693045k-23830034403'],
    ['short UAI', '/formations/069304K-23830034403'],
    ['bad millésime', '/certifications/23830034403?millesime=24'],
    ['bad millésime pair', '/formations/0693045K-23830034403?millesime=2023-2024'],
    ['repeated millésime', '/certifications/23830034403?millesime=2024&millesime=2023'],
    ['bad vue', '/certifications/23830034403?vue=regions'],
    ['bad theme', '/certifications/23830034403.svg?theme=pink'],
    ['bad code length', '/certifications/2383003440'],
    ['lower-case code', '/certifications/4003440a'],
    ['CFD prefix on a MEFSTAT11', '/certifications/CFD:23830034403'],
    ['MEFSTAT11 prefix on a CFD', '/certifications/MEFSTAT11:40034403'],
    ['SISE without prefix length', '/certifications/SISE:123'],
    ['SISE mixed with CFD', '/certifications/SISE:1234567,40034403'],
    ['unknown region', '/regionales/99/certifications/23830034403'],
    ['several codes on formations', '/formations/0693045K-23830034403,40034403'],
  ];
  it.each(cases)('%s', async (_what, path) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'Erreur de validation' });
    expect(body.details.length).toBeGreaterThan(0);
    expect(body.details[0]).toMatchObject({ message: expect.any(String), path: expect.any(Array) });
  });

  it('names the unknown parameter in details', async () => {
    const { body } = await get('/formations/0693045K-23830034403?cacheBuster=1');
    expect(body.details[0].path).toEqual(['cacheBuster']);
  });

  it('accepts every documented parameter', async () => {
    const { status } = await get('/certifications/23830034403?millesime=2024&vue=filieres&theme=dsfr&direction=vertical&imageOnError=false');
    expect(status).toBe(200);
  });

  it('accepts | and URL-encoded separators and prefixes', async () => {
    const { status, body } = await get('/certifications/MEFSTAT11%3A23830034403%7CCFD%3A40034403');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['apprentissage', 'pro']);
  });
});

describe('private routes', () => {
  it('answers 401 Not authorized without a key', async () => {
    for (const path of ['/formations', '/certifications', '/regionales', '/bcn', '/certifications.csv', '/regionales/84/certifications']) {
      const { status, body } = await get(path);
      expect(status, path).toBe(401);
      expect(body.message).toBe('Not authorized');
    }
  });

  it('answers 401 with a wrong key', async () => {
    expect((await get('/formations', { headers: { 'x-api-key': 'nope' } })).status).toBe(401);
  });

  it('serves the lists with the key, in header or query', async () => {
    const a = await get('/formations', { headers: { 'x-api-key': MOCK_API_KEY } });
    expect(a.status).toBe(200);
    expect(a.body.formations.length).toBeGreaterThan(0);
    expect(a.body.pagination.total).toBe(dataset.formations.length);
    const b = await get(`/certifications?apiKey=${MOCK_API_KEY}&items_par_page=2&page=2`);
    expect(b.status).toBe(200);
    expect(b.body.certifications).toHaveLength(2);
    expect(b.body.certifications[0].code_certification).toBe(dataset.certifications[2]!.code_certification);
  });
});

describe('.svg variants', () => {
  it('returns an SVG image with the figures', async () => {
    const res = await fetch(`${mock().url}/certifications/23830034403.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('41 % en emploi');
  });

  it('returns the JSON error, or an image with imageOnError', async () => {
    const plain = await fetch(`${mock().url}/certifications/99999999.svg`);
    expect(plain.status).toBe(404);
    const image = await fetch(`${mock().url}/certifications/99999999.svg?imageOnError=true`);
    expect(image.status).toBe(200);
    expect(await image.text()).toContain('Certification inconnue');
    const empty = await fetch(`${mock().url}/certifications/99999999.svg?imageOnError=empty`);
    expect([empty.status, await empty.text()]).toEqual([200, '']);
  });

  it('draws both voies for filières and the secrecy message', async () => {
    const filieres = await (await fetch(`${mock().url}/certifications/23830034403,40034403.svg`)).text();
    expect(filieres).toContain('Voie scolaire');
    expect(filieres).toContain('Voie apprentissage');
    const secret = await (await fetch(`${mock().url}/formations/0010001W-23220031114.svg?direction=horizontal`)).text();
    expect(secret).toContain('pas assez d&#39;élèves');
  });
});
