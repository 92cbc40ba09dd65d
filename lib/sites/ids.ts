// The single gate every identifier passes before it leaves an adapter: wrong shapes are dropped.
import { isCfd, isGta, isMef10, isMefstat11, isOnisepId, isValidUai } from '../codes';
import type { SightingIds } from '../types';

/** The longest programme an adapter reports, in years ("7 ans" exists); the background's door accepts the same. */
export const MAX_DUREE = 8;

/** Affelnet offer: `A<académie code>/<offer code>`, as in `/pna-public/offre/A10/00812165`. */
const OFFRE_SHAPE = /^A[0-9]{1,2}\/[0-9A-Z]{4,20}$/;
export const isAffelnetOffre = (code: string): boolean => OFFRE_SHAPE.test(code);

/** A URL slug: lower-case words joined by single hyphens, of a sensible length. */
const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isSlug = (slug: string): boolean => slug.length <= 200 && SLUG_SHAPE.test(slug);

/**
 * Copies into `ids` the ids of `raw` that pass their own validation; anything else (wrong type, shape,
 * key) is dropped. True when it kept one that names something (any but a length). One test and one
 * named store per key: list rows call this 10,000 times, and a lookup of the check and a computed-key
 * store per id cost about what the checks themselves do.
 */
export function fillIds(raw: Record<string, unknown>, ids: SightingIds): boolean {
  let named = false;
  let fors: unknown;
  let duree: unknown;
  for (const key in raw) {
    const v = raw[key];
    if (key === 'duree') duree = v;
    else if (key === 'fors') fors = v;
    else if (typeof v !== 'string') continue;
    else if (key === 'for') {
      if (isOnisepId('FOR', v)) {
        ids.for = v;
        named = true;
      }
    } else if (key === 'af') {
      if (isOnisepId('AF', v)) {
        ids.af = v;
        named = true;
      }
    } else if (key === 'ens') {
      if (isOnisepId('ENS', v)) {
        ids.ens = v;
        named = true;
      }
    } else if (key === 'uai') {
      if (isValidUai(v)) {
        ids.uai = v;
        named = true;
      }
    } else if (key === 'cfd') {
      if (isCfd(v)) {
        ids.cfd = v;
        named = true;
      }
    } else if (key === 'mef') {
      if (isMef10(v)) {
        ids.mef = v;
        named = true;
      }
    } else if (key === 'mefstat11') {
      if (isMefstat11(v)) {
        ids.mefstat11 = v;
        named = true;
      }
    } else if (key === 'gta') {
      if (isGta(v)) {
        ids.gta = v;
        named = true;
      }
    } else if (key === 'offre') {
      if (isAffelnetOffre(v)) {
        ids.offre = v;
        named = true;
      }
    } else if (key === 'slug') {
      if (isSlug(v)) {
        ids.slug = v;
        named = true;
      }
    }
  }
  if (Array.isArray(fors)) {
    const kept = [...new Set(fors.filter((v): v is string => typeof v === 'string' && isOnisepId('FOR', v) && v !== ids.for))];
    if (kept.length > 0) {
      ids.fors = kept.slice(0, 4);
      named = true;
    }
  }
  if (typeof duree === 'number' && Number.isInteger(duree) && duree >= 1 && duree <= MAX_DUREE) ids.duree = duree;
  return named;
}

/** Keeps the ids that pass their own validation; anything else (wrong type, shape, key) is dropped. */
export function cleanIds(raw: Record<string, unknown>): SightingIds {
  const ids: SightingIds = {};
  fillIds(raw, ids);
  return ids;
}
