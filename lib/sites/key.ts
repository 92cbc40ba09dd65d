// The stable identity of a sighting, for dedupe and caching (shared by content scripts and background).
import type { SightingData, SightingIds } from '../types';

const ID_KEYS: (keyof SightingIds)[] = ['for', 'af', 'ens', 'uai', 'cfd', 'mef', 'mefstat11', 'gta', 'offre', 'slug', 'duree'];

/** A stable key for dedupe and caching: site, page and ids in a fixed order (label, anchor, confidence ignored). */
export function sightingKey(s: SightingData): string {
  const parts = ID_KEYS.filter((k) => s.ids[k] !== undefined && s.ids[k] !== '').map((k) => `${k}=${String(s.ids[k])}`);
  if (s.ids.fors?.length) parts.push(`fors=${s.ids.fors.join(',')}`);
  // Rows identified by words (no programme code) differ by their words: name, place and route.
  const coded = STRONG.some((k) => s.ids[k]);
  if (!coded && s.label && s.page !== 'etablissement') parts.push(`label=${s.label}`);
  if (s.place) parts.push(`place=${[s.place.etablissement, s.place.commune, s.place.codePostal].join('/')}`);
  if (s.voie) parts.push(`voie=${s.voie}`);
  return `${s.site}|${s.page}|${parts.join('&')}`;
}

const STRONG: (keyof SightingIds)[] = ['for', 'af', 'cfd', 'mef', 'mefstat11', 'gta', 'offre'];
