// Parcoursup (dossierappel / dossier.parcoursup.fr): formation cards (fiches) and the search map's cards.
import type { Confidence, NativeBlock, Sighting, SightingIds } from '../types';
import { detectWith, lowerPath, type Detector } from './detectors';
import {
  all,
  attempt,
  first,
  headingAnchor,
  labelOf,
  leadingText,
  labelledDuree,
  list,
  labelledUai,
  makeSighting,
  onisepIdOfHref,
  rowSighting,
  textOf,
} from './dom';
import { keepId } from './ids';
import type { SiteAdapter } from './adapter-types';

const HOSTS = new Set(['dossierappel.parcoursup.fr', 'dossier.parcoursup.fr']);
const onHost = (url: URL) => url.protocol === 'https:' && HOSTS.has(url.hostname);

/** The fiche's `g_ta_cod`, when it is a valid one. */
function gtaOfUrl(url: URL): string | undefined {
  const gta = url.searchParams.get('g_ta_cod')?.trim();
  return gta && /^[1-9][0-9]{0,8}$/.test(gta) ? gta : undefined;
}

export const detectors: Detector[] = [
  {
    name: 'parcoursup fiche',
    page: 'formation',
    test: (url) => onHost(url) && lowerPath(url) === '/candidats/public/fiches/afficherficheformation' && !!gtaOfUrl(url),
    examples: [
      'https://dossierappel.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=4321',
      'https://dossierappel.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=4321&typeBac=0&originePc=0',
      'https://dossier.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation?typeBac=1&g_ta_cod=12345',
    ],
  },
  {
    name: 'parcoursup carte',
    page: 'liste',
    test: (url) => onHost(url) && lowerPath(url) === '/candidat/carte',
    examples: [
      'https://dossierappel.parcoursup.fr/Candidat/carte',
      'https://dossierappel.parcoursup.fr/Candidat/carte?search=opticien',
    ],
  },
];

/** Pages of the Parcoursup hosts where nothing must run. */
export const nonMatching: string[] = [
  'https://dossierappel.parcoursup.fr/',
  'https://dossierappel.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation',
  'https://dossierappel.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=abc',
  'https://dossierappel.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=0',
  'https://dossierappel.parcoursup.fr/Candidat/authentification',
  'https://dossier.parcoursup.fr/Candidat/admissions',
  'https://www.parcoursup.fr/',
];

/**
 * The Onisep formations of a fiche. The fiche's own links (`#lien-onisep`, and `#lien-onisep-2007` on a
 * double licence) come first, in page order, one programme each; else any Onisep link, when all agree.
 */
export function forsFromOnisepLinks(root: ParentNode): string[] {
  const own: string[] = [];
  for (const a of all(root, 'a[id^="lien-onisep"]')) {
    const found = onisepIdOfHref(a.getAttribute('href'));
    if (found?.kind === 'FOR' && !own.includes(found.id)) own.push(found.id);
  }
  if (own.length > 0) return own;
  const ids = new Set<string>();
  for (const a of all(root, 'a[href*="onisep.fr"]')) {
    const found = onisepIdOfHref(a.getAttribute('href'));
    if (found?.kind === 'FOR') ids.add(found.id);
  }
  return ids.size === 1 ? [...ids] : [];
}

/** The fiche's own InserJeunes or InserSup block (histograms), next to which the panel goes. */
export function nativeBlock(doc: Document): { anchor: Element; native: NativeBlock } | undefined {
  const el = first(doc, '#lien-dispositif-inserJeunes') ?? first(doc, '#lien-dispositif-inserSup');
  if (!el) return undefined;
  const native: NativeBlock = el.id === 'lien-dispositif-inserSup' ? 'insersup' : 'inserjeunes';
  // The id may sit on a link or a tab button: the block is its section (or card), else the element.
  return { anchor: el.closest('section, .fr-card, [role="tabpanel"]') ?? el, native };
}

