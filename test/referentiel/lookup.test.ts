import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel, type Referentiel } from '../../lib/referentiel/open-referentiel';
import type { ReferentielIndex } from '../../lib/referentiel/format';

const NOW = new Date('2026-01-01');
let index: ReferentielIndex;
let ref: Referentiel;
beforeAll(() => {
  index = JSON.parse(JSON.stringify(buildIndex('test/fixtures/referentiel', NOW).index));
  ref = createReferentiel(index, { now: NOW });
});

describe('createReferentiel', () => {
  it('refuses another version or a corrupt index with a clear error', () => {
    expect(() => createReferentiel({ ...index, version: 99 })).toThrow(/version 99 : version 2 attendue/);
    expect(() => createReferentiel({ ...index, mefs: 'x' })).toThrow(/table « mefs » absente ou invalide/);
    expect(() => createReferentiel(null)).toThrow(/corrompu/);
  });
});

describe('final-year MEFSTAT11 selection', () => {
  it('3-year bac pro: one final year', () => {
    expect(ref.finalYear('40034403', 3)).toMatchObject({ mefstat11: ['23830034403'], ambiguous: false, lengthFallback: false });
  });
  it('CAP in 1, 2 and 3 years: the length chooses', () => {
    expect(ref.finalYear('50031114', 1).mefstat11).toEqual(['23110031114']);
    expect(ref.finalYear('50031114', 2).mefstat11).toEqual(['23220031114']);
    expect(ref.finalYear('50031114', 3).mefstat11).toEqual(['23330031114']);
  });
  it('no length and several open lengths: the standard one first, then every other candidate', () => {
    expect(ref.finalYear('50031114')).toMatchObject({ mefstat11: ['23220031114', '23110031114', '23330031114'], ambiguous: false, dureeSource: 'standard' });
  });
  it('BTS in 1 and 2 years', () => {
    expect(ref.finalYear('32033107', 2).mefstat11).toEqual(['32221033107']);
    expect(ref.finalYear('32033107', 1).mefstat11).toEqual(['32111033107']);
  });
  it('bac pro listed as 2 years falls back to the 3-year dispositif', () => {
    expect(ref.finalYear('40023102', 2)).toMatchObject({ mefstat11: ['23830023102'], lengthFallback: true, ambiguous: false });
  });
  it('ambiguous BT: every candidate returned, marked ambiguous', () => {
    const f = ref.finalYear('42032302', 1);
    expect(f.ambiguous).toBe(true);
    expect(f.mefstat11.sort()).toEqual(['22113132302', '22123132302', '22133132302']);
  });
  it('prefers the open MEF over a closed one of the same length', () => {
    expect(ref.finalYear('40030004', 3)).toMatchObject({ mefstat11: ['23830030004'], ambiguous: false });
  });
  it('keeps closed rows when nothing is open, and "open" depends on the date', () => {
    expect(ref.finalYear('40030001', 3).mefstat11).toEqual(['23830030001']);
    const later = createReferentiel(index, { now: new Date('2100-01-01') });
    expect(later.finalYear('50031114', 2).candidates[0]!.open).toBe(false);
    expect(ref.finalYear('50031114', 2).candidates[0]!.open).toBe(true);
  });
});

