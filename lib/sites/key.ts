// The stable identity of a sighting, for dedupe and caching (shared by content scripts and background).
import type { SightingData, SightingIds } from '../types';

const ID_KEYS: (keyof SightingIds)[] = ['for', 'af', 'ens', 'uai', 'cfd', 'mef', 'mefstat11', 'gta', 'offre', 'slug', 'duree'];

/** A stable key for dedupe and caching: site, page and ids in a fixed order (label, anchor, confidence ignored). */
export function sightingKey(s: SightingData): string {
  const parts = ID_KEYS.filter((k) => s.ids[k] !== undefined && s.ids[k] !== '').map((k) => `${k}=${String(s.ids[k])}`);
  return `${s.site}|${s.page}|${parts.join('&')}`;
}
