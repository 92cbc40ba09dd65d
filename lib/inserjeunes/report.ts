// One programme's report: establishment / region / France × voie scolaire / apprentissage, each cell
// with exactly one state. Asks in parallel only for what the input allows; never throws.
import { SCOPES, type Cell, type Cells, type EtablissementInfo, type Lieu, type ProgrammeReport, type Scope, type Voie } from '../types';
import type { ApiResult, InserJeunesClient } from './client';
import { hasNoStatistics, toCell } from './figures';
import type { AnyStatsRaw, StatsRaw } from './schema';

export interface ProgrammeInput {
  key: string;
  libelle: string;
  diplome?: Lieu;
  cfd?: string;
  mefstat11?: string;
  uai?: string;
  etablissement?: EtablissementInfo;
  /** The region of the `region` scope: the establishment's, or the user's preferred one. */
  region?: Lieu;
  ambiguous?: boolean;
  /**
   * The scopes to ask for (default: all). A list-row badge needs less than a panel: cells of the
   * scopes left out stay `loading`, to be asked when the full panel is opened.
   */
  scopes?: readonly Scope[];
  /**
   * The voies to ask at the establishment and in the region (default: both); a voie left out stays
   * `loading` there. France's one request answers both voies whatever this says.
   */
  voies?: readonly Voie[];
  /**
   * Ask the plain national route of each voie's code besides the filières view, for what that view
   * drops (salaries, contract breaks, borrowed-figures flag). Default: when every scope is asked (a
   * panel), not for a badge. Without it the plain route is asked only for a voie the view cannot
   * answer (agricultural programmes, a common 2de).
   */
  nationalDetails?: boolean;
}


/** Every cell in the same state (e.g. `{state: 'loading'}` while a report is being built). */
export function emptyCells(cell: Cell): Cells {
  const row = (): Record<Voie, Cell> => ({ scolaire: { ...cell }, apprentissage: { ...cell } });
  return { etablissement: row(), region: row(), france: row() };
}

/** The cell of a statistics object; an object with no statistics (a common 2de) has no figures of its own. */
function cellOf(raw: AnyStatsRaw): Cell {
  const terminales = raw.certificationsTerminales;
  if (hasNoStatistics(raw) && Array.isArray(terminales) && terminales.length > 0) {
    return { state: 'none', reason: 'pas-de-donnees' };
  }
  return toCell(raw);
}

const resultCell = <T extends AnyStatsRaw>(r: ApiResult<T>): Cell => (r.ok ? cellOf(r.data) : r.cell);

/** What `vue=filieres` drops (server/tests/http/certificationsRoutes-test.js): taken from the plain route of the same year. */
const PLAIN_ONLY = ['salaire_12_mois_q1', 'salaire_12_mois_q2', 'salaire_12_mois_q3', 'taux_rupture_contrats', 'donnee_source'] as const;

function withPlainDetails(summed: AnyStatsRaw, plain: AnyStatsRaw | undefined): AnyStatsRaw {
  if (!plain || plain.millesime !== summed.millesime || hasNoStatistics(plain)) return summed;
  const extra: Partial<AnyStatsRaw> = {};
  for (const key of PLAIN_ONLY) if (plain[key] != null && summed[key] == null) Object.assign(extra, { [key]: plain[key] });
  return { ...summed, ...extra };
}

const isAnneeCommune = (raw: AnyStatsRaw | undefined): boolean =>
  raw?.familleMetier?.isAnneeCommune === true || (raw !== undefined && hasNoStatistics(raw) && (raw.certificationsTerminales?.length ?? 0) > 0);

