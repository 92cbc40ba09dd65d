// The single gate every identifier passes before it leaves an adapter: wrong shapes are dropped.
import { isCfd, isDigitCode, isGta, isMef10, isMefstat11, isOnisepId, isUpperOrDigitCode, isValidUai } from '../codes';
import type { SightingIds } from '../types';

/** The longest programme an adapter reports, in years ("7 ans" exists); the background's door accepts the same. */
export const MAX_DUREE = 8;

// The offer check reads characters where a pattern would cost a regex call per row (tested against the
// pattern it spells out in dom-fast-paths.test.ts, as are the checks of codes.ts).

/** `/^A[0-9]{1,2}\/[0-9A-Z]{4,20}$/`: an Affelnet offer, `A<académie code>/<offer code>`, as in `/pna-public/offre/A10/00812165`. */
export function isAffelnetOffre(code: string): boolean {
  if (code.charCodeAt(0) !== 65 || !isDigitCode(code.charCodeAt(1))) return false;
  const slash = isDigitCode(code.charCodeAt(2)) ? 3 : 2;
  if (code.charCodeAt(slash) !== 47) return false;
  const n = code.length - slash - 1;
  if (n < 4 || n > 20) return false;
  for (let i = slash + 1; i < code.length; i++) if (!isUpperOrDigitCode(code.charCodeAt(i))) return false;
  return true;
}

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

/** A key of SightingIds holding one string. */
export type StringIdKey = keyof typeof stringChecks;

/**
 * The last value the checks of the page-wide ids accepted. The checks are pure, so a value equal to it
 * passes again without being read: a list's rows repeat the page's own formation or establishment row
 * after row. Ids that differ from row to row are not remembered (nothing to gain).
 */
const lastAccepted: { for?: string; ens?: string; uai?: string } = {};

/** The check of a page-wide id, skipped for the value it accepted last. */
function passesPageWide(key: 'for' | 'ens' | 'uai', v: string): boolean {
  if (v === lastAccepted[key]) return true;
  if (!stringChecks[key](v)) return false;
  lastAccepted[key] = v;
  return true;
}

/**
 * Stores `v` under `key` in `ids` when it is a string that passes the key's own check (stringChecks);
 * true when it did. One named store per key, not `ids[key] = v`: list rows run this for every id of
 * 10,000 rows, and a store by computed key into objects of many shapes is the slow generic path.
 */
export function keepId(ids: SightingIds, key: StringIdKey, v: unknown): boolean {
  if (typeof v !== 'string') return false;
  switch (key) {
    case 'for':
      return passesPageWide('for', v) && ((ids.for = v), true);
    case 'ens':
      return passesPageWide('ens', v) && ((ids.ens = v), true);
    case 'uai':
      return passesPageWide('uai', v) && ((ids.uai = v), true);
    case 'af':
      return stringChecks.af(v) && ((ids.af = v), true);
    case 'cfd':
      return stringChecks.cfd(v) && ((ids.cfd = v), true);
    case 'mef':
      return stringChecks.mef(v) && ((ids.mef = v), true);
    case 'mefstat11':
      return stringChecks.mefstat11(v) && ((ids.mefstat11 = v), true);
    case 'gta':
      return stringChecks.gta(v) && ((ids.gta = v), true);
    case 'offre':
      return stringChecks.offre(v) && ((ids.offre = v), true);
    case 'slug':
      return stringChecks.slug(v) && ((ids.slug = v), true);
    default:
      return false;
  }
}

/** Stores a programme length when it is a whole number of years from 1 to MAX_DUREE. */
export function keepDuree(ids: SightingIds, duree: unknown): void {
  if (typeof duree === 'number' && Number.isInteger(duree) && duree >= 1 && duree <= MAX_DUREE) ids.duree = duree;
}

const isStringIdKey = (key: string): key is StringIdKey => Object.hasOwn(stringChecks, key);

/**
 * Copies into `ids` the ids of `raw` that pass their own validation; anything else (wrong type, shape,
 * key) is dropped. True when it kept one that names something (any but a length). List rows call
 * keepId for each of their ids instead (no object of raw ids per row, no loop over its keys).
 */
export function fillIds(raw: Record<string, unknown>, ids: SightingIds): boolean {
  let named = false;
  let fors: unknown;
  let duree: unknown;
  for (const key in raw) {
    const v = raw[key];
    if (key === 'duree') duree = v;
    else if (key === 'fors') fors = v;
    else if (isStringIdKey(key) && keepId(ids, key, v)) named = true;
  }
  if (Array.isArray(fors)) {
    const kept = [...new Set(fors.filter((v): v is string => typeof v === 'string' && stringChecks.for(v) && v !== ids.for))];
    if (kept.length > 0) {
      ids.fors = kept.slice(0, 4);
      named = true;
    }
  }
  keepDuree(ids, duree);
  return named;
}

/** Keeps the ids that pass their own validation; anything else (wrong type, shape, key) is dropped. */
export function cleanIds(raw: Record<string, unknown>): SightingIds {
  const ids: SightingIds = {};
  fillIds(raw, ids);
  return ids;
}
