// Realistic reports, one per state the UI renders, following test/fixtures/SCENARIO.md.
// Used by the component tests and by the lead's screenshots; figures are invented, codes are real.
import type { Cell, Cells, EtablissementInfo, Figures, ProgrammeReport, Report } from '../lib/types';
import { licences } from '../lib/strings';
import type { SourceInfo } from './state';

const none = (reason: Extract<Cell, { state: 'none' }>['reason']): Cell => ({ state: 'none', reason });

function figures(f: Partial<Figures> & Pick<Figures, 'millesime' | 'nbAnneeTerm'>, e: number, s: number, a: number): Figures {
  return { tauxEnEmploi6Mois: e, tauxEnFormation: s, tauxAutres6Mois: a, ...f };
}

const withFigures = (f: Figures, sansPerspectives = false): Cell => ({ state: 'figures', figures: f, sansPerspectives });

function cells(partial: { [S in keyof Cells]?: Partial<Cells[S]> }, fill: Cell = none('voie-absente')): Cells {
  return {
    etablissement: { scolaire: fill, apprentissage: fill, ...partial.etablissement },
    region: { scolaire: fill, apprentissage: fill, ...partial.region },
    france: { scolaire: fill, apprentissage: fill, ...partial.france },
  };
}

const AURA = { code: '84', nom: 'Auvergne-Rhône-Alpes' };
const BAC_PRO = { code: '400', nom: 'BAC PRO' };

export const canuts: EtablissementInfo = {
  uai: '0693045K',
  libelle: 'Lycée professionnel Les Canuts',
  commune: 'Lyon',
  departement: { code: '069', nom: 'Rhône' },
  academie: { code: '10', nom: 'Lyon' },
  region: AURA,
  valeurAjoutee: [{ voie: 'scolaire', millesime: '2022_2023', taux: 40, tauxAttendu: 36, valeurAjoutee: 4 }],
};

const nationalSecuriteScolaire = figures(
  {
    millesime: '2024',
    nbAnneeTerm: 9870,
    tauxEnEmploi12Mois: 47,
    tauxEnEmploi18Mois: 52,
    tauxEnEmploi24Mois: 56,
    salaire12MoisQ1: 1310,
    salaire12MoisQ2: 1520,
    salaire12MoisQ3: 1740,
  },
  41,
  40,
  19,
);

/** Bac pro Métiers de la sécurité at Les Canuts: establishment, region and France, both voies where they exist. */
export const securiteCanuts: ProgrammeReport = {
  key: '0693045K|40034403|23830034403',
  libelle: 'Métiers de la sécurité',
  diplome: BAC_PRO,
  cfd: '40034403',
  mefstat11: '23830034403',
  etablissement: canuts,
  region: AURA,
  cells: cells({
    etablissement: {
      scolaire: withFigures(figures({ millesime: '2023_2024', nbAnneeTerm: 48, nbEnEmploi6Mois: 18, tauxEnEmploi12Mois: 44 }, 38, 41, 21)),
      apprentissage: none('formation-inconnue'),
    },
    region: {
      scolaire: withFigures(figures({ millesime: '2023_2024', nbAnneeTerm: 1260 }, 35, 44, 21)),
      apprentissage: withFigures(figures({ millesime: '2023_2024', nbAnneeTerm: 214 }, 61, 18, 21)),
    },
    france: {
      scolaire: withFigures(nationalSecuriteScolaire),
      apprentissage: withFigures(
        figures({ millesime: '2024', nbAnneeTerm: 1630, tauxEnEmploi12Mois: 68, salaire12MoisQ1: 1420, salaire12MoisQ2: 1610, salaire12MoisQ3: 1820 }, 63, 17, 20),
      ),
    },
  }),
};

export const fullReport: Report = {
  sighting: { site: 'onisep', page: 'action', ids: { af: 'AF.5678', for: 'FOR.3651', uai: '0693045K' }, label: 'Bac pro Métiers de la sécurité' },
  etablissement: canuts,
  programmes: [securiteCanuts],
  fetchedAt: Date.UTC(2026, 0, 15),
};

