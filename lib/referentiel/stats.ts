// Coverage figures for `referentiel stats` and the bench: how far the open data takes each code.
// Programmes are counted on the population InserJeunes publishes figures for (the diplomas below);
// licences, titles and the like stay out of every denominator.
import type { AmbiguityReason, ProgrammeInfo, Referentiel } from './query-types';

/** The diplomas whose programmes the coverage is measured on, by level (the CFD's first 3 characters). */
export const IN_SCOPE_DIPLOMAS: Readonly<Record<string, string>> = {
  '500': 'CAP',
  '503': 'CAPA',
  '400': 'bac pro',
  '403': 'bac pro agricole',
  '450': 'BP',
  '010': 'MC',
  '320': 'BTS',
  '323': 'BTSA',
};

/** Diplomas that have a standard length too, measured apart: CS (the renovated MCs), BMA, DMA. */
export const OTHER_STANDARD_DIPLOMAS: Readonly<Record<string, string>> = { '461': 'CS', '561': 'CS', '401': 'BMA', '321': 'DMA' };

export interface Unresolved {
  for: string;
  libelle: string;
  diplome: string;
  reason: AmbiguityReason;
  cfd: string[];
  mefstat11: string[];
}

export interface Coverage {
  /** Programmes (FOR ids) with a diploma of the population. */
  total: number;
  /** Programmes whose rules single out one final year. */
  exactlyOne: number;
  exactlyOneShare: number;
  /** …of which the length was assumed (the diploma's standard length). */
  assumedLength: number;
  /** Programmes reaching at least one final year. */
  reaching: number;
  /** A common 2de: every specialty of its famille de métiers, no final year of its own. */
  famille: number;
  byDiploma: Record<string, { total: number; exactlyOne: number }>;
  byReason: Partial<Record<AmbiguityReason, number>>;
  /** Every programme without exactly one final year, with its reason. */
  unresolved: Unresolved[];
}

export interface Stats {
  counts: Record<string, number>;
  /** CFDs of the population with a final-year N_MEF row, and those whose rules (no length given) single out one. */
  cfdTotal: number;
  cfdUnambiguous: number;
  cfdUnambiguousShare: number;
  programmes: Coverage;
  otherProgrammes: Coverage;
  rncpTotal: number;
  rncpReaching: number;
  rncpReachingShare: number;
}

const share = (a: number, b: number) => (b ? a / b : 0);

/** The population diploma a programme belongs to, from any of its CFDs (those replaced included). */
function diplomaOf(p: ProgrammeInfo, diplomas: Readonly<Record<string, string>>): string | undefined {
  for (const cfd of [...p.cfd, ...p.replaced]) {
    const d = diplomas[cfd.slice(0, 3)];
    if (d) return d;
  }
  return undefined;
}

/** `outside`: diplomas whose programmes are counted elsewhere (a renovated MC counts as an MC, not a CS). */
function coverage(ref: Referentiel, fors: string[], diplomas: Readonly<Record<string, string>>, outside: Readonly<Record<string, string>> = {}): Coverage {
  const c: Coverage = { total: 0, exactlyOne: 0, exactlyOneShare: 0, assumedLength: 0, reaching: 0, famille: 0, byDiploma: {}, byReason: {}, unresolved: [] };
  for (const id of fors) {
    const p = ref.programme(id);
    const diplome = p && diplomaOf(p, diplomas);
    if (!p || !diplome || diplomaOf(p, outside)) continue;
    const r = ref.resolveInput(id);
    const d = (c.byDiploma[diplome] ??= { total: 0, exactlyOne: 0 });
    c.total++;
    d.total++;
    if (r.mefstat11.length) c.reaching++;
    if (r.mefstat11.length && !r.ambiguous) {
      c.exactlyOne++;
      d.exactlyOne++;
      if (r.dureeSource === 'standard') c.assumedLength++;
      continue;
    }
    if (r.famille && !r.mefstat11.length) {
      c.famille++;
      continue;
    }
    const reason = r.reason ?? 'sans-derniere-annee';
    c.byReason[reason] = (c.byReason[reason] ?? 0) + 1;
    c.unresolved.push({ for: p.for, libelle: p.libelle, diplome, reason, cfd: r.cfd, mefstat11: r.mefstat11 });
  }
  c.exactlyOneShare = share(c.exactlyOne, c.total);
  return c;
}

export function computeStats(ref: Referentiel): Stats {
  const { cfds, fors, rncps } = ref.keys();
  const scopeCfds = cfds.filter((cfd) => IN_SCOPE_DIPLOMAS[cfd.slice(0, 3)]);
  let cfdUnambiguous = 0;
  for (const cfd of scopeCfds) {
    const f = ref.finalYear(cfd);
    if (f.mefstat11.length && !f.ambiguous) cfdUnambiguous++;
  }
  let rncpReaching = 0;
  for (const r of rncps) if (ref.rncpCfds(r).length) rncpReaching++;
  return {
    counts: ref.counts(),
    cfdTotal: scopeCfds.length,
    cfdUnambiguous,
    cfdUnambiguousShare: share(cfdUnambiguous, scopeCfds.length),
    programmes: coverage(ref, fors, IN_SCOPE_DIPLOMAS),
    otherProgrammes: coverage(ref, fors, OTHER_STANDARD_DIPLOMAS, IN_SCOPE_DIPLOMAS),
    rncpTotal: rncps.length,
    rncpReaching,
    rncpReachingShare: share(rncpReaching, rncps.length),
  };
}
