// The single gate every identifier passes before it leaves an adapter: wrong shapes are dropped.
import { findOnisepId, isCfd, isGta, isMef10, isMefstat11, isValidUai, type OnisepKind } from '../codes';
import type { SightingIds } from '../types';

/** The longest programme an adapter reports, in years ("7 ans" exists); the background's door accepts the same. */
export const MAX_DUREE = 8;

/** Affelnet offer: `A<académie code>/<offer code>`, as in `/pna-public/offre/A10/00812165`. */
export const isAffelnetOffre = (code: string): boolean => /^A[0-9]{1,2}\/[0-9A-Z]{4,20}$/.test(code);

/** A URL slug: lower-case words joined by single hyphens, of a sensible length. */
export const isSlug = (slug: string): boolean => slug.length <= 200 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug);

/** Same rule as codes.ts `isOnisepId`, through its precompiled pattern (isOnisepId builds a RegExp per call). */
const isOnisep = (kind: OnisepKind) => (v: string) => {
  const found = findOnisepId(v);
  return found?.kind === kind && found.id === v;
};

const stringChecks: Record<Exclude<keyof SightingIds, 'duree'>, (v: string) => boolean> = {
  for: isOnisep('FOR'),
  af: isOnisep('AF'),
  ens: isOnisep('ENS'),
  uai: isValidUai,
  cfd: isCfd,
  mef: isMef10,
  mefstat11: isMefstat11,
  gta: isGta,
  offre: isAffelnetOffre,
  slug: isSlug,
};

/** Keeps the ids that pass their own validation; anything else (wrong type, shape, key) is dropped. */
export function cleanIds(raw: Record<string, unknown>): SightingIds {
  const ids: SightingIds = {};
  for (const key in raw) {
    const value = raw[key];
    if (typeof value !== 'string' || !Object.hasOwn(stringChecks, key)) continue;
    const k = key as keyof typeof stringChecks;
    if (stringChecks[k](value)) ids[k] = value;
  }
  const duree = raw.duree;
  if (typeof duree === 'number' && Number.isInteger(duree) && duree >= 1 && duree <= MAX_DUREE) ids.duree = duree;
  return ids;
}
