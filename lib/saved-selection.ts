// The counsellor's saved selection: programmes kept from panels, as a typed, versioned storage item.
import { storage } from 'wxt/utils/storage';
import { isObject } from './settings';
import type { ProgrammeReport, SightingData } from './types';

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

export const selectionItem = storage.defineItem<SelectionItem[]>('local:selection', { fallback: [], version: 1 });

/** Keeps only well-formed saved items, so one corrupt entry never hides the others. */
export function normalizeSelection(raw: unknown): SelectionItem[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (it): it is SelectionItem =>
      isObject(it) && typeof it.key === 'string' && typeof it.libelle === 'string' && isObject(it.sighting) && isObject(it.sighting.ids),
  );
}

export async function getSelection(): Promise<SelectionItem[]> {
  return normalizeSelection(await selectionItem.getValue());
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Read, change and write the selection one change at a time, so that two saves at once (the popup and a
 * panel) never lose one. The extension's pages and its background share one origin and so one lock
 * (Web Locks); the panel's saves go through the background (`saveToSelection`). Where the API is
 * missing, changes made in this context still wait for each other.
 */
function serialised(change: (items: SelectionItem[]) => SelectionItem[] | null): Promise<void> {
  const run = async () => {
    const next = change(await getSelection());
    if (next) await selectionItem.setValue(next);
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const job: Promise<void> = queue.then(async () => {
    if (locks) await locks.request('inserjeunes-selection', run);
    else await run();
  });
  queue = job.catch(() => undefined);
  return job;
}

export function addToSelection(item: SelectionItem): Promise<void> {
  return serialised((current) => (current.some((it) => it.key === item.key) ? null : [...current, item]));
}

export function removeFromSelection(key: string): Promise<void> {
  return serialised((current) => current.filter((it) => it.key !== key));
}
