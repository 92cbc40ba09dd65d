// The background's door: who may send which message, and in what shape. Imported by the background only.
import * as z from 'zod/mini';
import type { ProtocolMap } from './messaging';
import { lazy } from './lazy-value';
import { MAX_DUREE } from './sites/ids';

const idString = (max: number) => z.string().check(z.maxLength(max), z.regex(/^[0-9A-Za-z._/+-]*$/));

/** A content script's id for its page (lib/page-session/start-page-session.ts). */
const pageIdSchema = () => idString(64);

// Each schema is built on its first use: building is work for the worker, and a wake needs only its message's.
const sightingSchema = lazy(() =>
  z.object({
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
      duree: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_DUREE))),
      fors: z.optional(z.array(idString(16)).check(z.maxLength(4))),
    }),
    label: z.optional(z.string().check(z.maxLength(500))),
    confidence: z.optional(z.enum(['high', 'medium', 'low'])),
    place: z.optional(
      z.object({
        etablissement: z.optional(z.string().check(z.maxLength(300))),
        commune: z.optional(z.string().check(z.maxLength(100))),
        codePostal: z.optional(z.string().check(z.regex(/^[0-9]{5}$/))),
      }),
    ),
    voie: z.optional(z.enum(['scolaire', 'apprentissage'])),
    native: z.optional(z.enum(['inserjeunes', 'insersup'])),
  }),
);

const selectionItemSchema = () =>
  z.object({
    key: z.string().check(z.maxLength(300)),
    libelle: z.string().check(z.maxLength(500)),
    etablissement: z.optional(z.string().check(z.maxLength(500))),
    uai: z.optional(idString(8)),
    cfd: z.optional(idString(8)),
    mefstat11: z.optional(idString(11)),
    sighting: sightingSchema(),
    addedAt: z.number(),
    alternative: z.optional(
      z.object({
        of: z.object({
          key: z.string().check(z.maxLength(300)),
          libelle: z.string().check(z.maxLength(500)),
          etablissement: z.optional(z.string().check(z.maxLength(500))),
          sighting: sightingSchema(),
          voie: z.enum(['scolaire', 'apprentissage']),
        }),
        af: idString(16),
        commune: z.optional(z.string().check(z.maxLength(100))),
        km: z.number().check(z.minimum(0), z.maximum(20_000)),
        voie: z.enum(['scolaire', 'apprentissage']),
        lien: z.enum(['meme', 'famille', 'nsf']),
      }),
    ),
  });

/** How to build each message's schema (requestSchema builds one on its first message). */
const requestSchemaMakers = {
  lookup: () =>
    z.object({
      sighting: sightingSchema(),
      force: z.optional(z.boolean()),
      depth: z.optional(z.enum(['panel', 'badge'])),
      pageId: z.optional(pageIdSchema()),
    }),
  search: () => z.object({ query: z.string().check(z.maxLength(200)) }),
  tabFindings: () => z.object({ tabId: z.number().check(z.int()), pageId: z.nullable(pageIdSchema()) }),
  sources: () => z.optional(z.undefined()),
  saveToSelection: () => z.object({ item: selectionItemSchema() }),
  nearby: () =>
    z.object({
      cfd: z.string().check(z.regex(/^[0-9A-Z]{8}$/)),
      uai: z.optional(idString(8)),
      voie: z.enum(['scolaire', 'apprentissage']),
      emploi: z.number().check(z.minimum(0), z.maximum(100)),
      formation: z.number().check(z.minimum(0), z.maximum(100)),
    }),
} satisfies Record<keyof ProtocolMap, () => z.ZodMiniType>;

type RequestSchemas = { [K in keyof ProtocolMap]: ReturnType<(typeof requestSchemaMakers)[K]> };
export type CheckedRequest<K extends keyof ProtocolMap> = z.infer<RequestSchemas[K]>;

const builtSchemas = new Map<keyof ProtocolMap, z.ZodMiniType>();

/** The schema of one message type, built on its first message. */
function requestSchema(type: keyof ProtocolMap): z.ZodMiniType {
  let schema = builtSchemas.get(type);
  if (!schema) builtSchemas.set(type, (schema = requestSchemaMakers[type]()));
  return schema;
}

/** The message types whose schema has been built in this context (for tests). */
export const builtRequestSchemas = (): (keyof ProtocolMap)[] => [...builtSchemas.keys()];

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

const FROM_CONTENT_SCRIPTS = new Set<keyof ProtocolMap>(['lookup', 'sources', 'saveToSelection', 'nearby']);

export class RefusedMessage extends Error {}

/**
 * Accepts a message only from this extension (its pages or its content scripts) and only in the
 * shape its type expects. Content scripts may only look up, credit the sources, save to the
 * selection and ask a panel's "Ailleurs près d'ici"; the other calls are for our pages.
 */
export function checkRequest<K extends keyof ProtocolMap>(
  type: K,
  data: unknown,
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): CheckedRequest<K> {
  if (sender.id !== extensionId) throw new RefusedMessage(`message « ${String(type)} » refusé : expéditeur inconnu`);
  const fromOwnPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (!fromOwnPage && !FROM_CONTENT_SCRIPTS.has(type)) throw new RefusedMessage(`message « ${String(type)} » réservé aux pages de l'extension`);
  const parsed = requestSchema(type).safeParse(data);
  if (!parsed.success) throw new RefusedMessage(`message « ${String(type)} » mal formé`);
  return parsed.data as CheckedRequest<K>;
}
