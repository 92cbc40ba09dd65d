// The extraction's fast paths agree with the straightforward DOM calls and code they replace, on random
// pages and inputs (fast-check): selector lists asked one selector at a time, the id gate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allOf, firstOf, hasOddSpace } from '../../lib/sites/dom';
import { cleanIds, fillIds, isAffelnetOffre, MAX_DUREE, stringChecks } from '../../lib/sites/ids';
import { isGta, isMef10, isOnisepId } from '../../lib/codes';
import type { SightingIds } from '../../lib/types';
import { htmlDocument } from './helpers';

/** Random markup made of the tags, classes and ids the page-level selectors ask for, nested. */
const markup: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
  node: fc
    .tuple(
      fc.constantFrom('div', 'p', 'span', 'address', 'section'),
      fc.constantFrom('', ' class="callout-text"', ' class="x callout-text"', ' id="inserjeune"', ' id="inserjeunes"', ' class="callout-text" id="inserjeunes"'),
      tie('nodes'),
    )
    .map(([tag, attrs, inner]) => `<${tag}${attrs}>${inner}</${tag}>`),
  nodes: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant('t'), tie('node')), { maxLength: 4 }).map((parts) => parts.join('')),
})).nodes;

const selectorLists = fc.constantFrom(
  ['.callout-text', 'address'],
  ['address', '.callout-text'],
  ['#inserjeune', '#inserjeunes'],
  ['#inserjeunes', '.callout-text', 'address'],
  ['p', 'span'],
);

describe('selector lists asked one selector at a time', () => {
  it('allOf and firstOf find what querySelectorAll and querySelector of the whole list find, in document order', () => {
    const doc = htmlDocument('<!DOCTYPE html><main></main>');
    const main = doc.querySelector('main')!;
    fc.assert(
      fc.property(markup, selectorLists, (html, selectors) => {
        main.innerHTML = html;
        const joined = selectors.join(', ');
        expect(allOf(doc, selectors)).toEqual(Array.from(doc.querySelectorAll(joined)));
        expect(firstOf(doc, selectors)).toBe(doc.querySelector(joined));
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('finds nothing without a root, and skips a selector the DOM rejects', () => {
    expect(allOf(null, ['p'])).toEqual([]);
    expect(firstOf(undefined, ['p'])).toBeNull();
    const doc = htmlDocument('<p id="a">x</p>');
    expect(allOf(doc, ['p[', 'p']).map((e) => e.id)).toEqual(['a']);
    expect(firstOf(doc, ['p[', 'p'])?.id).toBe('a');
  });
});

describe('fillIds (the id gate)', () => {
  // The gate as it was first written: each key's check, then the lengths read from raw, then a walk
  // over what was kept to tell whether anything but a length names the sighting.
  const checks: Record<string, (v: string) => boolean> = stringChecks;
  const reference = (raw: Record<string, unknown>): { ids: SightingIds; named: boolean } => {
    const ids: Record<string, unknown> = {};
    for (const key in raw) {
      const value = raw[key];
      if (typeof value === 'string' && Object.hasOwn(checks, key) && checks[key]!(value)) ids[key] = value;
    }
    if (Array.isArray(raw.fors)) {
      const fors = [...new Set(raw.fors.filter((v): v is string => typeof v === 'string' && checks.for!(v) && v !== ids.for))];
      if (fors.length > 0) ids.fors = fors.slice(0, 4);
    }
    const duree = raw.duree;
    if (typeof duree === 'number' && Number.isInteger(duree) && duree >= 1 && duree <= MAX_DUREE) ids.duree = duree;
    return { ids: ids as SightingIds, named: Object.keys(ids).some((k) => k !== 'duree') };
  };
  const value = fc.oneof(
    fc.constantFrom('FOR.3651', 'AF.5678', 'ENS.12', 'FOR.0', '0693045K', '0693045A', '40034403', '2473440331', '23830034403', '4321', 'A10/00812165', 'bac-pro', 'Bac Pro', ''),
    fc.stringMatching(/^[0-9A-Z./-]{1,12}$/),
    fc.integer({ min: -1, max: 10 }),
    fc.double(),
    fc.array(fc.constantFrom('FOR.1', 'FOR.2', 'FOR.3651', 'FOR.0', 'AF.1', 7), { maxLength: 7 }),
    fc.constant(undefined),
    fc.constant(null),
  );
  const keys = fc.constantFrom('for', 'af', 'ens', 'uai', 'cfd', 'mef', 'mefstat11', 'gta', 'offre', 'slug', 'duree', 'fors', 'autre', 'toString', 'constructor');

  it('keeps what the map of checks keeps, in the same order, and says whether an id names something', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, value), { maxLength: 8 }), (entries) => {
        const raw: Record<string, unknown> = {};
        for (const [k, v] of entries) raw[k] = v;
        const ids: SightingIds = {};
        const named = fillIds(raw, ids);
        const expected = reference(raw);
        expect(Object.entries(ids)).toEqual(Object.entries(expected.ids));
        expect(named).toBe(expected.named);
        expect(Object.entries(cleanIds(raw))).toEqual(Object.entries(expected.ids));
      }),
      { numRuns: 5000 },
    );
  }, 60_000);
});

