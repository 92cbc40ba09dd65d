// Onisep (www.onisep.fr and explorer-avenirs.onisep.fr): formation, establishment and action pages.
// Every identifier has several independent strategies, tried in order (see SITES.md).
import type { Confidence, NativeBlock, Sighting, SightingIds, SightingPlace } from '../types';
import { detectWith, lowerPath, type Detector } from './detectors';
import {
  all,
  allOf,
  firstOf,
  list,
  attempt,
  first,
  headingAnchor,
  labelOf,
  leadingText,
  labelledDuree,
  onisepIdOfHref,
  onisepKey,
  parseDuree,
  pathSegments,
  push,
  makeSighting,
  postcodeAndCommune,
  rowSighting,
  slugOf,
  spacedTextOf,
  textOf,
  voieOfText,
} from './dom';
import type { SiteAdapter } from './adapter-types';
import { keepDuree, keepId } from './ids';
import { onisepId, uaiOfPage } from './onisep-ids';

const HOSTS = new Set(['www.onisep.fr', 'explorer-avenirs.onisep.fr']);
const onHost = (url: URL) => url.protocol === 'https:' && HOSTS.has(url.hostname);
const pathIs = (re: RegExp) => (url: URL) => onHost(url) && re.test(lowerPath(url));

const SEG = '[^/]+';

export const detectors: Detector[] = [
  {
    name: 'onisep formation',
    page: 'formation',
    test: pathIs(new RegExp(`^/ressources/univers-formation/formations/${SEG}/${SEG}$`)),
    examples: [
      'https://www.onisep.fr/ressources/univers-formation/formations/lycees/bac-pro-metiers-de-la-securite',
      'https://explorer-avenirs.onisep.fr/ressources/univers-formation/formations/post-bac/bts-opticien-lunetier',
      'https://www.onisep.fr/Ressources/Univers-Formation/Formations/Lycees/bac-pro-metiers-de-la-securite',
      'https://www.onisep.fr/ressources/univers-formation/formations/post-3e/cap-agent-d-accueil-et-de-conduite-routiere/',
      'https://www.onisep.fr/ressources/univers-formation/formations/post-bac/bts-opticien-lunetier?utm_source=x#ou-se-former',
    ],
  },
  {
    name: 'onisep formation redirect',
    page: 'formation',
    test: pathIs(/^\/http\/redirection\/formation\/slug\/for\.[1-9][0-9]{0,8}$/),
    examples: ['https://www.onisep.fr/http/redirection/formation/slug/FOR.3651'],
  },
  {
    name: 'onisep action redirect',
    page: 'action',
    test: pathIs(/^\/http\/redirection\/formation\/slug\/af\.[1-9][0-9]{0,8}$/),
    examples: ['https://www.onisep.fr/http/redirection/formation/slug/AF.5678'],
  },
  {
    name: 'onisep establishment redirect',
    page: 'etablissement',
    test: pathIs(/^\/http\/redirection\/etablissement\/slug\/ens\.[1-9][0-9]{0,8}$/),
    examples: ['https://explorer-avenirs.onisep.fr/http/redirection/etablissement/slug/ENS.1234'],
  },
  {
    name: 'onisep establishment',
    page: 'etablissement',
    test: pathIs(new RegExp(`^/ressources/structures-enseignement/${SEG}/${SEG}/${SEG}$`)),
    examples: [
      'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-professionnel-les-canuts',
      'https://explorer-avenirs.onisep.fr/ressources/structures-enseignement/pays-de-la-loire/vendee/lycee-rosa-parks',
    ],
  },
  {
    name: 'onisep action',
    page: 'action',
    test: pathIs(new RegExp(`^/ressources/structures-enseignement/${SEG}/${SEG}/${SEG}/${SEG}$`)),
    examples: [
      'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-professionnel-les-canuts/bac-pro-metiers-de-la-securite',
    ],
  },
];

/** Pages of the Onisep hosts where nothing must run. */
export const nonMatching: string[] = [
  'https://www.onisep.fr/',
  'https://explorer-avenirs.onisep.fr/',
  'https://www.onisep.fr/ressources/univers-formation/formations',
  'https://www.onisep.fr/ressources/univers-formation/formations/lycees',
  'https://www.onisep.fr/ressources/univers-metier/metiers/agent-agente-de-securite',
  'https://www.onisep.fr/recherche?context=formation&text=bac%20pro',
  'https://www.onisep.fr/recherche/api/html?context=where_to_learn&formation=FOR.3651&page=2',
  'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes',
  'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone',
  'https://www.onisep.fr/http/redirection/metier/slug/MET.123',
  'https://www.onisep.fr/http/redirection/formation/slug/FOR.0',
  'https://www.onisep.fr/decouvrir-les-metiers/des-metiers-par-secteur',
  'http://www.onisep.fr/ressources/univers-formation/formations/lycees/bac-pro-metiers-de-la-securite',
  'https://onisep.fr.example.org/ressources/univers-formation/formations/lycees/bac-pro-metiers-de-la-securite',
];

