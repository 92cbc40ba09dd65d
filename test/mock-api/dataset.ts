// The mock InserJeunes API's fixture data set: typed rows shaped like the API's stored figures,
// following test/fixtures/SCENARIO.md (codes are real BCN codes, figures are invented).
// Rows hold raw figures; the server applies the secrecy rule, the millésime logic and the
// first-year / common-2de redirections itself, generically.

export type Filiere = 'pro' | 'apprentissage' | 'agricole' | 'superieur';
export type CodeCertificationType = 'cfd' | 'mef11' | 'sise';

export interface CodeLibelle {
  code: string;
  libelle: string;
}

export interface CodeNom {
  code: string;
  nom: string;
}

/** What the BCN says about a code: the part of a response that does not depend on figures. */
export interface CertificationInfo {
  code_certification: string;
  code_certification_type: CodeCertificationType;
  code_formation_diplome: string;
  libelle: string;
  libelle_ancien?: string;
  filiere: Filiere;
  diplome: CodeLibelle;
  formation_fermee?: boolean;
  date_fermeture?: string;
}

/**
 * Stored figures. Rates are absent when the API cannot compute them (swagger.yml: "absent si l'on ne
 * peut pas les calculer"), and a row may even lack `nb_annee_term`
 * (server/tests/jobs/stats/importCertificationsStats-test.js stores such rows).
 */
export interface StatFigures {
  nb_annee_term?: number;
  nb_sortant?: number;
  nb_poursuite_etudes?: number;
  nb_en_emploi_6_mois?: number;
  nb_en_emploi_12_mois?: number;
  nb_en_emploi_18_mois?: number;
  nb_en_emploi_24_mois?: number;
  taux_en_emploi_6_mois?: number;
  taux_en_formation?: number;
  taux_autres_6_mois?: number;
  taux_en_emploi_12_mois?: number;
  taux_en_emploi_18_mois?: number;
  taux_en_emploi_24_mois?: number;
  taux_autres_12_mois?: number;
  taux_autres_18_mois?: number;
  taux_autres_24_mois?: number;
  taux_rupture_contrats?: number;
}

export interface DonneeSource {
  code_certification: string;
  type: 'self' | 'ancienne' | 'nouvelle';
}

export interface StatRecord extends CertificationInfo, StatFigures {
  millesime: string;
  /** Defaults to `{code_certification, type: 'self'}`. */
  donnee_source?: DonneeSource;
}

export interface NationalStat extends StatRecord {
  salaire_12_mois_q1?: number;
  salaire_12_mois_q2?: number;
  salaire_12_mois_q3?: number;
}

export interface RegionalStat extends StatRecord {
  /** INSEE region code. */
  region: string;
}

export interface FormationStat extends StatRecord {
  uai: string;
  /** The UAI the figures were measured at, when not `uai` (its gestionnaire or formateur). */
  uai_donnee?: string;
  uai_donnee_type?: 'lieu_formation' | 'formateur' | 'gestionnaire' | 'inconnu';
}

export interface Etablissement {
  uai: string;
  libelle: string;
  region: CodeNom;
  academie: CodeNom;
  uai_type?: 'lieu_formation' | 'formateur' | 'gestionnaire' | 'inconnu';
}

/** A first/second-year code, or a common first year of a famille de métiers. */
export interface NonTerminalYear extends CertificationInfo {
  certificationsTerminales: string[];
  familleMetier?: { code: string; libelle: string; isAnneeCommune: boolean };
}

export interface MockDataset {
  /** The default millésime of each scope, used when a request names none. */
  latestMillesime: { national: string; etablissement: string; regional: string };
  certifications: NationalStat[];
  regionales: RegionalStat[];
  formations: FormationStat[];
  etablissements: Etablissement[];
  /** Codes known to the BCN that have no figures of their own. */
  bcn: CertificationInfo[];
  anneesNonTerminales: NonTerminalYear[];
}

// ------------------------------------------------------------------ helpers

const BAC_PRO: CodeLibelle = { code: '4', libelle: 'BAC PRO' };
// diplome.code is the diploma's level (server/tests/http/*Routes-test.js): CAP 3, bac pro 4, BTS 5.
const BTS: CodeLibelle = { code: '5', libelle: 'BTS' };
const CAP: CodeLibelle = { code: '3', libelle: 'CAP' };
const BAC_PRO_AG: CodeLibelle = { code: '4', libelle: 'BAC PRO AG' };

const rate = (n: number, total: number): number => Math.round((100 * n) / total);

/**
 * Figures from counts: rates over `nb_annee_term`, the three 6-month rates adding up to 100.
 * `rates` overrides the computed 6-month rates where the scenario fixes them directly.
 */
