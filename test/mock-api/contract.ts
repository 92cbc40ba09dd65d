// The mock API's answers: routes, validation, millésimes, secrecy, first years, common 2de and the
// filières view of ../shared/design/INSERJEUNES_API.md, as a pure function of a request and a data set.

import type {
  CertificationInfo,
  CodeCertificationType,
  Etablissement,
  Filiere,
  MockDataset,
  NationalStat,
  StatRecord,
} from './dataset';
import { REGION_NAMES, isRegionCode, regionOfPostalCode } from './regions';

/** The key the mock accepts on private routes (header `x-api-key` or `?apiKey=`). */
export const MOCK_API_KEY = 'mock-api-key';

export const SECRECY_THRESHOLD = 20;
export const NO_DATA_THRESHOLD = 5;
export const SECRECY_MESSAGE =
  "Les taux ne peuvent pas être affichés car il n'y a pas assez d'élèves pour fournir une information fiable.";

export interface ApiRequest {
  method: string;
  /** Path after the base (`/api/inserjeunes` or `/inserjeunes`), still URL-encoded, e.g. `/certifications/123`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The whole path as requested (for the 404 page of an unrouted path); defaults to `path`. */
  fullPath?: string;
}

export interface ApiAnswer {
  status: number;
  contentType: string;
  /** A JSON value, or a string for SVG bodies. */
  body: unknown;
}

type Json = Record<string, unknown>;

interface ValidationDetail {
  message: string;
  path: string[];
  type: string;
  context: Json;
}

/** An error the API answers with; thrown inside the handlers and turned into an answer at the top. */
class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: { data?: Json; details?: ValidationDetail[] } = {},
  ) {
    super(message);
  }

  toJson(): Json {
    const error = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' }[this.statusCode] ?? 'Error';
    return { statusCode: this.statusCode, error, message: this.message, ...this.extra };
  }
}

const validation = (details: ValidationDetail[]) => new ApiError(400, 'Erreur de validation', { details });
const detail = (key: string, message: string, type: string, value?: unknown): ValidationDetail => ({
  message,
  path: [key],
  type,
  context: { label: key, key, ...(value === undefined ? {} : { value }) },
});

// ------------------------------------------------------------------ validation

const PUBLIC_QUERY: Record<string, RegExp> = {
  millesime: /^[0-9]{4}(_[0-9]{4})?$/,
  vue: /^filieres$/,
  theme: /^(dsfr|lba)$/,
  direction: /^(vertical|horizontal)$/,
  imageOnError: /^(true|false|empty)$/,
};

function validateQuery(query: URLSearchParams): Record<string, string> {
  const details: ValidationDetail[] = [];
  const values: Record<string, string> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    const pattern = PUBLIC_QUERY[key];
    if (!pattern) details.push(detail(key, `"${key}" is not allowed`, 'object.unknown', all[0]));
    else if (all.length > 1) details.push(detail(key, `"${key}" must be a string`, 'string.base', all));
    else if (!pattern.test(all[0]!)) {
      details.push(detail(key, `"${key}" with value "${all[0]}" fails to match the required pattern`, 'string.pattern.base', all[0]));
    } else values[key] = all[0]!;
  }
  if (details.length) throw validation(details);
  return values;
}

interface Code {
  code: string;
  type: CodeCertificationType;
}

const CODE_PATTERNS: { prefix: string; type: CodeCertificationType; pattern: RegExp; prefixRequired: boolean }[] = [
  { prefix: 'CFD:', type: 'cfd', pattern: /^[0-9A-Z]{8}$/, prefixRequired: false },
  { prefix: 'MEFSTAT11:', type: 'mef11', pattern: /^[0-9A-Z]{11}$/, prefixRequired: false },
  { prefix: 'SISE:', type: 'sise', pattern: /^[0-9A-Z]{7}$/, prefixRequired: true },
];

function parseCode(raw: string, key: string): Code {
  for (const { prefix, type, pattern } of CODE_PATTERNS) {
    if (raw.startsWith(prefix)) {
      const code = raw.slice(prefix.length);
      if (pattern.test(code)) return { code, type };
      throw validation([detail(key, `"${key}" with value "${raw}" is not a valid ${prefix.slice(0, -1)} code`, 'string.pattern.base', raw)]);
    }
  }
  const bare = CODE_PATTERNS.find((p) => !p.prefixRequired && p.pattern.test(raw));
  if (bare) return { code: raw, type: bare.type };
  throw validation([detail(key, `"${key}" with value "${raw}" is not a valid code`, 'string.pattern.base', raw)]);
}

