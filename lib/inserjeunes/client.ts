// Typed calls to the InserJeunes public routes: validated inputs, timeouts, bounded retries with
// backoff, shared in-flight requests, a concurrency limit, and every failure mapped to a cell.
// Contract: ../shared/design/INSERJEUNES_API.md. This module never throws to its callers.
import type * as z from 'zod/mini';
import { workerMark as mark } from './worker-marks';
import { isCfd, isMefstat11, isValidUai } from '../codes';
import type { Cell, ErrorReason, NoFiguresReason } from '../types';
import {
  apiSchemas,
  describeIssues,
  type ApiSchemas,
  type FilieresRaw,
  type FormationRaw,
  type RegionaleRaw,
  type StatsRaw,
} from './schema';

export type CodeRef = { type: 'mefstat11' | 'cfd'; code: string };
export type NoneCell = Extract<Cell, { state: 'none' }>;
export type ErrorCell = Extract<Cell, { state: 'error' }>;

export type ApiResult<T> = { ok: true; data: T; url: string } | { ok: false; cell: NoneCell | ErrorCell; status?: number; url?: string };

export interface CallOptions {
  /** `2024` or `2023_2024`; without it the API answers its newest. */
  millesime?: string;
  /** Abandons this caller's wait; a request shared with other callers goes on for them. */
  signal?: AbortSignal;
}

export interface InserJeunesClient {
  /** `formations/{uai}-MEFSTAT11:{code}` (voie scolaire) or `formations/{uai}-CFD:{code}` (apprentissage). */
  formation(uai: string, code: CodeRef, opts?: CallOptions): Promise<ApiResult<FormationRaw>>;
  /** `regionales/{region}/certifications/{code}`. */
  regionale(region: string, code: string, opts?: CallOptions): Promise<ApiResult<RegionaleRaw>>;
  /** One `certifications/{codes}?vue=filieres` call giving both voies. */
  nationale(codes: { mefstat11?: string[]; cfd?: string[] }, opts?: CallOptions): Promise<ApiResult<FilieresRaw>>;
  /** `certifications/{code}`: one national object (a common 2de lists its specialties there). */
  certification(code: string, opts?: CallOptions): Promise<ApiResult<StatsRaw>>;
}

export interface ClientOptions {
  baseUrl: string;
  apiKey?: string;
  fetch?: typeof fetch;
  /** Per attempt; default 8000. */
  timeoutMs?: number;
  /** Extra attempts after a 429/503/5xx/network failure; default 2. */
  retries?: number;
  /**
   * Requests handed to the browser at once; default 32. The browser keeps its own per-host limit (6
   * connections over HTTP/1.1) and sends the next queued request the moment a connection frees; a
   * lower bound here would make each next request wait for this worker to be scheduled and ask again.
   */
  concurrency?: number;
  /** Backoff base, doubled at each retry; default 500 ms. */
  backoffMs?: number;
  /** Longest wait this client accepts, including a server's Retry-After; default 10 s. */
  maxBackoffMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** See ClientOptions.concurrency: a screenful of list rows at once. */
export const DEFAULT_CONCURRENCY = 32;

/** Region codes the API accepts (plus any 5-digit postal code). */
export const REGION_CODES = ['00', '01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];
export const isRegionParam = (r: string): boolean => REGION_CODES.includes(r) || /^[0-9]{5}$/.test(r);
const isMillesime = (m: string): boolean => /^[0-9]{4}(_[0-9]{4})?$/.test(m);

/** The 404 messages of the contract, each with its own reason. */
const NOT_FOUND: Record<string, NoFiguresReason> = {
  'Certification inconnue': 'certification-inconnue',
  'Certifications inconnues': 'certification-inconnue',
  'Formation inconnue': 'formation-inconnue',
  'Etablissement inconnu': 'etablissement-inconnu',
  'Pas de données disponibles': 'pas-de-donnees',
};
const NO_DATA_FOR_MILLESIME = 'Pas de données pour le millésime';

const errorCell = (error: ErrorReason, message?: string, status?: number): ErrorCell => ({
  state: 'error',
  error,
  ...(status !== undefined ? { status } : {}),
  ...(message ? { message } : {}),
});

/** What one HTTP exchange (after its retries) gave. */
type Exchange = { ok: true; status: number; body: unknown } | { ok: false; cell: NoneCell | ErrorCell; status?: number; body?: unknown };

/** A tiny counting semaphore: at most `limit` holders, the rest wait in order. */
function createLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (active < limit) {
        active++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else active--;
    },
  };
}