function figures(
  nb: number,
  emploi6: number,
  poursuite: number,
  extra: Partial<StatFigures> = {},
  rates?: [emploi: number, formation: number, autres: number],
): StatFigures {
  const emploi = rates?.[0] ?? rate(emploi6, nb);
  const formation = rates?.[1] ?? rate(poursuite, nb);
  const base: StatFigures = {
    nb_annee_term: nb,
    nb_sortant: nb - poursuite,
    nb_poursuite_etudes: poursuite,
    nb_en_emploi_6_mois: emploi6,
    taux_en_emploi_6_mois: emploi,
    taux_en_formation: formation,
    taux_autres_6_mois: rates?.[2] ?? Math.max(0, 100 - emploi - formation),
  };
  if (extra.nb_en_emploi_12_mois !== undefined) {
    base.taux_en_emploi_12_mois = rate(extra.nb_en_emploi_12_mois, nb);
    base.taux_autres_12_mois = Math.max(0, 100 - base.taux_en_emploi_12_mois - formation);
  }
  return { ...base, ...extra };
}

// ------------------------------------------------------------------ BCN

const securiteMef: CertificationInfo = {
  code_certification: '23830034403',
  code_certification_type: 'mef11',
  code_formation_diplome: '40034403',
  libelle: 'METIERS DE LA SECURITE (BAC PRO)',
  filiere: 'pro',
  diplome: BAC_PRO,
};
const securiteCfd: CertificationInfo = {
  ...securiteMef,
  code_certification: '40034403',
  code_certification_type: 'cfd',
  filiere: 'apprentissage',
};
const opticien2ans: CertificationInfo = {
  code_certification: '32221033107',
  code_certification_type: 'mef11',
  code_formation_diplome: '32033107',
  libelle: 'OPTICIEN LUNETIER (BTS)',
  filiere: 'pro',
  diplome: BTS,
};
const opticien1an: CertificationInfo = { ...opticien2ans, code_certification: '32111033107' };
const opticienCfd: CertificationInfo = {
  ...opticien2ans,
  code_certification: '32033107',
  code_certification_type: 'cfd',
  filiere: 'apprentissage',
};
const accueilMef: CertificationInfo = {
  code_certification: '23220031114',
  code_certification_type: 'mef11',
  code_formation_diplome: '50031114',
  libelle: "AGENT D'ACCUEIL ET DE CONDUITE ROUTIERE - TRANSPORT DE VOYAGEURS (CAP)",
  filiere: 'pro',
  diplome: CAP,
};
const accueilCfd: CertificationInfo = {
  ...accueilMef,
  code_certification: '50031114',
  code_certification_type: 'cfd',
  filiere: 'apprentissage',
};
const travauxPublicsMef: CertificationInfo = {
  code_certification: '23830023102',
  code_certification_type: 'mef11',
  code_formation_diplome: '40023102',
  libelle: 'TRAVAUX PUBLICS (BAC PRO)',
  filiere: 'pro',
  diplome: BAC_PRO,
};
const travauxPublicsCfd: CertificationInfo = {
  ...travauxPublicsMef,
  code_certification: '40023102',
  code_certification_type: 'cfd',
  filiere: 'apprentissage',
};
const couvertureMef: CertificationInfo = {
  code_certification: '23830023207',
  code_certification_type: 'mef11',
  code_formation_diplome: '40023207',
  libelle: 'INTERVENTIONS SUR LE PATRIMOINE BATI OPTION C COUVERTURE (BAC PRO)',
  filiere: 'pro',
  diplome: BAC_PRO,
};
const charpenteMef: CertificationInfo = {
  code_certification: '23830023206',
  code_certification_type: 'mef11',
  code_formation_diplome: '40023206',
  libelle: 'INTERVENTIONS SUR LE PATRIMOINE BATI, OPTION B CHARPENTE (BAC PRO)',
  filiere: 'pro',
  diplome: BAC_PRO,
};
const charpenteCfd: CertificationInfo = {
  ...charpenteMef,
  code_certification: '40023206',
  code_certification_type: 'cfd',
  filiere: 'apprentissage',
};
// A renamed diploma (BCN: 40025412 has ANCIEN_DIPLOME_1 = 40025408).
const carrosserieAncien: CertificationInfo = {
  code_certification: '40025408',
  code_certification_type: 'cfd',
  code_formation_diplome: '40025408',
  libelle: 'REPARATION DES CARROSSERIES (BAC PRO)',
  filiere: 'apprentissage',
  diplome: BAC_PRO,
  formation_fermee: false,
  date_fermeture: '2026-08-31',
};
const carrosserieNouveau: CertificationInfo = {
  code_certification: '40025412',
  code_certification_type: 'cfd',
  code_formation_diplome: '40025412',
  libelle: 'CARROSSIER PEINTRE AUTOMOBILE (BAC PRO)',
  libelle_ancien: 'REPARATION DES CARROSSERIES (BAC PRO)',
  filiere: 'apprentissage',
  diplome: BAC_PRO,
};
// Known to the BCN, figures nowhere: the predecessor of the bac pro Métiers de la sécurité.
const securiteAncienCfd: CertificationInfo = {
  code_certification: '40034402',
  code_certification_type: 'cfd',
  code_formation_diplome: '40034402',
  libelle: 'SECURITE PREVENTION (BAC PRO)',
  filiere: 'apprentissage',
  diplome: BAC_PRO,
  formation_fermee: true,
};

