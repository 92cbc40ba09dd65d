// From what a page showed (a sighting) to a report: resolve ids through the referentiel, then ask the API.
import { isCfd, isGta, isMef10, isMefstat11, isOnisepId, isValidUai } from './codes';
import { buildProgrammeReport, type ProgrammeInput } from './inserjeunes/report';
import type { InserJeunesClient } from './inserjeunes/client';
import type { LengthHint, Referentiel } from './referentiel/open-referentiel';
import type { MatchedAction, PlaceLookups } from './referentiel/match-rows';
import type { EtablissementInfo, Lieu, ProgrammeReport, Report, Scope, SightingData, Voie } from './types';

/**
 * How much a caller needs: a panel shows every scope; a list-row badge shows one line, so it asks
 * the establishment first and France only when the establishment has no figures (the region is
 * asked when the row's panel is opened). A page of 40 rows makes about 2 requests a row, not 5.
 */
export type Depth = 'panel' | 'badge';

export interface LookupContext {
  /**
   * Null when the shipped index could not be loaded: codes found in the page still work. Without the
   * place lookups (match-rows.ts), names and communes shown by a page are not matched.
   */
  referentiel: (Referentiel & Partial<PlaceLookups>) | null;
  client: InserJeunesClient;
  /** Used for the `region` scope when the page names no establishment. */
  preferredRegion?: Lieu;
  depth?: Depth;
}

/** A programme to ask the API about, before any request. */
interface Target {
  /** The Onisep action a row was matched to, and the route it names. */
  af?: string;
  voie?: Voie;
  cfd?: string;
  mefstat11?: string;
  libelle?: string;
  ambiguous?: boolean;
  /**
   * Every final-year code the target may mean, mefstat11 first, with its length: when ambiguous, or
   * when the length was assumed (an establishment's own answers may settle either).
   */
  candidates?: { mefstat11: string; duree: number }[];
  /** The page gave no length: the figures are for this one, the diploma's standard length (years). */
  assumedLength?: number;
}

/** Candidates asked at an establishment to settle an ambiguous or assumed length, at most. */
const MAX_CANDIDATES = 4;

/** A FOR id may cover several diplomas (options): a panel shows a few, not a wall. */
const MAX_PROGRAMMES = 4;
/** An establishment panel lists what the establishment teaches, within reason. */
const MAX_TAUGHT = 40;
/** A slug matched against labels must be close to be trusted. */
const MIN_SLUG_SCORE = 0.6;

type Ref = LookupContext['referentiel'];

function findUai(s: SightingData, ref: Ref): string | undefined {
  const { ids } = s;
  if (ids.uai && isValidUai(ids.uai)) return ids.uai;
  if (!ref) return undefined;
  if (ids.af && isOnisepId('AF', ids.af)) {
    const uai = ref.action(ids.af)?.uai;
    if (uai) return uai;
  }
  if (ids.ens && isOnisepId('ENS', ids.ens)) {
    const uai = ref.ensUai(ids.ens);
    if (uai) return uai;
  }
  if (ids.gta && isGta(ids.gta)) {
    const uai = ref.gta(ids.gta)?.uai;
    if (uai) return uai;
  }
  // No id: the establishment's name and commune (or postcode) as the page writes them.
  const place = s.place;
  if (place?.etablissement && ref.findEtablissement) {
    return ref.findEtablissement({ nom: place.etablissement, commune: place.commune, codePostal: place.codePostal });
  }
  return undefined;
}

/**
 * The Onisep formation id the sighting leads to: directly, through an action, through the row's
 * name, length and mode at its establishment (an Onisep list row), or through its slug.
 */
function findFor(s: SightingData, ref: Ref, uai: string | undefined): (Partial<MatchedAction> & { for: string }) | undefined {
  const { ids } = s;
  if (ids.for && isOnisepId('FOR', ids.for)) return { for: ids.for };
  if (!ref) return undefined;
  if (ids.af && isOnisepId('AF', ids.af)) {
    const action = ref.action(ids.af);
    if (action?.for) return { for: action.for, ...(action.duree ? { duree: action.duree } : {}) };
  }
  if (uai && s.label && s.page !== 'etablissement' && ref.findAction) {
    const action = ref.findAction(uai, { libelle: s.label, ...(ids.duree ? { duree: ids.duree } : {}), ...(s.voie ? { voie: s.voie } : {}) });
    if (action) return action;
  }
  if (ids.slug) {
    const hit = ref.search(ids.slug.replace(/-/g, ' '), 1)[0];
    if (hit?.for && hit.score >= MIN_SLUG_SCORE) return { for: hit.for };
  }
  return undefined;
}

