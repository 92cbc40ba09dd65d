// The sentences of "Ailleurs près d'ici" (panel section and options), in French.
import { BETTER_MARGIN, type NearbyArea } from './better-nearby';
import type { Radius } from './settings';
import { formatPercent } from './strings';
import type { Voie } from './types';

const km = (n: number) => `${n}\u00a0km`;
/** « de Lyon », « d’Amiens ». */
const de = (name: string) => (/^[aeiouyàâéèêîôû]/i.test(name) ? `d’${name}` : `de ${name}`);
/** Where lines were looked for: « à moins de 30 km », « dans l’académie de Lyon ». */
const within = (area: NearbyArea) => ('km' in area ? `à moins de ${km(area.km)}` : `dans l’académie ${de(area.academie)}`);

export const nearby = {
  title: 'Ailleurs près d’ici',
  show: 'Voir ailleurs près d’ici',
  loading: 'Recherche des formations proches…',
  rule: (area: NearbyArea) =>
    `Formations ${within(area)}, de la plus proche à la plus lointaine, retenues quand l’emploi ou la poursuite d’études y est plus élevé sans que l’autre taux soit plus bas de plus de ${BETTER_MARGIN} points ; les chiffres secrets ou absents ne sont jamais comparés.`,
  sameTitle: 'La même formation',
  relatedTitle: 'Le même domaine, au même niveau',
  nothing: (area: NearbyArea) => `Rien de mieux ${within(area)}.`,
  nothingRelated: (area: NearbyArea) => `Aucune formation voisine du même domaine ne fait mieux ${within(area)}.`,
  budget: 'Certaines formations proches n’ont pas été consultées (limite de requêtes atteinte) : rouvrez la page plus tard pour les voir.',
  noOrigin: 'Indiquez votre commune ou votre code postal dans les options pour voir les formations proches.',
  unavailable: 'Les lieux de formation ne sont pas disponibles dans cette version des données.',
  failed: 'La recherche des formations proches a échoué.',
  distance: km,
  route: { scolaire: 'voie scolaire', apprentissage: 'apprentissage' } satisfies Record<Voie, string>,
  figures: (emploi: number, formation: number) => `emploi ${formatPercent(emploi)} · poursuite d’études ${formatPercent(formation)}`,
  link: (etab: string) => `Fiche Onisep : ${etab}`,
  lien: { famille: 'même famille de métiers', nsf: 'même domaine (NSF)', meme: '' },
  add: 'Ajouter cette alternative',
  addLabel: (etab: string) => `Ajouter cette alternative à ma sélection : ${etab}`,
  added: 'Alternative dans ma sélection',
  addFailed: 'L’alternative n’a pas pu être ajoutée à votre sélection. Réessayez.',
};

export const nearbyOptions = {
  section: 'Ailleurs près d’ici',
  enabled: 'Proposer des formations proches qui font mieux',
  place: 'Votre commune ou code postal',
  placeHelp: 'Utilisé quand la page ne nomme aucun établissement. Conservé dans ce navigateur, jamais envoyé.',
  radius: 'Distance maximale',
  radiusValue: (r: Radius) => (r === 'academie' ? 'Mon académie' : km(r)),
};

/** The selection page's alternatives, each beside its original. */
export const selectionAlternatives = {
  title: 'Alternatives proches',
  intro: 'Ajoutées depuis « Ailleurs près d’ici » : chacune à côté de la formation qu’elle pourrait remplacer, avec l’écart en points.',
  caption: (libelle: string, etablissement?: string) => `Alternative à « ${libelle} »${etablissement ? ` (${etablissement})` : ''}`,
  original: 'Formation d’origine',
  alternative: 'Alternative',
  difference: 'Écart',
  noDifference: '—',
  route: 'Voie',
  distance: 'Distance',
};
