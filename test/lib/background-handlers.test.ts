// The background's services with the fake browser: tab findings survive a worker restart.
import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setApiKey } from '../../lib/api-key';
import { createBackgroundService, gatherReads } from '../../lib/background-handlers';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { saveSettings } from '../../lib/settings-store';
import type { SightingData } from '../../lib/types';
import { buildIndex } from '../../lib/referentiel/build';
import { packIndex } from '../../lib/referentiel/pack-index';
import { decodedTables } from '../../lib/referentiel/unpack-index';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { buildQuickIndex, SHIPPED_QUICK_INDEX } from '../../lib/referentiel/quick-index';
import { SHIPPED_REFERENTIEL } from '../../lib/referentiel/shipped-file';
import type { Cell } from '../../lib/types';
import { startMockApi, type MockApi } from '../mock-api/server';

let mock: MockApi;
beforeAll(async () => {
  mock = await startMockApi({ port: 0 });
});
afterAll(() => mock.close());
// A test's services may still hold batched cache writes (last-use times go 2 s later): clearing the
// storage while their listeners are registered discards them, so they cannot land in the next test's
// fresh storage (fakeBrowser.reset() drops the listeners, not the timers).
afterEach(() => fakeBrowser.storage.local.clear());
/** Chromium and Firefox list storage's keys (`getKeys`); the fake browser does not by itself. */
function listStorageKeys() {
  const local = fakeBrowser.storage.local as unknown as { get(keys: null): Promise<Record<string, unknown>>; getKeys(): Promise<string[]> };
  return vi.spyOn(local, 'getKeys').mockImplementation(async () => Object.keys(await local.get(null)));
}

beforeEach(async () => {
  fakeBrowser.reset();
  listStorageKeys();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined); // the missing referentiel is expected here
  mock.resetRequests();
  await saveSettings({ ...DEFAULT_SETTINGS, apiUrl: mock.url });
  await setApiKey('');
});

// No referentiel in this test (its fetch fails): a MEFSTAT11 read on the page is asked as is.
const offer: SightingData = { site: 'affelnet', page: 'offre', ids: { uai: '0693045K', mefstat11: '23830034403' } };

