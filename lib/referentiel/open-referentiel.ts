// Opens the index (format.ts; its tables decoded on first use, unpack-index.ts) and answers from it, in the background or in Node. Pure: no
// browser or Node API. Maps are built lazily, on first use of each table. The selection rules live in
// final-year.ts, the word search in label-search.ts, the one-identifier answers in resolve-input.ts.
import type { EtablissementInfo, Lieu, ValeurAjoutee } from '../types';
import { compareCodes, isMef10, isValidUai } from '../codes';
import { PACKING, TABLES, type ActionMode, type ActionRow, type EtablissementRow, type FamilleRow, type FormationRow, type MefRow, type ProgrammeRow, type VaRow } from './format';
import { chooseFinalYear, withoutReplaced } from './final-year';
import { createLabelSearch } from './label-search';
import type { EntryYear, FamilleInfo, FormationInfo, ProgrammeInfo, Referentiel, ReferentielOptions } from './query-types';
import { createInputResolver } from './resolve-input';
import { openIndex, tableCells, tableColumns } from './unpack-index';
import { lazy } from '../lazy-value';

export type * from './query-types';
export { uaiProblem } from './resolve-input';

export { IndexError } from './unpack-index';

const ID_NUMBER = { FOR: /^(?:FOR\.)?([1-9][0-9]{0,8})$/i, AF: /^(?:AF\.)?([1-9][0-9]{0,8})$/i, ENS: /^(?:ENS\.)?([1-9][0-9]{0,8})$/i };
const num = (kind: keyof typeof ID_NUMBER, s: string) => Number(ID_NUMBER[kind].exec(s.trim())?.[1] ?? 0);
const split = (s: string) => (s ? s.split(' ') : []);
const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** Whether each key is `before` the next one (each key read once: a packed table makes it for the asking). */
function inOrder<K>(count: number, keyAt: (i: number) => K, before: (a: K, b: K) => boolean): boolean {
  let prev = count > 0 ? keyAt(0) : undefined;
  for (let i = 1; i < count; i++) {
    const k = keyAt(i);
    if (!before(prev as K, k)) return false;
    prev = k;
  }
  return true;
}

/** The first row whose key is `k`, by a binary search over rows sorted by key; -1 when there is none. */
function firstAt<K extends string | number>(count: number, keyAt: (i: number) => K, k: K): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) < k) lo = mid + 1;
    else hi = mid;
  }
  return lo < count && keyAt(lo) === k ? lo : -1;
}

/**
 * Rows by a key: a binary search when the rows come sorted by it (as the build writes most tables,
 * nothing to build on first use), else a map. `count` rows; `keyAt(i)` and `rowAt(i)` read row i.
 */
function keyed<R, K extends string | number>(
  count: number,
  keyAt: (i: number) => K,
  rowAt: (i: number) => R,
  sorted = inOrder(count, keyAt, (a, b) => a < b),
): { get(k: K): R | undefined; has(k: K): boolean } {
  if (!sorted) return new Map(Array.from({ length: count }, (_, i) => [keyAt(i), rowAt(i)]));
  const get = (k: K): R | undefined => {
    const i = firstAt(count, keyAt, k);
    return i < 0 ? undefined : rowAt(i);
  };
  return { get, has: (k) => firstAt(count, keyAt, k) >= 0 };
}

/** Tuples by their first cell (see keyed). */
const byFirst = <R extends [string | number, ...unknown[]]>(rows: R[]) => keyed(rows.length, (i) => rows[i]![0], (i) => rows[i]!);

/**
 * Rows by a key several rows share: a binary search for the first, when the rows come sorted by it (as
 * the build writes the MEF table, by CFD), else a map. Each `get` gives a new list.
 */