/** CAP in a small establishment of Ain: 12 students, under the secrecy threshold. */
export const secretReport: Report = {
  sighting: { site: 'onisep', page: 'action', ids: { for: 'FOR.4088', uai: '0010001W' } },
  etablissement: { uai: '0010001W', libelle: 'Lycée professionnel du Bugey', commune: 'Belley', region: AURA },
  programmes: [
    {
      key: '0010001W|50031114|23220031114',
      libelle: "Agent d'accueil et de conduite routière, transport de voyageurs",
      diplome: { code: '500', nom: 'CAP' },
      cfd: '50031114',
      mefstat11: '23220031114',
      region: AURA,
      etablissement: { uai: '0010001W', libelle: 'Lycée professionnel du Bugey', commune: 'Belley', region: AURA },
      cells: cells({
        etablissement: { scolaire: { state: 'secret', millesime: '2023_2024', nbAnneeTerm: 12 }, apprentissage: none('formation-inconnue') },
        region: { scolaire: none('pas-de-donnees'), apprentissage: none('pas-de-donnees') },
        france: {
          // Not in the mock API's data set: illustrative national figures.
          scolaire: withFigures(figures({ millesime: '2024', nbAnneeTerm: 640 }, 52, 30, 18)),
          apprentissage: withFigures(figures({ millesime: '2024', nbAnneeTerm: 210 }, 70, 12, 18)),
        },
      }),
    },
  ],
};

/** A valid but unknown UAI: no establishment figures, national ones only. */
export const unknownEtablissementReport: Report = {
  sighting: { site: 'affelnet', page: 'offre', ids: { uai: '0751234J', mefstat11: '23830034403' } },
  programmes: [
    {
      key: '0751234J|40034403|23830034403',
      libelle: 'Métiers de la sécurité',
      diplome: BAC_PRO,
      cfd: '40034403',
      mefstat11: '23830034403',
      etablissement: { uai: '0751234J' },
      cells: cells({
        etablissement: { scolaire: none('etablissement-inconnu'), apprentissage: none('etablissement-inconnu') },
        region: { scolaire: none('pas-de-region'), apprentissage: none('pas-de-region') },
        france: {
          scolaire: withFigures(nationalSecuriteScolaire),
          apprentissage: { state: 'none', reason: 'pas-de-donnees-millesime', millesimesDisponibles: ['2022'] },
        },
      }),
    },
  ],
};

/** The service could not be reached: every cell in error, each with a retry. */
export const errorReport: Report = {
  sighting: { site: 'parcoursup', page: 'formation', ids: { gta: '4321' } },
  programmes: [
    {
      key: '|32033107|32221033107',
      libelle: 'Opticien-lunetier',
      diplome: { code: '320', nom: 'BTS' },
      cfd: '32033107',
      mefstat11: '32221033107',
      cells: cells({
        etablissement: { scolaire: { state: 'error', error: 'timeout' }, apprentissage: { state: 'error', error: 'timeout' } },
        region: { scolaire: { state: 'error', error: 'network' }, apprentissage: { state: 'error', error: 'network' } },
        france: { scolaire: { state: 'error', error: 'server', status: 500 }, apprentissage: { state: 'error', error: 'rate-limit', status: 503 } },
      }),
    },
  ],
};

/** A lookup still running. */
export const loadingReport: Report = {
  sighting: { site: 'onisep', page: 'formation', ids: { for: 'FOR.578' } },
  programmes: [
    {
      key: '|32033107|32221033107',
      libelle: 'Opticien-lunetier',
      diplome: { code: '320', nom: 'BTS' },
      cells: cells({}, { state: 'loading' }),
    },
  ],
};