/** Every programme the sighting designates, as codes the API knows. */
function findTargets(s: SightingData, ref: Ref, uai: string | undefined): Target[] {
  const { ids } = s;
  // An entry-year or final-year code from the page (Affelnet): the referentiel gives the final year.
  const code = ids.mefstat11 && isMefstat11(ids.mefstat11) ? ids.mefstat11 : ids.mef && isMef10(ids.mef) ? ids.mef : undefined;
  if (code) {
    const entry = ref?.entryYear(code);
    if (entry?.famille) return [familleTarget(entry.famille)];
    if (entry) return [{ cfd: entry.cfd, ...(entry.final ? { mefstat11: entry.final.mefstat11 } : {}) }];
    // Unknown locally: a MEFSTAT11 can still be asked as is (the API answers a first year with the final year).
    if (ids.mefstat11 && isMefstat11(ids.mefstat11)) return [{ mefstat11: ids.mefstat11, ...(ids.cfd ? { cfd: ids.cfd } : {}) }];
  }
  if (ids.cfd && isCfd(ids.cfd)) return [target(ids.cfd, ids.duree, ref)];
  const found = findFor(s, ref, uai);
  if (found && ref) {
    const matched = { ...(found.af ? { af: found.af } : {}), ...((found.voie ?? s.voie) ? { voie: found.voie ?? s.voie } : {}) };
    // A page may name several programmes (a Parcoursup double licence): one line each.
    const out = [found.for, ...(ids.fors ?? [])].flatMap((forId) => {
      const programme = ref.programme(forId);
      if (!programme) return [];
      const length = ids.duree ?? onisepLength(found.duree ?? programme.duree);
      return programme.cfd.map((cfd) => ({ ...target(cfd, length, ref), libelle: programme.libelle, ...matched }));
    });
    if (out.length > 0) return out.slice(0, MAX_PROGRAMMES);
  }
  // Last resort: the page's own title for the programme (a Parcoursup card, an Affelnet row), matched
  // against the referentiel's labels only when exactly one programme fits.
  const title = s.page === 'etablissement' ? undefined : (s.label ?? (ids.gta && isGta(ids.gta) ? ref?.gta(ids.gta)?.libelle : undefined));
  const hit = title ? ref?.matchLabel(title) : undefined;
  if (hit && ref) {
    const programme = hit.for ? ref.programme(hit.for) : undefined;
    const length = ids.duree ?? onisepLength(programme?.duree);
    return hit.cfd.slice(0, MAX_PROGRAMMES).map((cfd) => ({ ...target(cfd, length, ref), libelle: programme?.libelle ?? hit.libelle }));
  }
  return [];
}

/** A length Onisep's data gives (a number alone is one the page gave). */
const onisepLength = (duree: number | undefined): LengthHint | undefined => (duree ? { duree, source: 'onisep' } : undefined);

/** A page length, an Onisep one, or none: then the referentiel assumes the diploma's standard length. */
function target(cfd: string, length: number | LengthHint | undefined, ref: Ref): Target {
  if (!ref) return { cfd };
  const famille = ref.famille(cfd);
  if (famille) return familleTarget(famille);
  const final = ref.finalYear(cfd, length);
  const assumed = final.dureeSource === 'standard';
  const lengthOf = (code: string) => final.candidates.find((c) => c.mefstat11 === code)!.duree;
  return {
    cfd,
    ...(final.mefstat11[0] ? { mefstat11: final.mefstat11[0] } : {}),
    ...(final.ambiguous ? { ambiguous: true } : {}),
    ...(final.ambiguous || (assumed && final.mefstat11.length > 1)
      ? { candidates: final.mefstat11.slice(0, MAX_CANDIDATES).map((code) => ({ mefstat11: code, duree: lengthOf(code) })) }
      : {}),
    ...(assumed ? { assumedLength: final.duree } : {}),
  };
}

