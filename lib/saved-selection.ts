// The counsellor's saved selection: what an item is, and how one is made and read back (its storage: lib/selection-store.ts).
import { alternativeKey, type NearbyLine } from './better-nearby';
import { isObject } from './settings';
import type { ProgrammeReport, Report, SightingData, Voie } from './types';

/** A nearby line kept from a panel's "Ailleurs près d'ici", linked to the programme of that panel. */
export interface Alternative {
  /** The original programme: enough to name it, look it up again and compare by the route its panel led with. */
  of: { key: string; libelle: string; etablissement?: string; sighting: SightingData; voie: Voie };
  af: string;
  commune?: string;
  /** Distance from the original's establishment (or the user's place), rounded to the km. */
  km: number;
  voie: Voie;
  lien: NearbyLine['lien'];
}

/** One programme in one establishment that the counsellor saved. */
export interface SelectionItem {
  key: string;
  libelle: string;
  etablissement?: string;
  uai?: string;
  cfd?: string;
  mefstat11?: string;
  /** What to look up again to refresh its figures. */
  sighting: SightingData;
  addedAt: number;
  /** Set when the item is an alternative to another programme (absent in selections saved before). */
  alternative?: Alternative;
}

/** What the selection keeps of a programme: enough to name it and to look it up again. */
export function selectionItemOf(programme: ProgrammeReport, sighting: SightingData, now = Date.now()): SelectionItem {
  return {
    key: programme.key,
    libelle: programme.libelle,
    ...(programme.etablissement?.libelle ? { etablissement: programme.etablissement.libelle } : {}),
    ...(programme.etablissement?.uai ? { uai: programme.etablissement.uai } : {}),
    ...(programme.cfd ? { cfd: programme.cfd } : {}),
    ...(programme.mefstat11 ? { mefstat11: programme.mefstat11 } : {}),
    sighting,
    addedAt: now,
  };
}

/** A nearby line as a selection item: looked up again as its Onisep action, linked to the panel's programme. */
export function alternativeItemOf(original: ProgrammeReport, originalSighting: SightingData, originalVoie: Voie, line: NearbyLine, now = Date.now()): SelectionItem {
  return {
    key: alternativeKey(original.key, line.af),
    libelle: line.libelle,
    etablissement: line.etablissement,
    uai: line.uai,
    cfd: line.cfd,
    sighting: { site: 'onisep', page: 'action', ids: { af: line.af, uai: line.uai, for: line.for }, label: line.libelle, confidence: 'high' },
    addedAt: now,
    alternative: {
      of: {
        key: original.key,
        libelle: original.libelle,
        ...(original.etablissement?.libelle ? { etablissement: original.etablissement.libelle } : {}),
        sighting: originalSighting,
        voie: originalVoie,
      },
      af: line.af,
      ...(line.commune ? { commune: line.commune } : {}),
      km: line.km,
      voie: line.voie,
      lien: line.lien,
    },
  };
}

const isVoie = (v: unknown): v is Voie => v === 'scolaire' || v === 'apprentissage';

function isAlternative(a: unknown): a is Alternative {
  if (!isObject(a) || !isObject(a.of)) return false;
  const o = a.of;
  return (
    typeof o.key === 'string' && typeof o.libelle === 'string' && isObject(o.sighting) && isObject(o.sighting.ids) && isVoie(o.voie) &&
    typeof a.af === 'string' && typeof a.km === 'number' && Number.isFinite(a.km) && isVoie(a.voie) &&
    (a.lien === 'meme' || a.lien === 'famille' || a.lien === 'nsf')
  );
}

/**
 * The saved programme in a fresh report: among the report's programmes, or the specialties of a common
 * 2de; an alternative (whose key names its original) is the programme taught at its establishment.
 */
export function savedProgrammeOf(report: Report, item: Pick<SelectionItem, 'key' | 'uai' | 'cfd' | 'alternative'>): ProgrammeReport | undefined {
  for (const p of report.programmes) {
    if (p.key === item.key) return p;
    const specialty = p.famille?.specialites.find((s) => s.key === item.key);
    if (specialty) return specialty;
  }
  if (!item.alternative) return undefined;
  return report.programmes.find((p) => p.etablissement?.uai === item.uai && p.cfd === item.cfd);
}

/**
 * Keeps only well-formed saved items, so one corrupt entry never hides the others. Items saved before
 * alternatives existed load as they are; a broken link to an original leaves a plain programme.
 */
export function normalizeSelection(raw: unknown): SelectionItem[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (it): it is SelectionItem =>
        isObject(it) && typeof it.key === 'string' && typeof it.libelle === 'string' && isObject(it.sighting) && isObject(it.sighting.ids),
    )
    .map((it) => {
      if (it.alternative === undefined || isAlternative(it.alternative)) return it;
      const { alternative: _broken, ...plain } = it;
      return plain;
    });
}
