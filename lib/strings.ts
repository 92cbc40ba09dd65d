// Every sentence the user reads, in French, in one place, with the few formatting helpers they need.
// Split into one object per surface so the content scripts bundle only what the panel and badges use.
import { formatEuros, formatNumber, formatPercent } from './french-numbers';
import type { ErrorReason, NativeBlock, NoFiguresReason, ResolutionProblem, Scope, Voie } from './types';

export { formatEuros, formatNumber, formatPercent };

/** A rate, or says the API could not compute it (the rate is absent from its answer). */
export const formatRate = (n: number | null | undefined): string => (n == null ? 'non calculé' : formatPercent(n));

/** Picks the singular or plural form: French counts 0 and 1 as singular. */
export const plural = (n: number, one: string, many: string): string => (Math.abs(n) < 2 ? one : many);

/** `12` → `12 élèves`, `1` → `1 élève`. */
export const eleves = (n: number): string => `${formatNumber(n)} ${plural(n, 'élève', 'élèves')}`;

/** A rate as "n out of 10": `38` → `environ 4 sur 10`. */
export const surDix = (percent: number): string => {
  const n = Math.round(percent / 10);
  return n * 10 === percent ? `${n} sur 10` : `environ ${n} sur 10`;
};

/** Signed difference in points, with a real minus sign: `+6 pts`, `−3 pts`, `0 pt`. */
export const formatDelta = (points: number): string => {
  const abs = Math.abs(Math.round(points));
  const sign = points > 0 ? '+' : points < 0 ? '\u2212' : '';
  return `${sign}${formatNumber(abs)}\u00a0${plural(abs, 'pt', 'pts')}`;
};

/** The cohorts a millésime covers: `2024` → `sortants 2024`, `2023_2024` → `sortants 2023 et 2024`. */
export const formatMillesime = (millesime: string): string => {
  const years = millesime.split('_').filter(Boolean);
  if (years.length < 2) return `sortants ${millesime}`;
  return `sortants ${years.slice(0, -1).join(', ')} et ${years[years.length - 1]}`;
};

export const DOC_URL = 'https://documentation.exposition.inserjeunes.beta.gouv.fr/';

export const voieLabels: Record<Voie, string> = {
  scolaire: 'Voie scolaire',
  apprentissage: 'Apprentissage',
};

export const noFiguresSentences: Record<NoFiguresReason, string> = {
  'certification-inconnue':
    "Pas encore de chiffres pour ce diplôme : il est peut-être récent, ou aucun élève n'en est encore sorti.",
  'formation-inconnue': "Pas de chiffres pour cette formation ici : elle n'y est peut-être pas enseignée par cette voie.",
  'etablissement-inconnu': "Cet établissement n'est pas connu du service InserJeunes.",
  'pas-de-donnees': "Pas de chiffres disponibles à cette échelle pour cette formation.",
  'pas-de-donnees-millesime': "Pas de chiffres pour les années les plus récentes.",
  'hors-referentiel': "Nous n'avons pas su reconnaître cette formation dans les nomenclatures officielles.",
  'pas-d-etablissement': "La page ne précise pas d'établissement.",
  'pas-de-region': "Région inconnue : choisissez une région préférée dans les options.",
  'voie-absente': "Cette formation n'existe pas par cette voie.",
  'trop-peu-d-eleves': "Moins de 5 élèves : aucun chiffre n'est publié.",
  'annee-commune': 'Seconde commune : les chiffres sont ceux de chaque spécialité choisie ensuite.',
};

export const errorSentences: Record<ErrorReason, string> = {
  network: 'Le service InserJeunes est injoignable. Vérifiez votre connexion.',
  timeout: 'Le service InserJeunes met trop de temps à répondre.',
  server: 'Le service InserJeunes a rencontré une erreur.',
  'rate-limit': 'Le service InserJeunes reçoit trop de demandes. Patientez un instant.',
  'invalid-response': 'Le service InserJeunes a envoyé une réponse inattendue.',
  unauthorized: "La clé d'API a été refusée. Vérifiez-la dans les options.",
  'bad-request': "La demande n'a pas été acceptée par le service InserJeunes.",
  'api-address': "Cette adresse ne répond pas comme le service InserJeunes : vérifiez l'adresse de l'API dans les options.",
};

export const problemSentences: Record<ResolutionProblem, string> = {
  'hors-referentiel': "Nous n'avons pas su relier cette page à une formation connue des nomenclatures officielles.",
  'code-invalide': "Le code de formation trouvé sur la page n'est pas valide.",
  'referentiel-indisponible': "La table de correspondance des formations n'a pas pu être chargée.",
};

