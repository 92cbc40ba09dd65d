// Affelnet lycée (affectation3e.phm.education.gouv.fr/pna-public): offer pages and offer lists.
// The DOM is unknown (SITES.md: low confidence): read Onisep links first, then codes written as text.
import { isDigitCode } from '../codes';
import type { Confidence, Sighting, SightingIds } from '../types';
import { detectWith, lowerPath, type Detector } from './detectors';
import {
  all,
  attempt,
  bareUai,
  first,
  headingAnchor,
  labelOf,
  leadingText,
  labelledDuree,
  list,
  labelledUai,
  makeSighting,
  onisepIdOfHref,
  onisepKey,
  rowSighting,
} from './dom';
import { keepId, type StringIdKey } from './ids';
import type { SiteAdapter } from './adapter-types';

const HOST = 'affectation3e.phm.education.gouv.fr';
const onHost = (url: URL) => url.protocol === 'https:' && url.hostname === HOST;

const OFFRE_PREFIX = '/pna-public/offre/';

/** True when `href` at `at` holds OFFRE_PREFIX, ASCII letters in any case (as the `i` flag compares them). */
function prefixAt(href: string, at: number): boolean {
  for (let i = 0; i < OFFRE_PREFIX.length; i++) {
    const want = OFFRE_PREFIX.charCodeAt(i);
    const c = href.charCodeAt(at + i);
    if (c !== want && !(want >= 97 && want <= 122 && c === want - 32)) return false;
  }
  return true;
}

const isDigitAt = (href: string, i: number) => isDigitCode(href.charCodeAt(i));
const isAlnumAt = (href: string, i: number) => {
  const c = href.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
};
/** End of the href, `?` or `#` at `i`. */
const endsAt = (href: string, i: number) => i === href.length || href.charCodeAt(i) === 63 || href.charCodeAt(i) === 35;

/**
 * `A10/00812165` from an offer URL or href, or undefined: what
 * `/\/pna-public\/offre\/(a[0-9]{1,2})\/([0-9a-z]{4,20})\/?(?:[?#]|$)/i` captures at its first match,
 * upper-cased, read by hand (offer lists call this once per row, and the case-blind pattern's search
 * cost more than these character reads). At a `/`: the prefix in any case, `a` or `A`, one or two
 * digits and `/`, then a run of 4 to 20 letters and digits (the pattern wants `/`, `?`, `#` or the end
 * after it, so the whole run), then optionally `/`, then `?`, `#` or the end.
 */
export function offreOfHref(href: string): string | undefined {
  for (let at = href.indexOf('/'); at >= 0; at = href.indexOf('/', at + 1)) {
    if (!prefixAt(href, at)) continue;
    const start = at + OFFRE_PREFIX.length;
    const a = href.charCodeAt(start);
    if ((a !== 97 && a !== 65) || !isDigitAt(href, start + 1)) continue;
    const slash = isDigitAt(href, start + 2) ? start + 3 : start + 2;
    if (href.charCodeAt(slash) !== 47) continue;
    let end = slash + 1;
    while (isAlnumAt(href, end)) end++;
    const run = end - slash - 1;
    if (run < 4 || run > 20) continue;
    if (endsAt(href, end) || (href.charCodeAt(end) === 47 && endsAt(href, end + 1))) return href.slice(start, end).toUpperCase();
  }
  return undefined;
}

export const detectors: Detector[] = [
  {
    name: 'affelnet offre',
    page: 'offre',
    test: (url) => onHost(url) && /^\/pna-public\/offre\/a[0-9]{1,2}\/[0-9a-z]{4,20}$/.test(lowerPath(url)),
    examples: [
      'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812165',
      'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A19/00812165',
      'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812170?retour=liste',
    ],
  },
  {
    name: 'affelnet liste',
    page: 'liste',
    test: (url) => onHost(url) && lowerPath(url) === '/pna-public/consultation/liste-offres',
    examples: [
      'https://affectation3e.phm.education.gouv.fr/pna-public/consultation/liste-offres',
      'https://affectation3e.phm.education.gouv.fr/pna-public/consultation/liste-offres?academie=10&page=2',
    ],
  },
];