/**
 * A page that does not say the length (a CAP exists in 1, 2 and 3 years): the establishment's own
 * answers tell which one it teaches. An assumed (standard) length is asked first and kept when the
 * API knows it there; otherwise the one other candidate the API knows there wins; when none or
 * several do, the target stays as it was.
 */
async function settleAtEstablishment(t: Target, uai: string, client: InserJeunesClient): Promise<Target> {
  if (!t.candidates || t.candidates.length < 2) return t;
  const knownThere = async (code: string) => (await client.formation(uai, { type: 'mefstat11', code })).ok;
  let rest = t.candidates;
  if (!t.ambiguous) {
    if (await knownThere(rest[0]!.mefstat11)) return t;
    rest = rest.slice(1);
  }
  const answers = await Promise.all(rest.map((c) => knownThere(c.mefstat11)));
  const known = rest.filter((_, i) => answers[i]);
  if (known.length !== 1) return t;
  const { mefstat11, duree } = known[0]!;
  // The page did not say the length: the panel says which one the figures are for.
  const lengthsDiffer = new Set(t.candidates.map((c) => c.duree)).size > 1;
  return { ...t, mefstat11, ambiguous: false, ...(t.assumedLength !== undefined || lengthsDiffer ? { assumedLength: duree } : {}) };
}

/**
 * A common 2de is a school-route year with no figures of its own: it is asked by its MEFSTAT11 only,
 * and the API answers with each specialty's figures (certificationsTerminales).
 */
function familleTarget(f: { mefstat11: string; libelle: string }): Target {
  return { mefstat11: f.mefstat11, libelle: `2de professionnelle ${f.libelle}` };
}

/** What the Onisep actions say an establishment teaches, one target per diploma. */
function targetsTaughtAt(uai: string, ref: Referentiel): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const action of ref.actionsAt(uai)) {
    const programme = action.for ? ref.programme(action.for) : undefined;
    for (const cfd of programme?.cfd ?? []) {
      const t = { ...target(cfd, onisepLength(action.duree ?? programme!.duree), ref), libelle: programme!.libelle };
      const key = `${t.cfd ?? ''}|${t.mefstat11 ?? ''}`;
      if (seen.has(key) || out.length >= MAX_TAUGHT) continue;
      seen.add(key);
      out.push(t);
    }
  }
  return out;
}

function etablissementInfo(uai: string, ref: Referentiel | null): EtablissementInfo {
  return ref?.etablissement(uai) ?? { uai, ...(ref?.geo(uai) ?? {}) };
}

/**
 * The programme's name: Onisep's readable label when the referentiel has one; else the page's own
 * title, unless the page shows an entry year (its title names the 2de, the figures are the final
 * year's); else the BCN label.
 */
function libelleOf(t: Target, s: SightingData, ref: Referentiel | null): string {
  if (t.libelle) return t.libelle;
  const programme = t.cfd ? ref?.programmeOfCfd(t.cfd) : undefined;
  if (programme) return programme.libelle;
  const entryYear = !!(s.ids.mef || s.ids.mefstat11);
  if (s.label && s.page !== 'etablissement' && !entryYear) return s.label;
  return (t.cfd ? ref?.formation(t.cfd)?.libelle : undefined) ?? s.label ?? t.mefstat11 ?? t.cfd ?? '';
}

const hasFigures = (p: ProgrammeReport, scope: Scope) =>
  p.cells[scope].scolaire.state === 'figures' || p.cells[scope].apprentissage.state === 'figures';

async function buildForDepth(client: InserJeunesClient, input: ProgrammeInput, depth: Depth, voie?: Voie): Promise<ProgrammeReport> {
  if (depth === 'panel') return buildProgrammeReport(client, input);
  // A row that names its voie: the badge shows that voie's establishment figures when there are some,
  // whatever the other voie has (components/panel-state.ts, headline): one request, not two.
  if (input.uai && voie) {
    const own = await buildProgrammeReport(client, { ...input, scopes: ['etablissement'], voies: [voie] });
    if (own.cells.etablissement[voie].state === 'figures') return own;
    // None for its own voie: the badge shows the other voie's figures there, else France's. With a code
    // for each voie, both are asked at once (one round trip, not two), and the badge is the one the
    // steps below would give; France's answer, when not shown, waits in the cache for the row's panel.
    if (input.cfd && input.mefstat11) {
      const [local, withFrance] = await Promise.all([
        buildProgrammeReport(client, { ...input, scopes: ['etablissement'] }),
        buildProgrammeReport(client, { ...input, scopes: ['etablissement', 'france'] }),
      ]);
      return hasFigures(local, 'etablissement') || local.famille ? local : withFrance;
    }
  }
  if (input.uai) {
    const local = await buildProgrammeReport(client, { ...input, scopes: ['etablissement'] });
    if (hasFigures(local, 'etablissement') || local.famille) return local;
  }
  // The cached client answers the establishment's calls again without a request.
  return buildProgrammeReport(client, { ...input, scopes: ['etablissement', 'france'] });
}

