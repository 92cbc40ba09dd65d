// Generated list pages with many rows, for the hostile-input tests and the extraction benchmark.

export const ONISEP_FORMATION = 'https://www.onisep.fr/ressources/univers-formation/formations/lycees/bac-pro-metiers-de-la-securite';
export const ONISEP_ETAB = 'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-professionnel-les-canuts';
export const PSUP_CARTE = 'https://dossierappel.parcoursup.fr/Candidat/carte';
export const AFFELNET_LISTE = 'https://affectation3e.phm.education.gouv.fr/pna-public/consultation/liste-offres';

const repeat = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i + 1)).join('');

/** A whole document, as the sites send theirs: with a doctype (without one, Chromium parses in quirks mode, which real pages are not in). */
const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/** One page per list kind the adapters read, each with `rows` rows, and the URL it is detected at. */
export function generateBigLists(rows: number): Record<string, { url: string; html: string }> {
  return {
    'onisep "Où se former"': {
      url: ONISEP_FORMATION,
      html: page(
        'Bac pro - Onisep',
        `<main><div data-ideo-page="true" data-context-params='{"formation":3651}'><h1>Bac pro</h1><table><tbody>${repeat(
        rows,
        (i) =>
          `<tr><td data-label="Établissement"><a href="/http/redirection/formation/slug/AF.${i}">Lycée ${i}</a></td><td data-label="Commune">Ville</td><td data-label="Code postal">69000</td></tr>`,
        )}</tbody></table></div></main>`,
      ),
    },
    'onisep establishment formations': {
      url: ONISEP_ETAB,
      html: page(
        'Lycée - Onisep',
        `<main><h1>Lycée</h1><p class="callout-text">Code UAI : 0693045K</p><div id="formations"><div class="search-ui-result-inner"><table><tbody>${repeat(
        rows,
        (i) =>
          `<tr class="search-ui-tr-item"><td class="search-ui-td-name"><a href="/http/redirection/formation/slug/FOR.${i}">Formation ${i}</a></td><td data-label="Durée">2 ans</td></tr>`,
        )}</tbody></table></div></div></main>`,
      ),
    },
    'parcoursup cards': {
      url: PSUP_CARTE,
      html: page(
        'Parcoursup',
        `<main><div id="courses-cards">${repeat(
        rows,
        (i) =>
          `<div class="fr-card"><a href="/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=${i}"><span class="psup-search-results-card__course-name">BTS ${i}</span></a><span class="psup-search-results-card__school-name">Lycée ${i}</span></div>`,
        )}</div></main>`,
      ),
    },
    'affelnet offers': {
      url: AFFELNET_LISTE,
      html: page(
        'Affelnet',
        `<main><table><tbody>${repeat(
        rows,
        (i) =>
          `<tr><td><a href="/pna-public/offre/A10/${String(i).padStart(8, '0')}">2de pro ${i}</a></td><td>UAI : 0693045K · MEF : 2473440331</td></tr>`,
        )}</tbody></table></main>`,
      ),
    },
  };
}