function pageDuree(doc: Document): number | undefined {
  return labelledDuree(leadingText(doc));
}

/** `/ressources/univers-formation/formations/<category>/<slug>` */
const isFormationPath = (segs: string[]) => segs.length === 5 && segs[1]!.toLowerCase() === 'univers-formation';
/** `/ressources/structures-enseignement/<region>/<departement>/<etablissement>/<formation>` */
const isActionPath = (segs: string[]) => segs.length === 6 && segs[1]!.toLowerCase() === 'structures-enseignement';

// ------------------------------------------------------------------ page extractors

function fromRedirectUrl(url: URL, page: 'formation' | 'action' | 'etablissement'): Sighting[] {
  const found = onisepIdOfHref(url.pathname);
  const s = found ? makeSighting('onisep', page, { [onisepKey(found.kind)]: found.id }, { confidence: 'high' }) : null;
  return s ? [s] : [];
}

/** Onisep's own InserJeunes block (`#inserjeune`): the panel goes right after it and complements it. */
export function nativeBlock(doc: Document): { anchor: Element; native: NativeBlock } | undefined {
  const block = firstOf(doc, ['#inserjeune', '#inserjeunes']);
  return block ? { anchor: block, native: 'inserjeunes' } : undefined;
}

function formationPage(doc: Document, url: URL): Sighting[] {
  const out: Sighting[] = [];
  const h1 = first(doc, 'h1');
  const label = labelOf(h1);
  const found = onisepId(doc, 'FOR', 'formation', label);
  const ids: Record<string, unknown> = { duree: attempt(() => pageDuree(doc)) };
  if (found) ids.for = found.id;
  else ids.slug = slugOf(url.href);
  const native = attempt(() => nativeBlock(doc));
  push(
    out,
    makeSighting('onisep', 'formation', ids, {
      anchor: native?.anchor ?? headingAnchor(h1),
      label,
      confidence: found?.confidence ?? 'low',
      ...(native ? { native: native.native } : {}),
    }),
  );
  for (const s of attempt(() => whereToLearnRows(doc, found ? { for: found.id } : { slug: ids.slug as string | undefined }, url)) ?? []) out.push(s);
  return out;
}

/**
 * "Où se former" rows: `td[data-label="Commune"]` rows. A link carrying an AF/ENS id names the place
 * (older pages); a slug link to the establishment or action page (what the live site has) gives the
 * establishment's name, matched with the row's commune and postcode.
 */
export function whereToLearnRows(doc: Document, formation: { for?: string; slug?: string }, url?: URL): Sighting[] {
  const out: Sighting[] = [];
  let previous: Element | null = null;
  const cells = list(doc, 'td[data-label="Commune"]');
  for (let i = 0, n = cells.length; i < n; i++) {
    const cell = cells[i]!;
    const row = cell.parentElement;
    if (!row || row === previous || row.tagName !== 'TR') continue;
    previous = row;
    const redirect = row.querySelector('a[href*="redirection"]');
    const found = redirect && onisepIdOfHref(redirect.getAttribute('href'));
    if (found && found.kind !== 'FOR') {
      // The ids through the gate one by one, in the order `{ ...formation, [key]: id }` gave them.
      const ids: SightingIds = {};
      let named = keepId(ids, 'for', formation.for);
      named = keepId(ids, 'slug', formation.slug) || named;
      named = keepId(ids, onisepKey(found.kind), found.id) || named;
      push(out, rowSighting('onisep', 'liste-item', ids, named, row, labelOf(redirect!), 'high'));
      continue;
    }
    const link = [...row.querySelectorAll('a[href]')].find((a) => isStructurePath(pathSegments(a.getAttribute('href') ?? '', url)));
    if (!link) continue; // no way to name the establishment: no badge
    const postcode = textOf(row.querySelector('td[data-label="Code postal"]')).replace(/\s/g, '');
    const name = labelOf(link);
    const place: SightingPlace = { etablissement: name, commune: textOf(cell) };
    if (/^[0-9]{5}$/.test(postcode)) place.codePostal = postcode;
    push(out, makeSighting('onisep', 'liste-item', { ...formation }, { anchor: row, label: name, confidence: 'medium', place }));
  }
  return out;
}

/** `/ressources/structures-enseignement/<r>/<d>/<etab>[/<formation>]` */
const isStructurePath = (segs: string[]) => (segs.length === 5 || segs.length === 6) && segs[1]!.toLowerCase() === 'structures-enseignement';

