// @vitest-environment happy-dom
// The page session's parts: each does its one job, and stops all it set up once its signal aborts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { UiHandle } from '../../lib/draw-page-ui';
import { messaging } from '../../lib/messaging';
import { askBackground } from '../../lib/page-session/ask-background';
import { completeRows } from '../../lib/page-session/complete-rows';
import { followPageChanges } from '../../lib/page-session/follow-page-changes';
import { mountAnchors } from '../../lib/page-session/mount-anchors';
import { createPageMounts, type Mounted } from '../../lib/page-session/page-mounts';
import { scanPage } from '../../lib/page-session/scan-page';
import { startPageSession } from '../../lib/page-session/start-page-session';
import type { SiteAdapter } from '../../lib/sites/adapter-types';
import { pageStateOf } from '../../lib/page-state';
import type { ProgrammeReport, Report, Sighting, SightingData } from '../../lib/types';
import { fullReport } from '../fixtures/reports/demo-reports';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DEBOUNCE_AND_MORE = 320;

const rowData: SightingData = { site: 'onisep', page: 'liste-item', ids: { for: 'FOR.4088' } };

function fakeHandle() {
  return { set: vi.fn<UiHandle['set']>(), unreachable: vi.fn<UiHandle['unreachable']>(), remove: vi.fn<UiHandle['remove']>() };
}

function adapterOf(read: () => Sighting[]) {
  const adapter = { name: 'onisep' as const, matches: [], detect: () => null, extract: vi.fn<SiteAdapter['extract']>(read) };
  return adapter satisfies SiteAdapter;
}

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '';
});
afterEach(() => vi.restoreAllMocks());