function parseCodes(raw: string, key: string): Code[] {
  const codes = raw.split(/[,|]/).map((c) => parseCode(c, key));
  const sise = codes.filter((c) => c.type === 'sise').length;
  if (sise > 0 && sise < codes.length) {
    throw validation([detail(key, `"${key}" cannot mix SISE codes with CFD or MEFSTAT11 codes`, 'any.invalid', raw)]);
  }
  return codes;
}

function parseUai(raw: string): string {
  if (/^[0-9]{7}[A-Z]$/.test(raw)) return raw;
  throw validation([detail('uai', `"uai" with value "${raw}" fails to match the required pattern: /^[0-9]{7}[A-Z]$/`, 'string.pattern.base', raw)]);
}

function parseRegion(raw: string): string {
  if (isRegionCode(raw)) return raw;
  if (/^[0-9]{5}$/.test(raw)) {
    const region = regionOfPostalCode(raw);
    if (region) return region;
  }
  throw validation([detail('region', `"region" must be a region code or a postal code`, 'any.only', raw)]);
}

// ------------------------------------------------------------------ scopes

type Scope =
  | { kind: 'national' }
  | { kind: 'regional'; region: string }
  | { kind: 'etablissement'; uai: string };

type RowOf = StatRecord & Partial<NationalStat> & { uai?: string; region?: string; uai_donnee?: string; uai_donnee_type?: string };

class Contract {
  constructor(private readonly data: MockDataset) {}

  private rowsFor(scope: Scope): RowOf[] {
    const rows: RowOf[] =
      scope.kind === 'national'
        ? this.data.certifications
        : scope.kind === 'regional'
          ? this.data.regionales.filter((r) => r.region === scope.region)
          : this.data.formations.filter((f) => f.uai === scope.uai);
    // Below the no-data threshold the API has no row at all; a row without a cohort is kept.
    return rows.filter((r) => r.nb_annee_term === undefined || r.nb_annee_term >= NO_DATA_THRESHOLD);
  }

  private millesimeFor(scope: Scope, asked?: string): string {
    if (scope.kind === 'national') {
      if (!asked) return this.data.latestMillesime.national;
      return asked.includes('_') ? asked.split('_')[1]! : asked;
    }
    const latest = scope.kind === 'regional' ? this.data.latestMillesime.regional : this.data.latestMillesime.etablissement;
    if (!asked) return latest;
    return asked.includes('_') ? asked : `${Number(asked) - 1}_${asked}`;
  }

  private info(code: string): CertificationInfo | undefined {
    const all: CertificationInfo[] = [
      ...this.data.anneesNonTerminales,
      ...this.data.bcn,
      ...this.data.certifications,
      ...this.data.regionales,
      ...this.data.formations,
    ];
    return all.find((i) => i.code_certification === code);
  }

  private etablissement(uai: string): Etablissement | undefined {
    return this.data.etablissements.find((e) => e.uai === uai);
  }

  /** One code in one scope: figures, a redirection to the final year, or a 404. */
  stats(scope: Scope, code: string, asked?: string): Json {
    const millesime = this.millesimeFor(scope, asked);
    const nonTerminal = this.data.anneesNonTerminales.find((n) => n.code_certification === code);
    if (nonTerminal) {
      if (!nonTerminal.familleMetier?.isAnneeCommune) return this.stats(scope, nonTerminal.certificationsTerminales[0]!, asked);
      const terminales: Json[] = [];
      let firstError: unknown;
      for (const terminal of nonTerminal.certificationsTerminales) {
        try {
          terminales.push(this.stats(scope, terminal, asked));
        } catch (e) {
          firstError ??= e;
        }
      }
      if (terminales.length === 0) throw firstError;
      const { certificationsTerminales: _codes, familleMetier, ...info } = nonTerminal;
      return {
        millesime,
        ...info,
        ...this.placeFields(scope),
        familleMetier,
        certificationsTerminales: terminales,
        _meta: this.meta(scope, info, millesime),
      };
    }

    const rows = this.rowsFor(scope).filter((r) => r.code_certification === code);
    // An establishment's millésime may be stored as one year ("2019") or two ("2018_2019"); the
    // single year wins (server/src/http/routes/formationsRoutes.js, formationsRoutes-test.js).
    const single = millesime.split('_').at(-1)!;
    const row =
      scope.kind === 'etablissement'
        ? (rows.find((r) => r.millesime === single) ?? rows.find((r) => r.millesime === millesime))
        : rows.find((r) => r.millesime === millesime);
    if (row) return this.present(scope, row);
    if (rows.length > 0) {
      const millesimesDisponible = [...new Set(rows.map((r) => r.millesime))].sort().reverse();
      throw new ApiError(404, 'Pas de données pour le millésime', { data: { millesime, millesimesDisponible } });
    }
    if (scope.kind === 'national') throw new ApiError(404, 'Certification inconnue');
    // A code the BCN does not know is "Formation inconnue"; a known one without regional figures is
    // "Pas de données disponibles" (server/tests/http/regionalesRoutes-test.js).
    if (scope.kind === 'regional') throw new ApiError(404, this.info(code) ? 'Pas de données disponibles' : 'Formation inconnue');
    if (!this.info(code)) throw new ApiError(404, 'Formation inconnue');
    if (!this.etablissement(scope.uai)) throw new ApiError(404, 'Etablissement inconnu');
    throw new ApiError(404, 'Formation inconnue');
  }