/** An establishment page's name and place: its title, and the first postcode and commune of its address. */
function placeOfPage(doc: Document, name: string | undefined): SightingPlace | undefined {
  if (!name) return undefined;
  let where: ReturnType<typeof postcodeAndCommune>;
  for (const el of allOf(doc, ['.callout-text', 'address'])) if ((where ??= postcodeAndCommune(spacedTextOf(el)))) break;
  where ??= postcodeAndCommune(leadingText(doc, 5000));
  return { etablissement: name, ...where };
}

function etablissementPage(doc: Document, url: URL): Sighting[] {
  const out: Sighting[] = [];
  const h1 = first(doc, 'h1');
  const label = labelOf(h1);
  const uai = attempt(() => uaiOfPage(doc));
  const ens = onisepId(doc, 'ENS', null, label);
  const place = attempt(() => placeOfPage(doc, label));
  push(
    out,
    makeSighting('onisep', 'etablissement', { uai, ens: ens?.id }, { anchor: headingAnchor(h1), label, confidence: uai ? 'high' : 'medium', place }),
  );
  for (const s of attempt(() => formationListRows(doc, url, { uai, ens: ens?.id, place })) ?? []) out.push(s);
  return out;
}

/**
 * The establishment's formation list: `#formations .search-ui-tr-item` rows. A row links to its action
 * page by slug (real pages) and gives the programme's name, length and mode: with the page's
 * establishment, that is what the background matches against the Idéo actions.
 */
export function formationListRows(doc: Document, url: URL, etab: { uai?: string; ens?: string; place?: SightingPlace }): Sighting[] {
  const out: Sighting[] = [];
  let rows = list(doc, '#formations .search-ui-tr-item');
  if (rows.length === 0) rows = list(doc, '#formations tbody tr');
  for (let i = 0, n = rows.length; i < n; i++) {
    const row = rows[i]!;
    rowCells(row);
    const { nameCell, dureeCell, modeCell } = cellsFound;
    const link = nameCell.querySelector('a[href]');
    const href = link?.getAttribute('href') ?? '';
    // The ids through the gate one by one (no object of raw ids per row), in the order they always had.
    const ids: SightingIds = {};
    let named = keepId(ids, 'uai', etab.uai);
    named = keepId(ids, 'ens', etab.ens) || named;
    const found = onisepIdOfHref(href);
    let confidence: Confidence = 'high';
    if (found && found.kind !== 'ENS') named = keepId(ids, onisepKey(found.kind), found.id) || named;
    else {
      const segs = href ? pathSegments(href, url) : [];
      if (!isFormationPath(segs) && !isActionPath(segs)) continue;
      named = keepId(ids, 'slug', segs[segs.length - 1]!.toLowerCase()) || named;
      confidence = 'low';
    }
    if (dureeCell) keepDuree(ids, parseDuree(textOf(dureeCell)));
    const voie = modeCell ? voieOfText(textOf(modeCell)) : undefined;
    // Without the UAI, the row carries the page's establishment as named there.
    const place = etab.uai ? undefined : etab.place;
    // rowSighting, not makeSighting: no extras object per row.
    push(out, rowSighting('onisep', 'liste-item', ids, named, nameCell, labelOf(link ?? nameCell), confidence === 'low' && (etab.uai || place) ? 'medium' : confidence, place, voie));
  }
  return out;
}

const NAME_CLASS = 'search-ui-td-name';

/**
 * `classList.contains('search-ui-td-name')`, asked only when the class attribute can hold it. Table cells
 * are HTML elements: `className` is their class attribute as a string, read faster than getAttribute.
 */
function hasNameClass(cell: Element): boolean {
  const value = cell.className;
  return value === NAME_CLASS || (value.length > NAME_CLASS.length && value.includes(NAME_CLASS) && cell.classList.contains(NAME_CLASS));
}

/** What rowCells found, reused from row to row (an object per row is garbage the collector pays for). */
const cellsFound: { nameCell: Element; dureeCell: Element | null; modeCell: Element | null } = { nameCell: null!, dureeCell: null, modeCell: null };

const XHTML = 'http://www.w3.org/1999/xhtml';

/** True for an HTML table row: what has `cells`. */
const isTableRow = (el: Element) => el.localName === 'tr' && el.namespaceURI === XHTML;

/** True for an HTML `td` or `th`: what `row.cells` holds among a row's children. */
function isCell(el: Element): boolean {
  const name = el.localName;
  return (name === 'td' || name === 'th') && el.namespaceURI === XHTML;
}

/**
 * The name, length and mode cells of a formation row into cellsFound: a table row's cells (what
 * `row.cells` lists, read child by child: `cells` makes a collection object per row), else by selectors.
 */