function keyedMany<R>(
  count: number,
  keyAt: (i: number) => string,
  rowAt: (i: number) => R,
  sorted = inOrder(count, keyAt, (a, b) => a <= b),
): { get(k: string): R[] | undefined; has(k: string): boolean } {
  if (!sorted) {
    const m = groupBy(Array.from({ length: count }, (_, i) => i), keyAt);
    return { get: (k) => m.get(k)?.map(rowAt), has: (k) => m.has(k) };
  }
  return {
    get(k) {
      let i = firstAt(count, keyAt, k);
      if (i < 0) return undefined;
      const out: R[] = [];
      for (; i < count && keyAt(i) === k; i++) out.push(rowAt(i));
      return out;
    },
    has: (k) => firstAt(count, keyAt, k) >= 0,
  };
}

/** The tables a lookup reads cell by cell (rowsOf). */
type CellTable = 'formations' | 'programmes' | 'mefs' | 'etablissements' | 'va';

function groupBy<R, K>(rows: R[], key: (r: R) => K): Map<K, R[]> {
  const m = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The département code of a UAI as the geo table names it (`620…` → `02A`, `720…` → `02B`). */
export function uaiDepartement(uai: string): string {
  const p = uai.slice(0, 3);
  return p === '620' ? '02A' : p === '720' ? '02B' : p;
}

/** The day `now` falls on (UTC), as MEF closing dates are written: `YYYYMMDD`. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10).replace(/-/g, '');
}

export function createReferentiel(index: unknown, options: ReferentielOptions = {}): Referentiel {
  const ix = openIndex(index);
  const today = dayOf(options.now ?? new Date());
  const isOpen = (fermeture: string) => !fermeture || fermeture > today;

  // The tables a page's first lookup reads (a FOR's CFDs, their renovations, their MEF rows) are read
  // cell by cell: their rows are made for the keys looked up, not all at once (a wake pays for it).
  const rowsOf = <R>(name: CellTable) => {
    const t = tableCells(ix, name);
    const width = PACKING[name].columns.length;
    const rowAt = (i: number) => {
      const row: unknown[] = [];
      for (let c = 0; c < width; c++) row.push(t.cell(c, i));
      return row as R;
    };
    return { count: t.count, cell: t.cell, ordered: t.ordered, rowAt };
  };
  // A table by one column, read as rowsOf reads it; its sort order checked on the decoded values, not on cells made for the check.
  const keyedBy = <R, K extends string | number>(name: CellTable, c: number) => {
    const t = rowsOf<R>(name);
    return keyed(t.count, (i) => t.cell(c, i) as K, t.rowAt, t.ordered(c, true));
  };
  const groupedBy = <R>(name: CellTable, c: number) => {
    const t = rowsOf<R>(name);
    return keyedMany(t.count, (i) => t.cell(c, i) as string, t.rowAt, t.ordered(c, false));
  };
  const formations = lazy(() => keyedBy<FormationRow, string>('formations', 0));
  const mefsByCfd = lazy(() => groupedBy<MefRow>('mefs', 1));
  const mefByCode = lazy(() => new Map<string, MefRow>(ix.mefs.map((r) => [r[0], r])));
  const mefsByStat = lazy(() => groupBy(ix.mefs, (r) => r[4]));
  const programmes = lazy(() => keyedBy<ProgrammeRow, number>('programmes', 0));
  const rncp = lazy(() => byFirst(ix.rncp));
  // The largest table: read by columns, its rows made only for the actions a lookup returns.
  const actionColumns = lazy(() => tableColumns(ix, 'actions') as [number[], number[], string[], number[], number[], ActionMode[]]);
  const actionRow = (i: number): ActionRow => {
    const c = actionColumns();
    return [c[0][i]!, c[1][i]!, c[2][i]!, c[3][i]!, c[4][i]!, c[5][i]!];
  };
  const actions = lazy(() => keyed(actionColumns()[0].length, (i) => actionColumns()[0][i]!, actionRow));
  const actionsByUai = lazy(() => {
    const m = new Map<string, number[]>();
    actionColumns()[2].forEach((uai, i) => {
      const l = m.get(uai);
      if (l) l.push(i);
      else m.set(uai, [i]);
    });
    return m;
  });
  const programmeByCfd = lazy(() => {
    const m = new Map<string, number>();
    for (const p of ix.programmes) for (const c of split(p[2])) if (!m.has(c)) m.set(c, p[0]);
    return m;
  });
  const ens = lazy(() => byFirst(ix.ens));
  const gtas = lazy(() => byFirst(ix.gta));
  // An establishment's name and valeur ajoutée: rows made for its UAI only (both tables by UAI).
  const etabs = lazy(() => keyedBy<EtablissementRow, string>('etablissements', 0));
  const geoByDep = lazy(() => new Map(ix.geo.map((r) => [r[0], r])));
  const vaByUai = lazy(() => groupedBy<VaRow>('va', 0));
  const familles = lazy(() => {
    const m = new Map<string, FamilleRow>();
    for (const f of ix.familles) {
      m.set(f[0], f);
      if (f[1]) m.set(f[1], f);
    }
    return m;
  });

  const familleInfo = (f: FamilleRow): FamilleInfo => ({
    ...(f[3] ? { code: f[3] } : {}),
    libelle: f[2],
    cfd: f[0],
    mefstat11: f[1],
    specialites: f[4].map(([cfd, mefstat11, libelle]) => ({ cfd, mefstat11, libelle })),
  });

  const renovation = (cfd: string) => {
    const f = formations().get(cfd);
    return f ? { ancien: split(f[3]), nouveau: split(f[4]) } : undefined;
  };
  const programmeCfds = (r: ProgrammeRow) => withoutReplaced(split(r[2]), renovation);

  function programme(forId: string): ProgrammeInfo | undefined {
    const r = programmes().get(num('FOR', forId));
    if (!r) return undefined;
    const { kept, replaced } = programmeCfds(r);
    const durees = split(r[3]).map(Number);
    return { for: `FOR.${r[0]}`, libelle: r[1], cfd: kept, replaced, durees, ...(durees.length === 1 ? { duree: durees[0] } : {}), rncp: split(r[4]) };
  }

  function famille(code: string): FamilleInfo | undefined {
    const f = familles().get(code);
    return f ? familleInfo(f) : undefined;
  }

  function entryYear(code: string): EntryYear | undefined {
    let rows: MefRow[];
    if (isMef10(code) && mefByCode().has(code)) rows = [mefByCode().get(code)!];
    else rows = mefsByStat().get(code) ?? [];
    const row = rows.find((r) => r[2] === r[3]) ?? rows[0];
    if (!row) {
      const f = famille(code);
      return f ? { code, cfd: f.cfd, famille: f } : undefined;
    }
    const dispositif = row[0].slice(0, 3);
    const same = (mefsByCfd().get(row[1]) ?? []).filter((r) => r[0].slice(0, 3) === dispositif && r[4]);
    const last = same.reduce((best, r) => (r[3] > best[3] ? r : best), row);
    const fam = famille(row[1]);
    if (fam || last[3] !== last[2]) return { code, cfd: row[1], ...(fam ? { famille: fam } : {}) };
    return { code, cfd: row[1], final: { mef10: last[0], mefstat11: last[4], duree: last[2] } };
  }

  function diplome(cfd: string): Lieu | undefined {
    const code = cfd.slice(0, 3);
    const nom = ix.niveaux[code];
    return nom ? { code, nom } : undefined;
  }

  function formation(cfd: string): FormationInfo | undefined {
    const r = formations().get(cfd);
    if (!r) return undefined;
    const info: FormationInfo = { cfd, libelle: r[1], ancien: split(r[3]), nouveau: split(r[4]) };
    const level = diplome(cfd);
    if (level) info.diplome = level;
    if (r[2]) info.fermeture = iso(r[2]);
    return info;
  }

  function geo(uai: string): Pick<EtablissementInfo, 'departement' | 'academie' | 'region'> | undefined {
    if (!isValidUai(uai)) return undefined;
    const g = geoByDep().get(uaiDepartement(uai));
    if (!g) return {};
    return { departement: { code: g[0], nom: g[1] }, academie: { code: g[2], nom: g[3] }, region: { code: g[4], nom: g[5] } };
  }

  function etablissement(uai: string): EtablissementInfo | undefined {
    const place = geo(uai);
    if (!place) return undefined;
    const e = etabs().get(uai);
    const va: ValeurAjoutee[] = (vaByUai().get(uai) ?? []).map((r) => ({
      voie: r[1] === 'a' ? 'apprentissage' : 'scolaire',
      millesime: ix.millesimes[r[2]] ?? '',
      taux: r[3],
      tauxAttendu: r[4],
      valeurAjoutee: r[5],
    }));
    va.sort((a, b) => compareCodes(b.millesime, a.millesime) || compareCodes(a.voie, b.voie));
    return {
      uai,
      ...(e?.[1] ? { libelle: e[1] } : {}),
      ...(e?.[2] ? { commune: e[2] } : {}),
      ...place,
      ...(va.length ? { valeurAjoutee: va } : {}),
    };
  }

  function rncpCfds(code: string): string[] {
    const n = Number(/^(?:RNCP)?\s*([0-9]{1,6})$/i.exec(code.trim())?.[1] ?? 0);
    return split(rncp().get(n)?.[1] ?? '');
  }

  const ref: Omit<Referentiel, 'search' | 'matchLabel' | 'resolveInput'> = {
    version: ix.version,
    builtAt: ix.builtAt,
    sources: ix.sources,
    missing: ix.missing,
    counts: () => ({
      ...Object.fromEntries(TABLES.map((t) => [t, ix[t].length])),
      niveaux: Object.keys(ix.niveaux).length,
    }),
    keys: () => ({
      cfds: [...new Set(ix.mefs.filter((r) => r[2] === r[3] && r[4]).map((r) => r[1]))],
      fors: ix.programmes.map((r) => `FOR.${r[0]}`),
      rncps: [...new Set([...ix.rncp.map((r) => r[0]), ...ix.programmes.flatMap((r) => split(r[4]).map(Number))])].map((n) => `RNCP${n}`),
    }),
    programme,
    programmeOfCfd(cfd) {
      const forId = programmeByCfd().get(cfd);
      return forId === undefined ? undefined : programme(`FOR.${forId}`);
    },
    action(afId) {
      const a = actions().get(num('AF', afId));
      if (!a) return undefined;
      return {
        af: `AF.${a[0]}`,
        ...(a[1] ? { for: `FOR.${a[1]}` } : {}),
        ...(a[2] ? { uai: a[2] } : {}),
        ...(a[4] ? { ens: `ENS.${a[4]}` } : {}),
        ...(a[3] ? { duree: a[3] } : {}),
      };
    },
    actionsAt(uai) {
      return (actionsByUai().get(uai) ?? []).map(actionRow).map((a) => ({
        af: `AF.${a[0]}`,
        ...(a[1] ? { for: `FOR.${a[1]}` } : {}),
        uai,
        ...(a[4] ? { ens: `ENS.${a[4]}` } : {}),
        ...(a[3] ? { duree: a[3] } : {}),
      }));
    },
    ensUai: (ensId) => ens().get(num('ENS', ensId))?.[1],
    gta(g) {
      const r = gtas().get(Number(g));
      return r ? { uai: r[1], libelle: r[2] } : undefined;
    },
    rncpCfds,
    finalYear: (cfd, length) => chooseFinalYear(cfd, mefsByCfd().get(cfd) ?? [], length, isOpen),
    entryYear,
    famille,
    formation,
    diplome,
    geo,
    etablissement,
  };
  const labels = createLabelSearch(ix, isOpen, (p) => programmeCfds(p).kept);
  const resolveInput = createInputResolver({
    ...ref,
    etablissementName: (uai) => etabs().get(uai)?.[1] || undefined,
    isFormation: (cfd) => formations().has(cfd),
    hasMefs: (cfd) => mefsByCfd().has(cfd),
  });
  return { ...ref, ...labels, resolveInput };
}