/** The API names a common 2de's specialties in BCN capitals; the family table has their readable names. */
function withSpecialtyLabels(p: ProgrammeReport, ref: Referentiel | null): ProgrammeReport {
  const known = p.famille && p.mefstat11 ? ref?.famille(p.mefstat11)?.specialites : undefined;
  if (!p.famille || !known) return p;
  const specialites = p.famille.specialites.map((s) => {
    const libelle = known.find((k) => k.mefstat11 === s.mefstat11 || (s.cfd && k.cfd === s.cfd))?.libelle;
    return libelle ? { ...s, libelle } : s;
  });
  return { ...p, famille: { ...p.famille, specialites } };
}

/** What the API is asked about one programme, and how it is named. */
function programmeInput(
  t: Pick<Target, 'cfd' | 'mefstat11' | 'ambiguous'>,
  named: { libelle: string; diplome: Lieu | undefined },
  at: { uai?: string | undefined; etablissement?: EtablissementInfo | undefined; region?: Lieu | undefined },
): ProgrammeInput {
  const { uai, etablissement, region } = at;
  return {
    key: [uai ?? '', t.cfd ?? '', t.mefstat11 ?? ''].join('|'),
    libelle: named.libelle,
    ...(named.diplome ? { diplome: named.diplome } : {}),
    ...(t.cfd ? { cfd: t.cfd } : {}),
    ...(t.mefstat11 ? { mefstat11: t.mefstat11 } : {}),
    ...(uai ? { uai } : {}),
    ...(etablissement ? { etablissement } : {}),
    ...(region ? { region } : {}),
    ...(t.ambiguous ? { ambiguous: true } : {}),
  };
}

/** What the API is asked about a programme. */
export interface QuickTarget {
  cfd?: string;
  mefstat11?: string;
  ambiguous?: boolean;
  /** The page gave no length: the figures are for this one, the diploma's standard length (years). */
  assumedLength?: number;
}

/** A programme as the quick index holds it: everything its formation page's lookup takes from the referentiel. */
export interface QuickProgramme {
  /** Onisep's label, which names each of its lines. */
  libelle: string;
  targets: QuickTarget[];
  /** The diploma level of a CFD (Referentiel.diplome). */
  diplome(cfd: string): Lieu | undefined;
}

/**
 * The FOR id of a sighting that names an Onisep programme and nothing else but its length (an Onisep
 * formation page): its lookup then depends on that id and length alone, which quick-index.ts holds.
 */
export function forOnly(s: SightingData): string | undefined {
  if (s.page === 'etablissement' || s.place || s.voie) return undefined;
  for (const [key, value] of Object.entries(s.ids)) if (value !== undefined && !FOR_ONLY_KEYS.has(key)) return undefined;
  return s.ids.for && isOnisepId('FOR', s.ids.for) ? s.ids.for : undefined;
}
/** The ids beside which a FOR id alone still decides the lookup (with the length the page states). */
const FOR_ONLY_KEYS = new Set(['for', 'slug', 'duree']);

/**
 * What the quick index holds of `forId` for a page stating `duree` (or none), as lookupSighting finds it;
 * undefined when the lookup needs more of the referentiel (a common 2de's family, named from its table).
 */
export function quickProgrammeOf(forId: string, ref: Referentiel, duree?: number): Omit<QuickProgramme, 'diplome'> | undefined {
  const found = findTargets({ site: 'onisep', page: 'formation', ids: { for: forId, ...(duree ? { duree } : {}) } }, ref, undefined);
  const libelle = ref.programme(forId)?.libelle;
  if (!libelle || found.length === 0 || found.some((t) => !t.cfd || t.libelle !== libelle)) return undefined;
  return {
    libelle,
    targets: found.map((t) => ({
      ...(t.cfd ? { cfd: t.cfd } : {}),
      ...(t.mefstat11 ? { mefstat11: t.mefstat11 } : {}),
      ...(t.ambiguous ? { ambiguous: true } : {}),
      ...(t.assumedLength ? { assumedLength: t.assumedLength } : {}),
    })),
  };
}

