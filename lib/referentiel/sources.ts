// The open-data sources the build reads: where they sit in a source folder (the layout of
// ../shared/data), where they are downloaded from, their licence and their parser.
//
// Accepted file names (paths relative to the source folder, case-insensitive):
//   bcn/n_mef.csv, bcn/n_formation_diplome.csv, bcn/v_formation_diplome.csv,
//   bcn/n_niveau_formation_diplome.csv, bcn/n_groupe_formation.csv, bcn/n_lien_formation_groupe.csv,
//   bcn/familles_metiers_2nde_commune.csv, geo/departements_academies_regions.csv,
//   onisep/certif_info.csv,
//   onisep/*605340ddc19a9*.{json,csv}  Idéo actions de formation, univers lycée
//   onisep/*5fa591127f501*.{json,csv}  Idéo formations initiales en France
//   onisep/*5fa5816ac6a6e*.{json,csv}  Idéo structures d'enseignement secondaire
//   onisep/*6152ccdf850ef*.{json,csv}  Onisep table de passage
//   parcoursup/*cartographie_formations_parcoursup*.{json,csv}
//   depp/etablissements-<yyyy>_<yyyy>-{pro,apprentissage}.csv  (one file per millésime and voie)
// BCN files may also be named after their table, upper case (N_MEF.csv…), and use `|`.

export type SourceId =
  | 'n_mef'
  | 'n_formation_diplome'
  | 'v_formation_diplome'
  | 'niveaux'
  | 'groupes'
  | 'liens_groupe'
  | 'familles'
  | 'geo'
  | 'certif_info'
  | 'ideo_actions'
  | 'ideo_formations'
  | 'ideo_structures'
  | 'table_de_passage'
  | 'parcoursup'
  | 'depp';

export interface SourceSpec {
  id: SourceId;
  name: string;
  /** Matched against the path relative to the source folder, with `/` separators. */
  pattern: RegExp;
  /** Where the download step stores it in the cache folder (a name `pattern` matches). */
  cacheFile?: string;
  /** Official download. Absent when no stable URL serves this exact format: place the file by hand. */
  url?: string;
  licence: string;
  /** Onisep and Parcoursup CSVs quote fields; BCN and DEPP exports never do. */
  quoted: boolean;
  /** Several files (DEPP: one per millésime and voie). */
  many?: boolean;
}

const ETALAB = 'Licence Ouverte / Etalab 2.0';
const ODBL = 'ODbL';
const bcn = (table: string) => `https://bcn.depp.education.fr/bcn/index.php/export/CSV?n=${table}&separator=%7C`;
const onisep = (id: string) => `https://api.opendata.onisep.fr/downloads/${id}/${id}.json`;

