import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forsFromOnisepLinks, gtaOfHref, parcoursup } from '../../lib/sites/parcoursup';
import { htmlDocument, loadFixture, plain } from './helpers';

describe('parcoursup fiche', () => {
  it('reads g_ta_cod from the URL and FOR from the Onisep link', () => {
    const { doc, url } = loadFixture('parcoursup', 'fiche-onisep-link');
    const sightings = parcoursup.extract(doc, url);
    expect(sightings.map(plain)).toEqual([
      {
        site: 'parcoursup',
        page: 'formation',
        ids: { for: 'FOR.578', gta: '4321' },
        label: 'BTS - Services - Opticien lunetier',
        confidence: 'high',
      },
    ]);
    expect(sightings[0]!.anchor).toBe(doc.querySelector('h2.fr-h3')!.parentElement);
  });

  it('works from g_ta_cod alone when the fiche has no Onisep link (the phone number is no code)', () => {
    const { doc, url } = loadFixture('parcoursup', 'fiche-sans-onisep');
    expect(parcoursup.extract(doc, url).map((s) => s.ids)).toEqual([{ gta: '4321' }]);
  });

  it('reads a double fiche: both Onisep programmes, the <br> title with a space, the InserJeunes block as anchor', () => {
    const { doc, url } = loadFixture('parcoursup', 'fiche-double');
    const [s, ...rest] = parcoursup.extract(doc, url);
    expect(rest).toEqual([]);
    expect(s!.ids).toEqual({ gta: '5555', for: 'FOR.578', fors: ['FOR.2222'] });
    expect(s!.label).toBe('Lycée professionnel Les Canuts (Lyon 4e Arrondissement - 69) Double diplôme - BTS Opticien lunetier / BT Métiers de la musique');
    expect(s!.native).toBe('inserjeunes');
    expect(s!.anchor).toBe(doc.querySelector('section.psup-inserjeunes'));
  });

  it('ignores Onisep links that disagree', () => {
    const doc = htmlDocument(`<a href="https://www.onisep.fr/http/redirection/formation/slug/FOR.1">a</a>
      <a href="https://www.onisep.fr/http/redirection/formation/slug/FOR.2">b</a>`);
    expect(forsFromOnisepLinks(doc)).toEqual([]);
  });

  it('reads a UAI and a length when the fiche writes them', () => {
    const doc = htmlDocument('<main><h1>BTS</h1><p>Code UAI : 0693045K</p><p>Durée : 2 ans</p></main>');
    const url = new URL('https://dossier.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=12');
    expect(parcoursup.extract(doc, url).map((s) => s.ids)).toEqual([{ uai: '0693045K', gta: '12', duree: 2 }]);
  });
});

describe('parcoursup search cards', () => {
  it('gives one badge per card linking to a fiche, labelled with course and school', () => {
    const { doc, url } = loadFixture('parcoursup', 'carte');
    const sightings = parcoursup.extract(doc, url);
    expect(sightings.map(plain)).toEqual([
      {
        site: 'parcoursup',
        page: 'liste-item',
        ids: { gta: '4321' },
        label: 'BTS - Services - Opticien lunetier — Lycée professionnel Les Canuts',
        confidence: 'high',
      },
      {
        site: 'parcoursup',
        page: 'liste-item',
        ids: { gta: '8765' },
        label: 'BTS - Services - Opticien lunetier — Lycée Fictif de Marseille',
        confidence: 'high',
      },
      { site: 'parcoursup', page: 'liste-item', ids: { gta: '9876' }, label: 'BUT - Mesures physiques — IUT Fictif', confidence: 'high' },
    ]);
    const cards = doc.querySelectorAll('#courses-cards .fr-card');
    expect(sightings.map((s) => s.anchor)).toEqual([cards[0], cards[1], cards[2]]);
  });

  it('falls back to the list item of a fiche link when the cards lose their DSFR classes', () => {
    const doc = htmlDocument(`<ul><li><a href="/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=77">BTS X</a>
      <a href="/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=77#carte">voir</a></li></ul>`);
    const sightings = parcoursup.extract(doc, new URL('https://dossierappel.parcoursup.fr/Candidat/carte'));
    expect(sightings.map(plain)).toEqual([{ site: 'parcoursup', page: 'liste-item', ids: { gta: '77' }, label: 'BTS X', confidence: 'medium' }]);
    expect(sightings[0]!.anchor).toBe(doc.querySelector('li'));
  });
});

describe('parcoursup card links', () => {
  it('reads g_ta_cod as the group of its pattern does, on any href made of the pieces that matter', () => {
    // gtaOfHref finds where the pattern matches and reads the digits from there (no match array per card).
    const reference = (href: string) => /[?&]g_ta_cod=([1-9][0-9]{0,8})(?:&|#|$)/.exec(href)?.[1];
    const piece = fc.constantFrom('?', '&', '#', 'g_ta_cod=', 'G_TA_COD=', 'x_g_ta_cod=', 'g_ta_cod', '0', '1', '42', '123456789', '=', 'a', '/', '١');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }).map((parts) => parts.join('')), (href) => {
        expect(gtaOfHref(href)).toBe(reference(href));
      }),
      { numRuns: 30_000 },
    );
    expect(gtaOfHref('/fiche?typeBac=0&g_ta_cod=1234567890&g_ta_cod=12#x')).toBe('12');
  });
});
