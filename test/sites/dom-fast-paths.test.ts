// The extraction's fast paths agree with the straightforward DOM calls and code they replace, on random
// pages and inputs (fast-check): selector lists asked one selector at a time, the id gate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allOf, firstOf } from '../../lib/sites/dom';
import { cleanIds, fillIds, MAX_DUREE, stringChecks } from '../../lib/sites/ids';
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
