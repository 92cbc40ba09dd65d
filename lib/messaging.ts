// The one typed protocol between content scripts, popup, options and the background, and its door check.
import { defineExtensionMessaging } from '@webext-core/messaging';
import * as z from 'zod/mini';
import type { Report, SightingData } from './types';

export interface SourceInfo {
  name: string;
  date?: string;
  licence: string;
  url?: string;
}

export interface SearchHit {
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
  /** Resolve one sighting into a report (from cache when possible; `force` skips the cache). */
  lookup(data: { sighting: SightingData; force?: boolean }): Report;
  /** Free-text or code search in the referentiel (popup search box). */
  search(data: { query: string }): SearchHit[];
  /** What the content script of a tab has asked about, for the popup. */
  tabFindings(data: { tabId: number }): TabFinding[];
  /** The data sources shipped in the referentiel, with their dates. */
  sources(): { sources: SourceInfo[]; builtAt?: string };
}

export const messaging = defineExtensionMessaging<ProtocolMap>({ logger: undefined });

// ---------------------------------------------------------------- door check

const idString = (max: number) => z.string().check(z.maxLength(max), z.regex(/^[0-9A-Za-z._/+-]*$/));

const sightingSchema = z.object({
  site: z.enum(['onisep', 'parcoursup', 'affelnet', 'recherche']),
  page: z.enum(['formation', 'etablissement', 'action', 'offre', 'liste-item']),
  ids: z.object({
    for: z.optional(idString(16)),
    af: z.optional(idString(16)),
    ens: z.optional(idString(16)),
    uai: z.optional(idString(8)),
    cfd: z.optional(idString(8)),
    mef: z.optional(idString(10)),
    mefstat11: z.optional(idString(11)),
    gta: z.optional(idString(10)),
    offre: z.optional(idString(40)),
    slug: z.optional(z.string().check(z.maxLength(200))),
    duree: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(6))),
  }),
  label: z.optional(z.string().check(z.maxLength(500))),
  confidence: z.optional(z.enum(['high', 'medium', 'low'])),
});

export const requestSchemas = {
  lookup: z.object({ sighting: sightingSchema, force: z.optional(z.boolean()) }),
  search: z.object({ query: z.string().check(z.maxLength(200)) }),
  tabFindings: z.object({ tabId: z.number().check(z.int()) }),
  sources: z.optional(z.undefined()),
} satisfies Record<keyof ProtocolMap, z.ZodMiniType>;

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export class RefusedMessage extends Error {}

/**
 * Accepts a message only from this extension (its pages or its content scripts) and only in the
 * shape its type expects. Content scripts may only ask `lookup`; the other calls are for our pages.
 */
export function checkRequest<K extends keyof ProtocolMap>(
  type: K,
  data: unknown,
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): z.infer<(typeof requestSchemas)[K]> {
  if (sender.id !== extensionId) throw new RefusedMessage(`message « ${String(type)} » refusé : expéditeur inconnu`);
  const fromOwnPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (!fromOwnPage && type !== 'lookup') throw new RefusedMessage(`message « ${String(type)} » réservé aux pages de l'extension`);
  const schema = requestSchemas[type] as z.ZodMiniType;
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new RefusedMessage(`message « ${String(type)} » mal formé`);
  return parsed.data as z.infer<(typeof requestSchemas)[K]>;
}