export const SOURCES: SourceSpec[] = [
  { id: 'n_mef', name: 'BCN N_MEF', pattern: /^bcn\/n_mef\.csv$/i, cacheFile: 'bcn/n_mef.csv', url: bcn('N_MEF'), licence: ETALAB, quoted: false },
  {
    id: 'n_formation_diplome',
    name: 'BCN N_FORMATION_DIPLOME',
    pattern: /^bcn\/n_formation_diplome\.csv$/i,
    cacheFile: 'bcn/n_formation_diplome.csv',
    url: bcn('N_FORMATION_DIPLOME'),
    licence: ETALAB,
    quoted: false,
  },
  {
    id: 'v_formation_diplome',
    name: 'BCN V_FORMATION_DIPLOME',
    pattern: /^bcn\/v_formation_diplome\.csv$/i,
    cacheFile: 'bcn/v_formation_diplome.csv',
    url: bcn('V_FORMATION_DIPLOME'),
    licence: ETALAB,
    quoted: false,
  },
  {
    id: 'niveaux',
    name: 'BCN N_NIVEAU_FORMATION_DIPLOME',
    pattern: /^bcn\/n_niveau_formation_diplome\.csv$/i,
    cacheFile: 'bcn/n_niveau_formation_diplome.csv',
    url: bcn('N_NIVEAU_FORMATION_DIPLOME'),
    licence: ETALAB,
    quoted: false,
  },
  {
    id: 'groupes',
    name: 'BCN N_GROUPE_FORMATION',
    pattern: /^bcn\/n_groupe_formation\.csv$/i,
    cacheFile: 'bcn/n_groupe_formation.csv',
    url: bcn('N_GROUPE_FORMATION'),
    licence: ETALAB,
    quoted: false,
  },
  {
    id: 'liens_groupe',
    name: 'BCN N_LIEN_FORMATION_GROUPE',
    pattern: /^bcn\/n_lien_formation_groupe\.csv$/i,
    cacheFile: 'bcn/n_lien_formation_groupe.csv',
    url: bcn('N_LIEN_FORMATION_GROUPE'),
    licence: ETALAB,
    quoted: false,
  },
  { id: 'familles', name: 'Familles de métiers (2de commune)', pattern: /^bcn\/familles_metiers_2nde_commune\.csv$/i, licence: ETALAB, quoted: false },
  {
    id: 'geo',
    name: 'Départements, académies, régions',
    pattern: /^geo\/departements_academies_regions\.csv$/i,
    cacheFile: 'geo/departements_academies_regions.csv',
    url: 'https://raw.githubusercontent.com/mission-apprentissage/tjp-pilotage/main/server/public/files/departements_academies_regions.csv',
    licence: ETALAB,
    quoted: false,
  },
  { id: 'certif_info', name: 'Certif Info', pattern: /^onisep\/certif_?info[^/]*\.csv$/i, licence: ODBL, quoted: false },
  {
    id: 'ideo_actions',
    name: 'Onisep Idéo actions de formation (univers lycée)',
    pattern: /^onisep\/[^/]*605340ddc19a9[^/]*\.(json|csv)$/i,
    cacheFile: 'onisep/605340ddc19a9.json',
    url: onisep('605340ddc19a9'),
    licence: ODBL,
    quoted: true,
  },
  {
    id: 'ideo_formations',
    name: 'Onisep Idéo formations initiales',
    pattern: /^onisep\/[^/]*5fa591127f501[^/]*\.(json|csv)$/i,
    cacheFile: 'onisep/5fa591127f501.json',
    url: onisep('5fa591127f501'),
    licence: ODBL,
    quoted: true,
  },
  {
    id: 'ideo_structures',
    name: 'Onisep Idéo structures d’enseignement secondaire',
    pattern: /^onisep\/[^/]*5fa5816ac6a6e[^/]*\.(json|csv)$/i,
    cacheFile: 'onisep/5fa5816ac6a6e.json',
    url: onisep('5fa5816ac6a6e'),
    licence: ODBL,
    quoted: true,
  },
  {
    id: 'table_de_passage',
    name: 'Onisep table de passage',
    pattern: /^onisep\/[^/]*6152ccdf850ef[^/]*\.(json|csv)$/i,
    cacheFile: 'onisep/6152ccdf850ef.json',
    url: onisep('6152ccdf850ef'),
    licence: ODBL,
    quoted: true,
  },
  {
    id: 'parcoursup',
    name: 'Parcoursup cartographie des formations',
    pattern: /^parcoursup\/[^/]*cartographie_formations_parcoursup[^/]*\.(json|csv)$/i,
    cacheFile: 'parcoursup/fr-esr-cartographie_formations_parcoursup.json',
    url: 'https://data.enseignementsup-recherche.gouv.fr/api/explore/v2.1/catalog/datasets/fr-esr-cartographie_formations_parcoursup/exports/json',
    licence: ETALAB,
    quoted: true,
  },
  {
    id: 'depp',
    name: 'DEPP InserJeunes par établissement',
    pattern: /^depp\/etablissements-(\d{4}_\d{4})-(pro|apprentissage)\.csv$/i,
    licence: ETALAB,
    quoted: false,
    many: true,
  },
];
