import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnisepId, isValidUai } from '../../lib/codes';
import { cleanIds } from '../../lib/sites/ids';
import { sightingKey } from '../../lib/sites/key';
import { sites } from '../../lib/sites/all-sites';
import { extractAll } from './match-sites';
import { bareUai, headingAnchor, labelledDuree, labelledUai, leadingText, parseDuree, textOf } from '../../lib/sites/dom';
import { htmlDocument, loadFixture } from './helpers';

describe('extractAll', () => {
  it('detects and extracts a fixture', () => {
    const { doc, url } = loadFixture('onisep', 'formation-canonical');
    expect(extractAll(doc, url).map((s) => s.ids.for)).toEqual(['FOR.4088']);
  });

  it('does nothing on a non-matching page of a site, even one full of ids', () => {
    const { doc } = loadFixture('onisep', 'formation-canonical');
    expect(extractAll(doc, new URL('https://www.onisep.fr/ressources/univers-metier/metiers/agent-de-securite'))).toEqual([]);
    expect(extractAll(doc, new URL('https://example.org/'))).toEqual([]);
  });

  it('never throws, even when an adapter does', () => {
    const broken = new Proxy({} as Document, {
      get() {
        throw new Error('hostile document');
      },
    });
    const url = new URL('https://www.onisep.fr/ressources/univers-formation/formations/lycees/bac-pro-metiers-de-la-securite');
    expect(() => extractAll(broken, url)).not.toThrow();
    for (const site of sites) expect(() => site.extract(broken, url)).not.toThrow();
  });
});

describe('sightingKey', () => {
  it('is stable whatever the ids order and ignores label, anchor and confidence', () => {
    const a = sightingKey({ site: 'onisep', page: 'action', ids: { uai: '0693045K', for: 'FOR.3651', duree: 3 }, label: 'x', confidence: 'low' });
    const b = sightingKey({ site: 'onisep', page: 'action', ids: { duree: 3, for: 'FOR.3651', uai: '0693045K' } });
    expect(a).toBe(b);
    expect(a).toBe('onisep|action|for=FOR.3651&uai=0693045K&duree=3');
  });

  it('differs when a site, a page or an id differs', () => {
    const base = { site: 'onisep', page: 'formation', ids: { for: 'FOR.1' } } as const;
    const keys = new Set([
      sightingKey(base),
      sightingKey({ ...base, page: 'liste-item' }),
      sightingKey({ ...base, site: 'parcoursup' }),
      sightingKey({ ...base, ids: { for: 'FOR.2' } }),
      sightingKey({ ...base, ids: { for: 'FOR.1', duree: 2 } }),
    ]);
    expect(keys.size).toBe(5);
  });
});

describe('cleanIds', () => {
  it('keeps valid ids and drops wrong shapes, wrong types and unknown keys', () => {
    expect(
      cleanIds({
        for: 'FOR.3651',
        af: 'AF.0',
        ens: 'FOR.12',
        uai: '0693045A',
        cfd: '40034403',
        mef: '247344033',
        mefstat11: '23830034403',
        gta: 4321,
        offre: 'A10/00812165',
        slug: 'Bac Pro',
        duree: 9,
        evil: 'x',
      }),
    ).toEqual({ for: 'FOR.3651', cfd: '40034403', mefstat11: '23830034403', offre: 'A10/00812165' });
  });
});

