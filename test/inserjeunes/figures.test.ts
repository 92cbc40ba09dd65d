import { describe, expect, it } from 'vitest';
import { isSansPerspectives, toCell, toFigures } from '../../lib/inserjeunes/figures';
import { apiSchemas } from '../../lib/inserjeunes/schema';

const statsSchema = apiSchemas().stats;
import type { Figures } from '../../lib/types';
import { secret, stats } from './fake-api';

const parse = (o: unknown) => statsSchema.parse(o);

describe('isSansPerspectives', () => {
  const f = (emploi: number | null, formation: number | null) =>
    ({ tauxEnEmploi6Mois: emploi, tauxEnFormation: formation }) as unknown as Figures;
  it('says yes below both thresholds', () => {
    expect(isSansPerspectives(f(29, 49))).toBe(true);
    expect(isSansPerspectives(f(0, 0))).toBe(true);
  });
  it('says no at 30 % employment or 50 % further study', () => {
    expect(isSansPerspectives(f(30, 49))).toBe(false);
    expect(isSansPerspectives(f(29, 50))).toBe(false);
  });
  it('never judges incomplete figures', () => {
    expect(isSansPerspectives(f(null, 10))).toBe(false);
    expect(isSansPerspectives(f(10, null))).toBe(false);
    expect(isSansPerspectives(f(Number.NaN, 10))).toBe(false);
  });
});

describe('toCell', () => {
  it('gives figures with optional rates and the verdict', () => {
    const cell = toCell(parse(stats('23830034403', 48, 38, 41, 21, { salaire_12_mois_q2: 1500 })));
    expect(cell.state).toBe('figures');
    if (cell.state !== 'figures') return;
    expect(cell.figures).toMatchObject({ millesime: '2023_2024', nbAnneeTerm: 48, tauxEnEmploi6Mois: 38, tauxEnFormation: 41, tauxAutres6Mois: 21, tauxEnEmploi12Mois: 43, salaire12MoisQ2: 1500 });
    expect(cell.figures).not.toHaveProperty('tauxEnEmploi24Mois');
    expect(cell.sansPerspectives).toBe(false);
    expect(cell.donneeSource).toEqual({ codeCertification: '23830034403', type: 'self' });
  });
  it('flags a programme without prospects', () => {
    const cell = toCell(parse(stats('23830023102', 40, 22, 35, 43)));
    expect(cell).toMatchObject({ state: 'figures', sansPerspectives: true });
  });
  it('shows secrecy as its own state, never 0 %', () => {
    const cell = toCell(parse(secret('23220031114', 12)));
    expect(cell).toEqual({ state: 'secret', millesime: '2023_2024', nbAnneeTerm: 12, message: "Les effectifs sont trop faibles pour l'affichage de statistiques fiables." });
  });
  it('treats a cohort under 20 as secret even if rates slipped through', () => {
    expect(toCell(parse(stats('23220031114', 19, 50, 30, 20))).state).toBe('secret');
    expect(toCell(parse(stats('23220031114', 20, 50, 30, 20))).state).toBe('figures');
  });
  it('turns an impossible number, or rates without a cohort, into an invalid-response error', () => {
    expect(toCell(parse(stats('23830034403', 48, 138, 41, 21)))).toMatchObject({ state: 'error', error: 'invalid-response' });
    expect(toCell(parse({ ...stats('23830034403', 48, 38, 41, 21), nb_sortant: 4800 }))).toMatchObject({ state: 'error', error: 'invalid-response' });
    expect(toCell(parse({ ...stats('23830034403', 48, 38, 41, 21), nb_annee_term: null }))).toMatchObject({ state: 'error' });
  });
  it('toFigures reports the problem instead of a number', () => {
    expect(toFigures(parse({ ...stats('23830034403', 48, 38, 41, 21), taux_autres_6_mois: 140 }))).toEqual({ problem: expect.stringContaining('taux_autres_6_mois') });
  });
});

describe('schemas', () => {
  it('tolerate extra fields and reject wrong types', () => {
    expect(statsSchema.safeParse({ ...stats('23830034403', 48, 38, 41, 21), nouveau_champ: { x: 1 } }).success).toBe(true);
    expect(statsSchema.safeParse({ ...stats('23830034403', 48, 38, 41, 21), taux_en_emploi_6_mois: '38' }).success).toBe(false);
    expect(statsSchema.safeParse({ ...stats('23830034403', 48, 38, 41, 21), millesime: undefined }).success).toBe(false);
  });
});
