import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affelnet, bareMef, labelledMef, offreOfHref } from '../../lib/sites/affelnet';
import { htmlDocument, loadFixture, plain } from './helpers';

describe('affelnet offer page', () => {
  it('reads Onisep links and the offer code from the URL', () => {
    const { doc, url } = loadFixture('affelnet', 'offre-onisep-links');
    const sightings = affelnet.extract(doc, url);
    expect(sightings.map(plain)).toEqual([
      {
        site: 'affelnet',
        page: 'offre',
        ids: { for: 'FOR.3651', ens: 'ENS.1234', offre: 'A10/00812165' },
        label: '2de professionnelle Métiers de la sécurité',
        confidence: 'high',
      },
    ]);
    expect(sightings[0]!.anchor).toBe(doc.querySelector('.offre-detail'));
  });

  it('reads UAI, MEF and length written as text, and not the phone number', () => {
    const { doc, url } = loadFixture('affelnet', 'offre-uai-mef');
    expect(affelnet.extract(doc, url).map(plain)).toEqual([
      {
        site: 'affelnet',
        page: 'offre',
        ids: { uai: '0693045K', mef: '2473440331', offre: 'A10/00812165', duree: 3 },
        label: '2de professionnelle Métiers de la sécurité',
        confidence: 'high',
      },
    ]);
  });

  it('reads the common 2de offer', () => {
    const { doc, url } = loadFixture('affelnet', 'offre-2de-commune');
    expect(affelnet.extract(doc, url).map((s) => s.ids)).toEqual([{ uai: '0693045K', mef: '2472000631', offre: 'A10/00812170' }]);
  });

  it('falls back to bare codes (valid UAI check letter, MEF not starting with 0) with medium confidence', () => {
    const doc = htmlDocument('<main><h1>2de pro</h1><p>0693045A 0693045K — 0478000000 — 2473440331</p></main>');
    const url = new URL('https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812165');
    expect(affelnet.extract(doc, url).map((s) => [s.ids, s.confidence])).toEqual([
      [{ uai: '0693045K', mef: '2473440331', offre: 'A10/00812165' }, 'medium'],
    ]);
  });

  it('still identifies the offer by its URL when the page shows no code', () => {
    const url = new URL('https://affectation3e.phm.education.gouv.fr/pna-public/offre/a19/00812165');
    expect(affelnet.extract(htmlDocument('<main><h1>Offre</h1></main>'), url).map((s) => [s.ids, s.confidence])).toEqual([
      [{ offre: 'A19/00812165' }, 'low'],
    ]);
  });
});

describe('affelnet text that survives any markup', () => {
  const url = new URL('https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812165');
  it('keeps a labelled UAI glued to the cell before it (`…Lyon 4eUAI : 0693045K`)', () => {
    const doc = htmlDocument('<main><h1>Bac pro</h1><div><span>Lycée Les Canuts Lyon 4e</span><span>UAI : 0693045K</span></div></main>');
    expect(doc.body.textContent).toContain('4eUAI');
    expect(affelnet.extract(doc, url)[0]!.ids.uai).toBe('0693045K');
  });

  it('keeps a bare UAI glued to a word before it', () => {
    const doc = htmlDocument('<main><h1>Bac pro</h1><p>Lyon 4e</p><p>0693045K</p></main>'.replace('</p><p>', ''));
    expect(affelnet.extract(doc, url)[0]!.ids.uai).toBe('0693045K');
  });

  it('puts the panel after the "Débouchés" tab panel and marks the native block', () => {
    const doc = htmlDocument(
      '<main><h1>Bac pro</h1><ul role="tablist"><li><button role="tab" aria-controls="p2">Débouchés</button></li></ul><div id="p2">Taux d’emploi…</div><p>UAI : 0693045K</p></main>',
    );
    const [s] = affelnet.extract(doc, url);
    expect(s!.native).toBe('inserjeunes');
    expect(s!.anchor).toBe(doc.getElementById('p2'));
  });
});

describe('affelnet offer list', () => {
  it('gives one badge per offer row with the row codes and Onisep links', () => {
    const { doc, url } = loadFixture('affelnet', 'liste-offres');
    const sightings = affelnet.extract(doc, url);
    expect(sightings.map((s) => [s.page, s.ids, s.confidence])).toEqual([
      ['liste-item', { uai: '0693045K', mef: '2473440331', offre: 'A10/00812165' }, 'high'],
      ['liste-item', { uai: '0693045K', mef: '2472000631', offre: 'A10/00812170' }, 'high'],
      ['liste-item', { for: 'FOR.4088', uai: '0010001W', offre: 'A10/00812180' }, 'high'],
    ]);
    expect(sightings.map((s) => s.anchor)).toEqual(Array.from(doc.querySelectorAll('tbody tr')));
    expect(sightings[0]!.label).toBe('2de professionnelle Métiers de la sécurité');
  });
});

