import { describe, expect, it, vi } from 'vitest';
import { createClient, DEFAULT_CONCURRENCY, type ClientOptions } from '../../lib/inserjeunes/client';
import { BASE, fakeFetch, notFound, scenarioRoutes, stats, type Route } from './fake-api';

const MEF = { type: 'mefstat11', code: '23830034403' } as const;
const FORMATION = 'formations/0693045K-MEFSTAT11:23830034403';

function setup(routes: Record<string, Route>, options: Partial<ClientOptions> = {}) {
  const api = fakeFetch(routes);
  const sleeps: number[] = [];
  const client = createClient({
    baseUrl: `${BASE}/`,
    fetch: api.fetch,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { api, client, sleeps };
}

describe('URLs and inputs', () => {
  it('builds each route of the contract with no extra query parameter', async () => {
    const { api, client } = setup(scenarioRoutes());
    await client.formation('0693045K', MEF);
    await client.formation('0693045K', { type: 'cfd', code: '40034403' });
    await client.regionale('84', '40034403');
    await client.nationale({ cfd: ['40034403'], mefstat11: ['23830034403'] });
    await client.certification('23810020006', { millesime: '2024' });
    expect(api.requests.map((r) => r.url)).toEqual([
      `${BASE}/formations/0693045K-MEFSTAT11:23830034403`,
      `${BASE}/formations/0693045K-CFD:40034403`,
      `${BASE}/regionales/84/certifications/40034403`,
      `${BASE}/certifications/23830034403,40034403?vue=filieres`,
      `${BASE}/certifications/23810020006?millesime=2024`,
    ]);
  });
  it('refuses invalid codes without any request', async () => {
    const { api, client } = setup({});
    const results = await Promise.all([
      client.formation('0693045A', MEF), // wrong check letter
      client.formation('0693045k', MEF),
      client.formation('0693045K', { type: 'cfd', code: '4003440' }),
      client.regionale('99', '40034403'),
      client.nationale({}),
      client.nationale({ mefstat11: ['2383003440'] }),
      client.formation('0693045K', MEF, { millesime: '24' }),
    ]);
    for (const r of results) expect(r).toMatchObject({ ok: false, cell: { state: 'error', error: 'bad-request' } });
    expect(api.requests).toHaveLength(0);
  });
  it('sends the API key only when set, in a header', async () => {
    const withKey = setup(scenarioRoutes(), { apiKey: 'secret-key' });
    await withKey.client.formation('0693045K', MEF);
    expect(withKey.api.requests[0]!.headers['x-api-key']).toBe('secret-key');
    expect(withKey.api.requests[0]!.url).not.toContain('secret-key');
    const without = setup(scenarioRoutes());
    await without.client.formation('0693045K', MEF);
    expect(without.api.requests[0]!.headers).not.toHaveProperty('x-api-key');
  });
});

describe('answers', () => {
  it('returns validated data', async () => {
    const { client } = setup(scenarioRoutes());
    const r = await client.formation('0693045K', MEF);
    expect(r).toMatchObject({ ok: true, url: `${BASE}/${FORMATION}`, data: { nb_annee_term: 48, taux_en_emploi_6_mois: 38, uai: '0693045K' } });
  });

  it.each([
    ['Certification inconnue', 'certification-inconnue'],
    ['Certifications inconnues', 'certification-inconnue'],
    ['Formation inconnue', 'formation-inconnue'],
    ['Etablissement inconnu', 'etablissement-inconnu'],
    ['Pas de données disponibles', 'pas-de-donnees'],
  ])('maps the 404 "%s" to %s', async (message, reason) => {
    const { client } = setup({ [FORMATION]: { status: 404, body: notFound(message) } });
    expect(await client.formation('0693045K', MEF)).toMatchObject({ ok: false, status: 404, cell: { state: 'none', reason } });
  });

  it('retries a missing millésime once with the newest available', async () => {
    const { api, client } = setup({
      [FORMATION]: { status: 404, body: notFound('Pas de données pour le millésime', { millesime: '2023_2024', millesimesDisponible: ['2021_2022', '2022_2023'] }) },
      [`${FORMATION}?millesime=2022_2023`]: { body: stats('23830034403', 40, 30, 50, 20, { millesime: '2022_2023' }) },
    });
    const r = await client.formation('0693045K', MEF);
    expect(r).toMatchObject({ ok: true, data: { millesime: '2022_2023' } });
    expect(api.requests).toHaveLength(2);
  });

  it('says which millésimes exist when the retry finds nothing either', async () => {
    const body = notFound('Pas de données pour le millésime', { millesime: '2023_2024', millesimesDisponible: ['2022_2023'] });
    const { api, client } = setup({ [FORMATION]: { status: 404, body }, [`${FORMATION}?millesime=2022_2023`]: { status: 404, body } });
    const r = await client.formation('0693045K', MEF);
    expect(r).toMatchObject({ ok: false, cell: { state: 'none', reason: 'pas-de-donnees-millesime', millesimesDisponibles: ['2022_2023'] } });
    expect(api.requests).toHaveLength(2);
  });

  it.each([
    [400, { statusCode: 400, error: 'Bad Request', message: 'Erreur de validation', details: [] }, 'bad-request'],
    [401, { statusCode: 401, error: 'Unauthorized', message: 'Not authorized' }, 'unauthorized'],
    // Express's page for an unrouted path (server/src/http/server.js): the address is wrong.
    [404, '<!DOCTYPE html><html lang="en"><body><pre>Cannot GET /api/foo</pre></body></html>', 'api-address'],
    [404, { statusCode: 404, error: 'Not Found', message: 'Not Found' }, 'api-address'],
  ])('maps status %i to %s without retrying', async (status, body, error) => {
    const { api, client } = setup({ [FORMATION]: typeof body === 'string' ? { status, raw: body } : { status, body } });
    expect(await client.formation('0693045K', MEF)).toMatchObject({ ok: false, status, cell: { state: 'error', error } });
    expect(api.requests).toHaveLength(1);
  });

  it('retries a 500 and succeeds', async () => {
    const ok = stats('23830034403', 48, 38, 41, 21);
    const { api, client, sleeps } = setup({ [FORMATION]: (_u, n) => (n === 1 ? { status: 500, raw: 'oops' } : { body: ok }) });
    expect(await client.formation('0693045K', MEF)).toMatchObject({ ok: true });
    expect(api.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('backs off exponentially with jitter on 503, bounded, then says rate-limit', async () => {
    const { api, client, sleeps } = setup({ [FORMATION]: { status: 503, raw: '' } }, { retries: 3, backoffMs: 100, random: () => 1 });
    const r = await client.formation('0693045K', MEF);
    expect(r).toMatchObject({ ok: false, status: 503, cell: { state: 'error', error: 'rate-limit' } });
    expect(api.requests).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('jitters between half and all of the backoff step', async () => {
    const { sleeps, client } = setup({ [FORMATION]: { status: 429, body: {} } }, { retries: 1, backoffMs: 100, random: () => 0 });
    await client.formation('0693045K', MEF);
    expect(sleeps).toEqual([50]);
  });

  it('honours Retry-After, and gives up when it asks for too long', async () => {
    const short = setup({ [FORMATION]: (_u, n) => (n === 1 ? { status: 429, body: {}, headers: { 'retry-after': '3' } } : { body: stats('23830034403', 48, 38, 41, 21) }) });
    expect(await short.client.formation('0693045K', MEF)).toMatchObject({ ok: true });
    expect(short.sleeps).toEqual([3000]);
    const long = setup({ [FORMATION]: { status: 429, body: {}, headers: { 'retry-after': '120' } } });
    expect(await long.client.formation('0693045K', MEF)).toMatchObject({ ok: false, cell: { error: 'rate-limit' } });
    expect(long.api.requests).toHaveLength(1);
  });

  it('retries network failures, then reports them', async () => {
    const { api, client } = setup({ [FORMATION]: { network: true } });
    expect(await client.formation('0693045K', MEF)).toMatchObject({ ok: false, cell: { state: 'error', error: 'network' } });
    expect(api.requests).toHaveLength(3);
  });

  it('times out a slow answer, without retrying it', async () => {
    const { api, client } = setup({ [FORMATION]: { delayMs: 1000, body: stats('23830034403', 48, 38, 41, 21) } }, { timeoutMs: 20 });
    const started = Date.now();
    expect(await client.formation('0693045K', MEF)).toMatchObject({ ok: false, cell: { state: 'error', error: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(500);
    expect(api.requests).toHaveLength(1);
  });

  it('accepts a slow answer within the timeout', async () => {
    const { client } = setup({ [FORMATION]: { delayMs: 30, body: stats('23830034403', 48, 38, 41, 21) } }, { timeoutMs: 500 });
    expect(await client.formation('0693045K', MEF)).toMatchObject({ ok: true });
  });

  it('reports malformed JSON and schema drift as invalid-response', async () => {
    const drift = { ...stats('23830034403', 48, 38, 41, 21), millesime: 2024, taux_en_emploi_6_mois: '38' };
    const { client } = setup({ [FORMATION]: { raw: '{"millesime": "2024", ' }, 'regionales/84/certifications/40034403': { body: drift } });
    expect(await client.formation('0693045K', MEF)).toMatchObject({ ok: false, cell: { state: 'error', error: 'invalid-response' } });
    const r = await client.regionale('84', '40034403');
    expect(r).toMatchObject({ ok: false, cell: { state: 'error', error: 'invalid-response' } });
    if (!r.ok) expect(r.cell.state === 'error' && r.cell.message).toContain('millesime');
  });

  it('never throws, even when fetch itself throws synchronously', async () => {
    const client = createClient({ baseUrl: BASE, retries: 0, fetch: (() => { throw new Error('boom'); }) as unknown as typeof fetch });
    expect(await client.formation('0693045K', MEF)).toMatchObject({ ok: false, cell: { error: 'network' } });
  });
});

describe('traffic', () => {
  it('shares identical requests in flight', async () => {
    const { api, client } = setup({ [FORMATION]: { delayMs: 10, body: stats('23830034403', 48, 38, 41, 21) } });
    const [a, b, c] = await Promise.all([client.formation('0693045K', MEF), client.formation('0693045K', MEF), client.formation('0693045K', MEF)]);
    expect(api.requests).toHaveLength(1);
    expect(a).toEqual(b);
    expect(c).toMatchObject({ ok: true });
    await client.formation('0693045K', MEF);
    expect(api.requests).toHaveLength(2); // finished requests are not reused by the client itself
  });

  /** A fetch that answers after 5 ms, counting the most requests it had under way at once. */
  function peakCounting(api: ReturnType<typeof fakeFetch>) {
    let active = 0;
    const seen = { peak: 0 };
    const fetch: typeof globalThis.fetch = async (input, init) => {
      active++;
      seen.peak = Math.max(seen.peak, active);
      await new Promise((r) => setTimeout(r, 5));
      try {
        return await api.fetch(input, init);
      } finally {
        active--;
      }
    };
    return { fetch, seen };
  }

  it('keeps at most `concurrency` requests on the wire', async () => {
    const routes: Record<string, Route> = {};
    const codes = ['23830034403', '23830023102', '23220031114', '32221033107', '32111033107', '23810020006', '23810034403'];
    for (const code of codes) routes[`regionales/84/certifications/${code}`] = { body: stats(code, 40, 50, 30, 20) };
    const api = fakeFetch(routes);
    const counting = peakCounting(api);
    const client = createClient({ baseUrl: BASE, fetch: counting.fetch, concurrency: 2 });
    const results = await Promise.all(codes.map((c) => client.regionale('84', c)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(counting.seen.peak).toBe(2);
    expect(api.requests).toHaveLength(codes.length);
  });

  it('hands a screenful of requests to the browser at once by default: its own per-host queue sends each as soon as a connection frees', async () => {
    const counting = peakCounting(fakeFetch({}));
    const client = createClient({ baseUrl: BASE, fetch: counting.fetch });
    const codes = Array.from({ length: 40 }, (_, i) => `2383003${String(4400 + i)}`);
    await Promise.all(codes.map((code) => client.formation('0693045K', { type: 'mefstat11', code })));
    expect(counting.seen.peak).toBe(DEFAULT_CONCURRENCY);
    expect(DEFAULT_CONCURRENCY).toBeGreaterThanOrEqual(32);
  });

  it('lets a caller stop waiting with its signal', async () => {
    const { client } = setup({ [FORMATION]: { delayMs: 200, body: stats('23830034403', 48, 38, 41, 21) } });
    const controller = new AbortController();
    const pending = client.formation('0693045K', MEF, { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, cell: { state: 'error' } });
  });

  it('never logs the API key', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const { client } = setup({ [FORMATION]: { status: 500, raw: '' } }, { apiKey: 'hunter2' });
    await client.formation('0693045K', MEF);
    for (const spy of spies) for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toContain('hunter2');
    const r = await client.formation('0693045K', MEF);
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });
});

describe('schemas, built while the first request is out', () => {
  it('are not built by loading the client, nor before its first request leaves; they are once it has', async () => {
    vi.resetModules(); // a fresh worker
    const { createClient: freshClient } = await import('../../lib/inserjeunes/client');
    const { schemasBuilt } = await import('../../lib/inserjeunes/schema');
    expect(schemasBuilt()).toBe(false);
    const builtWhenSent: boolean[] = [];
    const client = freshClient({
      baseUrl: BASE,
      retries: 0,
      fetch: (async () => {
        builtWhenSent.push(schemasBuilt());
        await new Promise((r) => setTimeout(r, 20)); // the API's latency
        return new Response(JSON.stringify(stats('40025214', 40, 50, 30, 20)), { status: 200, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    });
    const answer = await client.certification('40025214');
    expect(builtWhenSent).toEqual([false]);
    expect(schemasBuilt()).toBe(true);
    expect(answer.ok).toBe(true);
  });
});
