// A tab's findings, kept for the page the tab shows and copied to the session (lib/tab-findings.ts).
import { describe, expect, it } from 'vitest';
import { createTabFindings, keepRecent, MAX_TABS, type SessionStore } from '../../lib/tab-findings';
import type { Report, SightingData } from '../../lib/types';

/** A session store in memory, as `storage.session` answers. */
function memorySession(initial: Record<string, unknown> = {}): SessionStore & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = { ...initial };
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (values) => void Object.assign(items, values),
    remove: async (key) => void delete items[key],
  };
}

const row = (n: number): SightingData => ({ site: 'affelnet', page: 'offre', ids: { uai: '0693045K', mefstat11: String(23830034400 + n) } });
const reportOf = (s: SightingData) => ({ sighting: s, programmes: [] }) as unknown as Report;
const settle = () => new Promise((r) => setTimeout(r, 350)); // the session copy is written once per burst

describe('tab findings', () => {
  it("reads a corrupt or older session copy as nothing, and keeps the tab's next page", async () => {
    for (const stored of [[{ sighting: row(1) }], { pageId: 5, findings: [] }, 'junk', { pageId: 'p', findings: 'x' }]) {
      const session = memorySession({ 'tab:3': stored });
      const tabs = createTabFindings(session);
      expect(await tabs.list(3, 'p')).toEqual([]);
      await tabs.note(3, 'q', row(2));
      expect((await tabs.list(3, 'q')).map((f) => f.sighting)).toEqual([row(2)]);
    }
  });

  it('holds at most 200 programmes for a page, and a report answers the line its question opened', async () => {
    const tabs = createTabFindings(undefined);
    for (let i = 0; i < 210; i++) await tabs.note(4, 'p', row(i));
    expect(await tabs.list(4, 'p')).toHaveLength(200);
    await tabs.note(4, 'p', row(0), reportOf(row(0)));
    const found = await tabs.list(4, 'p');
    expect(found).toHaveLength(200);
    expect(found[0]!.report).toEqual(reportOf(row(0)));
  });

  it("copies a tab's page and findings to the session once per burst", async () => {
    const session = memorySession();
    const tabs = createTabFindings(session);
    await tabs.note(6, 'p', row(1));
    await tabs.note(6, 'p', row(2));
    expect(session.items['tab:6']).toBeUndefined();
    await settle();
    expect(session.items['tab:6']).toEqual({ pageId: 'p', findings: [{ sighting: row(1) }, { sighting: row(2) }] });
    expect((await createTabFindings(session).list(6, 'p')).map((f) => f.sighting)).toEqual([row(1), row(2)]);
  });

  it('keeps the tabs that most recently showed a page of ours, across restarts of the worker (no tab event tells a tab closed)', async () => {
    const session = memorySession();
    let tabs = createTabFindings(session);
    for (let tab = 1; tab <= MAX_TABS; tab++) await tabs.note(tab, `page-${tab}`, row(tab));
    await tabs.note(1, 'page-1', row(100)); // the same page again: tab 1 is not any more recent for it
    await settle();
    expect(Object.keys(session.items).filter((k) => k.startsWith('tab:'))).toHaveLength(MAX_TABS);
    tabs = createTabFindings(session); // a new worker goes on from the session's order
    await tabs.note(3, 'page-3b', row(3)); // tab 3 shows another page: now the most recent
    await tabs.note(MAX_TABS + 1, 'new', row(0)); // one tab too many: the oldest, tab 1, goes
    await tabs.note(MAX_TABS + 2, 'new', row(0)); // and then tab 2; tab 3 stays
    await settle();
    expect(session.items['tab:1']).toBeUndefined();
    expect(session.items['tab:2']).toBeUndefined();
    expect(await tabs.list(1, 'page-1')).toEqual([]);
    expect((await tabs.list(3, 'page-3b')).map((f) => f.sighting)).toEqual([row(3)]);
    expect((await tabs.list(4, 'page-4')).map((f) => f.sighting)).toEqual([row(4)]);
    expect(Object.keys(session.items).filter((k) => k.startsWith('tab:'))).toHaveLength(MAX_TABS);
    expect(session.items.tabs).toHaveLength(MAX_TABS);
  });

  it('reads a broken list of kept tabs as none', async () => {
    for (const stored of ['junk', [1, 'x', -2, 2.5, 4], { 0: 1 }]) {
      const session = memorySession({ tabs: stored });
      const tabs = createTabFindings(session);
      await tabs.note(9, 'p', row(9));
      await settle();
      expect(session.items.tabs).toEqual(Array.isArray(stored) ? [9, 1, 4] : [9]);
    }
  });

  it('keepRecent keeps the most recently set keys only', () => {
    const map = new Map<number, string>();
    for (let i = 1; i <= 4; i++) keepRecent(map, i, `v${i}`, 3);
    expect([...map.keys()]).toEqual([2, 3, 4]);
    expect(keepRecent(map, 2, 'again', 3)).toBe('again');
    keepRecent(map, 5, 'v5', 3);
    expect([...map.entries()]).toEqual([
      [4, 'v4'],
      [2, 'again'],
      [5, 'v5'],
    ]);
  });
});