function fichePage(doc: Document, url: URL): Sighting[] {
  const title = first(doc, 'h2.fr-h3') ?? first(doc, 'h1');
  const text = leadingText(doc);
  const fors = attempt(() => forsFromOnisepLinks(doc)) ?? [];
  const ids: Record<string, unknown> = {
    gta: gtaOfUrl(url),
    for: fors[0],
    fors: fors.slice(1),
    uai: attempt(() => labelledUai(text)),
    duree: attempt(() => labelledDuree(text)),
  };
  const native = attempt(() => nativeBlock(doc));
  const s = makeSighting('parcoursup', 'formation', ids, {
    anchor: native?.anchor ?? headingAnchor(title),
    label: labelOf(title),
    confidence: 'high',
    ...(native ? { native: native.native } : {}),
  });
  return s ? [s] : [];
}

const GTA_KEY = 'g_ta_cod=';

/**
 * The `g_ta_cod` of a fiche link, as `/[?&]g_ta_cod=([1-9][0-9]{0,8})(?:&|#|$)/`'s group reads it, read
 * by hand (a regex call per card cost more than these few character reads): the first `g_ta_cod=` after
 * `?` or `&` whose whole digit run (the pattern wants `&`, `#` or the end right after it) is 1 to 9
 * digits not starting with 0.
 */
export function gtaOfHref(href: string): string | undefined {
  for (let at = href.indexOf(GTA_KEY, 1); at > 0; at = href.indexOf(GTA_KEY, at + 1)) {
    const before = href.charCodeAt(at - 1);
    if (before !== 63 /* ? */ && before !== 38 /* & */) continue;
    const start = at + GTA_KEY.length;
    let end = start;
    for (let c = href.charCodeAt(end); c >= 48 && c <= 57; c = href.charCodeAt(end)) end++;
    const after = href.charCodeAt(end);
    if (end > start && end - start <= 9 && href.charCodeAt(start) !== 48 && (end === href.length || after === 38 || after === 35 /* # */)) return href.slice(start, end);
  }
  return undefined;
}

/** The search map's cards: `#courses-cards .fr-card` first; else any fiche link in its list item. */
export function searchCards(doc: Document): Sighting[] {
  const cards = list(doc, '#courses-cards .fr-card');
  if (cards.length > 0) {
    const out: Sighting[] = [];
    for (let i = 0, n = cards.length; i < n; i++) {
      const card = cards[i]!;
      const link = card.querySelector('a[href*="g_ta_cod="]');
      if (link) pushCard(out, card, link, 'high');
    }
    return out;
  }
  const out: Sighting[] = [];
  const seen = new Set<Element>();
  for (const link of all(doc, 'a[href*="g_ta_cod="]')) {
    const card = link.closest('.fr-card, li, article') ?? link;
    if (seen.has(card)) continue;
    seen.add(card);
    pushCard(out, card, link, 'medium');
  }
  return out;
}

function pushCard(out: Sighting[], card: Element, link: Element, confidence: Confidence): void {
  const gta = gtaOfHref(link.getAttribute('href') ?? '');
  if (!gta) return;
  const course = textOf(card.querySelector('.psup-search-results-card__course-name'));
  const school = course ? textOf(card.querySelector('.psup-search-results-card__school-name')) : '';
  const label = course && school ? `${course} — ${school}`.slice(0, 300) : labelOf(link);
  const ids: SightingIds = {};
  const s = rowSighting('parcoursup', 'liste-item', ids, keepId(ids, 'gta', gta), card, label, confidence);
  if (s) out.push(s);
}

/** The content script's match patterns (kept apart so the URL check alone can import them). */
export const PARCOURSUP_MATCHES = ['https://dossierappel.parcoursup.fr/*', 'https://dossier.parcoursup.fr/*'];

export const parcoursup: SiteAdapter = {
  name: 'parcoursup',
  matches: PARCOURSUP_MATCHES,
  detect: (url) => detectWith(detectors, url),
  extract(doc, url) {
    const page = attempt(() => detectWith(detectors, url));
    if (page === 'formation') return attempt(() => fichePage(doc, url)) ?? [];
    if (page === 'liste') return attempt(() => searchCards(doc)) ?? [];
    return [];
  },
};
