// Defensive DOM and text helpers shared by the site adapters: read plain text, never HTML, never layout.
import { findOnisepId, isValidUai, type OnisepKind } from '../codes';
import type { Confidence, NativeBlock, PageKind, Sighting, SightingIds, SightingPlace, SiteName, Voie } from '../types';
import { fillIds } from './ids';

/** Longest label kept: a page cannot make us carry a novel around. */
const MAX_LABEL = 300;

// Patterns the per-row helpers use, compiled once: a regex literal inside a function is a new RegExp
// object on every call, garbage that 10,000-row lists turn into collector pauses. Global ones are only
// used through `replace` (which starts from 0) or reset before their exec loop.
const SPACES = /\s+/g;
const SPACE_BEFORE_PUNCTUATION = / ([,.)])/g;
const SCOLAIRE = /statut scolaire|temps plein|scolaire/;
const APPRENTISSAGE = /apprentissage|contrat de professionnalisation/;
const DUREE = /(?:^|[^0-9])([1-8])\s*ans?(?![a-zà-ÿ])/;
const LABELLED_DUREE = /[Dd]ur[ée]e(?:\s+de\s+(?:la\s+)?formation)?\s*:?\s*([1-8])\s*ans?(?![a-zà-ÿ])/;
// No \b before the label: glued cells put a letter right before it (`Lyon 4eUAI : 0693045K`).
const LABELLED_UAI = /UAI\s*:?\s*([0-9]{7}[A-Z])(?![0-9a-z])/g;
const BARE_UAI = /(?<![0-9])([0-9]{7}[A-Z])(?![0-9a-z])/g;
const REDIRECTION = /redirection/i;
const POSTCODE = /^[0-9]{5}$/;

/**
 * True when `text` holds whitespace other than single plain spaces: a run of two (of any kind), or one
 * that is not U+0020 (what JS \s matches: tab to CR, NBSP, U+1680, U+2000-U+200A, line and paragraph
 * separators, narrow NBSP, U+205F, U+3000, BOM). `/\s\s|[^\S ]/.test` spelled out: labels are short and
 * a loop over their characters costs less than a regex call, once or twice per list row.
 */
export function hasOddSpace(text: string): boolean {
  let previousSpace = false;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return true;
      previousSpace = true;
    } else if (c > 32 && c < 160) previousSpace = false;
    else if ((c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return true;
    else previousSpace = false;
  }
  return false;
}

/** Whitespace as pages write it: NBSP, narrow NBSP and friends become plain spaces, runs collapse. */
export function normalizeSpace(text: string): string {
  // Fast path: most labels have single plain spaces only (JS \s already covers NBSP and friends).
  return hasOddSpace(text) ? text.replace(SPACES, ' ').trim() : text.trim();
}

/** An element's text as plain, normalised text ('' for nothing). Uses textContent: no layout. */
export function textOf(node: Node | null | undefined): string {
  return node ? normalizeSpace(node.textContent ?? '') : '';
}

/** Elements whose edges separate words even when the markup puts no space there. */
const BREAKS = 'br, p, div, li, td, th, h1, h2, h3, h4, h5, h6, span[class]';

/**
 * An element's text with a space wherever a `<br>` or a block edge separates words: a Parcoursup title
 * `…- 75)<br><span class="fr-h4">Double licence` reads `…- 75) Double licence`, not `…- 75)Double`.
 */
export function spacedTextOf(node: Node | null | undefined): string {
  if (!node) return '';
  // Most labels hold text only: no element child, nothing to match the selector against.
  if (!(node as Element).firstElementChild || !(node as Element).querySelector(BREAKS)) return textOf(node);
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) parts.push(n.nodeValue ?? '');
    else if (n.nodeType === 1) {
      const tag = (n as Element).tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE') return;
      if (tag === 'BR') parts.push(' ');
      else {
        parts.push(' ');
        n.childNodes.forEach(walk);
        parts.push(' ');
      }
    }
  };
  node.childNodes.forEach(walk);
  return normalizeSpace(parts.join('')).replace(SPACE_BEFORE_PUNCTUATION, '$1');
}

/** A label fit to send: plain text, bounded, or undefined when empty. */
export function labelOf(node: Node | null | undefined): string | undefined {
  const text = spacedTextOf(node);
  return text ? text.slice(0, MAX_LABEL) : undefined;
}

/** A row's mode as a route: `apprentissage` (or a contract) → apprenticeship; `temps plein`, `statut scolaire` → school. */
export function voieOfText(text: string): Voie | undefined {
  const t = text.toLowerCase();
  if (SCOLAIRE.test(t)) return 'scolaire';
  if (APPRENTISSAGE.test(t)) return 'apprentissage';
  return undefined;
}

/**
 * The first postcode and the commune after it (`2 rue Ney, 69004 Lyon · Tél.`), from plain text.
 * Glued text (`69004 LyonTél.`) is cut where a lower-case letter meets an upper-case one.
 */
