// The sites' pages for the bench, served as a user's browser gets them: from a real HTTPS server (on
// loopback, the browser's resolver pointed at it), not through Playwright's request interception.
// Interception sends every request of the page through DevTools and the Node process, the extension's
// own resources included: on this machine it doubled the time to load the UI module (about 130 ms
// served, 300 ms intercepted), a cost no user pays and the extensionless browsers never show.
import { createServer, type Server } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { pageFixtures } from '../fixtures/pages';

/** The hosts the fixture pages live on (test/fixtures/pages). */
export const SITE_HOSTNAMES = [
  'www.onisep.fr',
  'explorer-avenirs.onisep.fr',
  'dossierappel.parcoursup.fr',
  'dossier.parcoursup.fr',
  'affectation3e.phm.education.gouv.fr',
] as const;

/** A response the server gives at one URL, after `delayMs` when given (a page served with latency). */
export interface Served {
  type: string;
  body: string | Buffer;
  delayMs?: number;
}

export interface SiteServer {
  /** Chromium arguments sending the sites' hosts to this server and accepting its certificate. */
  args: string[];
  /** Requests served, by URL (for tests). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** What the server answers at `url`: an extra page first, then a fixture page; undefined is a 404. */
export function lookup(url: string, extra: Record<string, Served>): Served | undefined {
  const page = extra[url];
  if (page) return page;
  const fixture = pageFixtures.find((p) => p.url === url);
  return fixture ? { type: 'text/html; charset=utf-8', body: readFileSync(fixture.file) } : undefined;
}

/** Chromium's resolver rules mapping every site host to `port` on loopback. */
export function resolverArgs(port: number): string[] {
  const rules = SITE_HOSTNAMES.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
  return [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'];
}

/** Starts the server on a free loopback port; `extra` adds or overrides pages by URL. */
export async function serveSites(extra: Record<string, Served> = {}): Promise<SiteServer> {
  const pems = await generate([{ name: 'commonName', value: 'inserjeunes-bench.invalid' }], { keyType: 'ec' });
  const hits = new Map<string, number>();
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const url = `https://${req.headers.host ?? ''}${req.url ?? '/'}`;
    hits.set(url, (hits.get(url) ?? 0) + 1);
    const found = lookup(url, extra);
    const send = () => {
      if (!found) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' }).end(found.body);
    };
    if (found?.delayMs) setTimeout(send, found.delayMs);
    else send();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    args: resolverArgs(port),
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
