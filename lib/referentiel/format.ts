// The versioned index the build makes and the lookup reads: tables of tuples (ReferentielIndex), and
// how each is written in the shipped file (PackedIndex, public/referentiel.json): column by column,
// strings and UAIs stored once in shared tables and referred to by integers, each table a string of
// its own that is only parsed when a lookup first needs it (pack-index.ts, unpack-index.ts).
// Shared by the Node build and the background: no Node or browser API here.

export const INDEX_VERSION = 2;

/** One open-data source that went into the index. */
export interface SourceInfo {
  /** Human name, e.g. `BCN N_MEF`. */
  name: string;
  /** File path relative to the source folder. */
  file: string;
  /** Date of the data (latest date found in it, or the file's date), `YYYY-MM-DD`, or a millésime. */
  date: string;
  licence: string;
  rows: number;
}

/** CFD, label, closing date (`YYYYMMDD`, empty when open-ended), ANCIEN_DIPLOME_n and NOUVEAU_DIPLOME_n (space-separated). */
export type FormationRow = [cfd: string, libelle: string, fermeture: string, ancien: string, nouveau: string];
/** MEF10, CFD, DUREE_DISPOSITIF, ANNEE_DISPOSITIF, MEF_STAT_11, closing date (`YYYYMMDD` or empty). */
export type MefRow = [mef10: string, cfd: string, duree: number, annee: number, mefstat11: string, fermeture: string];
/** Onisep FOR number, label, CFDs (space-separated), lengths in years Idéo gives (space-separated, empty when unknown), RNCP codes (space-separated). */
export type ProgrammeRow = [forId: number, libelle: string, cfds: string, durees: string, rncp: string];
/** RNCP number → CFDs (space-separated). */
export type RncpRow = [rncp: number, cfds: string];
/**
 * Onisep AF number, FOR number, UAI, length in years (0 when unknown), ENS number (0 when unknown),
 * mode (`a` apprenticeship, `s` school route, `` unknown; from `af_modalites_scolarite`).
 */
export type ActionRow = [afId: number, forId: number, uai: string, duree: number, ensId: number, mode?: ActionMode];
export type ActionMode = 'a' | 's' | '';
/** Onisep ENS number → UAI. */
export type EnsRow = [ensId: number, uai: string];
/** Parcoursup g_ta_cod → UAI, label. */
export type GtaRow = [gta: number, uai: string, libelle: string];
/** UAI, name, commune (may be empty). */
export type EtablissementRow = [uai: string, libelle: string, commune: string];
/** Common 2de CFD, its MEFSTAT11, famille label, BCN group code (may be empty), specialties as [CFD, final-year MEFSTAT11, label]. */
export type FamilleRow = [cfd: string, mefstat11: string, libelle: string, code: string, specialites: [string, string, string][]];
/**
 * Where an Onisep action is taught and how (Idéo actions): AF number, latitude and longitude in
 * hundred-thousandths of a degree (integers), postcode, route (`s` school, `a` apprenticeship, `sa` both, `` unknown).
 */
export type LieuRow = [afId: number, lat: number, lon: number, codePostal: string, mode: '' | 's' | 'a' | 'sa'];
/** CFD → NSF specialty group (BCN N_FORMATION_DIPLOME `GROUPE_SPECIALITE`, e.g. `344`). */
export type NsfRow = [cfd: string, nsf: string];
/** Département code (`001`, `02A`, `971`), its name, académie code and name, région code and name. */
export type GeoRow = [dep: string, depNom: string, aca: string, acaNom: string, reg: string, regNom: string];
/** UAI, voie (`s` scolaire, `a` apprentissage), millésime index, rate, expected rate, valeur ajoutée (null when not given). */
export type VaRow = [uai: string, voie: 's' | 'a', millesime: number, taux: number | null, attendu: number | null, va: number | null];

