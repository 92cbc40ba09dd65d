// The domain's shared shapes: what a page shows (sightings) and what the background answers (reports).
// Plain data only: everything here crosses the messaging boundary.

export type SiteName = 'onisep' | 'parcoursup' | 'affelnet';
/** Where a sighting comes from: a site's page, or the popup's search box. */
export type SightingSource = SiteName | 'recherche';

/** The kind of page, or of page part, a sighting comes from. */
export type PageKind = 'formation' | 'etablissement' | 'action' | 'offre' | 'liste-item';

/** Identifiers seen in a page; each one already validated by the adapter that found it. */
export interface SightingIds {
  /** Onisep formation id, `FOR.<n>`. */
  for?: string;
  /** Onisep action id (a formation in an establishment), `AF.<n>`. */
  af?: string;
  /** Onisep establishment id, `ENS.<n>`. */
  ens?: string;
  /** Establishment UAI, `^[0-9]{7}[A-Z]$` with a valid check letter. */
  uai?: string;
  /** BCN diploma code, 8 characters `[0-9A-Z]`. */
  cfd?: string;
  /** BCN MEF, 10 characters. */
  mef?: string;
  /** MEFSTAT11, 11 characters `[0-9A-Z]`. */
  mefstat11?: string;
  /** Parcoursup `g_ta_cod`. */
  gta?: string;
  /** Affelnet offer, `A<académie>/<offer code>`. */
  offre?: string;
  /** A page slug to be matched against referentiel labels when no id is present. */
  slug?: string;
  /** Programme length in years when the page says it (`3 ans` → 3). */
  duree?: number;
  /** Further Onisep formations of the same page (a Parcoursup double licence links two): one line each. */
  fors?: string[];
}

/** An establishment as a page names it when it shows no id: matched against the open data. */
export interface SightingPlace {
  /** The establishment's name as the page shows it. */
  etablissement?: string;
  commune?: string;
  /** Five digits. */
  codePostal?: string;
}

/** The site's own InserJeunes (or InserSup) figures block next to which the panel is placed. */
export type NativeBlock = 'inserjeunes' | 'insersup';

export type Confidence = 'high' | 'medium' | 'low';

/** What one adapter saw in one place of a page. `anchor` never leaves the content script. */
export interface Sighting {
  site: SightingSource;
  page: PageKind;
  ids: SightingIds;
  /** Element next to which a panel (or a badge, for `liste-item`) is mounted. */
  anchor?: Element;
  /** Human label of the programme or establishment as the page shows it (plain text). */
  label?: string;
  confidence?: Confidence;
  /** The establishment's name and place, when the page gives no UAI (see SightingPlace). */
  place?: SightingPlace;
  /** The route a row names (`apprentissage` → the apprenticeship figures first). */
  voie?: Voie;
  /** The site already shows its own InserJeunes figures here. */
  native?: NativeBlock;
}

/** A sighting as sent over messaging: no DOM reference. */
export type SightingData = Omit<Sighting, 'anchor'>;

// ---------------------------------------------------------------- reports

export type Voie = 'scolaire' | 'apprentissage';
export type Scope = 'etablissement' | 'region' | 'france';

/** Display and lookup order: the most local first. */
export const SCOPES: readonly Scope[] = ['etablissement', 'region', 'france'];
export const VOIES: readonly Voie[] = ['scolaire', 'apprentissage'];

/**
 * Figures of one cell. Rates are integer percentages over `nbAnneeTerm`, as the API gives them; a
 * rate the API could not compute is null (it is absent from the answer), never 0.
 */
export interface Figures {
  millesime: string;
  nbAnneeTerm: number;
  nbSortant?: number | null;
  nbPoursuiteEtudes?: number | null;
  nbEnEmploi6Mois?: number | null;
  tauxEnEmploi6Mois: number | null;
  tauxEnFormation: number | null;
  tauxAutres6Mois: number | null;
  tauxEnEmploi12Mois?: number | null;
  tauxEnEmploi18Mois?: number | null;
  tauxEnEmploi24Mois?: number | null;
  tauxRuptureContrats?: number | null;
  /** National only: net monthly pay quartiles, euros. */
  salaire12MoisQ1?: number | null;
  salaire12MoisQ2?: number | null;
  salaire12MoisQ3?: number | null;
}

/** Where the figures come from when they are not the programme's own (renovated diplomas). */
export interface DonneeSource {
  codeCertification: string;
  type: 'self' | 'ancienne' | 'nouvelle';
}