describe('background service', () => {
  it('answers a lookup from the API, then from the cache with no request', async () => {
    const service = createBackgroundService();
    const first = await service.lookup(offer, { tabId: 7, pageId: 'p1' });
    const cell = first.programmes[0]!.cells.etablissement.scolaire;
    expect(cell.state === 'figures' && cell.figures.tauxEnEmploi6Mois).toBe(38);
    const asked = mock.requests.length;
    expect(asked).toBeGreaterThan(0);
    await service.lookup(offer, { tabId: 7, pageId: 'p1' });
    expect(mock.requests.length).toBe(asked);
  });

  it('keeps what a tab showed across a restart of the worker', async () => {
    const before = createBackgroundService();
    await before.lookup(offer, { tabId: 7, pageId: 'p1' });
    await new Promise((r) => setTimeout(r, 400)); // the session write is batched
    const after = createBackgroundService(); // a new worker: empty memory
    const found = await after.tabFindings(7, 'p1');
    expect(found.map((f) => f.sighting)).toEqual([offer]);
    expect(found[0]!.report?.programmes[0]?.mefstat11).toBe('23830034403');
  });

  it('a badge’s partial answer does not replace the full report the tab already has', async () => {
    const service = createBackgroundService();
    const full = await service.lookup(offer, { tabId: 7, pageId: 'p1' });
    await service.lookup(offer, { tabId: 7, pageId: 'p1', depth: 'badge' });
    expect((await service.tabFindings(7, 'p1'))[0]!.report?.programmes).toEqual(full.programmes);
  });

  it('a tab showing another page starts its findings afresh, and tells only the page it shows now', async () => {
    const service = createBackgroundService();
    const other: SightingData = { site: 'affelnet', page: 'offre', ids: { uai: '0693045K', cfd: '40025214' } };
    await service.lookup(offer, { tabId: 7, pageId: 'first' });
    expect((await service.tabFindings(7, 'first')).map((f) => f.sighting)).toEqual([offer]);
    await service.lookup(other, { tabId: 7, pageId: 'second' });
    expect((await service.tabFindings(7, 'second')).map((f) => f.sighting)).toEqual([other]);
    // The popup names the page the tab shows: an old page's id, or none (no content script there), gets nothing.
    expect(await service.tabFindings(7, 'first')).toEqual([]);
    expect(await service.tabFindings(7, null)).toEqual([]);
    await new Promise((r) => setTimeout(r, 400)); // the session write is batched
    const after = createBackgroundService(); // a new worker: the page the findings belong to comes back with them
    expect((await after.tabFindings(7, 'second')).map((f) => f.sighting)).toEqual([other]);
    expect(await after.tabFindings(7, 'first')).toEqual([]);
  });

  it("an answer for a page the tab has left is not among the new page's findings", async () => {
    const service = createBackgroundService();
    const other: SightingData = { site: 'affelnet', page: 'offre', ids: { uai: '0693045K', cfd: '40025214' } };
    await service.lookup(other, {}); // in the cache: the new page's answer comes at once
    mock.configure({ latencyMs: 150 });
    try {
      const late = service.lookup(offer, { tabId: 7, pageId: 'old' }); // still waiting for the API
      await new Promise((r) => setTimeout(r, 20));
      await service.lookup(other, { tabId: 7, pageId: 'new' });
      await late; // answered after the new page's question and answer
      expect((await service.tabFindings(7, 'new')).map((f) => f.sighting)).toEqual([other]);
    } finally {
      mock.configure({ latencyMs: 0 });
    }
  });

  it("the extension's own pages (no page named) add nothing to a tab's findings", async () => {
    const service = createBackgroundService();
    await service.lookup(offer, { tabId: 7, pageId: 'p1' });
    const other: SightingData = { site: 'recherche', page: 'formation', ids: { cfd: '40025214' } };
    await service.lookup(other, { tabId: 7 });
    expect((await service.tabFindings(7, 'p1')).map((f) => f.sighting)).toEqual([offer]);
  });

  it('forgets its cache when extension storage is cleared', async () => {
    const service = createBackgroundService();
    await service.lookup(offer, {});
    const asked = mock.requests.length;
    await fakeBrowser.storage.local.clear();
    await saveSettings({ ...DEFAULT_SETTINGS, apiUrl: mock.url });
    await service.lookup(offer, {});
    expect(mock.requests.length).toBeGreaterThan(asked);
  });

  it("cleared storage stays empty: the cache's pending last-use times are not written back", async () => {
    const service = createBackgroundService();
    await service.lookup(offer, {});
    await new Promise((r) => setTimeout(r, 100)); // the answers are written (batched, 20 ms)
    await service.lookup(offer, {}); // served from the cache: last-use times to write in 2 s
    await fakeBrowser.storage.local.clear();
    await new Promise((r) => setTimeout(r, 2_300));
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([]);
  });

  it('a retry goes past the cache to the API', async () => {
    const service = createBackgroundService();
    await service.lookup(offer, {});
    const asked = mock.requests.length;
    await service.lookup(offer, { force: true });
    expect(mock.requests.length).toBeGreaterThan(asked);
  });

  it('after a restart of the worker, a new lookup in the tab keeps what the tab had found before', async () => {
    const before = createBackgroundService();
    await before.lookup(offer, { tabId: 7, pageId: 'p1' });
    await new Promise((r) => setTimeout(r, 400)); // the session write is batched
    const after = createBackgroundService(); // a new worker: empty memory
    const other: SightingData = { site: 'affelnet', page: 'offre', ids: { uai: '0693045K', cfd: '40025214' } };
    await after.lookup(other, { tabId: 7, pageId: 'p1' });
    const found = await after.tabFindings(7, 'p1');
    expect(found.map((f) => f.sighting)).toEqual([offer, other]);
    await new Promise((r) => setTimeout(r, 400));
    expect((await createBackgroundService().tabFindings(7, 'p1')).map((f) => f.sighting)).toEqual([offer, other]);
  });

  it('after a wake, the lookup does not wait for the tab’s findings to be read from the session', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const session = fakeBrowser.storage.session as unknown as { get(keys: unknown): Promise<Record<string, unknown>> };
    const realGet = session.get.bind(session);
    const sessionGet = vi.spyOn(session, 'get').mockImplementation(async (keys) => {
      await held;
      return realGet(keys);
    });
    const fetched: string[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    });
    const service = createBackgroundService(); // a fresh worker: the tab's findings are in the session only
    const answer = service.lookup(offer, { tabId: 7, pageId: 'p1' });
    // The referentiel and the API are asked while the session read is still pending.
    await vi.waitFor(() => expect(fetched.some((u) => u.startsWith(mock.url))).toBe(true), { timeout: 5000 });
    expect(fetched.some((u) => u.endsWith('/referentiel.json.gz'))).toBe(true);
    release();
    const report = await answer;
    expect(report.programmes[0]?.mefstat11).toBe('23830034403');
    expect((await service.tabFindings(7, 'p1')).map((f) => f.sighting)).toEqual([offer]);
    vi.mocked(globalThis.fetch).mockRestore();
    sessionGet.mockRestore();
    await new Promise((r) => setTimeout(r, 400)); // the batched writes land before the next test's reset
  });

  it('reads nothing when the worker starts; the first lookup reads the referentiel, once, and decodes only what it uses', async () => {
    const packed = gzipSync(JSON.stringify(packIndex(buildIndex('test/fixtures/referentiel', new Date('2026-01-01')).index)));
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
      String(input).endsWith('/referentiel.json.gz') ? Promise.resolve(new Response(packed)) : realFetch(input, init),
    );
    const parsed = parsedIndexes();
    const referentielReads = () => vi.mocked(globalThis.fetch).mock.calls.filter(([u]) => String(u).endsWith('/referentiel.json.gz')).length;
    try {
      // Woken by some tab's navigation, on any site: no work until a page of ours asks.
      const service = createBackgroundService();
      await new Promise((r) => setTimeout(r, 50));
      expect(referentielReads()).toBe(0);
      await service.lookup(offer, {});
      await service.lookup(offer, {});
      expect(referentielReads()).toBe(1);
      expect(parsed).toHaveLength(1);
      expect(decodedTables(parsed[0]!)).toEqual(expect.arrayContaining(['mefs']));
      // A table no offer lookup reads (RNCP) stays packed.
      expect(decodedTables(parsed[0]!)).not.toContain('rncp');
    } finally {
      vi.mocked(globalThis.fetch).mockRestore();
      vi.mocked(Response.prototype.json).mockRestore();
    }
  });

  it('uses a corrected API key at once, with no restart', async () => {
    const sent: (string | null)[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      sent.push(new Headers(init?.headers).get('x-api-key'));
      return realFetch(input, init);
    });
    const service = createBackgroundService();
    await setApiKey('premiere-cle');
    await service.lookup(offer, { force: true });
    expect(sent.filter((k) => k !== null).at(-1)).toBe('premiere-cle');
    await setApiKey('cle-corrigee');
    await service.lookup(offer, { force: true });
    expect(sent.at(-1)).toBe('cle-corrigee');
  });

  it('reads the settings once, and again only after they change', async () => {
    const service = createBackgroundService();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const settingsReads = () => get.mock.calls.filter(([keys]) => JSON.stringify(keys ?? null).includes('"settings"')).length;
    try {
      await service.lookup(offer, {});
      await service.lookup(offer, {});
      await service.lookup(offer, { force: true });
      expect(settingsReads()).toBe(1);
      await saveSettings({ ...DEFAULT_SETTINGS, apiUrl: mock.url, preferredRegion: '84' });
      await service.lookup(offer, {});
      expect(settingsReads()).toBe(2);
    } finally {
      get.mockRestore();
    }
  });

  it('never serves one API’s cached answers for another address', async () => {
    const service = createBackgroundService();
    await service.lookup(offer, {});
    const asked = mock.requests.length;
    // The same mock under its other base path: another API as far as the extension knows.
    await saveSettings({ ...DEFAULT_SETTINGS, apiUrl: `${mock.origin}/inserjeunes` });
    await service.lookup(offer, {});
    expect(mock.requests.length).toBeGreaterThan(asked);
  });
  it("a page's content script forces a programme past the cache once; again on the tab's next page", async () => {
    const service = createBackgroundService();
    const page = { tabId: 4, contentScript: true, pageId: 'a' };
    await service.lookup(offer, page);
    let asked = mock.requests.length;
    await service.lookup(offer, { ...page, force: true });
    expect(mock.requests.length).toBeGreaterThan(asked);
    asked = mock.requests.length;
    for (let i = 0; i < 5; i++) await service.lookup(offer, { ...page, force: true });
    expect(mock.requests.length).toBe(asked); // served from the cache
    // another tab, or the same tab on a new page, may force once again
    await service.lookup(offer, { tabId: 5, contentScript: true, force: true });
    expect(mock.requests.length).toBeGreaterThan(asked);
    asked = mock.requests.length;
    await service.lookup(offer, { ...page, pageId: 'b', force: true });
    expect(mock.requests.length).toBeGreaterThan(asked);
  });

  it('an API that never answers: the lookup settles on timeout errors by its deadline', async () => {
    mock.configure({ failure: 'timeout' });
    try {
      const service = createBackgroundService({ deadlineMs: 300 });
      const started = Date.now();
      // A code no other test asks: the services of earlier tests may still write their cached answers
      // (batched last-use times) into this test's fresh storage, and would answer the offer from there.
      const unseen: SightingData = { ...offer, ids: { uai: '0693045K', mefstat11: '23830034499' } };
      const report = await service.lookup(unseen, { tabId: 3, contentScript: true });
      // Settled by the 300 ms deadline, not by the client's own 8 s timeout a request (half of it leaves room for a loaded machine).
      expect(Date.now() - started).toBeLessThan(4_000);
      const cell = report.programmes[0]!.cells.etablissement.scolaire;
      expect(cell).toMatchObject({ state: 'error', error: 'timeout' });
    } finally {
      mock.configure({ failure: 'none' });
    }
  });

  it('a page’s "Ailleurs près d’ici" draws on its tab’s request budget, shared with every other panel of the tab', async () => {
    // The e2e fixtures' referentiel, served where the worker fetches it; every other fetch goes to the mock API.
    const { index } = buildIndex('test/fixtures/referentiel', new Date('2026-01-01'));
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
      String(input).endsWith('/referentiel.json.gz') ? Promise.resolve(new Response(gzipSync(JSON.stringify(index)))) : realFetch(input, init),
    );
    const formations = () => mock.requests.filter((r) => r.path.includes('/formations/')).length;
    const weak = { cfd: '40034403', uai: '0692001A', voie: 'scolaire' as const, emploi: 22, formation: 35 };
    // Two requests a minute for the tab: the section reaches the API twice, not for its six candidates.
    const service = createBackgroundService({ tabRequestsPerMinute: 2, deadlineMs: 300 });
    const first = await service.nearby(weak, { tabId: 5, contentScript: true });
    expect(first.status).toBe('ok');
    expect(formations()).toBe(2);
    // Another panel of the same tab finds the budget spent; another tab has its own.
    await service.nearby({ ...weak, uai: '0692003C' }, { tabId: 5, contentScript: true });
    expect(formations()).toBe(2);
    const other = await service.nearby(weak, { tabId: 6, contentScript: true });
    expect(formations()).toBe(4);
    // The extension's own pages are not a tab's content script: no tab budget, only the section's 15.
    mock.resetRequests();
    const own = await service.nearby({ ...weak, uai: '0692004D' });
    expect(own.status === 'ok' && own.budgetReached).toBe(false);
    expect(formations()).toBeGreaterThan(0);
    expect(other.status).toBe('ok');
  });

  /** Six rows of one establishment page, asked together; what storage was asked meanwhile. */
  async function askSixRows(): Promise<unknown[]> {
    const local = fakeBrowser.storage.local as unknown as { get(keys: unknown): Promise<Record<string, unknown>> };
    const realGet = local.get.bind(local);
    const reads: unknown[] = [];
    const spy = vi.spyOn(local, 'get').mockImplementation((keys) => {
      reads.push(keys);
      return realGet(keys);
    });
    try {
      const service = createBackgroundService();
      const rows: SightingData[] = ['23830034403', '23830023102', '23220031114', '32221033107', '32111033107', '23810034403'].map((mefstat11) => ({
        site: 'affelnet',
        page: 'offre',
        ids: { uai: '0693045K', mefstat11 },
      }));
      const reports = await Promise.all(rows.map((row) => service.lookup(row, { tabId: 7, pageId: 'p1', depth: 'badge' })));
      expect(reports.map((r) => r.programmes[0]?.mefstat11)).toEqual(rows.map((r) => r.ids.mefstat11));
      return reads;
    } finally {
      spy.mockRestore();
    }
  }
  const mention = (reads: unknown[], part: string) => reads.filter((keys) => JSON.stringify(keys).includes(part));

  it('a page’s rows asked together read the settings and the API key once, and no cache entry for programmes never stored', async () => {
    const reads = await askSixRows();
    expect(mention(reads, 'settings')).toHaveLength(1);
    // Storage listed its keys once: none of these programmes is there, so no entry is read, and every request leaves at once.
    expect(mention(reads, 'ij:c:')).toEqual([]);
    expect(mock.requests.length).toBeGreaterThan(0);
  });

  it('where storage cannot list its keys, a page’s rows look in the cache in one storage read', async () => {
    const local = fakeBrowser.storage.local as unknown as { getKeys(): Promise<string[]> };
    vi.spyOn(local, 'getKeys').mockRejectedValue(new Error('not supported'));
    const reads = await askSixRows();
    expect(mention(reads, 'settings')).toHaveLength(1);
    // The rows' first cache lookups went in one read (answers asked afterwards may read again).
    const first = mention(reads, 'ij:c:')[0] as string[];
    expect(first.length).toBeGreaterThanOrEqual(6);
  });

  it('after a restart of the worker, a programme stored in the last life is served from storage with no request', async () => {
    const before = createBackgroundService();
    await before.lookup(offer, { tabId: 7, pageId: 'p1' });
    await new Promise((r) => setTimeout(r, 100)); // the cache's batched write
    const asked = mock.requests.length;
    const after = createBackgroundService(); // a new worker: its cache lists storage's keys anew
    const again = await after.lookup(offer, { tabId: 7, pageId: 'p1' });
    expect(again.programmes[0]?.mefstat11).toBe('23830034403');
    expect(mock.requests.length).toBe(asked);
  });
});

