// Opens the shipped index (format.ts PackedIndex, written by pack-index.ts) in place: each table
// becomes a property of the parsed file that is decoded on its first read, so a lookup pays only for
// the tables it needs; tableCells reads a table without making its rows, for lookups that need a few.
// An index as the build holds it (tables of tuples) opens as it is.
// Pure: no Node or browser API.
import { uaiCheckLetter } from '../codes';
import { readStream, readValues, STRING_SEPARATOR } from './packed-streams';
import { INDEX_VERSION, PACKING, TABLES, type Codec, type PackedIndex, type PackedTableName, type ReferentielIndex } from './format';

/** Why an index cannot be used. */
export class IndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexError';
  }
}

/** The sections of a packed table, read in order. */
class Sections {
  private next = 0;
  constructor(private readonly parts: string[]) {}
  take(): string {
    const s = this.parts[this.next++];
    if (s === undefined) throw new Error('section absente');
    return s;
  }
  done(): boolean {
    return this.next === this.parts.length;
  }
}

/** A section's header (`r`/`d`, digits) and its symbols. */
function section(text: string): { delta: boolean; width: number; stream: string } {
  const colon = text.indexOf(':');
  if (colon < 1 || (text[0] !== 'r' && text[0] !== 'd' && text[0] !== 'x')) throw new Error('section mal formée');
  return { delta: text[0] === 'd', width: Number(text.slice(1, colon)), stream: text.slice(colon + 1) };
}

/** A shared table of strings, read by position. */
interface StringTable {
  readonly length: number;
  get(i: number): string | undefined;
}

interface Shared {
  strings: () => StringTable;
  uais: () => StringTable;
}

const at = <T>(list: T[], i: number, what: string): T => list[i] ?? fail(`${what} ${i} absent(e)`);
const stringAt = (table: StringTable, i: number): string => table.get(i) ?? fail(`chaîne ${i} absent(e)`);

const tableOf = (list: string[]): StringTable => ({ length: list.length, get: (i) => list[i] });

/**
 * Strings joined by `separator`, read in place: their starts in a typed array, each string cut when a
 * cell asks for it. Splitting would make every string of the table at once, and a just-started worker
 * (a small young generation) copies those thousands of objects through its first collections.
 */
export function joinedStrings(text: string, separator: string): StringTable {
  let n = 1;
  for (let i = text.indexOf(separator); i >= 0; i = text.indexOf(separator, i + 1)) n++;
  // starts[k] is where string k begins; starts[n] is one separator past the end.
  const starts = new Int32Array(n + 1);
  let k = 0;
  for (let i = text.indexOf(separator); i >= 0; i = text.indexOf(separator, i + 1)) starts[++k] = i + separator.length;
  starts[n] = text.length + separator.length;
  return { length: n, get: (i) => (i >= 0 && i < n ? text.slice(starts[i], starts[i + 1]! - separator.length) : undefined) };
}

/**
 * A column as decoded, before its cells are made: codes still integers (padded when read), texts and
 * UAIs still positions in the shared tables (checked, looked up when read). A lookup that reads a few
 * rows of a table makes only their cells; `all()` makes every cell, for tables read whole.
 */
class RawColumn {
  constructor(
    private readonly values: readonly unknown[],
    private readonly format?: (value: unknown) => unknown,
    /** Whether two integer values compare as their cells do (a code column's: digits of one width). */
    private readonly integersInOrder = !format,
  ) {}
  /**
   * Whether the cells increase (or, unless `strict`, never decrease) down the column, compared as `<`
   * compares them. Integer values that compare as their cells do are compared as they are: no cell
   * made for the check.
   */
  ordered(strict: boolean): boolean {
    const v = this.values;
    for (let i = 1, n = v.length; i < n; i++) {
      const a = v[i - 1];
      const b = v[i];
      const raw = this.integersInOrder && typeof a === 'number' && typeof b === 'number';
      const x = (raw ? a : this.at(i - 1)) as string | number;
      const y = (raw ? b : this.at(i)) as string | number;
      if (strict ? !(x < y) : y < x) return false;
    }
    return true;
  }
  get length(): number {
    return this.values.length;
  }
  at(i: number): unknown {
    return this.format ? this.format(this.values[i]) : this.values[i];
  }
  private made?: unknown[];
  /** Every cell, made once. */
  all(): unknown[] {
    return (this.made ??= this.format ? this.values.map(this.format) : (this.values as unknown[]));
  }
}

