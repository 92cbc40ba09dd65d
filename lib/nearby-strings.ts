// The sentences of "Ailleurs près d'ici" (panel section and options), in French.
import { BETTER_MARGIN } from './better-nearby';
import { formatPercent } from './strings';
import type { Voie } from './types';

const km = (n: number) => `${n}\u00a0km`;

export const nearby = {
  title: 'Ailleurs près d’ici',
  show: 'Voir ailleurs près d’ici',
  loading: 'Recherche des formations proches…',
  rule: (radius: number) =>
    `Formations à moins de ${km(radius)}, de la plus proche à la plus lointaine, retenues quand l’emploi ou la poursuite d’études y est plus élevé sans que l’autre taux soit plus bas de plus de ${BETTER_MARGIN} points ; les chiffres secrets ou absents ne sont jamais comparés.`,
  sameTitle: 'La même formation',
  relatedTitle: 'Le même domaine, au même niveau',
  nothing: (radius: number) => `Rien de mieux à moins de ${km(radius)}.`,
  nothingRelated: (radius: number) => `Aucune formation voisine du même domaine ne fait mieux à moins de ${km(radius)}.`,
  budget: 'Certaines formations proches n’ont pas été consultées (limite de requêtes atteinte) : rouvrez la page plus tard pour les voir.',
  noOrigin: 'Indiquez votre commune ou votre code postal dans les options pour voir les formations proches.',
  unavailable: 'Les lieux de formation ne sont pas disponibles dans cette version des données.',
  failed: 'La recherche des formations proches a échoué.',
  distance: km,
  route: { scolaire: 'voie scolaire', apprentissage: 'apprentissage' } satisfies Record<Voie, string>,
  figures: (emploi: number, formation: number) => `emploi ${formatPercent(emploi)} · poursuite d’études ${formatPercent(formation)}`,
  link: (etab: string) => `Fiche Onisep : ${etab}`,
  lien: { famille: 'même famille de métiers', nsf: 'même domaine (NSF)', meme: '' },
};

export const nearbyOptions = {
  section: 'Ailleurs près d’ici',
  enabled: 'Proposer des formations proches qui font mieux',
  place: 'Votre commune ou code postal',
  placeHelp: 'Utilisé quand la page ne nomme aucun établissement. Conservé dans ce navigateur, jamais envoyé.',
  radius: 'Distance maximale',
  radiusValue: (n: number) => km(n),
};
