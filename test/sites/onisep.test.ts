import { describe, expect, it } from 'vitest';
import { onisep } from '../../lib/sites/onisep';
import { htmlDocument, loadFixture, plain } from './helpers';

const extract = (name: string) => {
  const { doc, url } = loadFixture('onisep', name);
  return { doc, sightings: onisep.extract(doc, url) };
};

describe('onisep formation page: one strategy per fixture', () => {
  it('reads the FOR id from data-context-params given as a number', () => {
    const { doc, sightings } = extract('formation-context-number');
    expect(sightings.map(plain)).toEqual([
      { site: 'onisep', page: 'formation', ids: { for: 'FOR.3651', duree: 3 }, label: 'Bac pro Métiers de la sécurité', confidence: 'high' },
    ]);
    // The panel goes after the title block, not inside the page's key facts.
    expect(sightings[0]!.anchor).toBe(doc.querySelector('.title-block'));
  });

  it('reads the FOR id from data-context-params given as a "FOR.n" string', () => {
    const { sightings } = extract('formation-context-string');
    expect(sightings.map(plain)).toEqual([
      { site: 'onisep', page: 'formation', ids: { for: 'FOR.578', duree: 2 }, label: 'BTS Opticien-lunetier', confidence: 'high' },
    ]);
  });

  it('reads the FOR id from the one redirect link of the content, ignoring nav, footer and related lists', () => {
    const { sightings } = extract('formation-redirect-link');
    expect(sightings).toHaveLength(1);
    expect(sightings[0]!.ids).toEqual({ for: 'FOR.578', duree: 2 });
    expect(sightings[0]!.confidence).toBe('medium');
  });

  it('reads the FOR id from the canonical link', () => {
    const { sightings } = extract('formation-canonical');
    expect(sightings.map(plain)).toEqual([
      {
        site: 'onisep',
        page: 'formation',
        ids: { for: 'FOR.4088', duree: 2 },
        label: "CAP Agent d'accueil et de conduite routière, transport de voyageurs",
        confidence: 'high',
      },
    ]);
  });

  it('falls back to the lower-cased slug when the page has no FOR id at all', () => {
    const { sightings } = extract('formation-slug');
    expect(sightings.map(plain)).toEqual([
      {
        site: 'onisep',
        page: 'formation',
        ids: { slug: 'bac-pro-metiers-de-la-securite', duree: 3 },
        label: 'Bac pro Métiers de la sécurité',
        confidence: 'low',
      },
    ]);
  });

  it('chooses, among several redirect links, the one whose text is the page title', () => {
    const doc = htmlDocument(`<main><h1>BTS Opticien-lunetier</h1>
      <a href="/http/redirection/formation/slug/FOR.9001">BTS Autre</a>
      <a href="/http/redirection/formation/slug/FOR.578">BTS Opticien-lunetier</a></main>`);
    const [s] = onisep.extract(doc, new URL('https://www.onisep.fr/ressources/univers-formation/formations/post-bac/bts-opticien-lunetier'));
    expect(s!.ids.for).toBe('FOR.578');
  });

  it('does not guess between several redirect links none of which is the page title', () => {
    const doc = htmlDocument(`<main><h1>BTS Opticien-lunetier</h1>
      <a href="/http/redirection/formation/slug/FOR.9001">BTS Autre</a>
      <a href="/http/redirection/formation/slug/FOR.9002">BTS Encore</a></main>`);
    const [s] = onisep.extract(doc, new URL('https://www.onisep.fr/ressources/univers-formation/formations/post-bac/bts-opticien-lunetier'));
    expect(s!.ids).toEqual({ slug: 'bts-opticien-lunetier' });
  });
});

