import { describe, expect, it } from 'vitest';
import { findOnisepId, isCfd, isGta, isMef10, isMefstat11, isOnisepId, isValidUai, uaiCheckLetter } from '../../lib/codes';

describe('UAI check letter', () => {
  it.each([
    ['0850028', 'U'],
    ['0693045', 'K'],
    ['0010001', 'W'],
    ['6200001', 'G'],
  ])('%s → %s', (digits, letter) => expect(uaiCheckLetter(digits)).toBe(letter));

  it('accepts a UAI with its right letter and refuses a wrong letter, lower case or bad shape', () => {
    expect(isValidUai('0693045K')).toBe(true);
    expect(isValidUai('0693045J')).toBe(false);
    expect(isValidUai('0693045k')).toBe(false);
    expect(isValidUai('069304K')).toBe(false);
    expect(isValidUai('0693045KK')).toBe(false);
  });
});

describe('code shapes', () => {
  it('tells CFD, MEFSTAT11, MEF10 and g_ta_cod apart', () => {
    expect(isCfd('40034403')).toBe(true);
    expect(isCfd('4003440')).toBe(false);
    expect(isMefstat11('23830034403')).toBe(true);
    expect(isMefstat11('23B10034403')).toBe(true);
    expect(isMefstat11('2383003440')).toBe(false);
    expect(isMef10('2473440331')).toBe(true);
    expect(isMef10('247344033')).toBe(false);
    expect(isGta('4321')).toBe(true);
    expect(isGta('0')).toBe(false);
  });

  it('finds Onisep ids in redirect URLs and checks them', () => {
    expect(findOnisepId('https://www.onisep.fr/http/redirection/formation/slug/FOR.3651')).toEqual({ kind: 'FOR', id: 'FOR.3651' });
    expect(findOnisepId('/http/redirection/etablissement/slug/ENS.1234?x')).toEqual({ kind: 'ENS', id: 'ENS.1234' });
    expect(findOnisepId('FORMATION.12')).toBeNull();
    expect(isOnisepId('AF', 'AF.5678')).toBe(true);
    expect(isOnisepId('AF', 'FOR.5678')).toBe(false);
  });
});
