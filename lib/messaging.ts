// The one typed protocol between content scripts, popup, options and the background.
// Its door check lives in messaging-door.ts, so that content scripts do not carry the schemas.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Depth } from './build-report';
import type { NearbyRequest, NearbyResult } from './better-nearby';
import type { SourceInfo } from './referentiel/format';
import type { SelectionItem } from './saved-selection';
import type { Report, SightingData } from './types';

/**
 * A data source as the panel and the options page credit it: the index's own sources (their name,
 * date and licence), and the ones the background adds (the API, with a link and no date).
 */
export type SourceCredit = Pick<SourceInfo, 'name' | 'licence'> & Partial<Pick<SourceInfo, 'date'>> & { url?: string };

/** One programme the popup's search found, as the popup lists it. */
export interface SearchResult {
  /** What to send back to `lookup` to get this programme's report. */
  sighting: SightingData;
  libelle: string;
  detail?: string;
}

export interface TabFinding {
  sighting: SightingData;
  report?: Report;
}

export interface ProtocolMap {
  /**
   * Resolve one sighting into a report (from cache when possible; `force` skips the cache).
   * `depth: 'badge'` asks only what a list-row badge shows (see lib/build-report.ts).
   */
  lookup(data: { sighting: SightingData; force?: boolean; depth?: Depth; pageId?: string }): Report;
  /** Free-text or code search in the referentiel (popup search box). */
  search(data: { query: string }): SearchResult[];
  /** What the content script of a tab has asked about for its page `pageId` (from `pageId` below), for the popup. */
  tabFindings(data: { tabId: number; pageId: string | null }): TabFinding[];
  /** Better lines near the page's establishment, asked by a panel only once its section is shown. */
  nearby(data: NearbyRequest): NearbyResult;
  /** The data sources shipped in the referentiel, with their dates. */
  sources(): { sources: SourceCredit[]; builtAt?: string };
  /** Adds a programme to the counsellor's selection (the in-page panel's saves, written by the background). */
  saveToSelection(data: { item: SelectionItem }): void;
}

export const messaging = defineExtensionMessaging<ProtocolMap>({ logger: undefined });

/** Asked of a tab's content script by the extension's popup. */
export interface PageProtocolMap {
  /**
   * The id of the page the content script reads now (a new one with each page, client-side navigations
   * included), the one its lookups name; null when it reads none. A tab with no content script does not answer.
   */
  pageId(): string | null;
}

export const pageMessaging = defineExtensionMessaging<PageProtocolMap>({ logger: undefined });