describe('onisep "Où se former" rows', () => {
  it('gives one badge per row that names its action or establishment, with the page FOR id', () => {
    const { doc, sightings } = extract('ou-se-former');
    expect(sightings.map(plain)).toEqual([
      { site: 'onisep', page: 'formation', ids: { for: 'FOR.3651', duree: 3 }, label: 'Bac pro Métiers de la sécurité', confidence: 'high' },
      { site: 'onisep', page: 'liste-item', ids: { for: 'FOR.3651', af: 'AF.5678' }, label: 'Lycée professionnel Les Canuts', confidence: 'high' },
      { site: 'onisep', page: 'liste-item', ids: { for: 'FOR.3651', ens: 'ENS.4321' }, label: 'Lycée polyvalent du Parc Chabrières', confidence: 'high' },
      // A slug link (what live pages have): the establishment as the row names it, to be matched.
      {
        site: 'onisep',
        page: 'liste-item',
        ids: { for: 'FOR.3651' },
        label: 'Lycée des métiers Exemple',
        confidence: 'medium',
        place: { etablissement: 'Lycée des métiers Exemple', commune: 'Bourg-en-Bresse', codePostal: '01000' },
      },
    ]);
    const rows = doc.querySelectorAll('#ou-se-former tbody tr');
    expect(sightings[1]!.anchor).toBe(rows[0]);
    expect(sightings[2]!.anchor).toBe(rows[1]);
    expect(sightings[3]!.anchor).toBe(rows[2]);
  });

  it('reads slug-linked rows of a minified table: name, commune and postcode; the page FOR id', () => {
    const { sightings } = extract('ou-se-former-slugs');
    expect(sightings.slice(1).map((s) => [s.ids, s.place])).toEqual([
      [{ for: 'FOR.3651' }, { etablissement: 'Lycée professionnel Les Canuts', commune: 'Lyon 4e Arrondissement', codePostal: '69004' }],
      [{ for: 'FOR.3651' }, { etablissement: 'Lycée Inconnu', commune: 'Villeurbanne', codePostal: '69100' }],
    ]);
  });
});

describe('onisep establishment page without any id (as live pages are)', () => {
  it('names the establishment by title and address, and each row by name, length and mode', () => {
    const { doc, sightings } = extract('etablissement-sans-uai');
    const place = { etablissement: 'Lycée professionnel Les Canuts', codePostal: '69004', commune: 'Lyon' };
    expect(sightings[0]).toMatchObject({ page: 'etablissement', ids: {}, place, label: 'Lycée professionnel Les Canuts' });
    expect(sightings.slice(1).map((s) => [s.label, s.ids.duree, s.voie, s.ids.slug])).toEqual([
      ['bac pro Métiers de la sécurité', 3, 'scolaire', 'bac-pro-metiers-de-la-securite'],
      ['bac pro Métiers de la sécurité', 3, 'apprentissage', 'bac-pro-metiers-de-la-securite2'],
      ["CAP Agent d'accueil et de conduite routière, transport de voyageurs", 1, 'scolaire', 'cap-agent-d-accueil-et-de-conduite-routiere-transport-de-voyageurs'],
      ["CAP Agent d'accueil et de conduite routière, transport de voyageurs", 2, 'scolaire', 'cap-agent-d-accueil-et-de-conduite-routiere-transport-de-voyageurs2'],
      ['BTS Opticien-lunetier', 2, 'scolaire', 'bts-opticien-lunetier'],
    ]);
    for (const s of sightings.slice(1)) expect(s.place).toEqual(place);
    expect(sightings[1]!.anchor).toBe(doc.querySelector('.search-ui-tr-item td.search-ui-td-name'));
  });
});