/** Pages of the Affelnet host where nothing must run. */
export const nonMatching: string[] = [
  'https://affectation3e.phm.education.gouv.fr/pna-public/',
  'https://affectation3e.phm.education.gouv.fr/pna-public/consultation',
  'https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10',
  'https://affectation3e.phm.education.gouv.fr/pna-public/offre/X10/00812165',
  'https://affectation3e.phm.education.gouv.fr/pna-public/aide',
  'http://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/00812165',
];

// ------------------------------------------------------------------ codes in text

// Global so that `test` leaves the match's end in lastIndex: offer lists read these in every row, and a
// match array per row is garbage the collector pays for. Both matches end with their digits.
const LABELLED_MEFSTAT = /\bMEF\s*STAT\s*(?:11)?\s*:?\s*([0-9]{11})(?![0-9])/gi;
const LABELLED_MEF = /\bMEF\s*(?:10)?\s*:?\s*([0-9]{10,11})(?![0-9])/gi;

/** Where a global pattern's first match in `text` ends, or -1. */
function firstMatchEnd(re: RegExp, text: string): number {
  re.lastIndex = 0;
  if (!re.test(text)) return -1;
  const end = re.lastIndex;
  re.lastIndex = 0;
  return end;
}

/** A MEF written with its label: `Code MEF : 2473440331` (10 digits) or a MEFSTAT11 (11). */
export function labelledMef(text: string): { mef?: string; mefstat11?: string } {
  const out: { mef?: string; mefstat11?: string } = {};
  const statEnd = firstMatchEnd(LABELLED_MEFSTAT, text);
  if (statEnd >= 0) out.mefstat11 = text.slice(statEnd - 11, statEnd);
  const mefEnd = firstMatchEnd(LABELLED_MEF, text);
  if (mefEnd >= 0) {
    // The group is the digit run the match ends with, less an optional `10` glued before it
    // (`MEF102473440331`): a run longer than the group's 11 digits can only be that.
    let start = mefEnd;
    while (isDigitCode(text.charCodeAt(start - 1))) start--;
    if (mefEnd - start > 11) start += 2;
    const mef = text.slice(start, mefEnd);
    if (mef.length === 10) out.mef = mef;
    else if (!out.mefstat11) out.mefstat11 = mef;
  }
  return out;
}

/**
 * Bare 10- or 11-digit numbers. MEF and MEFSTAT11 codes never start with 0, French phone numbers
 * always do: that is how a `0478123456` stays out.
 */
export function bareMef(text: string): { mef?: string; mefstat11?: string } {
  const out: { mef?: string; mefstat11?: string } = {};
  const re = /(?<![0-9])([1-9][0-9]{9,10})(?![0-9])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]!.length === 10) out.mef ??= m[1];
    else out.mefstat11 ??= m[1];
  }
  return out;
}

/** Onisep ids from links (of a page, or given): one distinct id per kind, or none of that kind. */
export function onisepIdsOfLinks(source: ParentNode | Element[]): Record<string, string> {
  const byKey = new Map<string, Set<string>>();
  const links = Array.isArray(source) ? source : all(source, 'a[href*="onisep"]');
  for (const a of links) {
    const found = onisepIdOfHref(a.getAttribute('href'));
    if (!found) continue;
    const key = onisepKey(found.kind);
    const set = byKey.get(key) ?? new Set<string>();
    set.add(found.id);
    byKey.set(key, set);
  }
  const ids: Record<string, string> = {};
  for (const [key, set] of byKey) if (set.size === 1) ids[key] = [...set][0]!;
  return ids;
}

/**
 * The offer's own "débouchés" tab (InserJeunes figures, SITES.md; its markup is unknown): a tab or
 * heading named so. The panel goes after the panel that tab controls, else after the tab list.
 */
export function debouchesBlock(doc: Document): Element | undefined {
  for (const el of all(doc, '[role="tab"], button, h2, h3, a[href^="#"]')) {
    if (!/^\s*d[ée]bouch[ée]s\b/i.test(el.textContent ?? '')) continue;
    const controlled = el.getAttribute('aria-controls') ?? (el.getAttribute('href') ?? '').slice(1);
    const panel = controlled ? doc.getElementById(controlled) : null;
    return panel ?? el.closest('[role="tablist"], section') ?? el;
  }
  return undefined;
}