/** Retry-After in ms (seconds or an HTTP date), or undefined. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function createClient(options: ClientOptions): InserJeunesClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(baseUrl).origin;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 8000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const limiter = createLimiter(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
  const inFlight = new Map<string, Promise<Exchange>>();

  /** One attempt: a slot, a fetch with its timeout, the body read and parsed. */
  async function attempt(url: string): Promise<Exchange & { retryable?: boolean; retryAfter?: number }> {
    await limiter.acquire();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      // The key goes only to the configured API's origin, only when set: the API's CORS answer does
      // not list `x-api-key`, so a page context would fail its preflight; the background, holding
      // the host permission, is not subject to CORS. The public routes need no key at all.
      if (options.apiKey && new URL(url).origin === baseOrigin) headers['x-api-key'] = options.apiKey;
      mark('bg-fetch');
      const res = await doFetch(url, { method: 'GET', headers, signal: controller.signal, credentials: 'omit' });
      const textBody = await res.text();
      mark('bg-fetched');
      let body: unknown;
      let parsed = true;
      try {
        body = textBody === '' ? undefined : JSON.parse(textBody);
      } catch {
        parsed = false;
      }
      const status = res.status;
      if (status === 429 || status === 503) {
        const wait = retryAfterMs(res.headers.get('retry-after'), Date.now());
        return { ok: false, status, cell: errorCell('rate-limit', "L'API limite le nombre de requêtes.", status), retryable: true, retryAfter: wait };
      }
      if (status >= 500) return { ok: false, status, cell: errorCell('server', `Erreur du serveur (${status}).`, status), retryable: true };
      // An unrouted path gets the server's HTML 404 page, not the API's JSON (Express's final handler,
      // server/src/http/server.js): the configured address is not the API's.
      if (!parsed && status === 404) return { ok: false, status, cell: apiAddressCell(status) };
      if (!parsed) return { ok: false, status, cell: errorCell('invalid-response', 'Réponse illisible (JSON invalide).', status) };
      if (status >= 200 && status < 300) return { ok: true, status, body };
      return { ok: false, status, body, cell: mapClientError(status, body) };
    } catch {
      if (timedOut) return { ok: false, cell: errorCell('timeout', `Pas de réponse en ${Math.round(timeoutMs / 1000)} s.`) };
      return { ok: false, cell: errorCell('network', 'Réseau indisponible.'), retryable: true };
    } finally {
      clearTimeout(timer);
      limiter.release();
    }
  }

  /** The attempts of one URL; timeouts are not retried (a slow API would otherwise keep a panel waiting for minutes). */
  async function exchange(url: string): Promise<Exchange> {
    for (let n = 0; ; n++) {
      const result = await attempt(url);
      if (!result.retryable || n >= retries) {
        const { retryable: _r, retryAfter: _a, ...rest } = result;
        return rest;
      }
      const exp = backoffMs * 2 ** n;
      const jittered = exp / 2 + random() * (exp / 2);
      const wait = result.retryAfter !== undefined ? Math.max(result.retryAfter, jittered) : jittered;
      if (wait > maxBackoffMs) {
        const { retryable: _r, retryAfter: _a, ...rest } = result;
        return rest;
      }
      await sleep(wait);
    }
  }

  /** Identical requests in flight share one exchange. */
  function shared(url: string): Promise<Exchange> {
    let p = inFlight.get(url);
    if (!p) {
      p = exchange(url).finally(() => inFlight.delete(url));
      inFlight.set(url, p);
    }
    return p;
  }

  function withSignal<T>(p: Promise<T>, signal: AbortSignal | undefined, aborted: () => T): Promise<T> {
    if (!signal) return p;
    if (signal.aborted) return Promise.resolve(aborted());
    return new Promise<T>((resolve) => {
      const onAbort = () => resolve(aborted());
      signal.addEventListener('abort', onAbort, { once: true });
      p.then((v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      });
    });
  }

  async function call<K extends keyof ApiSchemas>(path: string, query: Record<string, string>, kind: K, opts: CallOptions | undefined): Promise<ApiResult<z.infer<ApiSchemas[K]>>> {
    const build = (millesime?: string) => {
      const params = new URLSearchParams(query);
      if (millesime) params.set('millesime', millesime);
      const qs = params.toString();
      return `${baseUrl}/${path}${qs ? `?${qs}` : ''}`;
    };
    if (opts?.millesime !== undefined && !isMillesime(opts.millesime)) {
      return { ok: false, cell: errorCell('bad-request', `Millésime invalide : ${opts.millesime}`) };
    }
    const aborted = (): Exchange => ({ ok: false, cell: errorCell('network', 'Requête annulée.') });
    let url = build(opts?.millesime);
    const asked = withSignal(shared(url), opts?.signal, aborted);
    // The schemas are built while the request is out (once per worker life), not before it leaves.
    setTimeout(apiSchemas, 0);
    let ex = await asked;
    // A missing millésime: one retry with the newest the API lists, then say which years exist.
    if (!ex.ok && ex.status === 404) {
      const err = apiSchemas().apiError.safeParse(ex.body);
      if (err.success && err.data.message === NO_DATA_FOR_MILLESIME) {
        const available = [...(err.data.data?.millesimesDisponible ?? [])].filter(isMillesime).sort().reverse();
        const newest = available[0];
        if (newest && newest !== opts?.millesime) {
          url = build(newest);
          ex = await withSignal(shared(url), opts?.signal, aborted);
        }
        if (!ex.ok && ex.status === 404) {
          const again = apiSchemas().apiError.safeParse(ex.body);
          if (!again.success || again.data.message === NO_DATA_FOR_MILLESIME) {
            const listed = again.success ? (again.data.data?.millesimesDisponible ?? available) : available;
            return { ok: false, status: 404, url, cell: { state: 'none', reason: 'pas-de-donnees-millesime', millesimesDisponibles: [...listed] } };
          }
        }
      }
    }
    if (!ex.ok) return { ok: false, cell: ex.cell, url, ...(ex.status !== undefined ? { status: ex.status } : {}) };
    const schema: z.ZodMiniType = apiSchemas()[kind];
    const parsed = schema.safeParse(ex.body) as z.core.util.SafeParseResult<z.infer<ApiSchemas[K]>>;
    mark('bg-validated');
    if (!parsed.success) {
      return { ok: false, status: ex.status, url, cell: errorCell('invalid-response', `Réponse inattendue de l'API : ${describeIssues(parsed.error)}`, ex.status) };
    }
    return { ok: true, data: parsed.data, url };
  }

  const badRequest = (message: string) => Promise.resolve({ ok: false as const, cell: errorCell('bad-request', message) });

  return {
    formation(uai, code, opts) {
      if (!isValidUai(uai)) return badRequest(`UAI invalide : ${uai}`);
      const valid = code.type === 'cfd' ? isCfd(code.code) : isMefstat11(code.code);
      if (!valid) return badRequest(`Code ${code.type.toUpperCase()} invalide : ${code.code}`);
      const prefix = code.type === 'cfd' ? 'CFD' : 'MEFSTAT11';
      return call(`formations/${uai}-${prefix}:${code.code}`, {}, 'formation', opts);
    },
    regionale(region, code, opts) {
      if (!isRegionParam(region)) return badRequest(`Région invalide : ${region}`);
      if (!isCfd(code) && !isMefstat11(code)) return badRequest(`Code invalide : ${code}`);
      return call(`regionales/${region}/certifications/${code}`, {}, 'regionale', opts);
    },
    nationale(codes, opts) {
      const mef = codes.mefstat11 ?? [];
      const cfd = codes.cfd ?? [];
      if (mef.length + cfd.length === 0) return badRequest('Aucun code.');
      const bad = [...mef.filter((c) => !isMefstat11(c)), ...cfd.filter((c) => !isCfd(c))];
      if (bad.length) return badRequest(`Code invalide : ${bad.join(', ')}`);
      // Unique and sorted so that the same programme always gives the same URL (dedupe, cache).
      const list = [...new Set([...mef, ...cfd])].sort();
      return call(`certifications/${list.join(',')}`, { vue: 'filieres' }, 'filieres', opts);
    },
    certification(code, opts) {
      if (!isCfd(code) && !isMefstat11(code)) return badRequest(`Code invalide : ${code}`);
      return call(`certifications/${code}`, {}, 'stats', opts);
    },
  };
}