// An agricultural programme (MAP DGER): its school figures are filed under filière "agricole", which
// the filières view does not aggregate (server/src/common/repositories/base.js).
const cgeaMef: CertificationInfo = {
  code_certification: '23831021004',
  code_certification_type: 'mef11',
  code_formation_diplome: '40321004',
  libelle: "CONDUITE ET GESTION DE L'ENTREPRISE AGRICOLE (BAC PRO AG)",
  filiere: 'agricole',
  diplome: BAC_PRO_AG,
};

const FAMILLE_CONSTRUCTION = {
  code: '002',
  libelle: 'Métiers de la construction durable, du bâtiment et des travaux publics',
  isAnneeCommune: true,
};

// ------------------------------------------------------------------ places

const ARA: CodeNom = { code: '84', nom: 'Auvergne-Rhône-Alpes' };
const LYON: CodeNom = { code: '10', nom: 'Lyon' };

const NAT = '2024';
const ETAB = '2023_2024';
const ETAB_OLD = '2022_2023';

export const dataset: MockDataset = {
  latestMillesime: { national: NAT, etablissement: ETAB, regional: ETAB },

  certifications: [
    {
      ...securiteMef,
      millesime: NAT,
      ...figures(1000, 410, 400, { nb_en_emploi_12_mois: 480 }),
      salaire_12_mois_q1: 1350,
      salaire_12_mois_q2: 1520,
      salaire_12_mois_q3: 1700,
    },
    { ...securiteMef, millesime: '2023', ...figures(950, 380, 390) },
    {
      ...securiteCfd,
      millesime: NAT,
      ...figures(500, 315, 85, { nb_en_emploi_12_mois: 340, taux_rupture_contrats: 24 }),
      salaire_12_mois_q1: 1400,
      salaire_12_mois_q2: 1600,
      salaire_12_mois_q3: 1780,
    },
    // BTS opticien: the two school lengths sum to pro 45 / 38 / 17 in the filières view.
    { ...opticien2ans, millesime: NAT, ...figures(160, 72, 61) },
    { ...opticien1an, millesime: NAT, ...figures(40, 18, 15) },
    { ...opticienCfd, millesime: NAT, ...figures(250, 180, 30, { taux_rupture_contrats: 18 }) },
    { ...accueilMef, millesime: NAT, ...figures(800, 360, 200) },
    // Apprenticeship figures only for an older millésime.
    { ...accueilCfd, millesime: '2023', ...figures(120, 70, 20, { taux_rupture_contrats: 31 }) },
    { ...travauxPublicsMef, millesime: NAT, ...figures(600, 330, 180) },
    { ...travauxPublicsCfd, millesime: NAT, ...figures(300, 210, 45, { taux_rupture_contrats: 20 }) },
    // "Sans perspectives": employment 22 %, further study 35 %.
    { ...charpenteMef, millesime: NAT, ...figures(200, 44, 70) },
    { ...charpenteCfd, millesime: NAT, ...figures(150, 90, 30, { taux_rupture_contrats: 27 }) },
    { ...carrosserieAncien, millesime: NAT, ...figures(300, 195, 45, { taux_rupture_contrats: 22 }) },
    {
      ...carrosserieNouveau,
      millesime: NAT,
      ...figures(300, 195, 45, { taux_rupture_contrats: 22 }),
      donnee_source: { code_certification: '40025408', type: 'ancienne' },
    },
    {
      ...cgeaMef,
      millesime: NAT,
      ...figures(900, 450, 270, { nb_en_emploi_12_mois: 520 }),
      salaire_12_mois_q1: 1300,
      salaire_12_mois_q2: 1480,
      salaire_12_mois_q3: 1650,
    },
  ],

  regionales: [
    { ...securiteMef, region: '84', millesime: ETAB, ...figures(400, 140, 176) },
    { ...securiteMef, region: '84', millesime: ETAB_OLD, ...figures(380, 125, 170) },
    { ...securiteCfd, region: '84', millesime: ETAB, ...figures(200, 122, 36, { taux_rupture_contrats: 26 }) },
    { ...opticien2ans, region: '84', millesime: ETAB, ...figures(50, 25, 15) },
    { ...accueilMef, region: '84', millesime: ETAB, ...figures(15, 8, 4) },
    // Under 5 students: as if there were no row.
    { ...accueilCfd, region: '84', millesime: ETAB, ...figures(4, 3, 1) },
    { ...travauxPublicsMef, region: '84', millesime: ETAB, ...figures(120, 66, 36) },
    { ...charpenteMef, region: '84', millesime: ETAB, ...figures(30, 6, 12) },
  ],

  formations: [
    {
      ...securiteMef,
      uai: '0693045K',
      millesime: ETAB,
      uai_donnee_type: 'lieu_formation',
      ...figures(48, 18, 20, {}, [38, 41, 21]),
    },
    { ...securiteMef, uai: '0693045K', millesime: ETAB_OLD, uai_donnee_type: 'lieu_formation', ...figures(45, 16, 18) },
    // Only an older millésime in this establishment.
    { ...opticien2ans, uai: '0693045K', millesime: ETAB_OLD, uai_donnee_type: 'lieu_formation', ...figures(24, 12, 8) },
    { ...travauxPublicsMef, uai: '0693045K', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(24, 13, 7) },
    // "Better nearby" (SCENARIO.md): a weak bac pro at Villeurbanne and the same programme around it.
    { ...securiteMef, uai: '0692001A', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(40, 9, 14, {}, [22, 35, 43]) },
    { ...securiteMef, uai: '0692002B', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(40, 18, 13, {}, [45, 32, 23]) },
    { ...securiteMef, uai: '0692003C', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(30, 5, 9, {}, [18, 30, 52]) },
    { ...securiteMef, uai: '0692004D', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(35, 14, 7, {}, [40, 20, 40]) },
    { ...securiteMef, uai: '0692005E', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(12, 6, 3) },
    { ...securiteCfd, uai: '0692006F', millesime: ETAB, uai_donnee_type: 'formateur', ...figures(40, 22, 13, {}, [55, 33, 12]) },
    { ...securiteMef, uai: '0011002J', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(50, 35, 18, {}, [70, 36, 0]) },
    { ...travauxPublicsMef, uai: '0692002B', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(30, 15, 12, {}, [50, 40, 10]) },
    // Same famille de métiers: a weak couverture at Villeurbanne; Travaux publics better at Vénissieux, worse at Bron.
    { ...couvertureMef, uai: '0692001A', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(25, 5, 7, {}, [20, 28, 52]) },
    { ...travauxPublicsMef, uai: '0692003C', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(24, 4, 6, {}, [15, 25, 60]) },
    // 12 students: served with secrecy nulls.
    { ...accueilMef, uai: '0010001W', millesime: ETAB, uai_donnee_type: 'lieu_formation', ...figures(12, 6, 3) },
    // 3 students: no data at all.
    { ...accueilCfd, uai: '0010001W', millesime: ETAB, uai_donnee_type: 'formateur', ...figures(3, 2, 1) },
    // Partial rates: further study and 12-month employment, no 6-month employment (so no 6-month
    // rates either), a single-year millésime (server/tests/http/formationsRoutes-test.js).
    {
      ...securiteMef,
      uai: '0690100J',
      millesime: '2024',
      uai_donnee_type: 'lieu_formation',
      nb_annee_term: 60,
      nb_poursuite_etudes: 21,
      nb_en_emploi_12_mois: 24,
      taux_en_formation: 35,
      taux_en_emploi_12_mois: 40,
      taux_autres_12_mois: 25,
    },
    // A row with neither nb_annee_term nor any rate: no figures, not an error.
    { ...securiteCfd, uai: '0690100J', millesime: ETAB, uai_donnee_type: 'lieu_formation' },
    // Figures measured at the gestionnaire's UAI (server/src/common/stats.js, display rule 4).
    {
      ...securiteMef,
      uai: '0690101K',
      uai_donnee: '0690102L',
      millesime: ETAB,
      uai_donnee_type: 'gestionnaire',
      ...figures(80, 36, 28),
    },
  ],

  etablissements: [
    { uai: '0693045K', libelle: 'Lycée professionnel Les Canuts', region: ARA, academie: LYON, uai_type: 'lieu_formation' },
    { uai: '0010001W', libelle: 'Lycée professionnel du Bugey', region: ARA, academie: LYON, uai_type: 'lieu_formation' },
    { uai: '0690100J', libelle: 'Lycée professionnel de la Saône', region: ARA, academie: LYON, uai_type: 'lieu_formation' },
    { uai: '0690101K', libelle: 'Antenne de formation des Monts', region: ARA, academie: LYON, uai_type: 'lieu_formation' },
    ...(
      [
        ['0692001A', 'Lycée professionnel Rive Gauche'],
        ['0692002B', 'Lycée professionnel Jean Lurçat'],
        ['0692003C', 'Lycée professionnel Pierre Mendès'],
        ['0692004D', 'Lycée professionnel des Monts'],
        ['0692005E', 'Lycée professionnel du Val'],
        ['0692006F', 'CFA des métiers de la sécurité'],
        ['0011002J', "Lycée professionnel de la Plaine de l'Ain"],
      ] as const
    ).map(([uai, libelle]): Etablissement => ({ uai, libelle, region: ARA, academie: LYON, uai_type: 'lieu_formation' })),
  ],

  bcn: [securiteAncienCfd],

  anneesNonTerminales: [
    {
      ...securiteMef,
      code_certification: '23810034403',
      libelle: '2NDPRO METIERS DE LA SECURITE',
      certificationsTerminales: ['23830034403'],
    },
    {
      code_certification: '23810020006',
      code_certification_type: 'mef11',
      code_formation_diplome: '40020006',
      libelle: '2NDPRO MET.CON.DUR.BAT.&TRA.PUB.2NDE COM',
      filiere: 'pro',
      diplome: BAC_PRO,
      familleMetier: FAMILLE_CONSTRUCTION,
      certificationsTerminales: ['23830023102', '23830023206'],
    },
    {
      code_certification: '40020006',
      code_certification_type: 'cfd',
      code_formation_diplome: '40020006',
      libelle: 'METIERS DE LA CONSTRUCTION DURABLE DU BATIMENT ET DES TRAVAUX PUBLICS 2NDE COMMUNE (BAC PRO)',
      filiere: 'apprentissage',
      diplome: BAC_PRO,
      familleMetier: FAMILLE_CONSTRUCTION,
      certificationsTerminales: ['40023102', '40023206'],
    },
  ],
};

