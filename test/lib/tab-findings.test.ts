// A tab's findings, kept for the page the tab shows and copied to the session (lib/tab-findings.ts).
import { describe, expect, it } from 'vitest';
import { createTabFindings, type SessionStore } from '../../lib/tab-findings';
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

  it("copies a tab's page and findings to the session once per burst, and drops them when the tab closes", async () => {
    const session = memorySession();
    const tabs = createTabFindings(session);
    await tabs.note(6, 'p', row(1));
    await tabs.note(6, 'p', row(2));
    expect(session.items['tab:6']).toBeUndefined();
    await settle();
    expect(session.items['tab:6']).toEqual({ pageId: 'p', findings: [{ sighting: row(1) }, { sighting: row(2) }] });
    expect((await createTabFindings(session).list(6, 'p')).map((f) => f.sighting)).toEqual([row(1), row(2)]);
    tabs.forget(6);
    await settle();
    expect(session.items['tab:6']).toBeUndefined();
  });
});