/**
 * The report of a sighting `forOnly` accepts, from the quick index alone: what lookupSighting gives,
 * without waiting for the referentiel (a woken worker reads it for tens of milliseconds). Undefined
 * when an answer names a common 2de, whose specialties the referentiel names: the lookup then finds
 * the answers in the cache.
 */
export async function quickReport(s: SightingData, quick: QuickProgramme, ctx: Omit<LookupContext, 'referentiel'>): Promise<Report | undefined> {
  const depth = ctx.depth ?? 'panel';
  const programmes = await Promise.all(
    quick.targets.map(async (t) => {
      const named = { libelle: quick.libelle, diplome: t.cfd ? quick.diplome(t.cfd) : undefined };
      const report = await buildForDepth(ctx.client, programmeInput(t, named, { region: ctx.preferredRegion }), depth);
      return t.assumedLength ? { ...report, assumedLength: t.assumedLength } : report;
    }),
  );
  if (programmes.some((p) => p.famille)) return undefined;
  return { sighting: s, programmes };
}

/** What a lookup reads of the referentiel before its first request: the page's establishment and the programmes to ask about. */
function lookupPlan(s: SightingData, ref: Ref): { uai: string | undefined; etablissement: EtablissementInfo | undefined; targets: Target[] } {
  const uai = findUai(s, ref);
  const etablissement = uai ? etablissementInfo(uai, ref) : undefined;
  // An establishment page lists what is taught there; any other page designates programmes itself.
  const targets = s.page === 'etablissement' ? (uai && ref ? targetsTaughtAt(uai, ref) : []) : findTargets(s, ref, uai);
  return { uai, etablissement, targets };
}

/**
 * Reads of the referentiel what lookupSighting reads for `s` before its first request, and asks nothing
 * of the API: the tables this uses are decoded on first use (unpack-index.ts), so a later lookup of the
 * same kind of page finds them ready. A woken worker that answered from the quick index calls it once
 * the referentiel is read, for the next page.
 */
export function prepareLookup(s: SightingData, ref: Referentiel): void {
  lookupPlan(s, ref);
}

export async function lookupSighting(s: SightingData, ctx: LookupContext): Promise<Report> {
  const { referentiel: ref } = ctx;
  const { uai, etablissement, targets } = lookupPlan(s, ref);
  const region = etablissement?.region ?? ctx.preferredRegion;

  if (targets.length === 0) {
    const hasCode = Object.values(s.ids).some((v) => v !== undefined && v !== '');
    return {
      sighting: s,
      programmes: [],
      ...(etablissement ? { etablissement } : {}),
      // An establishment page with no programme of its own is not a failure: its rows get badges.
      ...(s.page === 'etablissement' && etablissement
        ? {}
        : { problem: !ref && hasCode ? 'referentiel-indisponible' : 'hors-referentiel' }),
    };
  }

  // An establishment panel lists its programmes one line each: each is completed when opened.
  const depth = s.page === 'etablissement' ? 'badge' : (ctx.depth ?? 'panel');
  const programmes: ProgrammeReport[] = await Promise.all(
    targets.map(async (target) => {
      const t = uai ? await settleAtEstablishment(target, uai, ctx.client) : target;
      // The level from the CFD: a woken worker need not decode the formation table before asking.
      const named = { libelle: libelleOf(t, s, ref), diplome: t.cfd ? ref?.diplome(t.cfd) : undefined };
      const report = await buildForDepth(ctx.client, programmeInput(t, named, { uai, etablissement, region }), depth, t.voie);
      const labelled = withSpecialtyLabels(t.assumedLength ? { ...report, assumedLength: t.assumedLength } : report, ref);
      return { ...labelled, ...(t.af ? { af: t.af } : {}), ...(t.voie ? { voie: t.voie } : {}) };
    }),
  );
  return { sighting: s, programmes, ...(etablissement ? { etablissement } : {}) };
}