function rowCells(row: Element): void {
  if (!isTableRow(row)) {
    cellsFound.nameCell = row.querySelector('td.search-ui-td-name') ?? row;
    cellsFound.dureeCell = row.querySelector('td[data-label="Durée"]');
    cellsFound.modeCell = row.querySelector('td[data-label^="Modalit"]');
    return;
  }
  let first: Element | null = null;
  let nameCell: Element | null = null;
  let dureeCell: Element | null = null;
  let modeCell: Element | null = null;
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
    if (!isCell(cell)) continue;
    first ??= cell;
    if (!nameCell && hasNameClass(cell)) nameCell = cell;
    else if (!dureeCell || !modeCell) {
      const label = cell.getAttribute('data-label');
      if (!dureeCell && label === 'Durée') dureeCell = cell;
      else if (!modeCell && label?.startsWith('Modalit')) modeCell = cell;
    }
  }
  cellsFound.nameCell = nameCell ?? first ?? row;
  cellsFound.dureeCell = dureeCell;
  cellsFound.modeCell = modeCell;
}

function actionPage(doc: Document, url: URL): Sighting[] {
  const h1 = first(doc, 'h1');
  const label = labelOf(h1);
  const ids: Record<string, unknown> = {
    uai: attempt(() => uaiOfPage(doc)),
    af: onisepId(doc, 'AF', 'action', label)?.id,
    ens: onisepId(doc, 'ENS', null)?.id,
    duree: attempt(() => pageDuree(doc)),
  };
  const forId = onisepId(doc, 'FOR', 'formation', label);
  if (forId) ids.for = forId.id;
  else {
    // A link to the formation's own page gives its slug; the action URL ends with the same slug.
    const formationLink = all(doc, 'a[href*="/univers-formation/formations/"]')
      .map((a) => pathSegments(a.getAttribute('href') ?? '', url))
      .find(isFormationPath);
    ids.slug = (formationLink?.[4] ?? slugOf(url.href))?.toLowerCase();
  }
  // No UAI nor action id: the establishment as the page names it, and the mode, for the background to
  // match against the Idéo structures and actions as it does an establishment page's rows.
  const place = ids.uai || ids.af ? undefined : attempt(() => placeOfPage(doc, etablissementOfAction(doc, url)));
  const voie = place ? attempt(() => voieOfPage(doc)) : undefined;
  const confidence: Confidence = ids.af || (ids.uai && ids.for) ? 'high' : ids.for || ids.uai || place ? 'medium' : 'low';
  const native = attempt(() => nativeBlock(doc));
  const s = makeSighting('onisep', 'action', ids, {
    anchor: native?.anchor ?? headingAnchor(h1),
    label,
    confidence,
    ...(native ? { native: native.native } : {}),
    ...(place ? { place } : {}),
    ...(voie ? { voie } : {}),
  });
  return s ? [s] : [];
}

/** An action page's establishment: the text of a link to its page (the action URL less its last segment). */
function etablissementOfAction(doc: Document, url: URL): string | undefined {
  const own = pathSegments(url.href).slice(0, 5).join('/').toLowerCase();
  for (const a of all(doc, 'a[href*="structures-enseignement/"]')) {
    const segs = pathSegments(a.getAttribute('href') ?? '', url);
    const name = isStructurePath(segs) && segs.length === 5 && segs.join('/').toLowerCase() === own ? labelOf(a) : undefined;
    if (name) return name;
  }
  return undefined;
}

/** The mode a page states (`Modalité : apprentissage`, `Statut : scolaire`), as a route. */
function voieOfPage(doc: Document): ReturnType<typeof voieOfText> {
  // The value runs to the next colon (glued cells: `publicModalité : apprentissage`); the search goes on from the label.
  const re = /(?:Modalit[ée]s?(?:\s+de\s+scolarit[ée])?|Statut)\s*:\s*/gi;
  const text = leadingText(doc, 5000);
  while (re.exec(text)) {
    const voie = voieOfText(text.slice(re.lastIndex, re.lastIndex + 40).split(':')[0]!);
    if (voie) return voie;
  }
  return undefined;
}

/** The content script's match patterns (kept apart so the URL check alone can import them). */
export const ONISEP_MATCHES = ['https://www.onisep.fr/*', 'https://explorer-avenirs.onisep.fr/*'];

export const onisep: SiteAdapter = {
  name: 'onisep',
  matches: ONISEP_MATCHES,
  detect: (url) => detectWith(detectors, url),
  extract(doc, url) {
    const page = attempt(() => detectWith(detectors, url));
    if (!page) return [];
    const redirect = lowerPath(url).startsWith('/http/redirection/');
    return (
      attempt(() => {
        if (redirect && page !== 'liste' && page !== 'liste-item' && page !== 'offre') return fromRedirectUrl(url, page);
        if (page === 'formation') return formationPage(doc, url);
        if (page === 'etablissement') return etablissementPage(doc, url);
        if (page === 'action') return actionPage(doc, url);
        return [];
      }) ?? []
    );
  },
};