describe('followPageChanges', () => {
  it('calls back once the page settles after a change, and never after its signal aborted', async () => {
    const session = new AbortController();
    const onChange = vi.fn();
    followPageChanges(session.signal, onChange);
    document.body.append(document.createElement('div'));
    await sleep(DEBOUNCE_AND_MORE);
    expect(onChange).toHaveBeenCalledTimes(1);

    // A change whose debounce is still pending when the page goes away is dropped too.
    document.body.append(document.createElement('div'));
    await sleep(20);
    session.abort();
    document.body.append(document.createElement('div'));
    await sleep(DEBOUNCE_AND_MORE);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('ignores its own panels and badges coming and going', async () => {
    const session = new AbortController();
    const onChange = vi.fn();
    followPageChanges(session.signal, onChange);
    document.body.append(document.createElement('inserjeunes-badge'));
    await sleep(DEBOUNCE_AND_MORE);
    expect(onChange).not.toHaveBeenCalled();
    session.abort();
  });
});

describe('askBackground', () => {
  it('asks once more when the first answer is lost, naming its page each time', async () => {
    const send = vi.spyOn(messaging, 'sendMessage').mockRejectedValueOnce(new Error('lost')).mockResolvedValueOnce(fullReport as never);
    await expect(askBackground(rowData, 'badge', false, new AbortController().signal, 'page-1')).resolves.toBe(fullReport);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith('lookup', { sighting: rowData, depth: 'badge', pageId: 'page-1' });
  });

  it('does not ask again once its signal aborted during the wait', async () => {
    const send = vi.spyOn(messaging, 'sendMessage').mockRejectedValue(new Error('lost'));
    const session = new AbortController();
    const asked = askBackground(rowData, 'panel', true, session.signal, 'page-1');
    await sleep(10);
    session.abort();
    await expect(asked).rejects.toThrow('stopped');
    await sleep(300);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('scanPage', () => {
  it('claims each anchor once, drops what left the page, and never brings back a closed panel', () => {
    const a = document.createElement('li');
    const b = document.createElement('li');
    document.body.append(a, b);
    const mounts = createPageMounts();
    const adapter = adapterOf(() => [
      { ...rowData, anchor: a },
      { ...rowData, ids: { for: 'FOR.1' }, anchor: b },
    ]);
    const show = vi.fn((_anchor: Element, entry: Mounted) => (entry.handle = fakeHandle()));
    scanPage(adapter, mounts, show);
    expect(show).toHaveBeenCalledTimes(2);
    scanPage(adapter, mounts, show);
    expect(show).toHaveBeenCalledTimes(2);

    const removed = mounts.byAnchor.get(b)!.handle!;
    b.remove();
    scanPage(adapter, mounts, show);
    expect(removed.remove).toHaveBeenCalled();
    expect([...mounts.byAnchor.keys()]).toEqual([a]);

    mounts.closedKeys.add(mounts.byAnchor.get(a)!.key);
    mounts.byAnchor.delete(a);
    scanPage(adapter, mounts, show);
    expect(show).toHaveBeenCalledTimes(2);
  });

  it('shows nothing when the adapter throws', () => {
    const show = vi.fn();
    scanPage(adapterOf(() => { throw new Error('broken page'); }), createPageMounts(), show);
    expect(show).not.toHaveBeenCalled();
  });
});

const ctx = {} as ContentScriptContext;
const noRows = { completeRow: vi.fn(), withRows: (r: Report) => r, rowAnswered: vi.fn() };
const nearAtOnce = { watch: (_el: Element, onNear: () => void) => (onNear(), () => undefined) };

describe('mountAnchors', () => {
  it('fills a mounted entry with its answer, or says the background is unreachable', async () => {
    const session = new AbortController();
    const mounts = createPageMounts();
    const ask = vi.fn().mockResolvedValueOnce(fullReport).mockRejectedValueOnce(new Error('gone'));
    const anchors = mountAnchors(ctx, session.signal, mounts, { state: Promise.resolve(pageStateOf({})), ask, rows: noRows, near: nearAtOnce });
    const entry: Mounted = { key: 'k', data: rowData, page: 'liste-item', handle: fakeHandle() };
    await anchors.load(entry, false);
    expect(ask).toHaveBeenLastCalledWith(rowData, 'badge', false);
    expect(entry.handle!.set).toHaveBeenLastCalledWith({ status: 'ready', report: fullReport });
    expect(noRows.rowAnswered).toHaveBeenCalledWith(fullReport, 'badge');
    await anchors.load(entry, true);
    expect(entry.handle!.unreachable).toHaveBeenCalled();
    session.abort();
  });

  it('removes every panel and badge it drew when its signal aborts, and shows no late answer', async () => {
    const session = new AbortController();
    const mounts = createPageMounts();
    let answer!: (r: Report) => void;
    const ask = vi.fn(() => new Promise<Report>((r) => (answer = r)));
    const anchors = mountAnchors(ctx, session.signal, mounts, { state: Promise.resolve(pageStateOf({})), ask, rows: noRows, near: nearAtOnce });
    const entry: Mounted = { key: 'k', data: rowData, page: 'liste-item', handle: fakeHandle() };
    mounts.byAnchor.set(document.createElement('li'), entry);
    const loading = anchors.load(entry, false);
    session.abort();
    expect(entry.handle!.remove).toHaveBeenCalled();
    expect(mounts.byAnchor.size).toBe(0);
    answer(fullReport);
    await loading;
    expect(entry.handle!.set).not.toHaveBeenCalledWith(expect.objectContaining({ status: 'ready' }));
  });
});

describe('completeRows', () => {
  const programme = fullReport.programmes[0]!;
  const uai = programme.etablissement?.uai ?? '0690000A';
  const listed: ProgrammeReport = { ...programme, key: 'listed', etablissement: { ...programme.etablissement, uai } as ProgrammeReport['etablissement'] };
  const etablissementReport: Report = { sighting: { site: 'onisep', page: 'etablissement', ids: { uai } }, programmes: [listed], etablissement: { uai } as Report['etablissement'] };

  function setUp(ask: (data: SightingData) => Promise<Report>) {
    const session = new AbortController();
    const mounts = createPageMounts();
    const handle = fakeHandle();
    mounts.byAnchor.set(document.createElement('div'), { key: 'e', data: etablissementReport.sighting, page: 'etablissement', handle, report: etablissementReport });
    const rows = completeRows(session.signal, mounts, { ask: vi.fn(ask), reloadFull: vi.fn() });
    return { session, mounts, handle, rows };
  }

  it("asks for a listed programme alone and shows it in full in the establishment's panel", async () => {
    const full: ProgrammeReport = { ...listed, libelle: 'complété' };
    const { mounts, handle, rows } = setUp(async () => ({ ...etablissementReport, programmes: [full] }));
    rows.completeRow('listed');
    await sleep(0);
    expect(mounts.completed.get('listed')).toBe(full);
    expect(handle.set).toHaveBeenLastCalledWith({ status: 'ready', report: { ...etablissementReport, programmes: [full] } });
  });

  it('keeps nothing of an answer that comes after its signal aborted', async () => {
    let answer!: (r: Report) => void;
    const { session, mounts, handle, rows } = setUp(() => new Promise<Report>((r) => (answer = r)));
    rows.completeRow('listed');
    session.abort();
    answer({ ...etablissementReport, programmes: [listed] });
    await sleep(0);
    expect(mounts.completed.size).toBe(0);
    expect(handle.set).not.toHaveBeenCalled();
  });

  it('draws the establishment panel again once for rows answering within the same frame, and not after its signal aborted', async () => {
    const { session, mounts, handle, rows } = setUp(async () => etablissementReport);
    for (const n of [1, 2, 3]) {
      const report: Report = { sighting: rowData, programmes: [{ ...listed, key: `row${n}` }] };
      mounts.byAnchor.set(document.createElement('li'), { key: `r${n}`, data: rowData, page: 'liste-item', report, depth: 'badge' });
      rows.rowAnswered(report, 'badge');
    }
    expect(handle.set).not.toHaveBeenCalled();
    await sleep(50); // a frame
    expect(handle.set).toHaveBeenCalledTimes(1);
    const shown = handle.set.mock.calls[0]![0];
    expect(shown.status === 'ready' && shown.report.programmes.map((p) => p.key)).toEqual(['listed', 'row1', 'row2', 'row3']);
    rows.rowAnswered({ sighting: rowData, programmes: [] }, 'badge');
    session.abort();
    await sleep(50);
    expect(handle.set).toHaveBeenCalledTimes(1);
  });

  it("reloads a row's badge in full when the establishment panel opens it", () => {
    const { mounts } = setUp(async () => etablissementReport);
    const row: Mounted = { key: 'r', data: rowData, page: 'liste-item', report: { sighting: rowData, programmes: [listed] }, depth: 'badge' };
    mounts.byAnchor.set(document.createElement('li'), row);
    const reloadFull = vi.fn();
    const withReload = completeRows(new AbortController().signal, mounts, { ask: vi.fn(), reloadFull });
    withReload.completeRow('listed');
    expect(reloadFull).toHaveBeenCalledWith(row);
  });
});

describe('startPageSession', () => {
  it('scans at once and on page changes, and stops scanning and asking once stopped', async () => {
    vi.spyOn(messaging, 'sendMessage').mockResolvedValue(fullReport as never);
    const adapter = adapterOf(() => []);
    const session = startPageSession(ctx, adapter);
    expect(adapter.extract).toHaveBeenCalledTimes(1);
    document.body.append(document.createElement('div'));
    await sleep(DEBOUNCE_AND_MORE);
    expect(adapter.extract).toHaveBeenCalledTimes(2);
    session.stop();
    document.body.append(document.createElement('div'));
    await sleep(DEBOUNCE_AND_MORE);
    expect(adapter.extract).toHaveBeenCalledTimes(2);
  });
});