/** A page whose identifiers match nothing in the referentiel. */
export const unresolvedReport: Report = {
  sighting: { site: 'onisep', page: 'formation', ids: { slug: 'formation-inventee' } },
  programmes: [],
  problem: 'hors-referentiel',
};

/** Travaux publics, borrowing the figures of the diploma it replaced (BCN: 40023102 replaces 40023101). */
export const continuumProgramme: ProgrammeReport = {
  key: '|40023102|23830023102',
  libelle: 'Travaux publics',
  diplome: BAC_PRO,
  cfd: '40023102',
  mefstat11: '23830023102',
  continuum: { type: 'ancienne', codeCertification: '40023101', libelle: 'Travaux publics (ancien diplôme)' },
  cells: cells({
    etablissement: { scolaire: none('pas-d-etablissement'), apprentissage: none('pas-d-etablissement') },
    region: { scolaire: none('pas-de-region'), apprentissage: none('pas-de-region') },
    france: {
      scolaire: {
        state: 'figures',
        figures: figures({ millesime: '2024', nbAnneeTerm: 2140, tauxEnEmploi12Mois: 55, tauxEnEmploi24Mois: 64 }, 47, 36, 17),
        donneeSource: { codeCertification: '23830023101', type: 'ancienne' },
        sansPerspectives: false,
      },
      apprentissage: withFigures(figures({ millesime: '2024', nbAnneeTerm: 880 }, 71, 14, 15)),
    },
  }),
};

/** A specialty with weak outcomes (employment 22 %, further study 35 %): "sans perspectives". */
export const sansPerspectivesProgramme: ProgrammeReport = {
  key: '|40023304|23830023304',
  libelle: 'Aménagement et finitions du bâtiment',
  diplome: BAC_PRO,
  cfd: '40023304',
  mefstat11: '23830023304',
  cells: cells({
    etablissement: { scolaire: none('pas-d-etablissement'), apprentissage: none('pas-d-etablissement') },
    region: { scolaire: none('pas-de-region'), apprentissage: none('pas-de-region') },
    france: { scolaire: withFigures(figures({ millesime: '2024', nbAnneeTerm: 1320 }, 22, 35, 43), true) },
  }),
};

/** The common 2de of the construction famille de métiers: one row per specialty. */
export const familleReport: Report = {
  sighting: { site: 'affelnet', page: 'offre', ids: { mefstat11: '23810020006' } },
  programmes: [
    {
      key: '|40020006|23810020006',
      libelle: '2de professionnelle Métiers de la construction durable, du bâtiment et des travaux publics',
      diplome: BAC_PRO,
      cfd: '40020006',
      mefstat11: '23810020006',
      cells: cells(
        {
          france: { scolaire: withFigures(figures({ millesime: '2024', nbAnneeTerm: 3460 }, 44, 37, 19)) },
        },
        none('pas-d-etablissement'),
      ),
      famille: {
        code: '06',
        libelle: 'Métiers de la construction durable, du bâtiment et des travaux publics',
        specialites: [continuumProgramme, sansPerspectivesProgramme],
      },
    },
  ],
};

export const continuumReport: Report = {
  sighting: { site: 'onisep', page: 'formation', ids: { cfd: '40023102' } },
  programmes: [continuumProgramme],
};

export const sansPerspectivesReport: Report = {
  sighting: { site: 'onisep', page: 'formation', ids: { cfd: '40023304' } },
  programmes: [sansPerspectivesProgramme],
};

/** Sources as the referentiel build would date them. */
export const demoSources: SourceInfo[] = [
  { name: 'InserJeunes (DEPP, DARES)', date: '2025', licence: licences.ouverte },
  { name: 'BCN', date: 'mai 2025', licence: licences.ouverte },
  { name: 'DEPP, valeur ajoutée des lycées', date: '2024', licence: licences.ouverte },
  { name: 'Onisep Idéo', date: 'octobre 2024', licence: licences.odbl },
  { name: 'Certif Info', date: 'octobre 2024', licence: licences.odbl },
];