  private placeFields(scope: Scope): Json {
    if (scope.kind === 'regional') return { region: { code: scope.region, nom: REGION_NAMES[scope.region] } };
    if (scope.kind === 'national') return {};
    const etab = this.etablissement(scope.uai);
    return {
      uai: scope.uai,
      libelle_etablissement: etab?.libelle,
      region: etab?.region,
      academie: etab?.academie,
      uai_type: etab?.uai_type ?? 'inconnu',
    };
  }

  private meta(scope: Scope, info: CertificationInfo, millesime: string): Json {
    const code = info.code_certification;
    const what = `la certification ${code} (${info.diplome.libelle} filière ${info.filiere})`;
    if (scope.kind === 'national') {
      return { titre: `Certification ${code}`, details: `Données InserJeunes pour ${what} pour le millésime ${millesime}` };
    }
    if (scope.kind === 'regional') {
      const nom = REGION_NAMES[scope.region];
      return {
        titre: `Certification ${code}, région ${nom}`,
        details: `Données InserJeunes pour ${what} dans la région ${nom}, pour le millésime ${millesime}`,
      };
    }
    return {
      titre: `Certification ${code}, établissement ${scope.uai}`,
      details: `Données InserJeunes pour ${what} dispensée par l'établissement ${scope.uai}, pour le millésime ${millesime}`,
    };
  }

  private present(scope: Scope, row: RowOf): Json {
    const { millesime, donnee_source, uai: _uai, region: _region, uai_donnee, uai_donnee_type, ...rest } = row;
    const place = this.placeFields(scope);
    const json: Json = {
      millesime,
      ...pick(rest, INFO_KEYS),
      formation_fermee: isClosed(row),
      ...place,
      ...(scope.kind === 'etablissement' ? { uai_donnee: uai_donnee ?? scope.uai, uai_donnee_type: uai_donnee_type ?? 'inconnu' } : {}),
      ...pick(rest, FIGURE_KEYS),
      ...(scope.kind === 'national' ? pick(rest, SALAIRE_KEYS) : {}),
      donnee_source: donnee_source ?? { code_certification: row.code_certification, type: 'self' },
      _meta: this.meta(scope, row, millesime),
    };
    return withProvenance(applySecrecy(json));
  }

  /**
   * `vue=filieres` or several codes: figures summed per voie over the codes' diplomas. As
   * server/src/common/repositories/base.js (`_getFilieresStats`), only the `pro` and `apprentissage`
   * groups are answered: an agricultural programme's figures (filière `agricole`) are not, so it gets
   * the 404 of an empty answer. A common 2de's stored rows have no counts: its group comes back with
   * `nb_annee_term: null`.
   */
  filieres(scope: Scope, codes: Code[], asked?: string): Json {
    const millesime = this.millesimeFor(scope, asked);
    const cfds = new Set(codes.map((c) => this.info(c.code)?.code_formation_diplome).filter((c) => c !== undefined));
    // server/src/http/routes/certificationsRoutes.js and regionalesRoutes.js (…FilieresStats).
    if (cfds.size === 0) throw new ApiError(404, scope.kind === 'regional' ? 'Formation inconnue' : 'Certifications inconnues');
    const communes: RowOf[] =
      scope.kind === 'national'
        ? this.data.anneesNonTerminales
            .filter((n) => n.familleMetier?.isAnneeCommune && cfds.has(n.code_formation_diplome))
            .map(({ certificationsTerminales: _t, familleMetier: _f, ...info }) => ({ ...info, millesime }))
        : [];
    const rows = [
      ...this.rowsFor(scope).filter((r) => cfds.has(r.code_formation_diplome) && r.millesime === millesime),
      ...communes,
    ];
    const answer: Json = {};
    for (const filiere of ['pro', 'apprentissage'] as const) {
      const group = rows.filter((r) => r.filiere === filiere);
      if (group.length > 0) answer[filiere] = this.sum(scope, filiere, group, millesime);
    }
    if (Object.keys(answer).length === 0) {
      throw new ApiError(404, scope.kind === 'regional' ? 'Pas de données disponibles' : 'Certifications inconnues');
    }
    return answer;
  }

