// The rules that choose the final year users mean (OPEN_DATA.md steps 6 to 8), on small fixtures in
// the BCN, Certif Info and Idéo formats (test/fixtures/referentiel/rules).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { compareCodes } from '../../lib/codes';
import type { MefRow } from '../../lib/referentiel/format';
import { chooseFinalYear } from '../../lib/referentiel/final-year';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel, type Referentiel } from '../../lib/referentiel/open-referentiel';
import { computeStats } from '../../lib/referentiel/stats';

const NOW = new Date('2026-01-01');
let ref: Referentiel;
beforeAll(() => {
  ref = createReferentiel(buildIndex('test/fixtures/referentiel/rules', NOW).index, { now: NOW });
});
const r = (s: string) => ref.resolveInput(s);

describe('step 6: the length users mean', () => {
  it('no length anywhere: the diploma’s standard length first, flagged, the other lengths after it', () => {
    // CAP in 1, 2 and 3 years, two Onisep actions of different lengths: 2 years, the CAP users mean
    expect(r('FOR.320')).toMatchObject({ mefstat11: ['23220034307', '23110034307', '23330034307'], ambiguous: false, duree: 2, dureeSource: 'standard' });
    expect(r('FOR.270')).toMatchObject({ mefstat11: ['32221031409', '32111031409'], ambiguous: false, duree: 2, dureeSource: 'standard' });
    expect(r('40034403')).toMatchObject({ mefstat11: ['23830034403'], duree: 3, dureeSource: 'standard' });
    expect(r('46133413')).toMatchObject({ mefstat11: ['23K00033413'], duree: 1, dureeSource: 'standard' });
    expect(ref.finalYear('50034307')).toMatchObject({ ambiguous: false, duree: 2, dureeSource: 'standard' });
  });
  it('candidates are ordered without the locale collator, in the order it gives their codes', () => {
    // Two open 2-year MEFs of one CAP: only their codes order them.
    const rows: MefRow[] = [
      ['2502000211', '50020002', 2, 2, '23220002001', ''],
      ['2502000111', '50020002', 2, 2, '23220002002', ''],
    ];
    const collator = vi.spyOn(String.prototype, 'localeCompare');
    let chosen: ReturnType<typeof chooseFinalYear>;
    try {
      chosen = chooseFinalYear('50020002', rows, undefined, () => true);
      expect(collator).not.toHaveBeenCalled();
    } finally {
      collator.mockRestore();
    }
    expect(chosen.candidates.map((c) => c.mef10)).toEqual(['2502000111', '2502000211']);
    const codes = ['2473440331', '2473440330', '0000000000', '', '9999999999', '1234567890', '2021_2022', '2022_2023', 'apprentissage', 'scolaire'];
    expect([...codes].sort(compareCodes)).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
  });
  it('a length the page gives wins, and nothing else is proposed', () => {
    expect(r('FOR.320+1')).toMatchObject({ mefstat11: ['23110034307'], duree: 1, dureeSource: 'page' });
    expect(ref.finalYear('50034307', 3)).toMatchObject({ mefstat11: ['23330034307'], dureeSource: 'page' });
  });
  it('Idéo’s length wins over the standard one: the formation’s duree, an action’s af_duree_cycle_standard', () => {
    expect(r('FOR.5001')).toMatchObject({ mefstat11: ['23110034307'], duree: 1, dureeSource: 'onisep' });
    expect(r('AF.7001')).toMatchObject({ mefstat11: ['23110034307'], duree: 1, dureeSource: 'onisep' });
    expect(r('AF.7002')).toMatchObject({ mefstat11: ['32111031409'], dureeSource: 'onisep' });
    // the lengths a programme carries are Idéo's only, never N_MEF's
    expect(ref.programme('FOR.5001')).toMatchObject({ durees: [1], duree: 1 });
    expect(ref.programme('FOR.320')?.durees).toEqual([1, 2]);
    expect(ref.programme('FOR.320')?.duree).toBeUndefined();
    expect(ref.programme('FOR.9001')?.durees).toEqual([]);
  });
  it('a diploma that does not exist in its standard length: the length that exists, nothing assumed', () => {
    expect(r('FOR.9001')).toMatchObject({ mefstat11: ['23110022201'], ambiguous: false, duree: 1 });
    expect(r('FOR.9001').dureeSource).toBeUndefined();
  });
  it('no standard length and several lengths: ambiguous, every code, and why', () => {
    expect(r('FOR.9002')).toMatchObject({ mefstat11: ['22111031001', '22221031001'], ambiguous: true, reason: 'plusieurs-durees' });
  });
});

describe('step 7: a renovated diploma is one programme', () => {
  it('an MC and the CS the BCN says replaces it: the new code only', () => {
    expect(ref.programme('FOR.518')).toMatchObject({ cfd: ['46133413'], replaced: ['01033413'] });
    expect(r('FOR.518')).toMatchObject({ cfd: ['46133413'], mefstat11: ['23K00033413'], ambiguous: false, replaced: ['01033413'] });
    expect(ref.search('accueil reception')[0]).toMatchObject({ for: 'FOR.518', cfd: ['46133413'] });
  });
  it('two diplomas the BCN does not link stay two: ambiguous, several diplomas', () => {
    expect(ref.programme('FOR.3679')).toMatchObject({ cfd: ['32321012', '32322112'], replaced: [] });
    expect(r('FOR.3679')).toMatchObject({ mefstat11: ['32222021012', '32222022112'], ambiguous: true, reason: 'plusieurs-diplomes' });
  });
});

describe('step 8: Certif Info’s former code', () => {
  it('no Code_Scolarité but an open Code_Ancien_Scolarité: that code', () => {
    expect(r('FOR.683')).toMatchObject({ cfd: ['45024106'], mefstat11: ['25120024106'], ambiguous: false });
  });
  it('a former code that is closed is not used', () => {
    expect(r('FOR.684')).toMatchObject({ cfd: [], reason: 'sans-cfd', error: expect.stringMatching(/aucun code formation diplôme/) });
  });
});

describe('stats', () => {
  it('counts the population’s programmes only, and lists each one without exactly one final year with its reason', () => {
    const s = computeStats(ref);
    // in scope: FOR.270, 320, 518 (an MC), 683, 1399, 3651, 3679, 5001, 9001; not the BT, the title, nor FOR.684 (no CFD)
    expect(s.programmes).toMatchObject({ total: 9, exactlyOne: 8, reaching: 9 });
    expect(s.programmes.unresolved).toEqual([
      expect.objectContaining({ for: 'FOR.3679', diplome: 'BTSA', reason: 'plusieurs-diplomes' }),
    ]);
    expect(s.programmes.byDiploma.MC).toEqual({ total: 1, exactlyOne: 1 });
    expect(s.programmes.assumedLength).toBe(5); // FOR.270, 320, 518, 683, 3651
    expect(s.otherProgrammes.total).toBe(0); // the CS replacing an MC is counted as the MC
  });
});
