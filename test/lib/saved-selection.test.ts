import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addToSelection, getSelection, removeFromSelection, selectionItemOf } from '../../lib/saved-selection';
import { fullReport } from '../fixtures/reports/demo-reports';

beforeEach(() => fakeBrowser.reset());

describe('the counsellor selection', () => {
  const item = (key: string) => ({ key, libelle: `Formation ${key}`, sighting: { site: 'onisep' as const, page: 'formation' as const, ids: { cfd: '40034403' } }, addedAt: 1 });

  it('adds once, removes, and survives a corrupt entry', async () => {
    await addToSelection(item('a'));
    await addToSelection(item('a'));
    await addToSelection(item('b'));
    expect((await getSelection()).map((i) => i.key)).toEqual(['a', 'b']);
    const raw = (await fakeBrowser.storage.local.get('selection')).selection as unknown[];
    await fakeBrowser.storage.local.set({ selection: [...raw, { broken: true }, 42] });
    expect((await getSelection()).map((i) => i.key)).toEqual(['a', 'b']);
    await removeFromSelection('a');
    expect((await getSelection()).map((i) => i.key)).toEqual(['b']);
  });

  it('two saves at once both stay (the popup and a panel, say)', async () => {
    await Promise.all([addToSelection(item('a')), addToSelection(item('b')), removeFromSelection('x'), addToSelection(item('c'))]);
    expect((await getSelection()).map((i) => i.key).sort()).toEqual(['a', 'b', 'c']);
  });

  it('a failed write rejects, and the next one still runs', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(addToSelection(item('a'))).rejects.toThrow('QUOTA');
    set.mockRestore();
    await addToSelection(item('b'));
    expect((await getSelection()).map((i) => i.key)).toEqual(['b']);
  });
});

describe('selectionItemOf', () => {
  it('keeps what names the programme and what looks it up again', () => {
    const p = fullReport.programmes[0]!;
    const item = selectionItemOf(p, fullReport.sighting, 5);
    expect(item).toEqual({
      key: p.key,
      libelle: p.libelle,
      etablissement: 'Lycée professionnel Les Canuts',
      uai: '0693045K',
      cfd: p.cfd,
      mefstat11: p.mefstat11,
      sighting: fullReport.sighting,
      addedAt: 5,
    });
  });
});