/** BCN short labels that read badly in a sentence. */
const DIPLOMA_NAMES: Record<string, string> = { 'BAC PRO': 'bac pro', 'BAC PRO AG': 'bac pro agricole', 'CS 3': 'CS', 'CS 4': 'CS' };

export const panel = {
  title: 'Débouchés InserJeunes',
  loading: 'Chargement des chiffres…',
  collapse: 'Réduire',
  expand: 'Afficher les débouchés',
  close: 'Fermer',
  retry: 'Réessayer',
  failed: 'Les chiffres n’ont pas pu être chargés.',
  extensionUnavailable: 'L’extension ne répond pas. Rechargez la page.',
  noProgramme: 'Aucune formation reconnue sur cette page.',
  /** Beside the site's own InserJeunes block: what the panel adds to it. */
  nativeBlock: {
    inserjeunes: 'Le site affiche déjà les chiffres nationaux InserJeunes. Ici : l’établissement face à la région et à la France, par voie scolaire et par apprentissage.',
    insersup: 'Le site affiche déjà les chiffres InserSup. Ici : l’établissement face à la région et à la France, par voie scolaire et par apprentissage.',
  } as Record<NativeBlock, string>,
  chooseRegion: 'Pour comparer avec votre région, choisissez-la dans les options de l’extension.',
  etablissement: {
    taught: 'Formations de l’établissement',
    taughtHelp: 'Six mois après la fin des études, pour chaque formation : part en emploi et part en formation. Ouvrez une ligne pour le détail.',
    none: 'Aucune formation de cet établissement n’est encore reconnue. Les lignes de la liste de la page affichent leurs propres chiffres.',
    columns: { formation: 'Formation', emploi: 'En emploi', etudes: 'En formation' },
  },
  france: 'France',
  region: (nom?: string) => (nom ? `Région ${nom}` : 'Région'),
  thisEtablissement: 'Cet établissement',
  ambiguous: 'Plusieurs codes correspondent à cette formation : les chiffres affichés sont ceux du premier.',
  /** The page did not say the length: which one the figures are for ("Chiffres du CAP en 2 ans"). */
  assumedLength: (diplome: string | undefined, years: number) =>
    `Chiffres ${diplome ? `du ${DIPLOMA_NAMES[diplome] ?? diplome}` : 'de la formation'} en ${years} an${years > 1 ? 's' : ''} : la page ne précise pas la durée.`,
  indicatorsCaption: (scope: string, voie: string, millesime: string, n: number) =>
    `${scope}, ${voie.toLowerCase()} — ${formatMillesime(millesime)}, ${eleves(n)} en dernière année`,
  sixMonths: 'Six mois après la fin des études',
  indicator: {
    emploi: 'En emploi',
    formation: 'En formation',
    autres: 'Autres situations',
  },
  explanation: {
    emploi:
      "Salarié en France dans le privé, y compris en intérim ou en contrat aidé, six mois après la fin de la formation. Les emplois publics, à l'étranger ou indépendants ne sont pas comptés.",
    formation:
      "Inscrit dans une autre formation : lycée, apprentissage, études supérieures (BTS, licence…), six mois après la fin de la formation.",
    autres:
      "Ni en emploi salarié privé ni en formation : recherche d'emploi, service civique, emploi public ou à l'étranger, ou situation inconnue.",
  },
  whatIsThis: (label: string) => `Que compte « ${label.toLowerCase()} » ?`,
  barText: (label: string, percent: number) => `${label} : ${formatPercent(percent)} — ${surDix(percent)}`,
  barMissing: (label: string) => `${label} : non calculé par le service InserJeunes`,
  /** The 6-month figures the API could not compute, named in a sentence. */
  missingRates: (names: string[]) => `Non calculé par le service InserJeunes : ${names.join(', ')}.`,
  rateNames: { emploi: 'emploi à 6 mois', formation: 'poursuite d’études', autres: 'autres situations à 6 mois' },
  laterRate: (months: number, percent: number) => `Emploi à ${months} mois : ${formatPercent(percent)}`,
  /** Figures an establishment's answer took from another UAI. */
  provenance: {
    gestionnaire: (uai?: string) => `Chiffres de l’organisme gestionnaire${uai ? ` (UAI ${uai})` : ''}, pas de ce seul lieu de formation.`,
    formateur: (uai?: string) => `Chiffres de l’organisme formateur${uai ? ` (UAI ${uai})` : ''}, pas de ce seul lieu de formation.`,
    lieu_formation: (uai?: string) => `Chiffres du lieu de formation${uai ? ` (UAI ${uai})` : ''}.`,
    inconnu: (uai?: string) =>
      `Chiffres d’un autre établissement lié à celui-ci${uai ? ` (UAI ${uai})` : ''} : le service ne sait pas s’il s’agit du gestionnaire, du formateur ou du lieu de formation.`,
  },
  comparisonTitle: 'Comparer',
  deltaVsRegion: (label: string, delta: number) => `${label} : ${formatDelta(delta)} par rapport à la région`,
  deltaShort: { emploi: 'Emploi', formation: 'Études' },
  cellFigures: (emploi: number | null, formation: number | null) => `Emploi ${formatRate(emploi)} · Études ${formatRate(formation)}`,
  secret: "Trop peu d'élèves pour des chiffres fiables",
  secretCohort: (n: number) => `(${eleves(n)} en dernière année)`,
  millesimesDisponibles: (list: string[]) => `Années disponibles : ${list.join(', ')}.`,
  sansPerspectivesTitle: 'À regarder de près',
  sansPerspectives:
    'Peu de sortants de cette formation trouvent un emploi ou poursuivent des études : moins de 30 % sont en emploi et moins de 50 % en formation six mois après. Parlez-en avec un conseiller d’orientation.',
  sansPerspectivesTag: 'Débouchés faibles',
  borrowed: {
    ancienne: (code: string, libelle?: string) =>
      `Diplôme rénové : les chiffres sont ceux du diplôme qu’il remplace (${libelle ?? code}).`,
    nouvelle: (code: string, libelle?: string) =>
      `Les chiffres sont ceux du diplôme qui lui succède (${libelle ?? code}).`,
  },
  details: {
    summary: 'Plus de détails',
    laterEmployment: "Taux d'emploi dans la durée",
    months: (n: number) => `${n} mois`,
    salaries: 'Salaires nets mensuels en France, 12 mois après (quartiles)',
    q1: '1 sur 4 gagne moins de',
    q2: 'La moitié gagne moins de',
    q3: '3 sur 4 gagnent moins de',
    valeurAjoutee: "Valeur ajoutée de l'établissement (DEPP)",
    valeurAjouteeHelp:
      "L'écart entre le taux d'emploi observé et celui qu'on attendrait compte tenu du profil des élèves accueillis. Positif : l'établissement fait mieux qu'attendu.",
    valeurAjouteeRow: (voie: string, millesime: string, taux: string, attendu: string, va: string) =>
      `${voie}, ${millesime} : emploi ${taux}, attendu ${attendu}, valeur ajoutée ${va}`,
    notAvailable: 'non publié',
    cohorts: 'Effectifs et années',
    cohortRow: (where: string, voie: string, millesime: string, n: number) =>
      `${where}, ${voie.toLowerCase()} : ${eleves(n)} (${formatMillesime(millesime)})`,
    famille: (libelle: string) => `Seconde commune « ${libelle} » : les spécialités`,
    familleHelp: 'Après cette seconde commune, les élèves choisissent une spécialité. Chiffres de chacune :',
    sources: 'Sources',
    source: (name: string, date: string | undefined, licence: string) =>
      `${name}${date ? ` (${date})` : ''}, ${licence}`,
    doc: 'Documentation InserJeunes',
  },
  save: 'Ajouter à ma sélection',
  saved: 'Dans ma sélection',
  saveFailed: 'La formation n’a pas pu être ajoutée à votre sélection. Réessayez.',
};

