// Hostile input: huge lists, malformed attributes, injection strings, fake codes, odd documents.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { affelnet } from '../../lib/sites/affelnet';
import { sites } from '../../lib/sites/all-sites';
import { extractAll } from './match-sites';
import { onisep } from '../../lib/sites/onisep';
import { parcoursup } from '../../lib/sites/parcoursup';
import { AFFELNET_LISTE, generateBigLists, ONISEP_ETAB, ONISEP_FORMATION, PSUP_CARTE } from './big-lists';
import { htmlDocument } from './helpers';

const ROWS = 10_000;
const bigLists = generateBigLists(ROWS);

describe('generated lists', () => {
  it('are whole documents with a doctype, as the sites send (no quirks mode)', () => {
    for (const { html } of Object.values(bigLists)) expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const { html } of Object.values(generateBigLists(3))) expect(htmlDocument(html).doctype?.name).toBe('html');
  });
});

describe(`a ${ROWS}-row list`, () => {
  for (const [name, { url, html }] of Object.entries(bigLists)) {
    it(`${name}: one sighting per row, timed`, () => {
      const doc = htmlDocument(html, url);
      const u = new URL(url);
      extractAll(doc, u); // warm-up (JIT, selector caches)
      const times: number[] = [];
      let count = 0;
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        count = extractAll(doc, u).filter((s) => s.page === 'liste-item').length;
        times.push(performance.now() - t0);
      }
      const best = Math.min(...times);
      console.log(`[bench] ${name}: ${ROWS} rows extracted in ${best.toFixed(1)} ms (happy-dom, best of 3)`);
      expect(count).toBe(ROWS);
    }, 60_000);
  }
});

describe('malformed attributes', () => {
  it.each([
    `{"formation":`,
    `not json`,
    `null`,
    `[3651]`,
    `{"formation":-5}`,
    `{"formation":1e400}`,
    `{"formation":"FOR.abc"}`,
    `{"formation":{"id":3651}}`,
    `{"formation":"<img src=x onerror=alert(1)>"}`,
  ])('data-context-params %s yields no FOR id (the slug is used instead)', (params) => {
    const doc = htmlDocument(`<main><div data-ideo-page="true" data-context-params='${params.replace(/'/g, '&#39;')}'><h1>Bac pro</h1></div></main>`);
    const sightings = onisep.extract(doc, new URL(ONISEP_FORMATION));
    expect(sightings.map((s) => s.ids)).toEqual([{ slug: 'bac-pro-metiers-de-la-securite' }]);
  });

  it('survives hrefs that are not URLs', () => {
    const doc = htmlDocument(`<main><h1>Lycée</h1><div id="formations"><table><tbody>
      <tr class="search-ui-tr-item"><td class="search-ui-td-name"><a href="http://[::1">x</a></td></tr>
      <tr class="search-ui-tr-item"><td class="search-ui-td-name"><a href="%E0%A4%A">y</a></td></tr>
      <tr class="search-ui-tr-item"><td class="search-ui-td-name"><a>z</a></td></tr>
    </tbody></table></div><p class="callout-text">Code UAI : 0693045K</p></main>`);
    expect(onisep.extract(doc, new URL(ONISEP_ETAB)).map((s) => s.ids)).toEqual([{ uai: '0693045K' }]);
  });
});

describe('injection strings in labels', () => {
  it('returns labels as plain text, never markup', () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const doc = htmlDocument(`<div id="courses-cards"><div class="fr-card"><a href="/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=1">
      <span class="psup-search-results-card__course-name">&lt;img src=x onerror="alert(1)"&gt;&lt;script&gt;alert(2)&lt;/script&gt;</span></a>
      <span class="psup-search-results-card__school-name"><b>Lycée</b><script>alert(3)</script></span></div></div>`);
    const [s] = parcoursup.extract(doc, new URL(PSUP_CARTE));
    expect(s!.label).toBe(`${evil} — Lycéealert(3)`);
  });

  it('bounds label length', () => {
    const doc = htmlDocument(`<main><h1>${'A'.repeat(5000)}</h1></main>`);
    const [s] = affelnet.extract(doc, new URL('https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812165'));
    expect(s!.label!.length).toBe(300);
  });
});

describe('fake codes', () => {
  it('ignores a UAI with a wrong check letter, a 9-digit MEF and a malformed Onisep id', () => {
    const doc = htmlDocument(`<main><h1>Offre</h1><p>UAI : 0693045A</p><p>Code MEF : 247344033</p>
      <a href="https://www.onisep.fr/http/redirection/formation/slug/FOR.0">f</a>
      <a href="https://www.onisep.fr/http/redirection/etablissement/slug/ENS.x">e</a></main>`);
    const url = new URL('https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812165');
    expect(affelnet.extract(doc, url).map((s) => s.ids)).toEqual([{ offre: 'A10/00812165' }]);
  });

  it('ignores a g_ta_cod that is not a number', () => {
    const doc = htmlDocument(`<div id="courses-cards"><div class="fr-card"><a href="/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=12a">x</a></div>
      <div class="fr-card"><a href="/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=0">y</a></div></div>`);
    expect(parcoursup.extract(doc, new URL(PSUP_CARTE))).toEqual([]);
  });

  it('ignores an Onisep establishment callout with a wrong check letter', () => {
    const doc = htmlDocument('<main><h1>Lycée</h1><p class="callout-text">Code UAI : 0850028A</p></main>');
    // The wrong UAI is dropped; the page is still named by its title, for the background to match.
    expect(onisep.extract(doc, new URL(ONISEP_ETAB)).map((s) => [s.ids, s.place])).toEqual([[{}, { etablissement: 'Lycée' }]]);
  });
});

describe('odd documents', () => {
  const urls = [
    ONISEP_FORMATION,
    ONISEP_ETAB,
    `${ONISEP_ETAB}/bac-pro-metiers-de-la-securite`,
    'https://dossierappel.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=4321',
    PSUP_CARTE,
    'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812165',
    AFFELNET_LISTE,
  ];

  it.each(urls)('a document with no body does not throw at %s', (href) => {
    const doc = htmlDocument('<p>x</p>', href);
    doc.documentElement.removeChild(doc.body);
    expect(doc.body).toBeNull();
    expect(() => extractAll(doc, new URL(href))).not.toThrow();
  });

  it.each(urls)('an empty document gives only what the URL says at %s', (href) => {
    const doc = htmlDocument('', href);
    const sightings = extractAll(doc, new URL(href));
    for (const s of sightings) expect(s.anchor).toBeUndefined();
    expect(sightings.length).toBeLessThanOrEqual(1);
  });

  it('every adapter returns [] on a page its detectors reject', () => {
    const doc = htmlDocument('<a href="/http/redirection/formation/slug/FOR.1">x</a>');
    for (const site of sites) expect(site.extract(doc, new URL('https://www.onisep.fr/'))).toEqual([]);
  });
});

describe('adapter sources', () => {
  const dir = new URL('../../lib/sites/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s reads no layout and no markup (textContent and selectors only)', (file) => {
    const source = readFileSync(new URL(file, dir), 'utf8').replace(/\/\/.*$/gm, '');
    expect(source).not.toMatch(/getBoundingClientRect|getClientRects|innerText|outerHTML|innerHTML|offset(Height|Width|Top|Left)|getComputedStyle|scroll(Height|Top)/);
  });

  it.each(files.filter((f) => f !== 'types.ts'))('%s uses no extension API', (file) => {
    const source = readFileSync(new URL(file, dir), 'utf8');
    expect(source).not.toMatch(/wxt\/browser|webextension-polyfill|\bchrome\.|\bbrowser\./);
  });
});
