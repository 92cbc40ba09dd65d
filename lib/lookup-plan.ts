// What a lookup reads of the referentiel before its first request: the establishment a page names, and
// the programmes it designates as codes the API knows (lib/build-report.ts then asks the API).
import { isCfd, isGta, isMef10, isMefstat11, isOnisepId, isValidUai } from './codes';
import type { LengthHint, Referentiel } from './referentiel/open-referentiel';
import type { MatchedAction, PlaceLookups } from './referentiel/match-rows';
import type { EtablissementInfo, SightingData, Voie } from './types';

/** A programme to ask the API about, before any request. */
export interface Target {
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

/**
 * Null when the shipped index could not be loaded: codes found in the page still work. Without the
 * place lookups (match-rows.ts), names and communes shown by a page are not matched.
 */
export type LookupReferentiel = (Referentiel & Partial<PlaceLookups>) | null;
type Ref = LookupReferentiel;

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
export function findTargets(s: SightingData, ref: Ref, uai: string | undefined): Target[] {
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
 * What a lookup reads of the referentiel before its first request: the page's establishment and the
 * programmes to ask about. It asks nothing of the API, and the tables it reads are decoded on first use
 * (unpack-index.ts): a woken worker that answered from the quick index runs it once the referentiel is
 * read, so that the next page of the same kind finds them ready.
 */
export function lookupPlan(s: SightingData, ref: Ref): { uai: string | undefined; etablissement: EtablissementInfo | undefined; targets: Target[] } {
  const uai = findUai(s, ref);
  const etablissement = uai ? etablissementInfo(uai, ref) : undefined;
  // An establishment page lists what is taught there; any other page designates programmes itself.
  const targets = s.page === 'etablissement' ? (uai && ref ? targetsTaughtAt(uai, ref) : []) : findTargets(s, ref, uai);
  return { uai, etablissement, targets };
}

