// The quick index, shipped beside the referentiel: for each Onisep programme, all that the lookup of
// its formation page takes from the referentiel (its label, the codes it asks the API about, their
// diploma levels), worked out at build time by the lookup itself (build-report.ts quickProgrammeOf),
// with the referentiel's credits. A woken worker reads these 33 KB in a few milliseconds and answers
// such a page without waiting for the referentiel (read and decoded in tens of milliseconds).
// Pure: no Node or browser API.
import { quickProgrammeOf, type QuickProgramme, type QuickTarget } from '../build-report';
import type { Lieu } from '../types';
import { dayOf } from './open-referentiel';
import type { Referentiel } from './query-types';

/** Its name in the extension's folder: gzipped, as the referentiel (shipped-file.ts), read the same way. */
export const SHIPPED_QUICK_INDEX = 'referentiel-formations.json.gz';

const VERSION = 1;

/**
 * The file. `for` maps a FOR id's number to its entry: the lengths (digits) a page may state and still
 * get the same codes, less any assumed length (`23`: a page saying 2 or 3 years); the programme's
 * label; then the codes of a page that states no length, each `cfd|mefstat11|flags`, the MEFSTAT11
 * empty when unknown, the flags `a` for an ambiguous final year and a digit for an assumed length.
 */
export interface QuickIndexFile {
  v: typeof VERSION;
  /**
   * The days (`YYYYMMDD`, UTC) between which the referentiel chooses these codes: a final year is
   * chosen among the MEFs still open on the day of the lookup, so the index holds from the last MEF
   * closing up to its build day to the next one after it (empty: no bound).
   */
  from: string;
  until: string;
  /** The referentiel's header: when it was built and from what (the panels' credits). */
  builtAt: string;
  sources: QuickSource[];
  /** Diploma level code (a CFD's first three characters) → its name, for the levels of the codes below. */
  niveaux: Record<string, string>;
  for: Record<string, string[]>;
}

/** A source of the referentiel as a panel credits it. */
export interface QuickSource {
  name: string;
  licence: string;
  date: string;
}

const TARGET = /^([0-9A-Z]{8})\|([0-9A-Z]{11})?\|(a?)([1-9]?)$/;
const LENGTHS = /^[1-8]*$/;
/** The lengths a page may state (lib/sites/dom.ts parseDuree). */
const PAGE_LENGTHS = [1, 2, 3, 4, 5, 6, 7, 8];

/** A target as a page stating its length gets it: the length is then the page's, not assumed. */
function statedLength({ assumedLength: _, ...t }: QuickTarget): QuickTarget {
  return t;
}

function encode(t: QuickTarget): string {
  return `${t.cfd ?? ''}|${t.mefstat11 ?? ''}|${t.ambiguous ? 'a' : ''}${t.assumedLength ?? ''}`;
}

const sameProgramme = (a: Omit<QuickProgramme, 'diplome'> | undefined, b: Omit<QuickProgramme, 'diplome'>) =>
  !!a && a.libelle === b.libelle && a.targets.map(encode).join(' ') === b.targets.map(statedLength).map(encode).join(' ');

/**
 * Every programme of `ref` (opened on `now`) whose formation page the quick index can answer;
 * `closings` are the MEF closing dates of its index (empty for a MEF still open), which bound the days
 * the codes hold.
 */
export function buildQuickIndex(ref: Referentiel, closings: readonly string[], now: Date): QuickIndexFile {
  const today = dayOf(now);
  let from = '';
  let until = '';
  for (const day of closings) {
    if (!day) continue;
    if (day <= today) from = day > from ? day : from;
    else until = !until || day < until ? day : until;
  }
  const out: Record<string, string[]> = {};
  const niveaux: Record<string, string> = {};
  for (const forId of ref.keys().fors) {
    const programme = quickProgrammeOf(forId, ref);
    if (!programme) continue;
    const lengths = PAGE_LENGTHS.filter((d) => sameProgramme(quickProgrammeOf(forId, ref, d), programme)).join('');
    out[forId.replace(/^FOR\./, '')] = [lengths, programme.libelle, ...programme.targets.map(encode)];
    for (const t of programme.targets) {
      const level = t.cfd ? ref.diplome(t.cfd) : undefined;
      if (level) niveaux[level.code] = level.nom;
    }
  }
  const sources = ref.sources.map(({ name, licence, date }) => ({ name, licence, date }));
  return { v: VERSION, from, until, builtAt: ref.builtAt, sources, niveaux, for: out };
}

export interface QuickIndex {
  builtAt: string;
  sources: QuickSource[];
  /**
   * What the lookup of a formation page naming only `forId` (`FOR.3651`), and stating `duree` if given,
   * takes from the referentiel; undefined when unknown, unreadable, or when that length changes it.
   */
  programme(forId: string, duree?: number): QuickProgramme | undefined;
}

const isSource = (s: unknown): s is QuickSource =>
  !!s && typeof s === 'object' && ['name', 'licence', 'date'].every((k) => typeof (s as Record<string, unknown>)[k] === 'string');

const isStringRecord = (r: unknown): r is Record<string, unknown> => !!r && typeof r === 'object' && !Array.isArray(r);

/**
 * Opens a parsed quick index for lookups made on `now`; null when it is not one. It has no programme
 * once a MEF has closed since it was built (or while the clock is before the last closing it knew).
 * Entries are checked when read.
 */
export function openQuickIndex(raw: unknown, now = new Date()): QuickIndex | null {
  if (!isStringRecord(raw)) return null;
  const file = raw as Partial<QuickIndexFile>;
  const { for: table, niveaux } = file;
  if (file.v !== VERSION || !isStringRecord(table) || !isStringRecord(niveaux)) return null;
  if (typeof file.from !== 'string' || typeof file.until !== 'string' || typeof file.builtAt !== 'string') return null;
  if (!Array.isArray(file.sources) || !file.sources.every(isSource)) return null;
  const today = dayOf(now);
  const current = today >= file.from && (!file.until || today < file.until);
  const diplome = (cfd: string): Lieu | undefined => {
    const code = cfd.slice(0, 3);
    const nom = Object.hasOwn(niveaux, code) ? niveaux[code] : undefined;
    return typeof nom === 'string' ? { code, nom } : undefined;
  };
  return {
    builtAt: file.builtAt,
    sources: file.sources,
    programme(forId, duree) {
      if (!current) return undefined;
      const key = forId.replace(/^FOR\./, '');
      const entry: unknown = Object.hasOwn(table, key) ? table[key] : undefined;
      if (!Array.isArray(entry) || entry.length < 3) return undefined;
      const [lengths, libelle, ...items] = entry as unknown[];
      if (typeof lengths !== 'string' || !LENGTHS.test(lengths) || typeof libelle !== 'string' || !libelle) return undefined;
      if (duree !== undefined && !lengths.includes(String(duree))) return undefined;
      const targets: QuickTarget[] = [];
      for (const item of items) {
        const m = typeof item === 'string' ? TARGET.exec(item) : null;
        if (!m) return undefined;
        targets.push({
          cfd: m[1]!,
          ...(m[2] ? { mefstat11: m[2] } : {}),
          ...(m[3] ? { ambiguous: true } : {}),
          ...(m[4] && duree === undefined ? { assumedLength: Number(m[4]) } : {}),
        });
      }
      return { libelle, targets, diplome };
    },
  };
}
