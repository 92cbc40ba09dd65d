// From what a page showed (a sighting) to a report: its ids resolved through the referentiel (lookup-plan.ts), then the API asked.
import { isOnisepId } from './codes';
import { buildProgrammeReport, type ProgrammeInput } from './inserjeunes/report';
import type { InserJeunesClient } from './inserjeunes/client';
import { findTargets, lookupPlan, type LookupReferentiel, type Target } from './lookup-plan';
import type { Referentiel } from './referentiel/open-referentiel';
import type { EtablissementInfo, Lieu, ProgrammeReport, Report, Scope, SightingData, Voie } from './types';

/**
 * How much a caller needs: a panel shows every scope; a list-row badge shows one line, so it asks
 * the establishment first and France only when the establishment has no figures (the region is
 * asked when the row's panel is opened). A page of 40 rows makes about 2 requests a row, not 5.
 */
export type Depth = 'panel' | 'badge';

export interface LookupContext {
  referentiel: LookupReferentiel;
  client: InserJeunesClient;
  /** Used for the `region` scope when the page names no establishment. */
  preferredRegion?: Lieu;
  depth?: Depth;
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

/** What the API is asked about a programme, and the length its figures are for when the page said none. */
export type QuickTarget = Pick<Target, 'cfd' | 'mefstat11' | 'ambiguous' | 'assumedLength'>;

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
