// The mock InserJeunes API over node:http: both base paths, CORS, latency, failure modes, a request
// log and control routes (`/__mock/...`) for browser tests that cannot call functions.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answer, unrouted, type ApiAnswer } from './contract';
import { dataset as defaultDataset, type MockDataset } from './dataset';

export type MockFailure =
  | 'none'
  | '500'
  | '503'
  | '429'
  | '401'
  /** Never answers until `close()`. */
  | 'timeout'
  | 'malformed-json'
  /** Right status, fields renamed and of the wrong types. */
  | 'schema-drift';

export const MOCK_FAILURES: readonly MockFailure[] = ['none', '500', '503', '429', '401', 'timeout', 'malformed-json', 'schema-drift'];

export interface MockConfig {
  latencyMs: number;
  failure: MockFailure;
  /** Fail only requests whose path (with query) matches: a RegExp, or a string contained in it. */
  failOnly: RegExp | string | undefined;
}

export interface MockRequestRecord {
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Null while the request is pending (latency, or the `timeout` failure). */
  status: number | null;
  /** When the request arrived, ms since epoch. */
  at: number;
}

export interface MockApiOptions {
  port?: number;
  host?: string;
  latencyMs?: number;
  failure?: MockFailure;
  dataset?: MockDataset;
}

export interface MockApi {
  origin: string;
  /** `origin + '/api/inserjeunes'`. */
  url: string;
  port: number;
  configure(o: Partial<MockConfig>): void;
  requests: MockRequestRecord[];
  resetRequests(): void;
  close(): Promise<void>;
}

const API_BASES = ['/api/inserjeunes', '/inserjeunes'];
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  // As the real API: x-api-key is not among the allowed headers.
  'access-control-allow-headers': 'Content-Type, Authorization',
  'access-control-max-age': '600',
};

function apiPath(pathname: string): string | undefined {
  for (const base of API_BASES) {
    if (pathname === base) return '/';
    if (pathname.startsWith(base + '/')) return pathname.slice(base.length);
  }
  return undefined;
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...CORS_HEADERS, 'content-type': contentType, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

/** Renames the API's fields and breaks their types, keeping the structure and the status. */
export function driftSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(driftSchema);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const renamed = k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    out[renamed] = typeof v === 'number' ? `${v}` : k === 'millesime' && typeof v === 'string' ? Number(v.slice(0, 4)) : driftSchema(v);
  }
  return out;
}

function failureAnswer(failure: Exclude<MockFailure, 'none' | 'timeout' | 'malformed-json' | 'schema-drift'>): {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
} {
  switch (failure) {
    case '500':
      return {
        status: 500,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' }),
      };
    case '503':
      // The proxy's page, not the API's JSON.
      return {
        status: 503,
        contentType: 'text/html',
        body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>',
        headers: { 'retry-after': '1' },
      };
    case '429':
      return {
        status: 429,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded, retry in 1 second' }),
        headers: { 'retry-after': '1' },
      };
    case '401':
      return {
        status: 401,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Not authorized' }),
      };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Reads a configuration sent as JSON to `POST /__mock/config`; throws on anything unexpected. */
export function parseConfig(raw: unknown): Partial<MockConfig> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('config must be a JSON object');
  const out: Partial<MockConfig> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'latencyMs') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error('latencyMs must be a number ≥ 0');
      out.latencyMs = v;
    } else if (k === 'failure') {
      if (!MOCK_FAILURES.includes(v as MockFailure)) throw new Error(`failure must be one of ${MOCK_FAILURES.join(', ')}`);
      out.failure = v as MockFailure;
    } else if (k === 'failOnly') {
      if (v !== null && typeof v !== 'string') throw new Error('failOnly must be a string or null');
      out.failOnly = v ?? undefined;
    } else throw new Error(`unknown config key: ${k}`);
  }
  return out;
}

export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const host = options.host ?? '127.0.0.1';
  const data = options.dataset ?? defaultDataset;
  const config: MockConfig = { latencyMs: options.latencyMs ?? 0, failure: options.failure ?? 'none', failOnly: undefined };
  const requests: MockRequestRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const configure = (o: Partial<MockConfig>) => {
    if ('latencyMs' in o && o.latencyMs !== undefined) config.latencyMs = o.latencyMs;
    if ('failure' in o && o.failure !== undefined) config.failure = o.failure;
    if ('failOnly' in o) config.failOnly = o.failOnly;
  };

  const failureFor = (pathWithQuery: string): MockFailure => {
    const only = config.failOnly;
    if (only === undefined) return config.failure;
    const hit = typeof only === 'string' ? pathWithQuery.includes(only) : only.test(pathWithQuery);
    return hit ? config.failure : 'none';
  };

  async function control(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const sendJson = (status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
    if (req.method === 'POST' && pathname === '/__mock/config') {
      try {
        const text = await readBody(req);
        configure(parseConfig(text ? JSON.parse(text) : {}));
      } catch (e) {
        return sendJson(400, { error: (e as Error).message });
      }
      return sendJson(200, { ...config, failOnly: config.failOnly?.toString() ?? null });
    }
    if (req.method === 'GET' && pathname === '/__mock/requests') return sendJson(200, requests);
    if (req.method === 'POST' && pathname === '/__mock/reset') {
      configure({ latencyMs: 0, failure: 'none', failOnly: undefined });
      requests.length = 0;
      return sendJson(200, { ok: true });
    }
    return sendJson(404, { error: 'unknown control route' });
  }

  function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, path: string) {
    const record: MockRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: queryRecord(url.searchParams),
      status: null,
      at: Date.now(),
    };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });

    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      return res.end();
    }

    const failure = failureFor(url.pathname + url.search);
    const respond = () => {
      if (failure === 'timeout') return; // held until close()
      if (failure === '500' || failure === '503' || failure === '429' || failure === '401') {
        const f = failureAnswer(failure);
        return send(res, f.status, f.contentType, f.body, f.headers);
      }
      const a: ApiAnswer = answer(data, {
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        headers: req.headers,
        fullPath: url.pathname,
      });
      if (failure === 'malformed-json') {
        const text = JSON.stringify(a.contentType.startsWith('application/json') ? a.body : { body: a.body });
        return send(res, 200, 'application/json; charset=utf-8', text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      }
      if (!a.contentType.startsWith('application/json')) return send(res, a.status, a.contentType, String(a.body));
      const body = failure === 'schema-drift' ? driftSchema(a.body) : a.body;
      return send(res, a.status, a.contentType, req.method === 'HEAD' ? '' : JSON.stringify(body));
    };

    const safeRespond = () => {
      try {
        respond();
      } catch (e) {
        console.error('mock-api: unexpected error', e);
        if (!res.headersSent) {
          send(res, 500, 'application/json; charset=utf-8', JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: String(e) }));
        }
      }
    };
    if (config.latencyMs > 0) {
      const t = setTimeout(() => {
        timers.delete(t);
        safeRespond();
      }, config.latencyMs);
      timers.add(t);
    } else safeRespond();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    if (url.pathname.startsWith('/__mock/')) {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS_HEADERS);
        return res.end();
      }
      void control(req, res, url.pathname);
      return;
    }
    const path = apiPath(url.pathname);
    if (path === undefined) {
      const page = unrouted(req.method ?? 'GET', url.pathname);
      return send(res, page.status, page.contentType, String(page.body));
    }
    handleApi(req, res, url, path);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    origin,
    url: `${origin}/api/inserjeunes`,
    port,
    configure,
    requests,
    resetRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