function readColumn(codec: Codec, parts: Sections, shared: Shared): RawColumn {
  const { delta, width, stream } = section(parts.take());
  switch (codec) {
    case 'int':
      return new RawColumn(readValues(stream, delta, 1, () => null));
    case 'text':
    case 'uai': {
      const table = codec === 'text' ? shared.strings() : shared.uais();
      const positions = readValues(stream, delta, 1, () => null);
      for (const v of positions) {
        if (v === null ? codec !== 'uai' : !(v >= 0 && v < table.length)) fail(v === null ? 'chaîne nulle' : `${codec} ${v} absent(e)`);
      }
      // The shared UAI table is sorted: positions in it order as the UAIs do (not so the strings').
      return new RawColumn(positions, (v) => (v === null ? '' : table.get(v as number)), codec === 'uai');
    }
    case 'code': {
      const others = readStream(parts.take().replace(/^x:/, ''));
      const strings = others.length ? shared.strings() : tableOf([]);
      let k = 0;
      const values = readValues(stream, delta, 2, (s) => (s === 0 ? '' : stringAt(strings, at(others, k++, 'valeur'))));
      // Integers are codes of exactly `width` digits: they compare as their padded strings do.
      return new RawColumn(values, (v) => (typeof v === 'number' ? String(v).padStart(width, '0') : v), true);
    }
    case 'json':
      throw new Error('colonne json dans une table de plusieurs colonnes');
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** A packed table's columns, cells not yet made (a table of one `json` column: its rows, as one column). */
function decodeColumns(name: PackedTableName, text: string, shared: Shared): RawColumn[] {
  const { columns, dicts = [] } = PACKING[name] as { columns: readonly Codec[]; dicts?: readonly (readonly number[])[] };
  if (columns.length === 1 && columns[0] === 'json') {
    const rows: unknown = JSON.parse(text);
    return [new RawColumn(Array.isArray(rows) ? rows : fail('tableau attendu'))];
  }
  const parts = new Sections(text.split(' '));
  const rows = Number(parts.take());
  if (!Number.isInteger(rows) || rows < 0) throw new Error('nombre de lignes illisible');
  const inDict = new Set(dicts.flat());
  const cols: RawColumn[] = [];
  const sized = <C extends { length: number }>(values: C, n: number) => (values.length === n ? values : fail(`${values.length} valeurs au lieu de ${n}`));
  columns.forEach((codec, c) => {
    if (!inDict.has(c)) cols[c] = sized(readColumn(codec, parts, shared), rows);
  });
  for (const group of dicts) {
    const distinct = group.map((c) => readColumn(columns[c]!, parts, shared));
    const n = distinct[0]?.length ?? 0;
    const { delta, stream } = section(parts.take());
    const refs = sized(readValues(stream, delta, 1, () => fail('référence nulle')), rows) as number[];
    for (const r of refs) if (!(r >= 0 && r < n)) fail(`référence ${r} hors du dictionnaire`);
    group.forEach((c, k) => {
      const values = sized(distinct[k]!, n);
      cols[c] = new RawColumn(refs, (r) => values.all()[r as number]);
    });
  }
  if (!parts.done()) throw new Error('sections en trop');
  return cols;
}

/** Columns → rows of tuples. */
function zip(cols: unknown[][]): unknown[][] {
  const rows = cols[0]?.length ?? 0;
  const out = new Array<unknown[]>(rows);
  for (let i = 0; i < rows; i++) {
    const row = new Array<unknown>(cols.length);
    for (let c = 0; c < cols.length; c++) row[c] = cols[c]![i];
    out[i] = row;
  }
  return out;
}

/** The shared UAI table: a `code` column of 7 digits, each followed by its check letter (`!`-prefixed: as it is). */
function decodeUais(text: string, shared: Shared): string[] {
  return readColumn('code', new Sections(text.split(' ')), shared).all().map((v) => {
    const s = v as string;
    return s[0] === '!' ? s.slice(1) : s + uaiCheckLetter(s);
  });
}

const opened = new WeakSet<object>();

/** Checks the file and makes its tables readable (decoded on first read), or throws an IndexError. */
export function openIndex(index: unknown): ReferentielIndex {
  if (!index || typeof index !== 'object') throw new IndexError('Référentiel corrompu : objet attendu.');
  if (opened.has(index)) return index as ReferentielIndex;
  const ix = index as Partial<ReferentielIndex> & Partial<PackedIndex>;
  if (ix.version !== INDEX_VERSION) {
    throw new IndexError(`Référentiel de version ${String(ix.version)} : version ${INDEX_VERSION} attendue. Reconstruire avec « npm run referentiel -- build ».`);
  }
  if (!ix.niveaux || typeof ix.niveaux !== 'object') throw new IndexError('Référentiel corrompu : table « niveaux » absente.');
  if (!Array.isArray(ix.sources)) throw new IndexError('Référentiel corrompu : liste des sources absente.');
  if (ix.tables !== undefined) openPacked(ix as PackedIndex);
  for (const t of TABLES) {
    const present = ix.tables ? typeof ix.tables[t] === 'string' : Array.isArray(ix[t]);
    if (!present) throw new IndexError(`Référentiel corrompu : table « ${t} » absente ou invalide.`);
  }
  opened.add(index);
  return index as ReferentielIndex;
}

/** Per opened file: its tables' columns, decoded on first use, and the names of those decoded so far. */
const rawOf = new WeakMap<object, (name: PackedTableName) => RawColumn[]>();
const decodedOf = new WeakMap<object, ReadonlyMap<PackedTableName, unknown>>();

/** The tables of a packed file decoded so far (lookups decode only those they need). */
export function decodedTables(index: object): PackedTableName[] {
  return [...(decodedOf.get(index)?.keys() ?? [])];
}

const isSingleJson = (name: PackedTableName) => {
  const { columns } = PACKING[name] as { columns: readonly Codec[] };
  return columns.length === 1 && columns[0] === 'json';
};

/** One table's cells, each made when read: `cell(c, i)` is `rows[i][c]`. */
export interface TableCells {
  readonly count: number;
  cell(column: number, row: number): unknown;
  /** Whether a column's cells increase (`strict`) or never decrease down the table, compared with `<`. */
  ordered(column: number, strict: boolean): boolean;
}

/**
 * A table's cells, decoded once per file without making its rows or their strings: a lookup that reads
 * a few rows of a large table (a binary search, say) makes only those. An index as built reads its rows.
 */
export function tableCells(index: ReferentielIndex, name: PackedTableName): TableCells {
  const raw = rawOf.get(openIndex(index));
  if (!raw || isSingleJson(name)) {
    const rows = (index[name] ?? []) as unknown[][];
    return { count: rows.length, cell: (c, i) => rows[i]![c], ordered: (c, strict) => new RawColumn(rows.map((r) => r[c])).ordered(strict) };
  }
  const cols = raw(name);
  return { count: cols[0]?.length ?? 0, cell: (c, i) => cols[c]!.at(i), ordered: (c, strict) => cols[c]!.ordered(strict) };
}

/**
 * A table's columns (`rows[i][c]` is `columns[c][i]`), decoded once per file, without making its rows:
 * for the large tables' lookups. An index as built gives its rows' columns.
 */
export function tableColumns(index: ReferentielIndex, name: PackedTableName): unknown[][] {
  const raw = rawOf.get(openIndex(index));
  if (raw) return raw(name).map((c) => c.all());
  const rows = (index[name] ?? []) as unknown[][];
  const width = (PACKING[name] as { columns: readonly Codec[] }).columns.length;
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c]));
}

