// Generated list pages whose rows vary in every way the row extractors branch on (links of each kind,
// missing cells, classes among others, whitespace, nested markup, rows of several kinds, hostile
// values), deterministic for a given seed. The golden-output test and the A/B timing read them, so a
// faster extractor is checked against the old one on more than the uniform rows of big-lists.ts.
import fc from 'fast-check';
import { AFFELNET_LISTE, ONISEP_ETAB, ONISEP_FORMATION, PSUP_CARTE } from './big-lists';

/** Numbers in [0, 1) drawn by fast-check from `seed` (unbiased): the same seed gives the same page. */
function random(seed: number, count: number): () => number {
  const pool = fc.sample(fc.noBias(fc.integer({ min: 0, max: 2 ** 30 - 1 })), { seed, numRuns: count });
  let i = 0;
  return () => pool[i++ % pool.length]! / 2 ** 30;
}

const page = (body: string, quirks = false) =>
  `${quirks ? '' : '<!DOCTYPE html>'}<html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

/** Names with the whitespace pages write: NBSP, runs, tabs, line breaks, leading and trailing blanks. */
const NAMES = ['Lycée Les Canuts', ' Lycée\u00a0du Parc ', 'Lycée  Jean\tMoulin', '\n  CFA\u202fBTP\n', 'Lycée <b>X</b>', 'Lycée<br>Pro', 'Lycée <span class="s">Y</span> Z', '', 'A&amp;B, Lyon (69)', '<span>Lycée</span><span>Sans espace</span>'];

export function generateVariedLists(rows: number, seed = 1): Record<string, { url: string; html: string }> {
  // Each list draws at most about 20 numbers a row; the pool wraps around if ever short.
  const r = random(seed, rows * 40);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const n = () => 1 + Math.floor(r() * 99_999);
  const lines = (row: () => string) => Array.from({ length: rows }, row).join('');

  const whereToLearn = () => {
    const link = pick([
      () => `<a href="/http/redirection/formation/slug/AF.${n()}">${pick(NAMES)}</a>`,
      () => `<a href="https://explorer-avenirs.onisep.fr/http/redirection/etablissement/slug/ENS.${n()}">${pick(NAMES)}</a>`,
      () => `<a href="/http/redirection/formation/slug/FOR.${n()}">${pick(NAMES)}</a>`,
      () => `<a href="/HTTP/REDIRECTION/formation/slug/AF.${n()}">${pick(NAMES)}</a>`,
      () => `<a href="/ressources/structures-enseignement/r/d/lycee-${n()}">${pick(NAMES)}</a>`,
      () => `<a href="/ressources/structures-enseignement/r/d/lycee-${n()}/bac-pro">${pick(NAMES)}</a>`,
      () => `<a href="/ressources/structures-enseignement/r/d">${pick(NAMES)}</a>`,
      () => `<a>${pick(NAMES)}</a>`,
      () => pick(NAMES),
    ])();
    const postcode = pick(['69004', ' 69 004 ', '6900', '01000', '', 'x']);
    const commune = `<td data-label="Commune">${pick(NAMES)}</td>`;
    const cells = `<td data-label="Établissement">${link}</td>${r() < 0.9 ? commune : ''}${r() < 0.8 ? `<td data-label="Code postal">${postcode}</td>` : ''}`;
    return r() < 0.05 ? `<tr>${cells}${commune}</tr>` : `<tr>${cells}</tr>`;
  };

  const formationRow = () => {
    const href = pick([
      () => `/http/redirection/formation/slug/FOR.${n()}`,
      () => `/http/redirection/formation/slug/AF.${n()}`,
      () => `/http/redirection/etablissement/slug/ENS.${n()}`,
      () => `/ressources/univers-formation/formations/lycees/bac-pro-${n()}`,
      () => `/ressources/structures-enseignement/r/d/e/cap-${n()}`,
      () => `/ressources/univers-formation/formations`,
      () => `http://[::1`,
      () => '',
    ])();
    const nameClass = pick(['search-ui-td-name', 'x search-ui-td-name', 'search-ui-td-name-long', 'search-ui-td-names x', '', 'search-ui-td-name\ty']);
    const link = r() < 0.9 ? `<a href="${href}">${pick(NAMES)}</a>` : `<a>${pick(NAMES)}</a>`;
    const cells = [
      `<td class="${nameClass}">${link}</td>`,
      r() < 0.8 ? `<td data-label="Durée">${pick(['2 ans', '3\u00a0ans', '1 an', '10 ans', 'deux ans', ''])}</td>` : '',
      r() < 0.6 ? `<td data-label="${pick(['Modalités', 'Modalité', 'Statut'])}">${pick(['Apprentissage', 'temps plein', 'Statut scolaire', 'contrat de professionnalisation', 'Public'])}</td>` : '',
      r() < 0.2 ? `<th>${pick(NAMES)}</th>` : '',
    ];
    if (r() < 0.3) cells.reverse();
    return `<tr class="${pick(['search-ui-tr-item', 'search-ui-tr-item x', 'other'])}">${cells.join('')}</tr>`;
  };

  const card = () => {
    const gta = pick([String(n()), '0', 'abc', `${n()}&typeBac=0`, `${n()}#x`]);
    const link = r() < 0.9 ? `<a href="/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=${gta}">` : '<a href="/Candidats/public/fiches/autre">';
    const course = r() < 0.85 ? `<span class="${pick(['psup-search-results-card__course-name', 'x psup-search-results-card__course-name'])}">${pick(NAMES)}</span>` : '';
    const school = r() < 0.85 ? `<span class="psup-search-results-card__school-name">${pick(NAMES)}</span>` : '';
    const inner = pick([`${link}${course}</a>${school}`, `<h3>${link}${course}</a></h3><p>${school} · Lyon</p>`, `${school}${link}${course}</a>`, `<div>${course}</div>${link}x</a>`]);
    return `<div class="${pick(['fr-card', 'fr-card fr-enlarge-link', 'FR-CARD', 'fr-cards'])}">${inner}</div>`;
  };

  const offer = () => {
    const code = `${n()}`.padStart(8, '0');
    const href = pick([`/pna-public/offre/A10/${code}`, `/pna-public/offre/a2/${code}/`, `/PNA-PUBLIC/OFFRE/A10/${code}?x=1`, `/pna-public/offre/X10/${code}`, `/pna-public/offre/A10/${code}#top`]);
    const codes = pick([
      'UAI : 0693045K · MEF : 2473440331',
      'UAI\u00a0: 0693045K MEFSTAT11 : 23830034403',
      'Code MEF 10 : 2473440331',
      'MEF102473440331',
      'UAI : 0693045A',
      'Lyon 4eUAI : 0010001W',
      'mef : 24734403311 uai:0693045K',
      '',
    ]);
    const onisep = r() < 0.15 ? `<a href="https://www.onisep.fr/http/redirection/formation/slug/FOR.${n()}">fiche</a>` : '';
    const link = `<a href="${href}">${pick(NAMES)}</a>`;
    const cells = `<td>${link}${r() < 0.1 ? link : ''}</td><td>${codes}${onisep}</td>`;
    return pick([`<tr>${cells}</tr>`, `<tr>${cells}</tr>`, `<li>${link} ${codes}${onisep}</li>`, `<div class="fr-card">${link}<p>${codes}</p></div>`, `<p>${link} ${codes}</p>`]);
  };

  return {
    'onisep "Où se former" (varied)': {
      url: ONISEP_FORMATION,
      html: page(`<main><div data-ideo-page="true" data-context-params='{"formation":3651}'><h1>Bac pro</h1><table><tbody>${lines(whereToLearn)}</tbody></table></div></main>`),
    },
    'onisep "Où se former" by slug (varied)': {
      url: ONISEP_FORMATION,
      html: page(`<main><h1>Bac pro</h1><table><tbody>${lines(whereToLearn)}</tbody></table></main>`),
    },
    'onisep establishment formations (varied)': {
      url: ONISEP_ETAB,
      html: page(`<main><h1>Lycée</h1><p class="callout-text">Code UAI : 0693045K</p><div id="formations"><table><tbody>${lines(formationRow)}</tbody></table></div></main>`),
    },
    'onisep establishment formations without UAI (varied)': {
      url: ONISEP_ETAB,
      html: page(`<main><h1>Lycée Sans Code</h1><address>2 rue Ney, 69004 Lyon</address><div id="formations"><table><tbody>${lines(formationRow)}</tbody></table></div></main>`),
    },
    'onisep establishment formations, quirks mode (varied)': {
      url: ONISEP_ETAB,
      html: page(`<main><h1>Lycée</h1><p class="callout-text">Code UAI : 0693045K</p><div id="formations"><table><tbody>${lines(formationRow)}</tbody></table></div></main>`, true),
    },
    'parcoursup cards (varied)': {
      url: PSUP_CARTE,
      html: page(`<main><div id="courses-cards">${lines(card)}</div></main>`),
    },
    'parcoursup cards, quirks mode (varied)': {
      url: PSUP_CARTE,
      html: page(`<main><div id="courses-cards">${lines(card)}</div></main>`, true),
    },
    'parcoursup links without cards (varied)': {
      url: PSUP_CARTE,
      html: page(`<main><ul>${lines(() => `<li>${card()}</li>`).replace(/fr-card/g, 'carte')}</ul></main>`),
    },
    'affelnet offers (varied)': {
      url: AFFELNET_LISTE,
      html: page(`<main><table><tbody>${lines(offer)}</tbody></table><ul>${lines(offer)}</ul></main>`),
    },
    'affelnet offers, quirks mode (varied)': {
      url: AFFELNET_LISTE,
      html: page(`<main><table><tbody>${lines(offer)}</tbody></table></main>`, true),
    },
  };
}
