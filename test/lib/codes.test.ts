import fc from 'fast-check';
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

describe('findOnisepId without a match array', () => {
  // The first match of the documented pattern, read the plain way: what findOnisepId must always give.
  const reference = (text: string) => {
    const m = /\b(FOR|AF|ENS)\.([1-9][0-9]{0,8})\b/.exec(text);
    return m ? { kind: m[1], id: `${m[1]}.${m[2]}` } : null;
  };

  it('ends the id at the digit run, and refuses runs that are too long or glued to a word', () => {
    expect(findOnisepId('slug/AF.123456789/x')).toEqual({ kind: 'AF', id: 'AF.123456789' });
    expect(findOnisepId('slug/AF.1234567890')).toBeNull();
    expect(findOnisepId('slug/AF.12a FOR.7')).toEqual({ kind: 'FOR', id: 'FOR.7' });
    expect(findOnisepId('xENS.5 ENS.6_ ENS.8')).toEqual({ kind: 'ENS', id: 'ENS.8' });
    expect(findOnisepId('AF.0 AF.05 é.AF.9')).toEqual({ kind: 'AF', id: 'AF.9' });
  });

  it('gives what the pattern gives, on any text made of the characters that matter', () => {
    const piece = fc.constantFrom('FOR', 'AF', 'ENS', 'F', 'OR', '.', '0', '1', '9', '12345', '_', 'a', 'Z', '/', '-', ' ', 'é', '?');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }).map((parts) => parts.join('')), (text) => {
        expect(findOnisepId(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });
});