describe('codes', () => {
  it('FOR → CFD, lengths, label; AF → FOR + UAI + length; ENS and g_ta_cod → UAI; RNCP → CFD', () => {
    expect(ref.programme('FOR.3651')).toMatchObject({ cfd: ['40034403'], durees: [3], libelle: 'bac pro Métiers de la sécurité' });
    expect(ref.programme('FOR.578')?.durees).toEqual([2]);
    expect(ref.programme('FOR.2222')?.durees).toEqual([]); // Onisep gives no length, and N_MEF's are not Onisep's
    expect(ref.action('AF.5678')).toEqual({ af: 'AF.5678', for: 'FOR.3651', uai: '0693045K', ens: 'ENS.1234', duree: 3 });
    expect(ref.ensUai('ENS.1234')).toBe('0693045K');
    expect(ref.gta('4321')).toMatchObject({ uai: '0693045K' });
    expect(ref.rncpCfds('RNCP39133')).toEqual(['40034403']);
    expect(ref.rncpCfds('19114')).toEqual(['40034403']);
  });
  it('entry-year MEF10 / MEFSTAT11 → final year', () => {
    expect(ref.entryYear('2473440331')).toMatchObject({ cfd: '40034403', final: { mefstat11: '23830034403', duree: 3 } });
    expect(ref.entryYear('23210031114')).toMatchObject({ cfd: '50031114', final: { mefstat11: '23220031114', mef10: '2413111422' } });
  });
  it('common 2de → the whole famille de métiers', () => {
    const f = ref.entryYear('2472000631')!.famille!;
    expect(f).toMatchObject({ code: 'G0003', cfd: '40020006', mefstat11: '23810020006' });
    expect(f.specialites).toContainEqual({ cfd: '40023102', mefstat11: '23830023102', libelle: 'Travaux publics' });
    expect(ref.famille('23810020006')?.specialites).toHaveLength(2);
  });
  it('CFD → label, diploma level, ANCIEN/NOUVEAU links of a renamed diploma', () => {
    expect(ref.formation('40030001')).toEqual({
      cfd: '40030001',
      libelle: 'GESTION-ADMINISTRATION (BAC PRO)',
      diplome: { code: '400', nom: 'BAC PRO' },
      fermeture: '2022-08-31',
      ancien: ['40031402', '40032402'],
      nouveau: ['40030004'],
    });
    expect(ref.formation('40030004')?.ancien).toEqual(['40030001']);
  });
  it('UAI → département, académie, région, Corsica included; invalid UAI → undefined', () => {
    expect(ref.geo('0693045K')).toEqual({
      departement: { code: '069', nom: 'Rhône' },
      academie: { code: '10', nom: 'Lyon' },
      region: { code: '84', nom: 'Auvergne-Rhône-Alpes' },
    });
    expect(ref.geo('6200001G')?.departement).toEqual({ code: '02A', nom: 'Corse-du-Sud' });
    expect(ref.geo('0693045A')).toBeUndefined();
  });
  it('UAI → DEPP valeur ajoutée per voie and millésime', () => {
    // Ordered without the locale collator (its first use costs a woken worker 12–19 ms).
    const collator = vi.spyOn(String.prototype, 'localeCompare');
    let e: ReturnType<Referentiel['etablissement']>;
    try {
      e = ref.etablissement('0693045K');
      expect(collator).not.toHaveBeenCalled();
    } finally {
      collator.mockRestore();
    }
    expect(e?.libelle).toBe('Lycée professionnel Les Canuts');
    expect(e?.valeurAjoutee).toEqual([
      { voie: 'apprentissage', millesime: '2022_2023', taux: 70, tauxAttendu: 66, valeurAjoutee: 4 },
      { voie: 'scolaire', millesime: '2022_2023', taux: 38, tauxAttendu: 42, valeurAjoutee: -4 },
      { voie: 'apprentissage', millesime: '2021_2022', taux: 65, tauxAttendu: 63, valeurAjoutee: 2 },
    ]);
    expect(ref.etablissement('0010001W')!.valeurAjoutee).toEqual([
      { voie: 'scolaire', millesime: '2022_2023', taux: null, tauxAttendu: null, valeurAjoutee: null },
    ]);
  });
  it('label search matches an Onisep slug and words, accent- and case-insensitive', () => {
    expect(ref.search('bac-pro-metiers-de-la-securite')[0]).toMatchObject({ for: 'FOR.3651', cfd: ['40034403'] });
    expect(ref.search('OPTICIEN lunétier')[0]).toMatchObject({ for: 'FOR.578' });
    expect(ref.search('opti')[0]?.cfd).toEqual(['32033107']);
    expect(ref.search('zzz')).toEqual([]);
  });
});

describe('resolveInput', () => {
  const r = (s: string) => ref.resolveInput(s);
  it('gives the JSON-line shape for each kind', () => {
    expect(r('FOR.3651')).toMatchObject({ kind: 'FOR', cfd: ['40034403'], mefstat11: ['23830034403'], ambiguous: false });
    expect(r('FOR.4088+3').mefstat11).toEqual(['23330031114']);
    expect(r('AF.5678')).toMatchObject({ kind: 'AF', uai: '0693045K', region: { code: '84' }, mefstat11: ['23830034403'] });
    expect(r('ENS.1234')).toMatchObject({ kind: 'ENS', uai: '0693045K' });
    expect(r('gta:4321')).toMatchObject({ kind: 'GTA', uai: '0693045K' });
    expect(r('4321')).toMatchObject({ kind: 'GTA', uai: '0693045K' });
    expect(r('RNCP39133')).toMatchObject({ kind: 'RNCP', cfd: ['40034403'] });
    expect(r('0693045K')).toMatchObject({ kind: 'UAI', region: { code: '84', nom: 'Auvergne-Rhône-Alpes' } });
    expect(r('6200001G').region).toEqual({ code: '94', nom: 'Corse' });
    expect(r('32033107')).toMatchObject({ kind: 'CFD', mefstat11: ['32221033107', '32111033107'], ambiguous: false, dureeSource: 'standard' });
    expect(r('40020006')).toMatchObject({ kind: 'CFD', mefstat11: [], famille: { cfd: '40020006' } });
    expect(r('2473440331')).toMatchObject({ kind: 'MEF10', mefstat11: ['23830034403'] });
    expect(r('23810034403')).toMatchObject({ kind: 'MEFSTAT11', mefstat11: ['23830034403'] });
  });
  it('gives a reason for anything invalid or unknown', () => {
    expect(r('0693045A').error).toMatch(/lettre de contrôle/);
    expect(r('FOR.0').error).toMatch(/mal formé/);
    expect(r('FOR.999999').error).toMatch(/absente du référentiel/);
    expect(r('12345678').error).toMatch(/absent du référentiel/);
    expect(r('RNCP1').error).toMatch(/aucun CFD/);
    expect(r('bonjour').kind).toBe('inconnu');
  });
});