export const badge = {
  loading: 'InserJeunes : chargement…',
  failed: 'InserJeunes : indisponible',
  error: 'Chiffres indisponibles',
  secret: 'Trop peu d’élèves',
  /** Before the figures a row falls back on when the establishment's are withheld. */
  secretHere: 'Trop peu d’élèves ici',
  noFigures: (short: string) => `Pas de chiffres : ${short}`,
  figures: (emploi: number | null, formation: number | null) => `Emploi ${formatRate(emploi)} · Études ${formatRate(formation)}`,
  where: { etablissement: '', region: ' (région)', france: ' (France)' } as Record<Scope, string>,
  /** Short forms of the no-figures reasons, for badges and table cells. */
  reasons: {
    'certification-inconnue': 'diplôme sans chiffres publiés',
    'formation-inconnue': 'pas enseignée ici par cette voie',
    'etablissement-inconnu': 'établissement inconnu',
    'pas-de-donnees': 'aucune donnée',
    'pas-de-donnees-millesime': 'pas de données récentes',
    'hors-referentiel': 'formation non reconnue',
    'pas-d-etablissement': 'établissement non précisé',
    'pas-de-region': 'région inconnue',
    'voie-absente': 'voie absente',
    'trop-peu-d-eleves': 'moins de 5 élèves',
    'annee-commune': 'seconde commune, voir les spécialités',
    'aucune-formation': 'aucune formation reconnue',
  } as Record<NoFiguresReason | 'aucune-formation', string>,
  /** Spoken label: says what a click does. */
  open: (text: string) => `${text}. Ouvrir le détail InserJeunes`,
};