describe('text helpers', () => {
  it('normalises non-breaking spaces and reads lengths', () => {
    expect(textOf(htmlDocument('<p>Code\u00a0UAI\u202f:\u00a0 0693045K</p>').querySelector('p'))).toBe('Code UAI : 0693045K');
    expect(parseDuree('3 ans')).toBe(3);
    expect(parseDuree('1 an')).toBe(1);
    expect(parseDuree('12 ans')).toBeUndefined();
    expect(parseDuree('35 heures')).toBeUndefined();
    expect(parseDuree('9 ans, 2 ans')).toBe(2);
    expect(parseDuree('x3 ans')).toBe(3);
    expect(labelledDuree('Durée de la formation : 2 ansNiveau')).toBe(2);
    expect(labelledDuree('Durée : 3 ans')).toBe(3);
    expect(labelledDuree('il y a 3 ans')).toBeUndefined();
  });

  it('reads the leading text without script or style, whether the page has some or not', () => {
    // Each text node's parent is asked: a script's or a style's text is skipped wherever it sits.
    expect(leadingText(htmlDocument('<main><p>Durée : 3 ans</p><script>var uai = "UAI : 0693045K";</script><style>p{}</style><p>fin</p></main>'))).toBe(
      'Durée : 3 ans fin',
    );
    expect(leadingText(htmlDocument('<main><p>Durée : 3 ans</p><p>fin</p></main>'))).toBe('Durée : 3 ans fin');
  });

  it('reads a labelled UAI glued to the next block, and skips a wrong check letter', () => {
    expect(labelledUai('Code UAI : 0693045KDurée')).toBe('0693045K');
    expect(labelledUai('UAI : 0693045A puis UAI : 0751234J')).toBe('0751234J');
  });

  it('reads lengths and UAIs as the plain match of their patterns does, on any text made of the pieces that matter', () => {
    // parseDuree reads where its match starts and the UAI readers where theirs end, not match arrays.
    const duree = (text: string) => {
      const m = /(?:^|[^0-9])([1-8])\s*ans?(?![a-zà-ÿ])/.exec(text);
      return m ? Number(m[1]) : undefined;
    };
    const uai = (re: RegExp, text: string) => {
      for (let m = re.exec(text); m; m = re.exec(text)) if (isValidUai(m[1]!)) return m[1];
      return undefined;
    };
    const text = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text(['1', '3', '8', '9', '0', ' ', 'an', 'ans', 's', 'é', 'x', 'A', ',']), (t) => {
        expect(parseDuree(t)).toBe(duree(t));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(text(['UAI', 'uai', ' : ', ':', ' ', '0693045', '069304', '5', 'K', 'A', 'J', '0751234', 'x', '1']), (t) => {
        expect(labelledUai(t)).toBe(uai(/UAI\s*:?\s*([0-9]{7}[A-Z])(?![0-9a-z])/g, t));
        expect(bareUai(t)).toBe(uai(/(?<![0-9])([0-9]{7}[A-Z])(?![0-9a-z])/g, t));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('cleanIds agrees with codes.ts isOnisepId', () => {
  it.each(['FOR.1', 'FOR.123456789', 'FOR.0', 'FOR.01', 'FOR.1234567890', ' FOR.1', 'FOR.1 ', 'xFOR.1', 'FOR.1x', 'AF.5', 'for.1', 'FOR.'])('%j', (v) => {
    expect(cleanIds({ for: v }).for !== undefined).toBe(isOnisepId('FOR', v));
  });
});

describe('headingAnchor', () => {
  const anchorIn = (html: string) => {
    const doc = htmlDocument(html);
    return headingAnchor(doc.querySelector('h1'))?.getAttribute('id');
  };
  it('is the small title block around the heading', () => {
    expect(anchorIn('<main><div id="t"><h1 id="h">T</h1><p>sub</p></div><p>body</p></main>')).toBe('t');
  });
  it('is the heading itself when its parent is a page-wide wrapper', () => {
    expect(anchorIn('<main><h1 id="h">T</h1></main>')).toBe('h');
    expect(anchorIn('<main><div id="w" data-ideo-page="true"><h1 id="h">T</h1><p>a</p></div></main>')).toBe('h');
    expect(anchorIn('<div id="w"><h1 id="h">T</h1><p>1</p><p>2</p><p>3</p><p>4</p><p>5</p></div>')).toBe('h');
    expect(anchorIn('<section id="s"><h1 id="h">T</h1></section>')).toBe('h');
  });
  it('is undefined without a heading', () => {
    expect(headingAnchor(null)).toBeUndefined();
  });
});