export function postcodeAndCommune(text: string): { codePostal: string; commune?: string } | undefined {
  const m = /(?<![0-9])((?:0[1-9]|[1-8][0-9]|9[0-8])[0-9]{3})(?![0-9])\s*([A-ZÀ-Þ][A-Za-zÀ-ÿ'’ -]{0,60})?/.exec(text);
  if (!m) return undefined;
  const commune = (m[2] ?? '')
    .replace(/(?<=[a-zà-ÿ])[A-ZÀ-Þ].*$/, '')
    .replace(/\s+(?:T[ée]l|Fax|Site|Courriel|Mail|Voir|Cedex)\b.*$/i, '')
    .trim();
  return { codePostal: m[1]!, ...(commune ? { commune } : {}) };
}

/** querySelectorAll that returns [] on a selector the DOM implementation rejects. */
export function all(root: ParentNode | null | undefined, selector: string): Element[] {
  if (!root) return [];
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/**
 * querySelectorAll to walk by index, not copied into an array (a list can hold 10,000 rows); empty on
 * a selector the DOM implementation rejects.
 */
export function list(root: ParentNode | null | undefined, selector: string): ArrayLike<Element> {
  if (!root) return [];
  try {
    return root.querySelectorAll(selector);
  } catch {
    return [];
  }
}

export function first(root: ParentNode | null | undefined, selector: string): Element | null {
  if (!root) return null;
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/** DOCUMENT_POSITION_FOLLOWING, spelled out: no Node global needed. */
const FOLLOWING = 4;

/** True when `b` comes after `a` in document order. */
const before = (a: Element, b: Element) => (a.compareDocumentPosition(b) & FOLLOWING) !== 0;

/**
 * `querySelector(selectors.join(', '))`, asked one selector at a time: Chromium matches a selector list
 * against every element of the page (about 1 ms on a 10,000-row list), a lone id, class or tag it finds
 * through its fast paths. The first in document order of each selector's first match.
 */
export function firstOf(root: ParentNode | null | undefined, selectors: readonly string[]): Element | null {
  let found: Element | null = null;
  for (const selector of selectors) {
    const el = first(root, selector);
    if (el && (!found || before(el, found))) found = el;
  }
  return found;
}

/** `querySelectorAll(selectors.join(', '))` asked one selector at a time (see firstOf): the matches merged in document order, each once. */
export function allOf(root: ParentNode | null | undefined, selectors: readonly string[]): Element[] {
  let merged: Element[] = [];
  for (const selector of selectors) {
    const next = all(root, selector);
    if (merged.length === 0 || next.length === 0) {
      if (next.length > 0) merged = next;
      continue;
    }
    const out: Element[] = [];
    let i = 0;
    let j = 0;
    while (i < merged.length && j < next.length) {
      const a = merged[i]!;
      const b = next[j]!;
      if (a === b) {
        out.push(a);
        i++;
        j++;
      } else if (before(a, b)) {
        out.push(a);
        i++;
      } else {
        out.push(b);
        j++;
      }
    }
    while (i < merged.length) out.push(merged[i++]!);
    while (j < next.length) out.push(next[j++]!);
    merged = out;
  }
  return merged;
}

/**
 * The first `max` characters of the page's main content (or body) as normalised text, text nodes
 * joined by spaces so blocks do not glue together. Key facts sit near the top; a 10,000-row list
 * further down is never read whole (textContent of it would cost milliseconds).
 */
export function leadingText(doc: Document, max = 20_000): string {
  const root = first(doc, 'main') ?? doc.body ?? doc.documentElement;
  if (!root) return '';
  const parts: string[] = [];
  let length = 0;
  const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, spelled out: no global needed
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  // Each text node's parent is asked (two cheap DOM calls): that costs what the text read costs, where
  // first asking the page whether it holds any script or style matches a selector list against every
  // element of it (about 1 ms on a 10,000-row list).
  for (let node = walker.nextNode(); node && length < max; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName;
    if (parent === 'SCRIPT' || parent === 'STYLE') continue;
    const value = node.nodeValue ?? '';
    parts.push(value);
    length += value.length + 1;
  }
  return normalizeSpace(parts.join(' ').slice(0, max));
}

/** Runs one extraction strategy; a strategy that throws simply found nothing. */
export function attempt<T>(strategy: () => T | undefined): T | undefined {
  try {
    return strategy();
  } catch {
    return undefined;
  }
}

// textContent glues blocks together ("0693045KDurée", "3 ansStatut"): the patterns below end with
// look-aheads on what may not follow (a digit, a lower-case letter) rather than with \b.

/** The programme length a text states: `3 ans`, `Durée : 2 ans`, `1 an` → years (1 to 8). */
export function parseDuree(text: string): number | undefined {
  // Where the pattern matches tells the digit (no match array per row): at the very start when the
  // text opens with it (the `^` branch is tried first), else right after the one non-digit matched.
  const at = text.search(DUREE);
  if (at < 0) return undefined;
  const c = text.charCodeAt(at);
  return (at === 0 && c >= 49 && c <= 56 ? c : text.charCodeAt(at + 1)) - 48;
}

/** A length introduced by its label (`Durée de la formation : 3 ans`) somewhere in a longer text. */
export function labelledDuree(text: string): number | undefined {
  const m = LABELLED_DUREE.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The first UAI with a valid check letter introduced by `UAI` (`Code UAI : 0693045K`). */
export function labelledUai(text: string): string | undefined {
  return firstValidUai(LABELLED_UAI, text);
}

/** The first bare 7-digits-and-a-letter token whose check letter is valid. */
export function bareUai(text: string): string | undefined {
  return firstValidUai(BARE_UAI, text);
}

/**
 * The first UAI a global pattern ending with the UAI (8 characters, then only look-aheads) finds whose
 * check letter is valid. `test` moves lastIndex to the match's end: no match array per row.
 */
function firstValidUai(re: RegExp, text: string): string | undefined {
  re.lastIndex = 0;
  while (re.test(text)) {
    const uai = text.slice(re.lastIndex - 8, re.lastIndex);
    if (isValidUai(uai)) return uai;
  }
  return undefined;
}

/** Onisep ids (FOR/AF/ENS) carried by a link's href, whatever the host's spelling. */
export function onisepIdOfHref(href: string | null | undefined): { kind: OnisepKind; id: string } | null {
  // The lower-case spelling is the common one: found by includes, the case-blind pattern only asked otherwise.
  if (!href || href.length > 2000 || !(href.includes('redirection') || REDIRECTION.test(href))) return null;
  return findOnisepId(href);
}

/** Maps an Onisep id to the SightingIds key it belongs in. */
export function onisepKey(kind: OnisepKind): 'for' | 'af' | 'ens' {
  return kind === 'FOR' ? 'for' : kind === 'AF' ? 'af' : 'ens';
}

/** Path segments of a URL or href (relative ones resolved against `base`), [] when unparsable. */
export function pathSegments(href: string, base?: URL): string[] {
  try {
    const url = new URL(href, base);
    return url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return [];
  }
}

/** The last path segment as a slug, when it looks like one. */
export function slugOf(href: string, base?: URL): string | undefined {
  const last = pathSegments(href, base).pop();
  return last?.toLowerCase();
}

/**
 * Where a page-level panel goes: after the title block holding the main heading (its parent, when
 * that parent is a small block of its own), else after the heading itself, so a panel never lands
 * at the far end of a page-wide wrapper nor inside the site's key facts.
 */
export function headingAnchor(heading: Element | null): Element | undefined {
  if (!heading) return undefined;
  const parent = heading.parentElement;
  if (!parent || /^(BODY|MAIN|HTML|ARTICLE|SECTION|FORM|TD|TH|LI|A|BUTTON|LABEL)$/.test(parent.tagName)) return heading;
  if (parent.id === 'main' || parent.hasAttribute('data-ideo-page') || parent.childElementCount > 5) return heading;
  return parent;
}

export interface SightingExtras {
  anchor?: Element;
  label?: string;
  confidence?: Confidence;
  place?: SightingPlace;
  voie?: Voie;
  native?: NativeBlock;
}

/** A place keeps only bounded plain text and a five-digit postcode; undefined when it names nothing. */
function cleanPlace(place: SightingPlace | undefined): SightingPlace | undefined {
  if (!place) return undefined;
  const out: SightingPlace = {};
  const etab = place.etablissement ? normalizeSpace(place.etablissement).slice(0, MAX_LABEL) : '';
  const commune = place.commune ? normalizeSpace(place.commune).slice(0, 100) : '';
  if (etab) out.etablissement = etab;
  if (commune) out.commune = commune;
  if (place.codePostal && POSTCODE.test(place.codePostal)) out.codePostal = place.codePostal;
  return out.etablissement ? out : undefined;
}

/** Builds a sighting from raw ids, keeping only valid ones; null when nothing identifies anything. */
export function makeSighting(
  site: SiteName,
  page: PageKind,
  raw: Record<string, unknown>,
  extras: SightingExtras = {},
): Sighting | null {
  const ids: SightingIds = {};
  return rowSighting(site, page, ids, fillIds(raw, ids), extras.anchor, extras.label, extras.confidence, extras.place, extras.voie, extras.native);
}

/**
 * A sighting from ids already passed through the gate (keepId, fillIds): `named` says whether one of
 * them names something. Null when neither an id nor a named establishment identifies anything. List
 * rows call it with their extras as arguments: no extras object per row.
 */
export function rowSighting(
  site: SiteName,
  page: PageKind,
  ids: SightingIds,
  named: boolean,
  anchor?: Element,
  label?: string,
  confidence?: Confidence,
  rawPlace?: SightingPlace,
  voie?: Voie,
  native?: NativeBlock,
): Sighting | null {
  const place = cleanPlace(rawPlace);
  // A named establishment identifies a page (or a row) even without any id: the background matches it.
  if (!named && !place) return null;
  const s: Sighting = { site, page, ids };
  if (anchor) s.anchor = anchor;
  if (label) s.label = label;
  if (confidence) s.confidence = confidence;
  if (place) s.place = place;
  if (voie) s.voie = voie;
  if (native) s.native = native;
  return s;
}

/** Appends non-null sightings. */
export function push(out: Sighting[], s: Sighting | null): void {
  if (s) out.push(s);
}
