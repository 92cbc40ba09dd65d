// zod schemas of what the InserJeunes exposition API answers (../shared/design/INSERJEUNES_API.md).
// Objects are loose: fields the API adds later are tolerated. Only the fields needed to tell what a
// cell is are required; the figures themselves are checked by figures.ts (a wrong type there is an
// `invalid-response` cell, never a crash nor a wrong number).
// zod/mini: the same checks as classic zod, without the methods classic zod attaches to every schema
// it builds (building these schemas was most of the service worker's start-up script time).
import * as z from 'zod/mini';
import { lazy } from '../lazy-value';

// No code generation: extension pages and service workers forbid eval, and store reviews flag it.
z.config({ jitless: true });

let built = false;

/** Whether the schemas have been built in this context yet (for tests). */
export const schemasBuilt = (): boolean => built;

/**
 * The schemas, built on first use: building them is work for the worker's start (its script's
 * evaluation comes before the first lookup), while the first use comes with the first answer. The
 * client builds them as soon as its first request has left (client.ts).
 */
export const apiSchemas = lazy(() => {
  built = true;
  /** Present or not, null or of this type (what the API may leave out or send as null). */
  const maybe = <T extends z.ZodMiniType>(t: T) => z.optional(z.nullable(t));

  const count = maybe(z.number());
  const text = maybe(z.string());

  const lieuSchema = z.looseObject({ code: z.string(), nom: z.string() });

  const donneeSourceSchema = z.looseObject({
    code_certification: z.string(),
    type: z.enum(['self', 'ancienne', 'nouvelle']),
  });

  const familleMetierSchema = z.looseObject({
    code: text,
    libelle: text,
    isAnneeCommune: maybe(z.boolean()),
  });

  const metaSchema = z.looseObject({
    titre: text,
    details: text,
    messages: maybe(z.array(z.string())),
  });

  /** The fields every statistics object shares (national, regional, establishment). */
  const statsShape = {
    millesime: z.string(),
    code_certification: z.string(),
    code_certification_type: text,
    code_formation_diplome: text,
    libelle: text,
    libelle_ancien: text,
    filiere: text,
    diplome: maybe(z.looseObject({ code: z.string(), libelle: z.string() })),
    formation_fermee: maybe(z.boolean()),
    nb_annee_term: count,
    nb_sortant: count,
    nb_poursuite_etudes: count,
    nb_en_emploi_6_mois: count,
    nb_en_emploi_12_mois: count,
    nb_en_emploi_18_mois: count,
    nb_en_emploi_24_mois: count,
    taux_en_emploi_6_mois: count,
    taux_en_formation: count,
    taux_autres_6_mois: count,
    taux_en_emploi_12_mois: count,
    taux_en_emploi_18_mois: count,
    taux_en_emploi_24_mois: count,
    taux_rupture_contrats: count,
    salaire_12_mois_q1: count,
    salaire_12_mois_q2: count,
    salaire_12_mois_q3: count,
    donnee_source: maybe(donneeSourceSchema),
    familleMetier: maybe(familleMetierSchema),
    _meta: maybe(metaSchema),
  };

  /** A specialty of a common 2de, or the final year a first-year code points to. */
  const terminaleSchema = z.looseObject({
    ...statsShape,
    // The API's database keeps only the code here; the public answer carries full objects.
    millesime: z.optional(z.string()),
  });

  const statsSchema = z.looseObject({
    ...statsShape,
    certificationsTerminales: maybe(z.array(terminaleSchema)),
  });

  const formationSchema = z.extend(statsSchema, {
    uai: text,
    libelle_etablissement: text,
    region: maybe(lieuSchema),
    academie: maybe(lieuSchema),
    uai_type: text,
    uai_donnee: text,
    uai_donnee_type: text,
  });

  const regionaleSchema = z.extend(statsSchema, {
    region: maybe(lieuSchema),
  });

  /** `certifications/{codes}?vue=filieres`: national figures summed per voie; a voie may be absent. */
  const anyStatsSchema = z.extend(statsSchema, { code_certification: z.optional(z.string()), millesime: z.optional(z.string()) });

  // Sums over several codes carry no single `code_certification`: it is optional there.
  const filiereStatsSchema = anyStatsSchema;
  const filieresSchema = z.looseObject({
    pro: z.optional(filiereStatsSchema),
    apprentissage: z.optional(filiereStatsSchema),
    agricole: z.optional(filiereStatsSchema),
  });

  const apiErrorSchema = z.looseObject({
    statusCode: z.optional(z.number()),
    error: z.optional(z.string()),
    message: z.string(),
    data: maybe(
      z.looseObject({
        millesime: maybe(z.string()),
        millesimesDisponible: maybe(z.array(z.string())),
      }),
    ),
    details: z.optional(z.unknown()),
  });

  return {
    lieu: lieuSchema,
    terminale: terminaleSchema,
    stats: statsSchema,
    formation: formationSchema,
    regionale: regionaleSchema,
    anyStats: anyStatsSchema,
    filieres: filieresSchema,
    apiError: apiErrorSchema,
  };
});

export type ApiSchemas = ReturnType<typeof apiSchemas>;

export type LieuRaw = z.infer<ApiSchemas['lieu']>;
export type StatsRaw = z.infer<ApiSchemas['stats']>;
export type TerminaleRaw = z.infer<ApiSchemas['terminale']>;
export type FormationRaw = z.infer<ApiSchemas['formation']>;
export type RegionaleRaw = z.infer<ApiSchemas['regionale']>;
export type FilieresRaw = z.infer<ApiSchemas['filieres']>;
export type ApiErrorRaw = z.infer<ApiSchemas['apiError']>;
/** Any statistics object: national, regional, establishment, per-voie sum or specialty. */
export type AnyStatsRaw = z.infer<ApiSchemas['anyStats']>;

/** A short, key-free description of why a body did not match (for an error cell's message). */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`)
    .join(' ; ');
}