  /**
   * One voie's sum, with the aggregation rules of server/src/common/stats.js (`computeCustomStats`
   * "aggregate") and server/src/common/utils/mongodbUtils.js: a count is the sum of the rows that have
   * it, null when none has; a rate is removed when the cohort is null or 0, null when its count is
   * null; "autres" is 100 minus the rates that exist, null when neither of its counts exists.
   * Salaries, `taux_rupture_contrats` and `donnee_source` are not part of it (certificationsRoutes-test.js).
   */
  private sum(scope: Scope, filiere: Filiere, rows: RowOf[], millesime: string): Json {
    const total = (key: (typeof COUNT_KEYS)[number]): number | null => {
      const present = rows.map((r) => r[key]).filter((v): v is number => typeof v === 'number');
      return present.length > 0 ? present.reduce((a, b) => a + b, 0) : null;
    };
    const sums: Record<string, number | null> = {};
    for (const key of COUNT_KEYS) sums[key] = total(key);
    const nb = sums.nb_annee_term!;
    const pct = (n: number | null) => (n === null || !nb ? null : Math.round((100 * n) / nb));
    const rates: Json = {};
    const formation = pct(sums.nb_poursuite_etudes!);
    if (nb) rates.taux_en_formation = formation;
    for (const months of [6, 12, 18, 24]) {
      const count = sums[`nb_en_emploi_${months}_mois`]!;
      if (nb) rates[`taux_en_emploi_${months}_mois`] = pct(count);
      if (count === null && sums.nb_poursuite_etudes === null) rates[`taux_autres_${months}_mois`] = null;
      else if (nb) rates[`taux_autres_${months}_mois`] = Math.max(0, 100 - (pct(count) ?? 0) - (formation ?? 0));
    }
    const codes = [...new Set(rows.map((r) => r.code_certification))];
    const cfds = [...new Set(rows.map((r) => r.code_formation_diplome))];
    const first = rows[0]!;
    // As the real API's aggregation: the codes summed, the first diploma, no single code_certification;
    // the label and the closure only when one diploma was summed.
    return applySecrecy({
      millesime,
      filiere,
      codes_certifications: codes,
      codes_formation_diplome: cfds,
      code_formation_diplome: first.code_formation_diplome,
      ...(cfds.length === 1 ? { libelle: first.libelle, formation_fermee: isClosed(first) } : {}),
      diplome: first.diplome,
      ...this.placeFields(scope),
      ...sums,
      ...rates,
    });
  }

  /** Private list routes, served only with the key. */
  list(name: 'certifications' | 'formations' | 'regionales', query: URLSearchParams): Json {
    const rows: RowOf[] =
      name === 'certifications' ? this.data.certifications : name === 'formations' ? this.data.formations : this.data.regionales;
    const page = Math.max(1, Number(query.get('page')) || 1);
    const perPage = Math.max(1, Number(query.get('items_par_page')) || 10);
    return {
      [name]: rows.slice((page - 1) * perPage, page * perPage).map((r) => ({ ...r })),
      // server/src/common/repositories/base.js, `_findAndPaginate`.
      pagination: { page, items_par_page: perPage, nombre_de_page: Math.ceil(rows.length / perPage) || 1, total: rows.length },
    };
  }
}