describe('onisep establishment page', () => {
  it('reads the UAI written with non-breaking spaces, the ENS id, and one badge per taught formation', () => {
    const { doc, sightings } = extract('etablissement');
    expect(doc.querySelector('.callout-text')!.textContent).toContain('\u00a0');
    expect(sightings.map(plain)).toEqual([
      {
        site: 'onisep',
        page: 'etablissement',
        ids: { ens: 'ENS.1234', uai: '0693045K' },
        label: 'Lycée professionnel Les Canuts',
        confidence: 'high',
        place: { etablissement: 'Lycée professionnel Les Canuts', codePostal: '69004', commune: 'Lyon' },
      },
      {
        site: 'onisep',
        page: 'liste-item',
        ids: { for: 'FOR.3651', ens: 'ENS.1234', uai: '0693045K', duree: 3 },
        label: 'Bac pro Métiers de la sécurité',
        confidence: 'high',
      },
      {
        site: 'onisep',
        page: 'liste-item',
        ids: { for: 'FOR.4088', ens: 'ENS.1234', uai: '0693045K', duree: 2 },
        label: "CAP Agent d'accueil et de conduite routière, transport de voyageurs",
        confidence: 'high',
      },
      {
        site: 'onisep',
        page: 'liste-item',
        ids: {
          ens: 'ENS.1234',
          uai: '0693045K',
          slug: '2de-professionnelle-metiers-de-la-construction-durable-du-batiment-et-des-travaux-publics',
          duree: 1,
        },
        label: '2de professionnelle Métiers de la construction durable, du bâtiment et des travaux publics',
        // The UAI is known: the background matches the row's name at the establishment.
        confidence: 'medium',
      },
    ]);
    expect(sightings[1]!.anchor).toBe(doc.querySelector('.search-ui-tr-item td.search-ui-td-name'));
  });

  it('finds the UAI in a .callout-text alone (no other strategy)', () => {
    const doc = htmlDocument('<main><h1>Lycée</h1><div class="callout"><span class="callout-text">Code UAI\u00a0:\u00a00850028U</span></div></main>');
    const url = new URL('https://www.onisep.fr/ressources/structures-enseignement/pays-de-la-loire/vendee/lycee-x');
    expect(onisep.extract(doc, url).map((s) => s.ids)).toEqual([{ uai: '0850028U' }]);
  });

  it('finds the ENS id in the canonical link alone', () => {
    const doc = htmlDocument(
      '<head><link rel="canonical" href="https://www.onisep.fr/http/redirection/etablissement/slug/ENS.77"></head><main><h1>Lycée</h1></main>',
    );
    const url = new URL('https://www.onisep.fr/ressources/structures-enseignement/pays-de-la-loire/vendee/lycee-x');
    expect(onisep.extract(doc, url).map((s) => [s.ids, s.confidence])).toEqual([[{ ens: 'ENS.77' }, 'medium']]);
  });

  it('reads formation rows from #formations tbody when the search-ui classes are missing', () => {
    const doc = htmlDocument(`<main><h1>Lycée</h1><p class="callout-text">Code UAI : 0693045K</p>
      <div id="formations"><table><tbody>
        <tr><td><a href="/http/redirection/formation/slug/AF.5678">Bac pro</a></td><td data-label="Durée">3 ans</td></tr>
      </tbody></table></div></main>`);
    const url = new URL('https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-professionnel-les-canuts');
    expect(onisep.extract(doc, url).map((s) => s.ids)).toEqual([{ uai: '0693045K' }, { uai: '0693045K', af: 'AF.5678', duree: 3 }]);
  });

  it('finds the name cell by its class among others, not by a class that only starts the same', () => {
    // The name cell is told by the class attribute's text before classList is asked: a longer class
    // (`search-ui-td-names`) must not pass for it, a class list holding it must.
    const doc = htmlDocument(`<main><h1>Lycée</h1><p class="callout-text">Code UAI : 0693045K</p>
      <div id="formations"><table><tbody>
        <tr class="search-ui-tr-item"><td class="search-ui-td-names"><a href="/http/redirection/formation/slug/AF.1">Décoy</a></td>
          <td class="cell search-ui-td-name wide"><a href="/http/redirection/formation/slug/AF.5678">Bac pro</a></td>
          <td data-label="Durée" class="search-ui-td-name">3 ans</td><td data-label="Modalités">Apprentissage</td></tr>
      </tbody></table></div></main>`);
    const url = new URL('https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-professionnel-les-canuts');
    const rows = onisep.extract(doc, url).slice(1);
    expect(rows.map((s) => [s.ids, s.label, s.voie])).toEqual([[{ uai: '0693045K', af: 'AF.5678', duree: 3 }, 'Bac pro', 'apprentissage']]);
    expect(rows[0]!.anchor).toBe(doc.querySelectorAll('td')[1]);
  });
});

describe('onisep action page', () => {
  it('reads the action, the formation, the establishment and the length', () => {
    const { doc, sightings } = extract('action');
    expect(sightings.map(plain)).toEqual([
      {
        site: 'onisep',
        page: 'action',
        ids: { for: 'FOR.3651', af: 'AF.5678', ens: 'ENS.1234', uai: '0693045K', duree: 3 },
        label: 'Bac pro Métiers de la sécurité',
        confidence: 'high',
      },
    ]);
    expect(sightings[0]!.anchor).toBe(doc.querySelector('.title-block'));
  });

  it('falls back to the formation slug of the action URL when no id is present', () => {
    const doc = htmlDocument('<main><h1>Bac pro</h1></main>');
    const url = new URL(
      'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-professionnel-les-canuts/bac-pro-metiers-de-la-securite',
    );
    expect(onisep.extract(doc, url).map((s) => [s.ids, s.confidence])).toEqual([[{ slug: 'bac-pro-metiers-de-la-securite' }, 'low']]);
  });
});

