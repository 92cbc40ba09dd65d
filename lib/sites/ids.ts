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

/** Each string id's own check. */
export const stringChecks: Record<Exclude<keyof SightingIds, 'duree' | 'fors'>, (v: string) => boolean> = {
  for: (v) => isOnisepId('FOR', v),
  af: (v) => isOnisepId('AF', v),
  ens: (v) => isOnisepId('ENS', v),
  uai: isValidUai,
  cfd: isCfd,
  mef: isMef10,
  mefstat11: isMefstat11,
  gta: isGta,
  offre: isAffelnetOffre,
  slug: isSlug,
};

const checkOf = new Map(Object.entries(stringChecks) as [keyof typeof stringChecks, (v: string) => boolean][]);

/**
 * The last value each check accepted. The checks are pure, so a value equal to it passes again without
 * its pattern being run: a list's rows repeat the page's own ids (its formation, its UAI) row after row.
 */
const lastAccepted = new Map<string, string>();

/**
 * Copies into `ids` the ids of `raw` that pass their own validation; anything else (wrong type, shape,
 * key) is dropped. True when it kept one that names something (any but a length): list rows call this
 * 10,000 times, and a second walk over what was kept cost about what the checks do.
 */
export function fillIds(raw: Record<string, unknown>, ids: SightingIds): boolean {
  let named = false;
  let fors: unknown;
  let duree: unknown;
  for (const key in raw) {
    const v = raw[key];
    if (key === 'duree') duree = v;
    else if (key === 'fors') fors = v;
    else if (typeof v === 'string') {
      if (lastAccepted.get(key) !== v) {
        if (!checkOf.get(key as keyof typeof stringChecks)?.(v)) continue;
        lastAccepted.set(key, v);
      }
      ids[key as keyof typeof stringChecks] = v;
      named = true;
    }
  }
  if (Array.isArray(fors)) {
    const kept = [...new Set(fors.filter((v): v is string => typeof v === 'string' && stringChecks.for(v) && v !== ids.for))];
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
