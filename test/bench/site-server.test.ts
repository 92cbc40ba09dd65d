// The bench's site server: the fixture pages at their real URLs over HTTPS on loopback, as Chromium
// gets them through the resolver rules it hands out.
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageFixtures } from '../fixtures/pages';
import { resolverArgs, serveSites, SITE_HOSTNAMES, type SiteServer } from './site-server';

function get(server: SiteServer, url: string): Promise<{ status: number; body: string; ms: number }> {
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(server.args[0]!)![1]);
  const u = new URL(url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: u.pathname + u.search, servername: u.hostname, headers: { host: u.host }, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('site server', () => {
  let server: SiteServer;
  const EXTRA = 'https://www.onisep.fr/ressources/bench-page-en-plus';
  const SLOW = 'https://dossierappel.parcoursup.fr/lente';
  beforeAll(async () => {
    server = await serveSites({
      [EXTRA]: { type: 'text/html; charset=utf-8', body: '<p>page en plus</p>' },
      [SLOW]: { type: 'text/plain', body: 'lente', delayMs: 150 },
    });
  });
  afterAll(() => server.close());

  it('serves each fixture page at its URL, byte for byte', async () => {
    const fixture = pageFixtures[0]!;
    const r = await get(server, fixture.url);
    expect(r.status).toBe(200);
    const { readFileSync } = await import('node:fs');
    expect(r.body).toBe(readFileSync(fixture.file, 'utf8'));
  });

  it('serves the extra pages, after their delay, and 404 for anything else', async () => {
    expect((await get(server, EXTRA)).body).toBe('<p>page en plus</p>');
    const slow = await get(server, SLOW);
    expect(slow.body).toBe('lente');
    expect(slow.ms).toBeGreaterThanOrEqual(140);
    expect((await get(server, 'https://www.onisep.fr/nulle-part')).status).toBe(404);
    expect(server.hits.get(EXTRA)).toBe(1);
  });

  it('sends every site host to the server and accepts its certificate', () => {
    const [rules, cert] = resolverArgs(8443);
    for (const h of SITE_HOSTNAMES) expect(rules).toContain(`MAP ${h} 127.0.0.1:8443`);
    expect(cert).toBe('--ignore-certificate-errors');
    const hosts = new Set(pageFixtures.map((p) => new URL(p.url).hostname));
    for (const h of hosts) expect(SITE_HOSTNAMES).toContain(h);
  });
});