describe('gatherReads', () => {
  it('sends the reads asked within one task as one, and gives each caller its own keys only', async () => {
    const store: Record<string, unknown> = { a: 1, b: 2, c: 3 };
    const read = vi.fn(async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in store).map((k) => [k, store[k]])));
    const get = gatherReads(read);
    const [one, two, missing] = await Promise.all([get(['a']), get(['b', 'c']), get(['zz'])]);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read.mock.calls[0]![0].sort()).toEqual(['a', 'b', 'c', 'zz']);
    expect([one, two, missing]).toEqual([{ a: 1 }, { b: 2, c: 3 }, {}]);
    // A later task reads again, and sees what changed meanwhile.
    store.a = 10;
    expect(await get(['a'])).toEqual({ a: 10 });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('a failed read fails each of its callers, and the next read is tried afresh', async () => {
    const read = vi.fn<(keys: string[]) => Promise<Record<string, unknown>>>().mockRejectedValueOnce(new Error('storage')).mockResolvedValue({ a: 1 });
    const get = gatherReads(read);
    await expect(Promise.all([get(['a']), get(['b'])])).rejects.toThrow('storage');
    expect(await get(['a'])).toEqual({ a: 1 });
  });
});

/** The indexes the worker parses (Response.json spied: a body holding an index), in order; `onParse` told of each. */
function parsedIndexes(onParse?: () => void): object[] {
  const parsed: object[] = [];
  const realJson = Response.prototype.json;
  vi.spyOn(Response.prototype, 'json').mockImplementation(async function (this: Response) {
    const value = (await realJson.call(this)) as object;
    if (value && typeof value === 'object' && 'version' in value) {
      parsed.push(value);
      onParse?.();
    }
    return value;
  });
  return parsed;
}