/** Paths (relative to the base URL) that show each behaviour of the data set; printed by the CLI. */
export const EXAMPLE_PATHS: { path: string; what: string }[] = [
  { path: '/formations/0693045K-MEFSTAT11:23830034403', what: 'établissement, voie scolaire (48 élèves)' },
  { path: '/formations/0693045K-CFD:40034403', what: '404 Formation inconnue' },
  { path: '/formations/0693045K-23810034403', what: '2de pro → année terminale 23830034403' },
  { path: '/formations/0693045K-32221033107', what: '404 Pas de données pour le millésime (2022_2023 seulement)' },
  { path: '/formations/0010001W-MEFSTAT11:23220031114', what: 'secret statistique (12 élèves)' },
  { path: '/formations/0751234J-23830034403', what: '404 Etablissement inconnu' },
  { path: '/regionales/84/certifications/23830034403', what: 'région Auvergne-Rhône-Alpes' },
  { path: '/regionales/69001/certifications/40034403', what: 'région par code postal, apprentissage' },
  { path: '/regionales/11/certifications/23830034403', what: '404 Pas de données disponibles' },
  { path: '/certifications/23830034403', what: 'national, salaires' },
  { path: '/certifications/23830034403,40034403?vue=filieres', what: 'filières pro / apprentissage' },
  { path: '/certifications/32221033107|32033107', what: 'filières BTS opticien' },
  { path: '/certifications/23810020006', what: '2de commune → certificationsTerminales' },
  { path: '/certifications/40025412', what: 'donnee_source ancienne (40025408)' },
  { path: '/certifications/50031114', what: '404 Pas de données pour le millésime (2023 seulement)' },
  { path: '/certifications/99999999', what: '404 Certification inconnue' },
  { path: '/certifications/23831021004', what: 'bac pro agricole (filière agricole)' },
  { path: '/certifications/23831021004?vue=filieres', what: '404 Certifications inconnues (agricole non agrégée)' },
  { path: '/formations/0690100J-23830034403', what: 'taux partiels (pas de taux à 6 mois), millésime 2024' },
  { path: '/formations/0690100J-CFD:40034403', what: 'ni effectif ni taux' },
  { path: '/formations/0690101K-23830034403', what: 'données du gestionnaire (_meta.messages)' },
  { path: '/certifications/23830034403.svg', what: 'image SVG' },
];
