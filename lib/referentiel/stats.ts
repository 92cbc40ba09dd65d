// Coverage figures for `referentiel stats` and the bench: how far the open data takes each code.
import type { Referentiel } from './lookup';

export interface Stats {
  counts: Record<string, number>;
  cfdTotal: number;
  cfdUnambiguous: number;
  cfdUnambiguousShare: number;
  forTotal: number;
  forReaching: number;
  forReachingShare: number;
  rncpTotal: number;
  rncpReaching: number;
  rncpReachingShare: number;
}

export function computeStats(ref: Referentiel): Stats {
  const share = (a: number, b: number) => (b ? a / b : 0);
  const { cfds, fors, rncps } = ref.keys();
  let cfdUnambiguous = 0;
  for (const cfd of cfds) {
    const f = ref.finalYear(cfd);
    if (f.mefstat11.length === 1) cfdUnambiguous++;
  }
  let forReaching = 0;
  for (const id of fors) if (ref.resolveInput(id).mefstat11.length) forReaching++;
  let rncpReaching = 0;
  for (const r of rncps) if (ref.rncpCfds(r).length) rncpReaching++;
  return {
    counts: ref.counts(),
    cfdTotal: cfds.length,
    cfdUnambiguous,
    cfdUnambiguousShare: share(cfdUnambiguous, cfds.length),
    forTotal: fors.length,
    forReaching,
    forReachingShare: share(forReaching, fors.length),
    rncpTotal: rncps.length,
    rncpReaching,
    rncpReachingShare: share(rncpReaching, rncps.length),
  };
}