const apiAddressCell = (status: number): ErrorCell => errorCell('api-address', 'Adresse introuvable sur le serveur : vérifiez l’URL de l’API.', status);

/** A 4xx answer with a readable body → the closed set of reasons. */
function mapClientError(status: number, body: unknown): NoneCell | ErrorCell {
  if (status === 401 || status === 403) return errorCell('unauthorized', "L'API refuse l'accès (clé manquante ou invalide).", status);
  if (status === 429) return errorCell('rate-limit', undefined, status);
  if (status === 400) {
    const err = apiSchemas().apiError.safeParse(body);
    return errorCell('bad-request', err.success ? err.data.message : 'Requête refusée par l’API.', status);
  }
  if (status === 404) {
    const err = apiSchemas().apiError.safeParse(body);
    const reason = err.success ? NOT_FOUND[err.data.message] : undefined;
    if (reason) return { state: 'none', reason };
    if (err.success && err.data.message === NO_DATA_FOR_MILLESIME) {
      return { state: 'none', reason: 'pas-de-donnees-millesime', millesimesDisponibles: [...(err.data.data?.millesimesDisponible ?? [])] };
    }
    // A 404 the contract does not describe: most likely a wrong base URL.
    return apiAddressCell(status);
  }
  return errorCell('invalid-response', `Réponse inattendue (${status}).`, status);
}