export const scopeLabel = (scope: Scope, regionNom?: string): string =>
  scope === 'etablissement' ? panel.thisEtablissement : scope === 'region' ? panel.region(regionNom) : panel.france;

// ------------------------------------------------------------------ popup

export const popup = {
  title: 'InserJeunes',
  foundTitle: 'Sur cet onglet',
  foundNone: 'Aucune formation trouvée sur cet onglet.',
  foundLoading: 'Recherche des formations de l’onglet…',
  searchTitle: 'Rechercher une formation',
  searchLabel: 'UAI, FOR, CFD, MEFSTAT11, RNCP ou mots du nom',
  searchButton: 'Rechercher',
  searchHint: 'Exemples : 0693045K, FOR.3651, 40034403, RNCP39133, « opticien ».',
  searchTooShort: 'Saisissez un code ou au moins 3 lettres.',
  searchLoading: 'Recherche…',
  searchNoResult: (q: string) => `Aucun résultat pour « ${q} ».`,
  searchResults: (n: number) => `${formatNumber(n)} ${plural(n, 'résultat', 'résultats')}`,
  searchFailed: 'La recherche a échoué.',
  kinds: {
    uai: 'Code UAI d’établissement',
    for: 'Identifiant Onisep de formation',
    cfd: 'Code diplôme (CFD)',
    mefstat11: 'Code MEFSTAT11',
    mef10: 'Code MEF',
    rncp: 'Fiche RNCP',
    texte: 'Mots du nom',
  },
  show: 'Voir les chiffres',
  back: 'Retour',
  openSelection: 'Ouvrir ma sélection',
  selectionCount: (n: number) => `${formatNumber(n)} ${plural(n, 'formation', 'formations')} dans ma sélection`,
};

// ------------------------------------------------------------------ selection

export const selection = {
  title: 'Ma sélection',
  intro: 'Les formations que vous avez gardées, côte à côte. Les chiffres sont ceux de six mois après la sortie.',
  empty: 'Votre sélection est vide. Ajoutez des formations depuis le panneau ou la fenêtre de l’extension.',
  exportCsv: 'Exporter en CSV',
  print: 'Imprimer',
  remove: 'Retirer',
  removeLabel: (libelle: string) => `Retirer « ${libelle} » de ma sélection`,
  caption: 'Comparaison des formations sélectionnées',
  columns: {
    formation: 'Formation',
    etablissement: 'Établissement',
    voie: 'Voie',
    emploi: 'En emploi',
    formationRate: 'En formation',
    autres: 'Autres',
    region: 'Emploi, région',
    france: 'Emploi, France',
    effectif: 'Effectif',
    actions: 'Actions',
  },
  noEtablissement: 'Toute la France',
  printedOn: (date: string) => `Imprimé le ${date}`,
};

/** Column headers of the CSV export (French, as a spreadsheet user reads them). */
export const csv = {
  headers: [
    'Formation',
    'Diplôme',
    'CFD',
    'MEFSTAT11',
    'Établissement',
    'UAI',
    'Commune',
    'Région',
    'Voie',
    'Périmètre',
    'Millésime',
    'Effectif en dernière année',
    'En emploi à 6 mois (%)',
    'En formation (%)',
    'Autres situations (%)',
    'En emploi à 12 mois (%)',
    'En emploi à 24 mois (%)',
    'Débouchés faibles',
    'Statut',
  ],
  yes: 'oui',
  no: 'non',
  figures: 'chiffres publiés',
  secret: "trop peu d'élèves pour des chiffres fiables",
  loading: 'non chargé',
  fileName: (isoDate: string) => `selection-inserjeunes-${isoDate}.csv`,
};

// ------------------------------------------------------------------ options

