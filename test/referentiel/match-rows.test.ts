// Names, lengths, modes and places matched against the Idéo fixtures (match-rows.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { communeKey, postcodeFits, withPlaces, type ReferentielWithPlaces } from '../../lib/referentiel/match-rows';

let ref: ReferentielWithPlaces;
beforeAll(() => {
  const { index } = buildIndex('test/fixtures/referentiel', new Date('2026-01-01'));
  ref = withPlaces(createReferentiel(index, { now: new Date('2026-01-01') }), index);
});

describe('establishment by name and place', () => {
  it('finds Les Canuts by its name and commune, with or without the arrondissement', () => {
    expect(ref.findEtablissement({ nom: 'Lycée professionnel Les Canuts', commune: 'Lyon' })).toBe('0693045K');
    expect(ref.findEtablissement({ nom: 'LP Les Canuts', commune: 'Lyon 4e Arrondissement', codePostal: '69004' })).toBe('0693045K');
    expect(ref.findEtablissement({ nom: 'Lycée Les Canuts', commune: 'LYON CEDEX 04' })).toBe('0693045K');
  });

  it('uses the postcode to stay in the right département', () => {
    expect(ref.findEtablissement({ nom: 'Lycée professionnel Les Canuts', codePostal: '69004' })).toBe('0693045K');
    expect(ref.findEtablissement({ nom: 'Lycée professionnel Les Canuts', codePostal: '75005' })).toBeUndefined();
  });

  it('trusts a name alone only when it is exact, and names nothing it does not know', () => {
    expect(ref.findEtablissement({ nom: 'Lycée professionnel Les Canuts' })).toBe('0693045K');
    expect(ref.findEtablissement({ nom: 'Les Canuts' })).toBeUndefined();
    expect(ref.findEtablissement({ nom: 'Lycée Inconnu', commune: 'Villeurbanne', codePostal: '69100' })).toBeUndefined();
  });

  it('reads communes and postcodes as the open data spells them', () => {
    expect(communeKey('Lyon 4e Arrondissement')).toBe('lyon');
    expect(communeKey('St-Étienne Cedex 2')).toBe('saint etienne');
    expect(postcodeFits('20000', '6200001G')).toBe(true);
    expect(postcodeFits('97400', '9740001A')).toBe(true);
    expect(postcodeFits('69004', '0010001W')).toBe(false);
  });
});

describe('a row of an establishment list → its action', () => {
  it('tells two actions of the same programme apart by mode', () => {
    expect(ref.findAction('0693045K', { libelle: 'bac pro Métiers de la sécurité', duree: 3, voie: 'scolaire' })).toEqual({
      for: 'FOR.3651',
      af: 'AF.5678',
      duree: 3,
      voie: 'scolaire',
    });
    expect(ref.findAction('0693045K', { libelle: 'Bac pro métiers de la sécurité', duree: 3, voie: 'apprentissage' })?.af).toBe('AF.5702');
  });

  it('tells the same CAP in 1 and 2 years apart by length (cap-macon, cap-macon2)', () => {
    const cap = "CAP Agent d'accueil et de conduite routière, transport de voyageurs";
    expect(ref.findAction('0693045K', { libelle: cap, duree: 1 })?.af).toBe('AF.5701');
    expect(ref.findAction('0693045K', { libelle: cap, duree: 2 })?.af).toBe('AF.5700');
  });

  it('names the programme but no action when mode and length cannot tell', () => {
    expect(ref.findAction('0693045K', { libelle: 'bac pro Métiers de la sécurité' })).toEqual({ for: 'FOR.3651', duree: 3 });
  });

  it('matches nothing for a programme not taught there', () => {
    expect(ref.findAction('0693045K', { libelle: 'BT Métiers de la musique' })).toBeUndefined();
    expect(ref.findAction('0010001W', { libelle: 'bac pro Métiers de la sécurité' })).toBeUndefined();
  });
});

describe('the Idéo actions mode (af_modalites_scolarite)', () => {
  it('reads the values the pages show as a route, and leaves others unknown', async () => {
    const { actionMode } = await import('../../lib/referentiel/catalogue-parsers');
    expect(['temps plein', 'Apprentissage', 'alternance sous statut scolaire', '', 'à distance'].map(actionMode)).toEqual(['s', 'a', 's', '', '']);
  });
});
