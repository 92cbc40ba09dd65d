// Whatever an adapter can produce, the background's door accepts (lib/messaging-door.ts): a page the
// adapters read must never have its lookup refused. Sightings come from the adapters' own fixture pages,
// changed at random (lengths, codes, labels, stray text), through fast-check.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../lib/messaging-door';
import { cleanIds } from '../../lib/sites/ids';
import { affelnet, onisep, parcoursup } from '../../lib/sites/all-sites';
import type { Sighting } from '../../lib/types';
import { pageFixtures } from '../fixtures/pages';
import { htmlDocument, plain } from './helpers';

const adapters = { onisep, parcoursup, affelnet };
const ID = 'extension-id';
const fromContentScript = { id: ID, url: 'https://www.onisep.fr/x', tab: { id: 3 } };

/** The door's verdict on one sighting, as the content script sends it (without its anchor). */
function admitted(sighting: Sighting): boolean {
  try {
    checkRequest('lookup', { sighting: plain(sighting), depth: 'panel' }, fromContentScript, ID, 'chrome-extension://extension-id/');
    return true;
  } catch {
    return false;
  }
}

/** Text a page may carry: lengths of any number of years, code-like words, long and odd labels. */
const pageText = fc.oneof(
  fc.integer({ min: 0, max: 12 }).map((n) => `Durée de la formation : ${n} ans`),
  fc.integer({ min: 0, max: 12 }).map((n) => `${n} ans`),
  fc.stringMatching(/^[0-9]{7}[A-Z]$/).map((uai) => `Code UAI : ${uai}`),
  fc.stringMatching(/^[0-9]{8,11}$/).map((code) => `MEF : ${code}`),
  fc.string({ maxLength: 2000 }),
  fc.string({ unit: 'grapheme', maxLength: 800 }),
);

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

describe('adapters and the door agree', () => {
  for (const fixture of pageFixtures) {
    const html = readFileSync(fixture.file, 'utf8');
    const adapter = adapters[fixture.site as keyof typeof adapters];

    it(`${fixture.site}/${fixture.case}: the page as it is`, () => {
      const found = adapter.extract(htmlDocument(html, fixture.url), new URL(fixture.url));
      expect(found.length).toBeGreaterThan(0);
      for (const s of found) expect(admitted(s), JSON.stringify(plain(s))).toBe(true);
    });

    it(`${fixture.site}/${fixture.case}: the page with random lengths, codes and text`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 9 }), fc.array(pageText, { maxLength: 4 }), (years, extra) => {
          // Every length the page states becomes `years`; random paragraphs (headings too) are added.
          const changed = html
            .replace(/\b[1-9](\s*ans?\b)/g, `${years}$1`)
            .replace(/<h1([^>]*)>/, (m) => `${m}${escape(extra[0] ?? '')}`)
            .replace('</body>', `${extra.map((t) => `<p>${escape(t)}</p>`).join('')}</body>`);
          for (const s of adapter.extract(htmlDocument(changed, fixture.url), new URL(fixture.url))) {
            if (!admitted(s)) throw new Error(`refused: ${JSON.stringify(plain(s))}`);
          }
        }),
        { numRuns: 12 },
      );
    });
  }

  it('whatever passes the adapters’ id gate passes the door', () => {
    const raw = fc.dictionary(
      fc.constantFrom('for', 'af', 'ens', 'uai', 'cfd', 'mef', 'mefstat11', 'gta', 'offre', 'slug', 'duree', 'autre'),
      fc.oneof(fc.string({ maxLength: 300 }), fc.integer({ min: -2, max: 20 }), fc.stringMatching(/^[0-9A-Z./-]{1,20}$/)),
    );
    fc.assert(
      fc.property(raw, (ids) => {
        const sighting = { site: 'onisep', page: 'formation', ids: cleanIds(ids), anchor: null } as unknown as Sighting;
        if (!admitted(sighting)) throw new Error(`refused: ${JSON.stringify(sighting.ids)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('a page saying "7 ans" is read, and admitted', () => {
    const doc = htmlDocument(
      '<main><h1>BTS Opticien-lunetier</h1><p>Durée de la formation : 7 ans</p><p>Code UAI : 0693045K</p></main>',
      'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812165',
    );
    const found = affelnet.extract(doc, new URL(doc.URL));
    expect(found[0]?.ids.duree).toBe(7);
    expect(admitted(found[0]!)).toBe(true);
  });
});
