// Contract-shaped answers of the InserJeunes API (../shared/design/INSERJEUNES_API.md) following
// test/fixtures/SCENARIO.md, and a fetch stub that serves them and records every request.
export const BASE = 'http://127.0.0.1:7357/api/inserjeunes';

type Json = Record<string, unknown>;

/** A statistics object with the three 6-month rates; counts derived from the cohort. */
export function stats(code: string, nb: number, emploi: number, formation: number, autres: number, extra: Json = {}): Json {
  return {
    millesime: '2023_2024',
    code_certification: code,
    code_certification_type: code.length === 8 ? 'cfd' : 'mef11',
    code_formation_diplome: code.length === 8 ? code : `4${code.slice(-7)}`,
    libelle: 'METIERS DE LA SECURITE',
    filiere: code.length === 8 ? 'apprentissage' : 'pro',
    diplome: { code: '4', libelle: 'BAC PRO' },
    nb_annee_term: nb,
    nb_poursuite_etudes: Math.round((nb * formation) / 100),
    nb_en_emploi_6_mois: Math.round((nb * emploi) / 100),
    taux_en_emploi_6_mois: emploi,
    taux_en_formation: formation,
    taux_autres_6_mois: autres,
    taux_en_emploi_12_mois: emploi + 5,
    donnee_source: { code_certification: code, type: 'self' },
    _meta: { titre: 'Certification', details: 'Données InserJeunes' },
    ...extra,
  };
}

/** Secrecy as the API serves it: every rate and count null except the cohort, and a message. */
export function secret(code: string, nb: number): Json {
  const s = stats(code, nb, 0, 0, 0);
  for (const k of Object.keys(s)) if ((k.startsWith('taux_') || k.startsWith('nb_')) && k !== 'nb_annee_term') s[k] = null;
  s._meta = { titre: 'Formation', details: '', messages: ["Les effectifs sont trop faibles pour l'affichage de statistiques fiables."] };
  return s;
}

export const notFound = (message: string, data?: Json): Json => ({ statusCode: 404, error: 'Not Found', message, ...(data ? { data } : {}) });

export type Answer = { status?: number; body?: unknown; raw?: string; headers?: Record<string, string>; delayMs?: number; network?: boolean };
export type Route = Answer | ((url: URL, n: number) => Answer);

/**
 * A fetch stub: `routes` maps a path after BASE (with its query, e.g.
 * `certifications/23830034403,40034403?vue=filieres`) to an answer. Unknown paths are a 404
 * `Formation inconnue`. Honours the abort signal so timeouts can be tested.
 */
export function fakeFetch(routes: Record<string, Route>) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const counts = new Map<string, number>();
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const path = url.href.slice(BASE.length + 1);
    requests.push({ url: url.href, headers: { ...(init?.headers as Record<string, string>) } });
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const route = routes[path];
    const answer: Answer = !route ? { status: 404, body: notFound('Formation inconnue') } : typeof route === 'function' ? route(url, n) : route;
    await new Promise<void>((resolve, reject) => {
      const signal = init?.signal;
      if (!answer.delayMs) return resolve();
      const t = setTimeout(resolve, answer.delayMs);
      signal?.addEventListener('abort', () => {
        clearTimeout(t);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
    if (answer.network) throw new TypeError('Failed to fetch');
    const text = answer.raw ?? JSON.stringify(answer.body ?? {});
    return new Response(text, { status: answer.status ?? 200, headers: { 'content-type': 'application/json', ...answer.headers } });
  };
  return { fetch: fn as typeof fetch, requests, count: (path: string) => counts.get(path) ?? 0 };
}

/** The scenario's programme: Bac pro Métiers de la sécurité at Les Canuts, Lyon (région 84). */
export const SECURITE = {
  uai: '0693045K',
  cfd: '40034403',
  mefstat11: '23830034403',
  region: { code: '84', nom: 'Auvergne-Rhône-Alpes' },
};

export function scenarioRoutes(): Record<string, Route> {
  return {
    'formations/0693045K-MEFSTAT11:23830034403': {
      body: stats('23830034403', 48, 38, 41, 21, { uai: '0693045K', libelle_etablissement: 'LP LES CANUTS', region: { code: '84', nom: 'Auvergne-Rhône-Alpes' } }),
    },
    'formations/0693045K-CFD:40034403': { status: 404, body: notFound('Formation inconnue') },
    'regionales/84/certifications/23830034403': { body: stats('23830034403', 310, 35, 44, 21) },
    'regionales/84/certifications/40034403': { body: stats('40034403', 150, 61, 18, 21, { taux_rupture_contrats: 24 }) },
    // The filières view has no salaries, contract breaks, donnee_source nor _meta (server/tests/http/
    // certificationsRoutes-test.js); the plain route of each code has them.
    'certifications/23830034403,40034403?vue=filieres': {
      body: {
        pro: summed(stats('23830034403', 5200, 41, 40, 19, { millesime: '2024' })),
        apprentissage: summed(stats('40034403', 1900, 63, 17, 20, { millesime: '2024' })),
      },
    },
    'certifications/23830034403': {
      body: stats('23830034403', 5200, 41, 40, 19, { millesime: '2024', salaire_12_mois_q1: 1300, salaire_12_mois_q2: 1500, salaire_12_mois_q3: 1700 }),
    },
    'certifications/40034403': { body: stats('40034403', 1900, 63, 17, 20, { millesime: '2024', taux_rupture_contrats: 22, salaire_12_mois_q2: 1620 }) },
  };
}

/** A statistics object as the filières view sums it: codes listed, what the view drops removed. */
export function summed(s: Json): Json {
  const { code_certification, donnee_source: _d, _meta: _m, taux_rupture_contrats: _r, salaire_12_mois_q1: _q1, salaire_12_mois_q2: _q2, salaire_12_mois_q3: _q3, ...rest } = s;
  return { ...rest, codes_certifications: [code_certification], codes_formation_diplome: [rest.code_formation_diplome] };
}