export const options = {
  title: 'Options InserJeunes',
  save: 'Enregistrer',
  saved: 'Options enregistrées.',
  hasErrors: (n: number) => `${formatNumber(n)} ${plural(n, 'champ à corriger', 'champs à corriger')}.`,
  apiSection: 'Service InserJeunes',
  apiUrl: 'Adresse de l’API',
  apiUrlHelp: 'Changez-la seulement si le service déménage. Par défaut : celle du service public.',
  apiKey: 'Clé d’API (facultative)',
  apiKeyHelp: 'Inutile pour afficher les chiffres ; seulement si vous en avez une.',
  region: 'Région préférée',
  regionHelp: 'Utilisée quand la page ne dit pas où se trouve l’établissement.',
  regionNone: 'Aucune',
  cacheDays: 'Garder les chiffres en mémoire (jours)',
  cacheDaysHelp: 'Entre 1 et 90 jours. Les chiffres sont mis à jour une fois par an.',
  displaySection: 'Affichage',
  panelPosition: 'Emplacement du panneau',
  positions: { apres: 'Dans la page, sous le titre', flottant: 'Flottant, en bas à droite' },
  startCollapsed: 'Afficher le panneau réduit au départ',
  showBadges: 'Afficher les pastilles dans les listes de formations',
  errors: {
    apiUrl: 'Saisissez une adresse web complète, commençant par https:// (sans ? ni #).',
    apiKey: 'La clé ne doit contenir ni espace ni caractère spécial invisible.',
    preferredRegion: 'Choisissez une région de la liste.',
    cacheDays: 'Saisissez un nombre entier de jours entre 1 et 90.',
  },
  about: 'À propos',
  aboutIntro:
    "Cette extension affiche les chiffres publiés par le service InserJeunes du ministère. Elle ne collecte aucune donnée personnelle.",
  sources: 'Sources des données',
  version: (v: string) => `Version ${v}`,
  doc: 'Documentation InserJeunes',
  loading: 'Chargement des réglages…',
  loadFailed: 'Les réglages n’ont pas pu être lus. Rechargez la page.',
  permissionRefused: (origin: string) =>
    `Réglages non enregistrés : l’extension n’a pas reçu l’autorisation d’interroger ${origin}. Acceptez la demande du navigateur, ou gardez l’adresse précédente.`,
  saveFailed: 'Les réglages n’ont pas pu être enregistrés. Réessayez.',
  privacy: 'Confidentialité',
  privacyRead:
    'L’extension lit les codes des formations et des établissements dans les pages d’Onisep, de Parcoursup et d’Affelnet, et ne les envoie qu’au service InserJeunes pour en obtenir les chiffres. Aucune donnée personnelle, aucune mesure d’audience.',
  privacyStored:
    'Restent dans ce navigateur seulement : vos réglages, votre sélection de formations et les chiffres déjà reçus (pour ne pas les redemander).',
  privacyLink: 'Tout sur les données utilisées',
  erase: 'Effacer mes données',
  eraseQuestion: 'Effacer vos réglages, votre sélection et les chiffres gardés en mémoire ? C’est définitif.',
  eraseConfirm: 'Oui, tout effacer',
  eraseCancel: 'Annuler',
  erased: 'Vos données sont effacées ; les réglages sont revenus à leurs valeurs par défaut.',
  eraseFailed: 'Les données n’ont pas pu être effacées. Réessayez.',
};

/** Regions the API accepts (contract: INSERJEUNES_API.md), with their names: the choices of the preferred region. */
export const regions: { code: string; nom: string }[] = [
  { code: '84', nom: 'Auvergne-Rhône-Alpes' },
  { code: '27', nom: 'Bourgogne-Franche-Comté' },
  { code: '53', nom: 'Bretagne' },
  { code: '24', nom: 'Centre-Val de Loire' },
  { code: '00', nom: 'Collectivités d’outre-mer' },
  { code: '94', nom: 'Corse' },
  { code: '44', nom: 'Grand Est' },
  { code: '01', nom: 'Guadeloupe' },
  { code: '03', nom: 'Guyane' },
  { code: '32', nom: 'Hauts-de-France' },
  { code: '11', nom: 'Île-de-France' },
  { code: '04', nom: 'La Réunion' },
  { code: '02', nom: 'Martinique' },
  { code: '06', nom: 'Mayotte' },
  { code: '28', nom: 'Normandie' },
  { code: '75', nom: 'Nouvelle-Aquitaine' },
  { code: '76', nom: 'Occitanie' },
  { code: '52', nom: 'Pays de la Loire' },
  { code: '93', nom: 'Provence-Alpes-Côte d’Azur' },
];

/** Data sources and licences, credited in the panel and on the options page. */
export const licences = {
  odbl: 'Licence ODbL',
  ouverte: 'Licence Ouverte (Etalab 2.0)',
};

/**
 * Every section at once, for code that prefers one import. Content scripts should import the named
 * sections (`panel`, `badge`) instead, so the popup's and options' strings stay out of their bundle.
 */
export const strings = { panel, badge, popup, selection, csv, options, regions, licences, voieLabels, noFiguresSentences, errorSentences, problemSentences };