describe('onisep action page without any id', () => {
  it('gives the establishment as the page names it, the programme, its length and its mode, for the background to match', () => {
    const { doc, sightings } = extract('action-sans-uai');
    expect(sightings).toHaveLength(1);
    const s = plain(sightings[0]!);
    expect(Object.keys(s).sort()).toEqual(['confidence', 'ids', 'label', 'page', 'place', 'site', 'voie']);
    expect([s.site, s.page, s.label, s.confidence, s.voie]).toEqual(['onisep', 'action', 'bac pro Métiers de la sécurité', 'medium', 'scolaire']);
    expect(s.ids).toEqual({ slug: 'bac-pro-metiers-de-la-securite', duree: 3 });
    expect(s.place).toEqual({ etablissement: 'Lycée professionnel Les Canuts', codePostal: '69004', commune: 'Lyon' });
    expect(doc.querySelector('.title-block')!.contains(sightings[0]!.anchor!)).toBe(true);
  });

  it('reads the mode past an establishment status, and an apprenticeship', () => {
    const url = new URL('https://www.onisep.fr/ressources/structures-enseignement/r/d/lycee-x/cap-cuisine');
    const html = (facts: string) =>
      `<main><a href="/ressources/structures-enseignement/r/d/lycee-x">Lycée X</a><h1>CAP Cuisine</h1><address>1 rue A 01000 Bourg</address><p>${facts}</p></main>`;
    const voie = (facts: string) => onisep.extract(htmlDocument(html(facts), url.href), url)[0]!.voie;
    expect(voie('Statut : publicModalité : apprentissage')).toBe('apprentissage');
    expect(voie('Modalités de scolarité : temps plein')).toBe('scolaire');
    expect(voie('Durée : 2 ans')).toBeUndefined();
  });

  it('names no establishment from a link to another one, nor from a page that links to none', () => {
    const url = new URL('https://www.onisep.fr/ressources/structures-enseignement/r/d/lycee-x/cap-cuisine');
    const other = '<main><a href="/ressources/structures-enseignement/r/d/lycee-y">Lycée Y</a><h1>CAP Cuisine</h1><p>01000 Bourg</p></main>';
    expect(onisep.extract(htmlDocument(other, url.href), url).map((s) => [s.place, s.confidence])).toEqual([[undefined, 'low']]);
  });
});

describe('onisep redirect URLs', () => {
  it.each([
    ['https://www.onisep.fr/http/redirection/formation/slug/FOR.3651', 'formation', { for: 'FOR.3651' }],
    ['https://www.onisep.fr/http/redirection/formation/slug/AF.5678', 'action', { af: 'AF.5678' }],
    ['https://www.onisep.fr/http/redirection/etablissement/slug/ENS.1234', 'etablissement', { ens: 'ENS.1234' }],
  ])('%s gives its id from the URL', (href, page, ids) => {
    expect(onisep.extract(htmlDocument('<p>Redirection…</p>'), new URL(href)).map(plain)).toEqual([
      { site: 'onisep', page, ids, confidence: 'high' },
    ]);
  });
});

describe('onisep secondary strategies', () => {
  it('reads the FOR id from og:url when there is no canonical link', () => {
    const doc = htmlDocument(
      '<head><meta property="og:url" content="https://www.onisep.fr/http/redirection/formation/slug/FOR.4088"></head><main><h1>CAP</h1></main>',
    );
    const url = new URL('https://www.onisep.fr/ressources/univers-formation/formations/post-3e/cap-agent-d-accueil-et-de-conduite-routiere');
    expect(onisep.extract(doc, url).map((s) => [s.ids, s.confidence])).toEqual([[{ for: 'FOR.4088' }, 'high']]);
  });

  it('reads a labelled UAI outside any callout on an action page', () => {
    const doc = htmlDocument('<main><h1>Bac pro</h1><p>Établissement (UAI : 0693045K)</p></main>');
    const url = new URL(
      'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-professionnel-les-canuts/bac-pro-metiers-de-la-securite',
    );
    expect(onisep.extract(doc, url).map((s) => [s.ids, s.confidence])).toEqual([
      [{ uai: '0693045K', slug: 'bac-pro-metiers-de-la-securite' }, 'medium'],
    ]);
  });

  it('takes an action page formation slug from its link to the formation page', () => {
    const doc = htmlDocument(
      '<main><h1>Bac pro</h1><a href="/ressources/univers-formation/formations/lycees/bac-pro-metiers-de-la-securite">Voir</a></main>',
    );
    const url = new URL('https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-x/bac-pro-securite');
    expect(onisep.extract(doc, url)[0]!.ids).toEqual({ slug: 'bac-pro-metiers-de-la-securite' });
  });
});