/** What both forms of the index carry as they are. */
export interface IndexHeader {
  version: typeof INDEX_VERSION;
  builtAt: string;
  /** Fingerprint of the source files (paths, sizes, mtimes): lets `build --auto` skip an up-to-date rebuild. */
  stamp: string;
  sources: SourceInfo[];
  /** Sources that were looked for and not found. */
  missing: string[];
  /** Diploma level (first 3 CFD characters) → short label (`CAP`, `BAC PRO`…). */
  niveaux: Record<string, string>;
}

export interface ReferentielIndex extends IndexHeader {
  formations: FormationRow[];
  mefs: MefRow[];
  programmes: ProgrammeRow[];
  rncp: RncpRow[];
  actions: ActionRow[];
  ens: EnsRow[];
  gta: GtaRow[];
  etablissements: EtablissementRow[];
  familles: FamilleRow[];
  geo: GeoRow[];
  millesimes: string[];
  va: VaRow[];
  /** Optional (indexes built before them lack them): places and routes of actions, NSF groups. */
  lieux?: LieuRow[];
  nsf?: NsfRow[];
}

/** How one column is written in the shipped file. */
export type Codec =
  /** Integers (or null), written as they are or as differences from the previous one, whichever is shorter. */
  | 'int'
  /** Any JSON value, as it is. */
  | 'json'
  /** A string, written once in the shared string table and referred to by its position there. */
  | 'text'
  /** A UAI (or ``), referred to by its position in the shared, sorted UAI table. */
  | 'uai'
  /** A code (CFD, MEF, date…): digits of the column's usual width as integers, anything else as it is. */
  | 'code';

export interface TablePacking {
  columns: Codec[];
  /** Groups of columns whose distinct value combinations are written once and referred to by position. */
  dicts?: number[][];
}

export const PACKING = {
  formations: { columns: ['code', 'text', 'code', 'text', 'text'] },
  mefs: { columns: ['code', 'code', 'int', 'int', 'code', 'code'] },
  programmes: { columns: ['int', 'text', 'text', 'text', 'text'] },
  rncp: { columns: ['int', 'text'] },
  actions: { columns: ['int', 'int', 'uai', 'int', 'int', 'text'], dicts: [[1, 3], [2, 4]] },
  ens: { columns: ['int', 'uai'] },
  gta: { columns: ['int', 'uai', 'text'] },
  etablissements: { columns: ['uai', 'text', 'text'] },
  familles: { columns: ['json'] },
  geo: { columns: ['json'] },
  millesimes: { columns: ['json'] },
  va: { columns: ['uai', 'text', 'int', 'int', 'int', 'int'] },
  lieux: { columns: ['int', 'int', 'int', 'code', 'text'], dicts: [[1, 2, 3]] },
  nsf: { columns: ['code', 'code'] },
} as const satisfies Record<string, TablePacking>;

export type PackedTableName = keyof typeof PACKING;

/**
 * The shipped file. `tables` holds each table as a text of space-separated sections (see
 * pack-index.ts); `strings` is the shared string table, joined by `|` (or a JSON array when a string
 * holds one); `uais` the shared UAI table, packed as a `code` column.
 */
export interface PackedIndex extends IndexHeader {
  strings: string | string[];
  uais: string;
  tables: Partial<Record<PackedTableName, string>>;
}

export const TABLES = [
  'formations',
  'mefs',
  'programmes',
  'rncp',
  'actions',
  'ens',
  'gta',
  'etablissements',
  'familles',
  'geo',
  'millesimes',
  'va',
] as const satisfies readonly (keyof ReferentielIndex)[];

export function emptyIndex(): ReferentielIndex {
  return {
    version: INDEX_VERSION,
    builtAt: new Date().toISOString(),
    stamp: '',
    sources: [],
    missing: [],
    niveaux: {},
    formations: [],
    mefs: [],
    programmes: [],
    rncp: [],
    actions: [],
    ens: [],
    gta: [],
    etablissements: [],
    familles: [],
    geo: [],
    millesimes: [],
    va: [],
  };
}
