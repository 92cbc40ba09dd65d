// Choosing the final year InserJeunes keys on (OPEN_DATA.md, "Choosing the MEFSTAT11", steps 1 to 7):
// the N_MEF row of a (CFD, length), the length users mean when nothing says it, and one code for a
// programme whose diploma was renovated. Pure functions over index rows.
import { compareCodes } from '../codes';
import type { MefRow } from './format';
import type { AmbiguityReason, FinalYear, LengthHint, MefCandidate } from './query-types';

/**
 * The length users mean by "the CAP", "the bac pro"… when a page does not say it, by diploma level
 * (the CFD's first three characters). The 1-year CAP or BTS is a shortened path for students who
 * already hold a diploma: its figures are not those of "the CAP".
 */
export const STANDARD_LENGTH: Readonly<Record<string, number>> = {
  '500': 2, // CAP
  '503': 2, // CAPA
  '450': 2, // BP
  '320': 2, // BTS
  '323': 2, // BTSA
  '401': 2, // BMA
  '321': 2, // DMA
  '400': 3, // bac pro
  '403': 3, // bac pro agricole
  '010': 1, // MC
  '461': 1, // CS (level 4)
  '561': 1, // CS (level 3)
};

const BAC_PRO_LEVELS = new Set(['400', '403']);

const distinct = (codes: string[]) => [...new Set(codes)];

/** Open rows when there are any, else all of them (step 4). */
function preferOpen(cands: MefCandidate[]): MefCandidate[] {
  const open = cands.filter((c) => c.open);
  return open.length ? open : cands;
}

/** Open first, then shortest, then by MEF: a stable, sensible order. */
function sortCandidates(cands: MefCandidate[]): MefCandidate[] {
  return cands.sort((a, b) => Number(b.open) - Number(a.open) || a.duree - b.duree || compareCodes(a.mef10, b.mef10));
}

/**
 * (CFD, length?) → its final-year MEFSTAT11. `rows` are the CFD's N_MEF rows. A number is a length the
 * page gave; a hint says where the length came from; without one, the diploma's standard length
 * chooses, and the codes of its other lengths follow the chosen one (an establishment may settle it).
 */
export function chooseFinalYear(
  cfd: string,
  rows: readonly MefRow[],
  length: number | LengthHint | undefined,
  isOpen: (fermeture: string) => boolean,
): FinalYear {
  const toCand = (r: MefRow): MefCandidate => ({ mef10: r[0], mefstat11: r[4], cfd: r[1], duree: r[2], open: isOpen(r[5]) });
  // 1. final-year rows (duration 9 rows are dropped at build time)
  const all = rows.filter((r) => r[2] === r[3] && r[2] !== 9 && r[4]).map(toCand);
  if (!all.length) return { cfd, mefstat11: [], candidates: [], ambiguous: false, reason: 'sans-derniere-annee', lengthFallback: false };

  // 6. no length given: the diploma's standard length
  const standard = STANDARD_LENGTH[cfd.slice(0, 3)];
  const hint = typeof length === 'number' ? { duree: length, source: 'page' as const } : (length ?? (standard ? { duree: standard, source: 'standard' as const } : undefined));
  let cands = all;
  let lengthFallback = false;
  let lengthChose = false;
  if (hint) {
    // 2. keep the length
    const byLen = all.filter((c) => c.duree === hint.duree);
    if (byLen.length) {
      cands = byLen;
      lengthChose = true;
    } else if (hint.source !== 'standard') {
      // 3. famille de métiers bac pro listed as 2 years: only the 3-year dispositif exists
      lengthFallback = true;
      const three = BAC_PRO_LEVELS.has(cfd.slice(0, 3)) ? all.filter((c) => c.duree === 3) : [];
      if (three.length) cands = three;
    }
  }
  // 4. prefer rows still open
  cands = sortCandidates(preferOpen(cands));
  const chosen = distinct(cands.map((c) => c.mefstat11));
  // An assumed length may be wrong for an establishment: its other lengths follow, for it to settle.
  const others = hint?.source === 'standard' && lengthChose ? sortCandidates(preferOpen(all.filter((c) => c.duree !== hint.duree))) : [];
  const lengths = new Set(cands.map((c) => c.duree));
  // 5. several codes left: ambiguous, all returned
  const ambiguous = chosen.length > 1;
  const reason: AmbiguityReason | undefined = ambiguous ? (lengths.size > 1 ? 'plusieurs-durees' : 'plusieurs-codes') : undefined;
  return {
    cfd,
    mefstat11: distinct([...chosen, ...others.map((c) => c.mefstat11)]),
    candidates: [...cands, ...others],
    ambiguous,
    ...(reason ? { reason } : {}),
    lengthFallback,
    ...(lengths.size === 1 ? { duree: cands[0]!.duree } : {}),
    ...(lengthChose ? { dureeSource: hint!.source } : {}),
  };
}

/** The BCN's renovation links of a diploma: those it replaces and those that replace it. */
export type RenovationLinks = (cfd: string) => { ancien: readonly string[]; nouveau: readonly string[] } | undefined;

/**
 * A programme's diplomas, less those another of them replaces (step 7): a mention complémentaire
 * renovated into a certificat de spécialisation is one programme, taught under the new code; the API's
 * continuum gives the old one's figures. A link counts from either side (the old one's NOUVEAU_DIPLOME_n
 * or the new one's ANCIEN_DIPLOME_n).
 */
export function withoutReplaced(cfds: readonly string[], links: RenovationLinks): { kept: string[]; replaced: string[] } {
  if (cfds.length < 2) return { kept: [...cfds], replaced: [] };
  const replaces = (n: string, old: string) => !!links(old)?.nouveau.includes(n) || !!links(n)?.ancien.includes(old);
  const replaced = cfds.filter((old) => cfds.some((n) => n !== old && replaces(n, old)));
  const kept = cfds.filter((c) => !replaced.includes(c));
  // Links in a circle name no newer code: keep everything rather than nothing.
  return kept.length ? { kept, replaced } : { kept: [...cfds], replaced: [] };
}