const rates = (cell: Cell) => (cell.state === 'figures' ? [cell.figures.tauxEnEmploi6Mois, cell.figures.tauxEnFormation] : cell.state);

describe('a woken worker and the quick index', () => {
  /** What a build ships (lib/referentiel/ship.ts): the packed index gzipped, and its quick index for today. */
  function shipped(): { packed: Buffer; quick: Buffer | undefined } {
    const { index } = buildIndex('test/fixtures/referentiel', new Date('2026-01-01'));
    const now = new Date();
    const quick = buildQuickIndex(
      createReferentiel(JSON.parse(JSON.stringify(index)), { now }),
      index.mefs.map((row) => row[5]),
      now,
    );
    return { packed: gzipSync(JSON.stringify(packIndex(index))), quick: gzipSync(JSON.stringify(quick)) };
  }
  /** Serves both files where the worker fetches them (the referentiel `slowMs` late), noting in `order` what was fetched when. */
  function serve(files: ReturnType<typeof shipped>, order: string[], slowMs = 0) {
    const realFetch = globalThis.fetch;
    return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith(`/${SHIPPED_REFERENTIEL}`)) {
        order.push('referentiel');
        await new Promise((r) => setTimeout(r, slowMs));
        return new Response(new Uint8Array(files.packed));
      }
      if (url.endsWith(`/${SHIPPED_QUICK_INDEX}`)) {
        order.push('quick');
        return files.quick ? new Response(new Uint8Array(files.quick)) : new Response('', { status: 404 });
      }
      order.push('api');
      return realFetch(input, init);
    });
  }
  const formationPage: SightingData = { site: 'onisep', page: 'formation', ids: { for: 'FOR.3651', duree: 3 }, label: 'Bac pro métiers du commerce' };
  const tab = { tabId: 9, contentScript: true, pageId: 'q' };

  it("answers a formation page without waiting for the referentiel, whose reading waits for its requests: the same report, requests and budget as without", async () => {
    const files = shipped();
    const order: string[] = [];
    const spy = serve(files, order, 300);
    parsedIndexes(() => order.push('parse'));
    // A woken worker's first storage reads are slow: the settings come 60 ms after the referentiel's bytes.
    const local = fakeBrowser.storage.local as unknown as { get(keys: unknown): Promise<Record<string, unknown>> };
    const realGet = local.get.bind(local);
    const slowGet = vi.spyOn(local, 'get').mockImplementation(async (keys) => {
      if (JSON.stringify(keys ?? null).includes('"settings"')) await new Promise((r) => setTimeout(r, 60));
      return realGet(keys);
    });
    try {
      // Just what the lookup needs of the tab's budget: a request counted twice would leave a cell without figures.
      const woken = createBackgroundService({ tabRequestsPerMinute: 3 });
      const [report, credits] = await Promise.all([woken.lookup(formationPage, tab), woken.sources()]);
      // The referentiel was asked (for later lookups) and is not parsed yet: the answer did not wait for it.
      expect(order).toContain('referentiel');
      expect(order).not.toContain('parse');
      const asked = mock.requests.map((r) => r.path).sort();
      // Its requests left before the referentiel was fetched (its reading holds a woken worker's thread).
      expect(order.indexOf('api')).toBeGreaterThan(-1);
      expect(order.indexOf('api')).toBeLessThan(order.indexOf('referentiel'));
      await vi.waitFor(() => expect(order.filter((f) => f === 'parse')).toHaveLength(1));

      // The same page in a worker without a quick index (an older build), with nothing in its cache.
      await fakeBrowser.storage.local.clear();
      await saveSettings({ ...DEFAULT_SETTINGS, apiUrl: mock.url });
      mock.resetRequests();
      files.quick = undefined;
      order.length = 0;
      const plain = createBackgroundService({ tabRequestsPerMinute: 3 });
      const [before, plainCredits] = await Promise.all([plain.lookup(formationPage, tab), plain.sources()]);
      expect(order.indexOf('parse')).toBeGreaterThan(-1);
      expect(order.indexOf('parse')).toBeLessThan(order.indexOf('api'));
      expect({ ...report, fetchedAt: 0 }).toEqual({ ...before, fetchedAt: 0 });
      expect(rates(report.programmes[0]!.cells.france.scolaire)).toEqual([41, 40]);
      expect(mock.requests.map((r) => r.path).sort()).toEqual(asked);
      expect(credits).toEqual(plainCredits);
    } finally {
      spy.mockRestore();
      slowGet.mockRestore();
      vi.mocked(Response.prototype.json).mockRestore();
    }
  });

  it('once the referentiel is read, decodes what the next formation page reads of it: that lookup decodes nothing more', async () => {
    const order: string[] = [];
    const spy = serve(shipped(), order);
    const parsed = parsedIndexes();
    try {
      const woken = createBackgroundService();
      await woken.lookup(formationPage, tab);
      await vi.waitFor(() => expect(parsed).toHaveLength(1));
      const file = parsed[0]!;
      // The worker does it after the read, in a task of its own: waited for here.
      await vi.waitFor(() => expect(decodedTables(file)).toEqual(expect.arrayContaining(['programmes', 'mefs'])));
      const prepared = [...decodedTables(file)];
      const next = await woken.lookup({ site: 'onisep', page: 'formation', ids: { for: 'FOR.4088' } }, { ...tab, pageId: 'r' });
      expect(next.programmes.length).toBeGreaterThan(0);
      expect(decodedTables(file)).toEqual(prepared);
    } finally {
      spy.mockRestore();
      vi.mocked(Response.prototype.json).mockRestore();
    }
  });

  it('gives the credits without reading the referentiel', async () => {
    const order: string[] = [];
    const spy = serve(shipped(), order);
    try {
      const sources = (await createBackgroundService().sources()).sources.map((s) => s.name);
      expect(sources).toEqual(expect.arrayContaining(['BCN N_MEF']));
      expect(order).toEqual(['quick']);
    } finally {
      spy.mockRestore();
    }
  });
});