const INFO_KEYS = [
  'code_certification',
  'code_certification_type',
  'code_formation_diplome',
  'libelle',
  'libelle_ancien',
  'filiere',
  'diplome',
  'formation_fermee',
  'date_fermeture',
] as const;
const COUNT_KEYS = [
  'nb_annee_term',
  'nb_sortant',
  'nb_poursuite_etudes',
  'nb_en_emploi_6_mois',
  'nb_en_emploi_12_mois',
  'nb_en_emploi_18_mois',
  'nb_en_emploi_24_mois',
] as const;
const FIGURE_KEYS = [
  ...COUNT_KEYS,
  'taux_en_emploi_6_mois',
  'taux_en_formation',
  'taux_autres_6_mois',
  'taux_en_emploi_12_mois',
  'taux_en_emploi_18_mois',
  'taux_en_emploi_24_mois',
  'taux_autres_12_mois',
  'taux_autres_18_mois',
  'taux_autres_24_mois',
  'taux_rupture_contrats',
] as const;
const SALAIRE_KEYS = ['salaire_12_mois_q1', 'salaire_12_mois_q2', 'salaire_12_mois_q3'] as const;

function pick(source: object, keys: readonly string[]): Json {
  const out: Json = {};
  for (const k of keys) {
    const v = (source as Json)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** `formation_fermee` is computed from `date_fermeture` on every answer (server/src/common/stats.js, display rule 2). */
function isClosed(row: { date_fermeture?: string; formation_fermee?: boolean }): boolean {
  if (row.date_fermeture) return new Date(row.date_fermeture).getTime() < Date.now();
  return row.formation_fermee ?? false;
}

/** The sentence the API adds when an establishment's figures were measured at another UAI (server/src/common/stats.js, display rule 4). */
export const PROVENANCE_MESSAGES: Record<string, string> = {
  gestionnaire: "Les données pour cette formation proviennent de l'organisme gestionnaire de la formation.",
  formateur: "Les données pour cette formation proviennent de l'organisme formateur de la formation.",
  lieu_formation: "Les données pour cette formation proviennent du lieu de formation de la formation.",
  inconnu:
    "Nous ne pouvons pas déterminer si les données pour cette formation proviennent de l'organisme gestionnaire, de l'organisme formateur ou du lieu de formation",
};

/** Rule 4 after rule 3: lodash `merge` replaces the secrecy sentence at index 0 of `messages`, as the real API does. */
function withProvenance(json: Json): Json {
  if (!json.uai || json.uai_type === json.uai_donnee_type) return json;
  const message = PROVENANCE_MESSAGES[String(json.uai_donnee_type)];
  const meta = (json._meta ?? {}) as Json;
  const messages = [...((meta.messages as string[] | undefined) ?? [])];
  messages[0] = message ?? '';
  return { ...json, _meta: { ...meta, messages } };
}

/** Under 20 final-year students: every count and rate but `nb_annee_term` is null, with a message. */
export function applySecrecy(json: Json): Json {
  const nb = json.nb_annee_term;
  if (typeof nb !== 'number' || nb >= SECRECY_THRESHOLD) return json;
  const out: Json = {};
  for (const [k, v] of Object.entries(json)) out[k] = /^(taux|nb)_/.test(k) && k !== 'nb_annee_term' ? null : v;
  const meta = (json._meta ?? {}) as Json;
  out._meta = { ...meta, messages: [SECRECY_MESSAGE] };
  return out;
}

// ------------------------------------------------------------------ SVG

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function svgLines(body: Json): string[] {
  if (Array.isArray(body.certificationsTerminales)) {
    return [String(body.libelle), ...(body.certificationsTerminales as Json[]).flatMap(svgLines)];
  }
  if (body.pro || body.apprentissage) {
    return Object.entries(body).flatMap(([voie, v]) => [`Voie ${voie === 'pro' ? 'scolaire' : voie}`, ...svgLines(v as Json).slice(1)]);
  }
  const lines = [String(body.libelle)];
  if (body.taux_en_emploi_6_mois === null) lines.push(SECRECY_MESSAGE);
  else {
    lines.push(`${body.taux_en_emploi_6_mois} % en emploi 6 mois après la sortie`);
    lines.push(`${body.taux_en_formation} % en formation`);
    lines.push(`${body.taux_autres_6_mois} % autres situations`);
  }
  return lines;
}

export function renderSvg(lines: string[], direction = 'vertical'): string {
  const horizontal = direction === 'horizontal';
  const width = horizontal ? 200 * lines.length : 520;
  const height = horizontal ? 40 : 24 * lines.length + 16;
  const texts = lines
    .map((l, i) =>
      horizontal
        ? `<text x="${200 * i + 8}" y="24">${escapeXml(l)}</text>`
        : `<text x="8" y="${24 * (i + 1)}">${escapeXml(l)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${escapeXml(lines.join('. '))}"><title>InserJeunes</title>${texts}</svg>`;
}

// ------------------------------------------------------------------ routing

const json = (status: number, body: unknown): ApiAnswer => ({ status, contentType: 'application/json; charset=utf-8', body });

function hasKey(req: ApiRequest): boolean {
  const header = req.headers['x-api-key'];
  return header === MOCK_API_KEY || req.query.get('apiKey') === MOCK_API_KEY;
}

/**
 * What Express answers for a path no route matches (its final handler): an HTML page, not the API's
 * JSON (server/src/http/server.js registers no catch-all route before errorMiddleware).
 */
export function unrouted(method: string, fullPath: string): ApiAnswer {
  const escaped = fullPath.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    status: 404,
    contentType: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${escaped}</pre>\n</body>\n</html>\n`,
  };
}

/** Answers one request under the API base, as the real API would. */
export function answer(data: MockDataset, req: ApiRequest): ApiAnswer {
  const contract = new Contract(data);
  let svg = false;
  let options: Record<string, string> = {};
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') return unrouted(req.method, req.fullPath ?? req.path);
    let segments: string[];
    try {
      segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw validation([detail('path', '"path" is not correctly encoded', 'string.base', req.path)]);
    }
    const last = segments.at(-1);
    if (last?.endsWith('.svg')) {
      svg = true;
      segments[segments.length - 1] = last.slice(0, -'.svg'.length);
    }
    const [first, second, third, fourth, ...more] = segments;
    let body: Json | undefined;
    if (first === 'formations' && second && !third) {
      options = validateQuery(req.query);
      const m = /^([^-]*)-(.*)$/.exec(second);
      if (!m) throw validation([detail('uai', '"uai" is required', 'any.required')]);
      const uai = parseUai(m[1]!);
      const codes = parseCodes(m[2]!, 'code_certification');
      if (codes.length !== 1) throw validation([detail('code_certification', '"code_certification" must be a single code', 'any.invalid', m[2])]);
      body = contract.stats({ kind: 'etablissement', uai }, codes[0]!.code, options.millesime);
    } else if (first === 'certifications' && second && !third) {
      options = validateQuery(req.query);
      const codes = parseCodes(second, 'codes_certifications');
      body =
        options.vue === 'filieres' || codes.length > 1
          ? contract.filieres({ kind: 'national' }, codes, options.millesime)
          : contract.stats({ kind: 'national' }, codes[0]!.code, options.millesime);
    } else if (first === 'regionales' && second && third === 'certifications' && fourth && more.length === 0) {
      options = validateQuery(req.query);
      const region = parseRegion(second);
      const codes = parseCodes(fourth, 'codes_certifications');
      const scope: Scope = { kind: 'regional', region };
      body =
        options.vue === 'filieres' || codes.length > 1
          ? contract.filieres(scope, codes, options.millesime)
          : contract.stats(scope, codes[0]!.code, options.millesime);
    } else {
      // The private routes need the key; any other path is not routed at all.
      const list = first?.replace(/\.csv$/, '');
      const isPrivate =
        ((list === 'certifications' || list === 'formations' || list === 'regionales' || list === 'bcn') && !second) ||
        (first === 'regionales' && third?.replace(/\.csv$/, '') === 'certifications' && !fourth);
      if (!isPrivate) return unrouted(req.method, req.fullPath ?? req.path);
      if (!hasKey(req)) throw new ApiError(401, 'Not authorized');
      if (!svg && !second && (first === 'certifications' || first === 'formations' || first === 'regionales')) {
        return json(200, contract.list(first, req.query));
      }
      return json(404, { statusCode: 404, error: 'Not Found', message: 'Not Found' });
    }
    if (svg) return { status: 200, contentType: 'image/svg+xml', body: renderSvg(svgLines(body), options.direction) };
    return json(200, body);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (svg && e.statusCode === 404 && options.imageOnError === 'true') {
      return { status: 200, contentType: 'image/svg+xml', body: renderSvg([e.message], options.direction) };
    }
    if (svg && e.statusCode === 404 && options.imageOnError === 'empty') return { status: 200, contentType: 'image/svg+xml', body: '' };
    return json(e.statusCode, e.toJson());
  }
}