describe('affelnet code readers', () => {
  it('parses offer hrefs, absolute or relative, and rejects others', () => {
    expect(offreOfHref('/pna-public/offre/A10/00812165')).toBe('A10/00812165');
    expect(offreOfHref('https://affectation3e.phm.education.gouv.fr/pna-public/offre/a7/00812165?x=1')).toBe('A7/00812165');
    expect(offreOfHref('/pna-public/offre/B10/00812165')).toBeUndefined();
    expect(offreOfHref('/pna-public/offre/A10/')).toBeUndefined();
  });

  it('reads an offer href as the groups of its pattern do, on any href made of the pieces that matter', () => {
    // offreOfHref finds where the pattern matches and reads the groups from there (no match array).
    const reference = (href: string) => {
      const m = /\/pna-public\/offre\/(a[0-9]{1,2})\/([0-9a-z]{4,20})\/?(?:[?#]|$)/i.exec(href);
      return m ? `${m[1]!.toUpperCase()}/${m[2]!.toUpperCase()}` : undefined;
    };
    // Letters the `i` flag might be thought to fold (dotless ı, long ſ, Kelvin K) must not pass for ASCII ones.
    const piece = fc.constantFrom('/pna-public/offre/', '/PNA-PUBLIC/Offre/', '/pna-publıc/offre/', '/pna-public/offre', '/pna\rpublic\x0Foffre/', 'a', 'A', '1', '10', '123', '/', '0081', '2165', 'x', 'Z', '_', '?', '#', '-', '.', 'é', 'ſ', 'K', '٣');
    // Whole offers too, with codes of every length around the pattern's bounds and what may follow them.
    const offer = fc
      .tuple(
        fc.constantFrom('/pna-public/offre/', '/PNA-Public/OFFRE/', '/pna\rpublic\x0Foffre/'),
        fc.constantFrom('a', 'A', 'b', ''),
        fc.constantFrom('1', '10', '123', '', '١'),
        fc.constantFrom('/', '', '//'),
        fc.stringMatching(/^[0-9a-zA-Z_]{0,23}$/),
        fc.constantFrom('', '/', '//', '?x', '/?x', '#', '/#', 'x', '-', '/x'),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, offer), { maxLength: 8 }).map((parts) => parts.join('')), (href) => {
        expect(offreOfHref(href)).toBe(reference(href));
      }),
      { numRuns: 30_000 },
    );
    expect(offreOfHref('/pna-public/offre/a1/abcd0123456789abcdef')).toBe('A1/ABCD0123456789ABCDEF');
    expect(offreOfHref('/pna-public/offre/a1/abcd0123456789abcdefg')).toBeUndefined();
  });

  it('tells MEF10 from MEFSTAT11 by label and length', () => {
    expect(labelledMef('Code MEF : 2473440331')).toEqual({ mef: '2473440331' });
    expect(labelledMef('MEFSTAT11 : 23830034403')).toEqual({ mefstat11: '23830034403' });
    expect(labelledMef('MEF 23810034403')).toEqual({ mefstat11: '23810034403' });
    expect(labelledMef('MEF : 247344033')).toEqual({});
  });

  it('reads labelled MEFs as the plain match of their patterns does, on any text made of the pieces that matter', () => {
    // labelledMef reads where each match ends, not a match array: the digits it keeps must be the groups.
    const reference = (text: string) => {
      const stat = /\bMEF\s*STAT\s*(?:11)?\s*:?\s*([0-9]{11})(?![0-9])/i.exec(text);
      const mef = /\bMEF\s*(?:10)?\s*:?\s*([0-9]{10,11})(?![0-9])/i.exec(text);
      const out: { mef?: string; mefstat11?: string } = {};
      if (stat) out.mefstat11 = stat[1];
      if (mef?.[1]?.length === 10) out.mef = mef[1];
      else if (mef && !out.mefstat11) out.mefstat11 = mef[1];
      return out;
    };
    const piece = fc.constantFrom('MEF', 'mef', 'STAT', 'stat', '11', '10', '1', '0', '24734', '40331', '2473440331', ' ', ':', 'x', '_', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }).map((parts) => parts.join('')), (text) => {
        expect(labelledMef(text)).toEqual(reference(text));
      }),
      { numRuns: 10000 },
    );
    expect(labelledMef('MEF102473440331')).toEqual({ mef: '2473440331' });
    expect(labelledMef('MEF1023810034403 MEF 2473440331')).toEqual({ mefstat11: '23810034403' });
  });

  it('keeps phone numbers and longer numbers out of the bare scan', () => {
    expect(bareMef('Tél. 0478000000, SIRET 19690000000017')).toEqual({});
    expect(bareMef('2473440331 et 23830034403')).toEqual({ mef: '2473440331', mefstat11: '23830034403' });
  });
});