/** Figures an establishment's answer took from another UAI (the API's `uai_donnee`, `uai_donnee_type`). */
export interface Provenance {
  type: 'gestionnaire' | 'formateur' | 'lieu_formation' | 'inconnu';
  uai?: string;
}

/** Why a cell has no figures. Each has its own plain-French sentence in the UI. */
export type NoFiguresReason =
  | 'certification-inconnue' // the API knows no figures for this code at all
  | 'formation-inconnue' // code unknown, or not taught in this establishment / no figures for the pair
  | 'etablissement-inconnu' // UAI unknown to the API
  | 'pas-de-donnees' // regional route answered nothing
  | 'pas-de-donnees-millesime' // figures exist for other years only, and the retry found none either
  | 'hors-referentiel' // the page's identifiers could not be resolved to a code
  | 'pas-d-etablissement' // the page names no establishment
  | 'pas-de-region' // neither the establishment nor the settings give a region
  | 'voie-absente' // no code for this route (e.g. no MEFSTAT11 for the school route)
  | 'trop-peu-d-eleves' // below 5 students: no data at all
  | 'annee-commune'; // a common 2de: no figures of its own, see each specialty (ProgrammeReport.famille)

export type ErrorReason =
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate-limit'
  | 'invalid-response'
  | 'unauthorized'
  | 'bad-request'
  | 'api-address'; // a 404 outside the API's routes (e.g. its HTML page): the configured address is wrong

export type Cell =
  | { state: 'loading' }
  | {
      state: 'figures';
      figures: Figures;
      donneeSource?: DonneeSource;
      /** Set when the figures were measured at another UAI than the establishment asked. */
      provenance?: Provenance;
      /** Employment < 30 % and further study < 50 % (see lib/inserjeunes). */
      sansPerspectives: boolean;
    }
  | { state: 'secret'; millesime?: string; nbAnneeTerm?: number | null; message?: string }
  | { state: 'none'; reason: NoFiguresReason; millesimesDisponibles?: string[] }
  | { state: 'error'; error: ErrorReason; status?: number; message?: string };

export type CellState = Cell['state'];

export type Cells = Record<Scope, Record<Voie, Cell>>;

export interface Lieu {
  code: string;
  nom: string;
}

export interface EtablissementInfo {
  uai: string;
  libelle?: string;
  commune?: string;
  departement?: Lieu;
  academie?: Lieu;
  region?: Lieu;
  /** From the DEPP open data: the establishment's valeur ajoutée and rates. */
  valeurAjoutee?: ValeurAjoutee[];
}

export interface ValeurAjoutee {
  voie: Voie;
  millesime: string;
  /** Employment rate (percent) observed. */
  taux: number | null;
  /** Employment rate expected given the intake. */
  tauxAttendu: number | null;
  /** taux − tauxAttendu, in points. */
  valeurAjoutee: number | null;
}

export interface ProgrammeReport {
  /** Stable key for the programme in this establishment: `uai|cfd|mefstat11`. */
  key: string;
  libelle: string;
  /** Diploma family, e.g. `{code: '400', libelle: 'BAC PRO'}`. */
  diplome?: Lieu;
  cfd?: string;
  mefstat11?: string;
  /** Several final-year codes were possible: the report shows the first, and says so. */
  ambiguous?: boolean;
  /** The page did not say the length: the figures are for this one, in years (the diploma's usual length, or the one the establishment teaches). */
  assumedLength?: number;
  etablissement?: EtablissementInfo;
  /** The region the `region` scope refers to (the establishment's or the preferred one). */
  region?: Lieu;
  cells: Cells;
  /** Set when figures are borrowed from the diploma this one replaced, or its successor. */
  continuum?: { type: 'ancienne' | 'nouvelle'; codeCertification: string; libelle?: string };
  /** A common 2de of a famille de métiers: one report per specialty. */
  famille?: { code?: string; libelle: string; specialites: ProgrammeReport[] };
  /** The Onisep action (`AF.<n>`) a page row was matched to from its name, length and mode. */
  af?: string;
  /** The route the page names for this programme (an `apprentissage` row): shown first. */
  voie?: Voie;
}

/** Why a whole sighting could not become a programme report. */
export type ResolutionProblem =
  | 'hors-referentiel'
  | 'code-invalide'
  | 'referentiel-indisponible';

export interface Report {
  /** The sighting this answers, as sent. */
  sighting: SightingData;
  programmes: ProgrammeReport[];
  etablissement?: EtablissementInfo;
  problem?: ResolutionProblem;
  /** When the report came from cache, the time it was fetched (ms since epoch). */
  fetchedAt?: number;
}
