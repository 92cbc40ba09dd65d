// The counsellor's page: an Onisep establishment page listing 40 programmes at UAI 0693045K, and a mock
// data set that extends the shared one with invented figures for those programmes. Both are generated
// at run time from the referentiel the bench ships (real data when present): nothing here is committed
// data, and the figures are made up from the row number.
import type { Referentiel } from '../../lib/referentiel/open-referentiel';
import { dataset as base, type CertificationInfo, type MockDataset, type StatFigures } from '../mock-api/dataset';
import { median, round, spread } from './check';

export const FORTY_UAI = '0693045K';
export const FORTY_URL =
  'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes/rhone/lycee-professionnel-les-canuts-quarante-formations';

export interface FortyRow {
  for: string;
  libelle: string;
  duree?: number;
  /** The codes the background will ask about, as lib/build-report.ts derives them (first CFD of the programme). */
  cfd: string;
  mefstat11: string;
}

/**
 * Up to `count` programmes the referentiel resolves to one CFD with a final-year MEFSTAT11 and no
 * famille de métiers, in index order (deterministic).
 */
export function pickProgrammes(ref: Referentiel, count = 40): FortyRow[] {
  const rows: FortyRow[] = [];
  for (const id of ref.keys().fors) {
    if (rows.length >= count) break;
    const p = ref.programme(id);
    if (!p || p.cfd.length !== 1) continue;
    const cfd = p.cfd[0]!;
    if (ref.famille(cfd)) continue;
    const duree = p.durees.length === 1 ? p.durees[0] : undefined;
    const final = ref.finalYear(cfd, duree);
    const mefstat11 = final.mefstat11[0];
    if (!mefstat11 || final.ambiguous) continue;
    rows.push({ for: p.for, libelle: p.libelle, cfd, mefstat11, ...(duree ? { duree } : {}) });
  }
  return rows;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The page, in the markup of the Onisep establishment fixtures (test/fixtures/pages/onisep/etablissement.html;
 * the mode column as etablissement-sans-uai.html gives it: `td[data-label="Modalité"]`, "temps plein").
 */
export function fortyPage(rows: FortyRow[]): string {
  const trs = rows
    .map(
      (r) =>
        `<tr class="search-ui-tr-item"><td class="search-ui-td-name" data-label="Formation"><a href="/http/redirection/formation/slug/${r.for}">${escape(r.libelle)}</a></td>` +
        `<td data-label="Durée">${r.duree ? `${r.duree}&nbsp;an${r.duree > 1 ? 's' : ''}` : ''}</td><td data-label="Modalité">temps plein</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Lycée professionnel Les Canuts - Onisep</title></head>
<body>
<main id="main"><div data-ideo-page="true">
<div class="title-block"><h1 class="title-block__title">Lycée professionnel Les Canuts</h1></div>
<div class="callout"><p class="callout-text">Code UAI&nbsp;:&nbsp;${FORTY_UAI}</p></div>
<section id="formations"><h2>Formations dispensées</h2>
<div class="search-ui-result-inner"><table class="search-ui-table">
<thead><tr><th>Formation</th><th>Durée</th><th>Modalité</th></tr></thead>
<tbody>
${trs}
</tbody></table></div></section>
</div></main>
</body></html>`;
}

/** One load of the page (measureForty in browser.ts). */
export interface FortySample {
  /** DOMContentLoaded → every row's badge past loading (figures or the reason there are none); null if not within 15 s. */
  completeMs: number | null;
  firstFiguresMs: number | null;
  requests: number;
  distinctRequests: number;
  badgesWithFigures: number;
}

/** The runs of the page, and their medians. */
export interface FortyMeasure {
  rows: number;
  runs: number;
  /**
   * Median over the runs of `completeMs`, with its interquartile range; null when a run did not
   * complete (a badge that never settles is a fault, not noise), `incomplete` saying how many.
   */
  completeMs: number | null;
  spread: number | null;
  incomplete: number;
  firstFiguresMs: number | null;
  /** Medians over the runs (each run asks everything again: its cache was cleared). */
  requests: number | null;
  distinctRequests: number | null;
  /** The fewest badges with figures of any run. */
  badgesWithFigures: number | null;
  samples: FortySample[];
}

export function summarizeForty(rows: number, samples: FortySample[]): FortyMeasure {
  const complete = samples.flatMap((s) => (s.completeMs === null ? [] : [s.completeMs]));
  const incomplete = samples.length - complete.length;
  const figures = samples.flatMap((s) => (s.firstFiguresMs === null ? [] : [s.firstFiguresMs]));
  return {
    rows,
    runs: samples.length,
    completeMs: incomplete ? null : round(median(complete)),
    spread: incomplete ? null : round(spread(complete)),
    incomplete,
    firstFiguresMs: round(median(figures)),
    requests: median(samples.map((s) => s.requests)),
    distinctRequests: median(samples.map((s) => s.distinctRequests)),
    badgesWithFigures: samples.length ? Math.min(...samples.map((s) => s.badgesWithFigures)) : null,
    samples,
  };
}

/** Invented figures for row `i`: 25 to 84 students, rates adding up to 100. */
function figures(i: number): StatFigures {
  const nb = 25 + ((i * 7) % 60);
  const emploi = 20 + ((i * 13) % 50);
  const formation = 10 + ((i * 11) % (90 - emploi - 10));
  return {
    nb_annee_term: nb,
    nb_poursuite_etudes: Math.round((formation * nb) / 100),
    nb_en_emploi_6_mois: Math.round((emploi * nb) / 100),
    nb_sortant: nb - Math.round((formation * nb) / 100),
    taux_en_emploi_6_mois: emploi,
    taux_en_formation: formation,
    taux_autres_6_mois: 100 - emploi - formation,
  };
}

/** The shared mock data set plus establishment, regional and national figures for every row. */
export function fortyDataset(rows: FortyRow[], ref: Referentiel): MockDataset {
  const { national: NAT, etablissement: ETAB } = base.latestMillesime;
  const ds: MockDataset = {
    ...base,
    certifications: [...base.certifications],
    regionales: [...base.regionales],
    formations: [...base.formations],
  };
  const known = new Set([...base.certifications, ...base.bcn].map((c) => c.code_certification));
  rows.forEach((r, i) => {
    if (known.has(r.mefstat11) || known.has(r.cfd)) return; // the scenario's own figures stay as they are
    const f = ref.formation(r.cfd);
    const info: CertificationInfo = {
      code_certification: r.mefstat11,
      code_certification_type: 'mef11',
      code_formation_diplome: r.cfd,
      libelle: f?.libelle ?? r.libelle,
      filiere: 'pro',
      diplome: { code: f?.diplome?.code ?? r.cfd.slice(0, 3), libelle: f?.diplome?.nom ?? 'DIPLOME' },
    };
    const apprentissage: CertificationInfo = { ...info, code_certification: r.cfd, code_certification_type: 'cfd', filiere: 'apprentissage' };
    ds.certifications.push({ ...info, millesime: NAT, ...figures(i) }, { ...apprentissage, millesime: NAT, ...figures(i + 100) });
    ds.regionales.push({ ...info, region: '84', millesime: ETAB, ...figures(i + 200) });
    ds.formations.push({ ...info, uai: FORTY_UAI, millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(i + 300) });
  });
  return ds;
}

/** A formation page for one row, at its own URL: each run of the latency measure asks about a programme not yet cached. */
export function formationPage(row: FortyRow, n: number): { url: string; html: string } {
  const id = Number(row.for.replace(/^FOR\./, ''));
  return {
    url: `https://www.onisep.fr/ressources/univers-formation/formations/lycees/formation-du-banc-${n}`,
    html: `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escape(row.libelle)} - Onisep</title></head>
<body><main id="main"><div data-ideo-page="true" data-context-params='{"formation":${id},"region":null}'>
<div class="title-block"><h1 class="title-block__title">${escape(row.libelle)}</h1></div>
<div class="callout"><ul class="callout-list"><li><span class="callout-label">Durée de la formation :</span> <strong>${row.duree ?? 2} ans</strong></li></ul></div>
<section id="presentation"><h2>Présentation</h2><p>Une formation professionnelle.</p></section>
</div></main></body></html>`,
  };
}

/**
 * Pages of the supported sites the content scripts run on but must leave alone. Their bodies carry
 * identifiers an extractor would pick up if it ran (FOR, UAI, g_ta_cod, an offer link).
 */
export const NON_MATCHING_PAGES: { url: string; what: string; html: string }[] = [
  {
    url: 'https://www.onisep.fr/',
    what: 'Onisep, accueil',
    html: `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Onisep</title></head><body><main><h1>Onisep</h1>
<p><a href="/http/redirection/formation/slug/FOR.3651">Bac pro Métiers de la sécurité</a> · Code UAI&nbsp;:&nbsp;0693045K</p></main></body></html>`,
  },
  {
    url: 'https://www.onisep.fr/ressources/univers-metier/metiers/agent-agente-de-securite',
    what: 'Onisep, fiche métier',
    html: `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Agent de sécurité</title></head><body><main>
<div data-ideo-page="true" data-context-params='{"metier":123}'><div class="title-block"><h1 class="title-block__title">Agent / agente de sécurité</h1></div>
<p>Accès : <a href="/http/redirection/formation/slug/FOR.3651">bac pro Métiers de la sécurité</a>.</p></div></main></body></html>`,
  },
  {
    url: 'https://dossierappel.parcoursup.fr/Candidats/public/fiches/autre',
    what: 'Parcoursup, autre fiche',
    html: `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Parcoursup</title></head><body><main><h1>Fiche</h1>
<a href="/Candidats/public/fiches/afficherFicheFormation?g_ta_cod=4321">BTS Opticien lunetier</a></main></body></html>`,
  },
  {
    url: 'https://affectation3e.phm.education.gouv.fr/pna-public/aide',
    what: 'Affelnet, aide',
    html: `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Affelnet</title></head><body><main><h1>Aide</h1>
<table><tr><td><a href="/pna-public/offre/A10/00812165">2de pro</a></td><td>UAI : 0693045K · MEF : 2473440331</td></tr></table></main></body></html>`,
  },
];