function openPacked(ix: PackedIndex): void {
  if (!ix.tables || typeof ix.tables !== 'object' || typeof ix.uais !== 'string' || (typeof ix.strings !== 'string' && !Array.isArray(ix.strings))) {
    throw new IndexError('Référentiel corrompu : tables partagées absentes.');
  }
  const once = <T>(what: string, make: () => T) => {
    let v: T | undefined;
    return () => (v ??= guard(what, make));
  };
  const shared: Shared = {
    strings: once('chaînes', () => (typeof ix.strings === 'string' ? joinedStrings(ix.strings, STRING_SEPARATOR) : tableOf(ix.strings))),
    uais: once('UAI', () => tableOf(decodeUais(ix.uais, shared))),
  };
  const decoded = new Map<PackedTableName, RawColumn[]>();
  const raw = (name: PackedTableName): RawColumn[] => {
    let cols = decoded.get(name);
    if (!cols) {
      const text = ix.tables[name];
      cols = typeof text === 'string' ? guard(`table « ${name} »`, () => decodeColumns(name, text, shared)) : [];
      decoded.set(name, cols);
    }
    return cols;
  };
  rawOf.set(ix, raw);
  decodedOf.set(ix, decoded);
  const target = ix as unknown as Record<string, unknown>;
  for (const name of Object.keys(PACKING) as PackedTableName[]) {
    if (typeof ix.tables[name] !== 'string') continue;
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: true,
      get() {
        const cols = raw(name).map((c) => c.all());
        const rows = isSingleJson(name) ? cols[0]! : zip(cols);
        Object.defineProperty(target, name, { value: rows, enumerable: true, writable: true, configurable: true });
        return rows;
      },
    });
  }
}

function guard<T>(what: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    throw new IndexError(`Référentiel corrompu : ${what} illisible (${(e as Error).message}). Reconstruire avec « npm run referentiel -- build ».`);
  }
}