export async function buildProgrammeReport(client: InserJeunesClient, input: ProgrammeInput): Promise<ProgrammeReport> {
  const uai = input.uai ?? input.etablissement?.uai;
  const region = input.region ?? input.etablissement?.region;
  const { mefstat11, cfd } = input;
  const none = (reason: Extract<Cell, { state: 'none' }>['reason']): Cell => ({ state: 'none', reason });
  const asked = (scope: Scope) => !input.scopes || input.scopes.includes(scope);
  const askedLocal = (scope: 'etablissement' | 'region', voie: Voie) => asked(scope) && (!input.voies || input.voies.includes(voie));

  // Every request starts at once; a cell without its inputs is decided without a request.
  const etabScolaire = askedLocal('etablissement', 'scolaire') && uai && mefstat11 ? client.formation(uai, { type: 'mefstat11', code: mefstat11 }) : undefined;
  const etabApprentissage = askedLocal('etablissement', 'apprentissage') && uai && cfd ? client.formation(uai, { type: 'cfd', code: cfd }) : undefined;
  const regionScolaire = askedLocal('region', 'scolaire') && region && mefstat11 ? client.regionale(region.code, mefstat11) : undefined;
  const regionApprentissage = askedLocal('region', 'apprentissage') && region && cfd ? client.regionale(region.code, cfd) : undefined;
  const nation =
    asked('france') && (mefstat11 || cfd)
      ? client.nationale({ ...(mefstat11 ? { mefstat11: [mefstat11] } : {}), ...(cfd ? { cfd: [cfd] } : {}) })
      : undefined;

  // A panel wants each voie's plain national route for its details whatever the view says: asked
  // beside the view, not after it (one round trip for the miss, not two). Used only when the view
  // answered (figures or none), as when it was asked after it.
  const details = input.nationalDetails ?? !input.scopes;
  const early = (code: string | undefined) => (details && nation && code ? client.certification(code) : undefined);
  const earlyScolaire = early(mefstat11);
  const earlyApprentissage = early(cfd);

  const [es, ea, rs, ra, fr] = await Promise.all([etabScolaire, etabApprentissage, regionScolaire, regionApprentissage, nation]);

  // vue=filieres sums only the pro and apprentissage filières (server/src/common/repositories/base.js):
  // an agricultural programme gets a 404 there, a common 2de a sum without a cohort. The plain route
  // of the voie's own code answers those, and carries what the view drops; asked once per voie, only
  // when the view could not answer that voie or when a panel needs the details.
  const filiereOf = (voie: Voie): AnyStatsRaw | undefined =>
    fr?.ok ? (voie === 'scolaire' ? (fr.data.pro ?? fr.data.agricole) : fr.data.apprentissage) : undefined;
  const viewCannotAnswer = (voie: Voie): boolean => {
    if (!fr) return false;
    if (!fr.ok) return fr.cell.state === 'none';
    const summed = filiereOf(voie);
    return !summed || hasNoStatistics(summed);
  };
  const plainFor = (voie: Voie, code: string | undefined, asked: Promise<ApiResult<StatsRaw>> | undefined) =>
    code && fr && (details ? fr.ok || fr.cell.state === 'none' : viewCannotAnswer(voie)) ? (asked ?? client.certification(code)) : undefined;
  const [plainScolaire, plainApprentissage] = await Promise.all([
    plainFor('scolaire', mefstat11, earlyScolaire),
    plainFor('apprentissage', cfd, earlyApprentissage),
  ]);

  const local = (result: ApiResult<AnyStatsRaw> | undefined, hasPlace: boolean, missingPlace: Cell, hasCode: boolean): Cell => {
    if (!hasPlace) return missingPlace;
    if (!hasCode || !result) return none('voie-absente');
    return resultCell(result);
  };
  const national = (voie: Voie, hasCode: boolean): Cell => {
    if (!fr) return none('voie-absente');
    const plain = voie === 'scolaire' ? plainScolaire : plainApprentissage;
    // vue=filieres sums per voie over the diploma: the answer may hold a voie we had no code for.
    const summed = filiereOf(voie);
    if (summed && !hasNoStatistics(summed)) return cellOf(withPlainDetails(summed, plain?.ok ? plain.data : undefined));
    if (plain) return resultCell(plain);
    if (summed) return cellOf(summed);
    if (!fr.ok) return fr.cell;
    return hasCode ? none('certification-inconnue') : none('voie-absente');
  };

  const later = (scope: Scope, cell: () => Cell): Cell => (asked(scope) ? cell() : { state: 'loading' });
  const laterLocal = (scope: 'etablissement' | 'region', voie: Voie, cell: () => Cell): Cell =>
    askedLocal(scope, voie) ? cell() : { state: 'loading' };
  const cells: Cells = {
    etablissement: {
      scolaire: laterLocal('etablissement', 'scolaire', () => local(es, !!uai, none('pas-d-etablissement'), !!mefstat11)),
      apprentissage: laterLocal('etablissement', 'apprentissage', () => local(ea, !!uai, none('pas-d-etablissement'), !!cfd)),
    },
    region: {
      scolaire: laterLocal('region', 'scolaire', () => local(rs, !!region, none('pas-de-region'), !!mefstat11)),
      apprentissage: laterLocal('region', 'apprentissage', () => local(ra, !!region, none('pas-de-region'), !!cfd)),
    },
    france: {
      scolaire: later('france', () => national('scolaire', !!mefstat11)),
      apprentissage: later('france', () => national('apprentissage', !!cfd)),
    },
  };

  const report: ProgrammeReport = {
    key: input.key,
    libelle: input.libelle,
    ...(input.diplome ? { diplome: input.diplome } : {}),
    ...(cfd ? { cfd } : {}),
    ...(mefstat11 ? { mefstat11 } : {}),
    ...(input.ambiguous ? { ambiguous: true } : {}),
    ...(input.etablissement ? { etablissement: input.etablissement } : uai ? { etablissement: { uai } } : {}),
    ...(region ? { region } : {}),
    cells,
  };

  const answers: AnyStatsRaw[] = [es, ea, rs, ra, plainScolaire, plainApprentissage].flatMap((r) => (r?.ok ? [r.data] : []));
  if (fr?.ok) {
    for (const voie of [fr.data.pro, fr.data.apprentissage]) if (voie) answers.push(voie as AnyStatsRaw);
  }

  // Continuum: figures borrowed from the diploma this one replaced, or from its successor.
  const borrowed = answers.find((a) => a.donnee_source && a.donnee_source.type !== 'self' && !hasNoStatistics(a));
  if (borrowed?.donnee_source && borrowed.donnee_source.type !== 'self') {
    const libelle = borrowed.donnee_source.type === 'ancienne' ? borrowed.libelle_ancien : undefined;
    report.continuum = {
      type: borrowed.donnee_source.type,
      codeCertification: borrowed.donnee_source.code_certification,
      ...(libelle ? { libelle } : {}),
    };
  }

  // A common 2de: one report per specialty, from the answers that already list them.
  const plainS = plainScolaire?.ok ? plainScolaire.data : undefined;
  const commune = [es?.ok ? es.data : undefined, rs?.ok ? rs.data : undefined, fr?.ok ? fr.data.pro : undefined, plainS].find(isAnneeCommune);
  if (commune && mefstat11) {
    let national: AnyStatsRaw | undefined = plainS?.certificationsTerminales?.length ? plainS : fr?.ok ? fr.data.pro : undefined;
    if (!national?.certificationsTerminales?.length && asked('france')) {
      // vue=filieres sums specialties away: the plain national route lists them.
      const plain = await client.certification(mefstat11);
      national = plain.ok ? plain.data : undefined;
    }
    const perScope: Record<Scope, { source: AnyStatsRaw | undefined; fallback: Cell }> = {
      etablissement: { source: es?.ok ? es.data : undefined, fallback: cells.etablissement.scolaire },
      region: { source: rs?.ok ? rs.data : undefined, fallback: cells.region.scolaire },
      france: { source: national, fallback: cells.france.scolaire },
    };
    const codes = [
      ...new Set(SCOPES.flatMap((s) => perScope[s].source?.certificationsTerminales?.map((t) => t.code_certification) ?? [])),
    ];
    const specialites = await Promise.all(
      codes.map(async (code): Promise<ProgrammeReport> => {
        const items = SCOPES.map((s) => perScope[s].source?.certificationsTerminales?.find((t) => t.code_certification === code));
        const any = items.find((i) => i !== undefined)!;
        const scolaire = await Promise.all(
          SCOPES.map(async (scope, i): Promise<Cell> => {
            const item = items[i];
            if (!item) return perScope[scope].source ? none('formation-inconnue') : perScope[scope].fallback;
            if (!hasNoStatistics(item)) return toCell(item);
            // The answer named the specialty without its figures: ask for them.
            const fetched =
              scope === 'etablissement' && uai
                ? await client.formation(uai, { type: 'mefstat11', code })
                : scope === 'region' && region
                  ? await client.regionale(region.code, code)
                  : await client.certification(code);
            return resultCell(fetched);
          }),
        );
        const specCfd = any.code_formation_diplome ?? undefined;
        return {
          key: `${uai ?? ''}|${specCfd ?? ''}|${code}`,
          libelle: any.libelle ?? code,
          ...(any.diplome ? { diplome: { code: any.diplome.code, nom: any.diplome.libelle } } : input.diplome ? { diplome: input.diplome } : {}),
          ...(specCfd ? { cfd: specCfd } : {}),
          mefstat11: code,
          ...(report.etablissement ? { etablissement: report.etablissement } : {}),
          ...(region ? { region } : {}),
          cells: {
            etablissement: { scolaire: scolaire[0]!, apprentissage: none('voie-absente') },
            region: { scolaire: scolaire[1]!, apprentissage: none('voie-absente') },
            france: { scolaire: scolaire[2]!, apprentissage: none('voie-absente') },
          },
        };
      }),
    );
    report.famille = {
      ...(commune.familleMetier?.code ? { code: commune.familleMetier.code } : {}),
      libelle: commune.familleMetier?.libelle ?? commune.libelle ?? input.libelle,
      specialites,
    };
    // The common year's own school-route cells have no figures by nature: say why, once, not "no data".
    for (const scope of SCOPES) {
      const cell = report.cells[scope].scolaire;
      if (cell.state === 'none' && cell.reason !== 'pas-d-etablissement' && cell.reason !== 'pas-de-region') {
        report.cells[scope].scolaire = none('annee-commune');
      }
    }
  }
  return report;
}
