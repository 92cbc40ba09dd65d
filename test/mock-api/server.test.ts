// The mock API's transport: base paths, CORS, latency, failure modes, request log, control routes, CLI.

import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, startMockApi, type MockApi } from './server';

let api: MockApi;
beforeAll(async () => {
  api = await startMockApi();
});
afterEach(() => {
  api.configure({ latencyMs: 0, failure: 'none', failOnly: undefined });
  api.resetRequests();
});
afterAll(() => api.close());

const SECURITE = '/certifications/23830034403';

describe('addresses', () => {
  it('listens on 127.0.0.1 with an ephemeral port and gives its URLs', () => {
    expect(api.origin).toBe(`http://127.0.0.1:${api.port}`);
    expect(api.url).toBe(`${api.origin}/api/inserjeunes`);
    expect(api.port).toBeGreaterThan(0);
  });

  it('serves both base paths with the same answers', async () => {
    const a = await (await fetch(`${api.origin}/api/inserjeunes${SECURITE}`)).json();
    const b = await (await fetch(`${api.origin}/inserjeunes${SECURITE}`)).json();
    expect(a.code_certification).toBe('23830034403');
    expect(b).toEqual(a);
  });

  it('answers 404 outside the API', async () => {
    expect((await fetch(`${api.origin}/nothing/here`)).status).toBe(404);
  });
});

describe('CORS', () => {
  it('allows any origin on answers, errors included', async () => {
    for (const path of [SECURITE, '/certifications/99999999', '/formations']) {
      const res = await fetch(api.url + path, { headers: { origin: 'https://www.onisep.fr' } });
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });

  it('answers preflights without listing x-api-key', async () => {
    const res = await fetch(api.url + SECURITE, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).not.toContain('x-api-key');
  });
});

describe('latency', () => {
  it('delays answers by latencyMs', async () => {
    api.configure({ latencyMs: 150 });
    const t0 = performance.now();
    const res = await fetch(api.url + SECURITE);
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('starts with the latency it is given', async () => {
    const slow = await startMockApi({ latencyMs: 120 });
    try {
      const t0 = performance.now();
      await fetch(slow.url + SECURITE);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    } finally {
      await slow.close();
    }
  });
});

describe('failure modes', () => {
  it.each([
    ['500', 500],
    ['503', 503],
    ['429', 429],
    ['401', 401],
  ] as const)('%s answers status %i with CORS', async (failure, status) => {
    api.configure({ failure });
    const res = await fetch(api.url + SECURITE);
    expect(res.status).toBe(status);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    if (failure === '503' || failure === '429') expect(res.headers.get('retry-after')).toBe('1');
    if (failure === '503') expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('malformed-json answers 200 with a body that does not parse', async () => {
    api.configure({ failure: 'malformed-json' });
    const res = await fetch(api.url + SECURITE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('schema-drift keeps the status but renames fields and breaks types', async () => {
    api.configure({ failure: 'schema-drift' });
    const ok = await fetch(api.url + SECURITE);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).not.toHaveProperty('taux_en_emploi_6_mois');
    expect(body.tauxEnEmploi6Mois).toBe('41');
    expect(typeof body.millesime).toBe('number');
    const missing = await fetch(api.url + '/certifications/99999999');
    expect(missing.status).toBe(404);
  });

  it('timeout never answers until close', async () => {
    const stuck = await startMockApi({ failure: 'timeout' });
    const pending = fetch(stuck.url + SECURITE, { signal: AbortSignal.timeout(300) });
    await expect(pending).rejects.toThrow();
    expect(stuck.requests).toHaveLength(1);
    expect(stuck.requests[0]!.status).toBeNull();
    // A request still held when the server closes does not keep close() waiting.
    const held = fetch(stuck.url + SECURITE).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await stuck.close();
    expect(await held).toBeInstanceOf(Error);
  });

  it('failOnly limits the failure to matching paths (string or RegExp)', async () => {
    api.configure({ failure: '500', failOnly: '/regionales/' });
    expect((await fetch(api.url + SECURITE)).status).toBe(200);
    expect((await fetch(api.url + '/regionales/84/certifications/23830034403')).status).toBe(500);
    api.configure({ failOnly: /vue=filieres/ });
    expect((await fetch(api.url + SECURITE)).status).toBe(200);
    expect((await fetch(api.url + SECURITE + '?vue=filieres')).status).toBe(500);
    api.configure({ failOnly: undefined });
    expect((await fetch(api.url + SECURITE)).status).toBe(500);
  });
});

describe('request log', () => {
  it('records method, path, query, status and time', async () => {
    const before = Date.now();
    await fetch(api.url + SECURITE + '?millesime=2024');
    await fetch(api.url + '/certifications/99999999');
    expect(api.requests).toEqual([
      { method: 'GET', path: `/api/inserjeunes${SECURITE}`, query: { millesime: '2024' }, status: 200, at: expect.any(Number) },
      { method: 'GET', path: '/api/inserjeunes/certifications/99999999', query: {}, status: 404, at: expect.any(Number) },
    ]);
    expect(api.requests[0]!.at).toBeGreaterThanOrEqual(before);
    api.resetRequests();
    expect(api.requests).toEqual([]);
  });
});

describe('control routes', () => {
  it('POST /__mock/config configures failures and latency', async () => {
    const res = await fetch(`${api.origin}/__mock/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failure: '503', failOnly: '/formations/' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ failure: '503', failOnly: '/formations/', latencyMs: 0 });
    expect((await fetch(api.url + '/formations/0693045K-23830034403')).status).toBe(503);
    expect((await fetch(api.url + SECURITE)).status).toBe(200);
  });

  it('refuses a bad configuration', async () => {
    for (const body of ['{"failure":"explode"}', '{"latencyMs":-1}', '{"other":1}', 'not json', '[]']) {
      const res = await fetch(`${api.origin}/__mock/config`, { method: 'POST', body });
      expect(res.status, body).toBe(400);
    }
    expect((await fetch(api.url + SECURITE)).status).toBe(200);
  });

  it('GET /__mock/requests lists API requests only; POST /__mock/reset clears log and config', async () => {
    await fetch(api.url + SECURITE);
    const log = await (await fetch(`${api.origin}/__mock/requests`)).json();
    expect(log).toEqual([expect.objectContaining({ path: `/api/inserjeunes${SECURITE}`, status: 200 })]);
    api.configure({ failure: '500', latencyMs: 10 });
    const reset = await fetch(`${api.origin}/__mock/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(api.requests).toEqual([]);
    expect((await fetch(api.url + SECURITE)).status).toBe(200);
  });

  it('parseConfig reads null failOnly as no filter', () => {
    expect(parseConfig({ failOnly: null })).toEqual({ failOnly: undefined });
  });
});

describe('npm run mock-api', () => {
  it('prints its URL and examples, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/mock-api/cli.ts', '--port', '0', '--failure', '429'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Mock InserJeunes API: (http:\/\/127\.0\.0\.1:\d+\/api\/inserjeunes)\n/.exec(out);
        if (m && out.includes('Control:')) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toContain(`${url}/certifications/23830034403,40034403?vue=filieres`);
    expect((await fetch(`${url}${SECURITE}`)).status).toBe(429);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);

  it('refuses an unknown failure mode', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/mock-api/cli.ts', '--port', '0', '--failure', 'boom'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--failure must be one of');
  }, 20_000);
});
