// The saved selection in storage: a typed, versioned item, changed one change at a time.
import { storage } from 'wxt/utils/storage';
import { normalizeSelection, type SelectionItem } from './saved-selection';

export const selectionItem = storage.defineItem<SelectionItem[]>('local:selection', { fallback: [], version: 1 });

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
