// The content scripts load their heavier part, the in-page UI, on demand: a web-accessible script of
// this extension, handing its entry point over through a global of the content script's own world.
import { browser } from 'wxt/browser';

export const PAGE_UI_GLOBAL = '__inserjeunesPageUi';

/** Imports `/<file>` from the extension and returns what it left in `globalName`. */
export async function importFromExtension<T>(file: string, globalName: string): Promise<T> {
  const url = (browser.runtime.getURL as (path: string) => string)(`/${file}`);
  await import(/* @vite-ignore */ url);
  const value = (globalThis as Record<string, unknown>)[globalName] as T | undefined;
  if (value === undefined) throw new Error(`InserJeunes : ${file} n’a rien fourni`);
  return value;
}

/** e2e and bench builds mark what the scripts do, so tests can count it on pages where they must do nothing. */
const MARK = import.meta.env.MODE === 'e2e' || import.meta.env.MODE === 'bench';

export function mark(name: string): void {
  if (MARK) performance.mark(`inserjeunes:${name}`);
}