function offrePage(doc: Document, url: URL): Sighting[] {
  const title = first(doc, 'h1') ?? first(doc, 'h2');
  const text = leadingText(doc);
  const links = attempt(() => onisepIdsOfLinks(doc)) ?? {};
  const labelled = attempt(() => labelledMef(text)) ?? {};
  const bare = labelled.mef || labelled.mefstat11 ? {} : (attempt(() => bareMef(text)) ?? {});
  const uai = attempt(() => labelledUai(text)) ?? attempt(() => bareUai(text));
  const ids: Record<string, unknown> = {
    offre: offreOfHref(url.pathname),
    ...links,
    uai,
    ...bare,
    ...labelled,
    duree: attempt(() => labelledDuree(text)),
  };
  const confidence: Confidence = links.for || labelled.mef || labelled.mefstat11 ? 'high' : bare.mef || bare.mefstat11 ? 'medium' : 'low';
  const native = attempt(() => debouchesBlock(doc));
  const s = makeSighting('affelnet', 'offre', ids, {
    anchor: native ?? headingAnchor(title),
    label: labelOf(title),
    confidence,
    ...(native ? { native: 'inserjeunes' as const } : {}),
  });
  return s ? [s] : [];
}

const ROW = 'tr, li, article, .fr-card';

/** Offer lists: every link to an offer is a row; the row is its table row, list item or card. */
export function offerRows(doc: Document): Sighting[] {
  // Onisep links are few: read them once for the whole list, then hand them to their rows.
  const onisepByRow = new Map<Element, Element[]>();
  for (const a of all(doc, 'a[href*="onisep"]')) {
    const row = a.closest(ROW);
    if (row) onisepByRow.set(row, [...(onisepByRow.get(row) ?? []), a]);
  }
  const out: Sighting[] = [];
  const seen = new Set<Element>();
  const offerLinks = list(doc, 'a[href*="/offre/"]');
  for (let i = 0, n = offerLinks.length; i < n; i++) {
    const link = offerLinks[i]!;
    const offre = offreOfHref(link.getAttribute('href') ?? '');
    if (!offre) continue;
    // closest, not a walk in script: each ancestor a script reads gets a wrapper object, and those
    // wrappers cost the collector more than the walk saves.
    const row = link.closest(ROW) ?? link;
    if (seen.has(row)) continue;
    seen.add(row);
    // No normalisation needed: \s in these patterns already covers non-breaking spaces.
    const text = row.textContent ?? '';
    const labelled = labelledMef(text);
    const links = onisepByRow.get(row);
    const uai = labelledUai(text);
    // The ids through the gate one by one (no object of raw ids, no spread per row), in the order
    // `{ offre, ...onisep ids, uai, ...labelled }` gave them.
    const ids: SightingIds = {};
    let named = keepId(ids, 'offre', offre);
    if (links) {
      const linked = onisepIdsOfLinks(links);
      for (const key in linked) named = keepId(ids, key as StringIdKey, linked[key]) || named;
    }
    named = keepId(ids, 'uai', uai) || named;
    if (labelled.mefstat11 !== undefined) named = keepId(ids, 'mefstat11', labelled.mefstat11) || named;
    if (labelled.mef !== undefined) named = keepId(ids, 'mef', labelled.mef) || named;
    const confidence: Confidence = ids.for || labelled.mef || labelled.mefstat11 ? 'high' : 'medium';
    const s = rowSighting('affelnet', 'liste-item', ids, named, row, labelOf(link), confidence);
    if (s) out.push(s);
  }
  return out;
}

/** The content script's match patterns (kept apart so the URL check alone can import them). */
export const AFFELNET_MATCHES = ['https://affectation3e.phm.education.gouv.fr/pna-public/*'];

export const affelnet: SiteAdapter = {
  name: 'affelnet',
  matches: AFFELNET_MATCHES,
  detect: (url) => detectWith(detectors, url),
  extract(doc, url) {
    const page = attempt(() => detectWith(detectors, url));
    if (page === 'offre') return attempt(() => offrePage(doc, url)) ?? [];
    if (page === 'liste') return attempt(() => offerRows(doc)) ?? [];
    return [];
  },
};
