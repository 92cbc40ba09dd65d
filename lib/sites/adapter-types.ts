// What every site adapter provides: URL detection (cheap, no DOM) and extraction (pure DOM reading).
import type { PageKind, Sighting, SiteName } from '../types';

/** A page kind the adapter recognises from the URL alone; `liste` pages yield `liste-item` sightings. */
export type DetectedPage = PageKind | 'liste';

export interface SiteAdapter {
  name: SiteName;
  /** Match patterns for the content script (the hosts of SITES.md). */
  matches: string[];
  /** Names the kind of page from its URL, or null when the extension has nothing to do there. */
  detect(url: URL): DetectedPage | null;
  /** Reads the page; never throws, never returns an id that fails its own validation. */
  extract(document: Document, url: URL): Sighting[];
}