describe('hasOddSpace (the space check of normalizeSpace)', () => {
  // Every character JS \s matches, a few it does not that sit near them, and plain letters.
  const chars = fc.constantFrom(
    ...' \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff',
    ...'\u0008\u000e\u001f\u0085\u009f\u00a1\u180e\u200b\u200c\u2027\u202a\u2060\u3001\ufefe',
    ...'aZ0-éÀ·—',
  );
  const spaced = /\s\s|[^\S ]/;

  it('says what /\\s\\s|[^\\S ]/ says, on any text made of whitespace and its neighbours', () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(hasOddSpace(text)).toBe(spaced.test(text));
      }),
      { numRuns: 20_000 },
    );
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(hasOddSpace(`a${ch}b`), `U+${c.toString(16)}`).toBe(spaced.test(`a${ch}b`));
    }
  }, 60_000);
});

describe('shape checks read character by character', () => {
  // Strings made of the pieces the patterns care about: prefixes, digits (0 and not), letters of both
  // cases, the slash, and characters that only look like them (full-width digits, a dot, a newline).
  const pieces = fc.constantFrom('A', 'a', 'F', 'FOR', 'FOR.', 'AF.', 'ENS.', 'for.', '/', '.', '0', '1', '5', '9', '00', '123', 'Z', 'B', '\n', '١', '０', ' ', '-');
  const texts = fc.array(pieces, { maxLength: 14 }).map((p) => p.join(''));

  it('agree with the patterns they replace (ids.ts and codes.ts)', () => {
    const offre = /^A[0-9]{1,2}\/[0-9A-Z]{4,20}$/;
    const gta = /^[1-9][0-9]{0,8}$/;
    const mef = /^[0-9]{10}$/;
    const onisep = { FOR: /^FOR\.[1-9][0-9]{0,8}$/, AF: /^AF\.[1-9][0-9]{0,8}$/, ENS: /^ENS\.[1-9][0-9]{0,8}$/ };
    fc.assert(
      fc.property(texts, (v) => {
        expect(isAffelnetOffre(v)).toBe(offre.test(v));
        expect(isGta(v)).toBe(gta.test(v));
        expect(isMef10(v)).toBe(mef.test(v));
        expect(isOnisepId('FOR', v)).toBe(onisep.FOR.test(v));
        expect(isOnisepId('AF', v)).toBe(onisep.AF.test(v));
        expect(isOnisepId('ENS', v)).toBe(onisep.ENS.test(v));
      }),
      { numRuns: 30_000 },
    );
    for (const v of ['A1/ABCD', 'A10/00812165', 'A100/0081', 'A1/ABC', `A1/${'9'.repeat(20)}`, `A1/${'9'.repeat(21)}`, '1234567890', '123456789', '999999999', '1000000000', 'FOR.1', 'FOR.0', 'FOR.999999999', 'FOR.1234567890', 'ENS.12\n']) {
      expect(isAffelnetOffre(v), v).toBe(offre.test(v));
      expect(isGta(v), v).toBe(gta.test(v));
      expect(isMef10(v), v).toBe(mef.test(v));
      expect(isOnisepId('FOR', v), v).toBe(onisep.FOR.test(v));
      expect(isOnisepId('ENS', v), v).toBe(onisep.ENS.test(v));
    }
  }, 60_000);
});
