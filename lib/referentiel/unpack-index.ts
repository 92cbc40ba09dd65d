// Opens the shipped index (format.ts PackedIndex, written by pack-index.ts) in place: each table
// becomes a property of the parsed file that is decoded on its first read, so a lookup pays only for
// the tables it needs. An index as the build holds it (tables of tuples) opens as it is.
// Pure: no Node or browser API.
import { uaiCheckLetter } from '../codes';
import { readStream, STRING_SEPARATOR, unzigzag } from './packed-streams';
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
function section(text: string): { delta: boolean; width: number; symbols: number[] } {
  const colon = text.indexOf(':');
  if (colon < 1 || (text[0] !== 'r' && text[0] !== 'd' && text[0] !== 'x')) throw new Error('section mal formée');
  return { delta: text[0] === 'd', width: Number(text.slice(1, colon)), symbols: readStream(text.slice(colon + 1)) };
}

/** Symbols ≥ offset back to integers (differences summed when `delta`); lower symbols through `other`. */
function integers<T>(symbols: number[], delta: boolean, offset: number, other: (symbol: number) => T): (number | T)[] {
  const out = symbols as (number | T)[]; // in place: one array per column
  let prev = 0;
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i]!;
    if (s < offset) out[i] = other(s);
    else {
      const n = unzigzag(s - offset);
      out[i] = prev = delta ? prev + n : n;
    }
  }
  return out;
}

interface Shared {
  strings: () => string[];
  uais: () => string[];
}

const at = <T>(list: T[], i: number, what: string): T => list[i] ?? fail(`${what} ${i} absent(e)`);

function readColumn(codec: Codec, parts: Sections, shared: Shared): unknown[] {
  const { delta, width, symbols } = section(parts.take());
  switch (codec) {
    case 'int':
      return integers(symbols, delta, 1, () => null);
    case 'text':
    case 'uai': {
      const table = codec === 'text' ? shared.strings() : shared.uais();
      const values: unknown[] = integers(symbols, delta, 1, () => null);
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as number | null;
        values[i] = v === null ? (codec === 'uai' ? '' : fail('chaîne nulle')) : (table[v] ?? fail(`${codec} ${v} absent(e)`));
      }
      return values;
    }
    case 'code': {
      const others = readStream(parts.take().replace(/^x:/, ''));
      const strings = others.length ? shared.strings() : [];
      let k = 0;
      return integers(symbols, delta, 2, (s) => (s === 0 ? '' : at(strings, at(others, k++, 'valeur'), 'chaîne'))).map((v) =>
        typeof v === 'number' ? String(v).padStart(width, '0') : v,
      );
    }
    case 'json':
      throw new Error('colonne json dans une table de plusieurs colonnes');
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** A packed table's columns (a table of one `json` column: its rows, as one column). */
function decodeColumns(name: PackedTableName, text: string, shared: Shared): unknown[][] {
  const { columns, dicts = [] } = PACKING[name] as { columns: readonly Codec[]; dicts?: readonly (readonly number[])[] };
  if (columns.length === 1 && columns[0] === 'json') {
    const rows: unknown = JSON.parse(text);
    return [Array.isArray(rows) ? rows : fail('tableau attendu')];
  }
  const parts = new Sections(text.split(' '));
  const rows = Number(parts.take());
  if (!Number.isInteger(rows) || rows < 0) throw new Error('nombre de lignes illisible');
  const inDict = new Set(dicts.flat());
  const cols: unknown[][] = [];
  const sized = (values: unknown[], n: number) => (values.length === n ? values : fail(`${values.length} valeurs au lieu de ${n}`));
  columns.forEach((codec, c) => {
    if (!inDict.has(c)) cols[c] = sized(readColumn(codec, parts, shared), rows);
  });
  for (const group of dicts) {
    const distinct = group.map((c) => readColumn(columns[c]!, parts, shared));
    const n = distinct[0]?.length ?? 0;
    const { delta, symbols } = section(parts.take());
    const refs = sized(integers(symbols, delta, 1, () => fail('référence nulle')), rows) as number[];
    group.forEach((c, k) => {
      const values = sized(distinct[k]!, n);
      cols[c] = refs.map((r) => (r >= 0 && r < n ? values[r] : fail(`référence ${r} hors du dictionnaire`)));
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
  return readColumn('code', new Sections(text.split(' ')), shared).map((v) => {
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
const columnsOf = new WeakMap<object, (name: PackedTableName) => unknown[][]>();
const decodedOf = new WeakMap<object, ReadonlyMap<PackedTableName, unknown>>();

/** The tables of a packed file decoded so far (lookups decode only those they need). */
export function decodedTables(index: object): PackedTableName[] {
  return [...(decodedOf.get(index)?.keys() ?? [])];
}

/**
 * A table's columns (`rows[i][c]` is `columns[c][i]`), decoded once per file, without making its rows:
 * for the large tables' lookups. An index as built gives its rows' columns.
 */
export function tableColumns(index: ReferentielIndex, name: PackedTableName): unknown[][] {
  const packed = columnsOf.get(openIndex(index));
  if (packed) return packed(name);
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
    strings: once('chaînes', () => (typeof ix.strings === 'string' ? ix.strings.split(STRING_SEPARATOR) : ix.strings)),
    uais: once('UAI', () => decodeUais(ix.uais, shared)),
  };
  const decoded = new Map<PackedTableName, unknown[][]>();
  const columns = (name: PackedTableName): unknown[][] => {
    let cols = decoded.get(name);
    if (!cols) {
      const text = ix.tables[name];
      cols = typeof text === 'string' ? guard(`table « ${name} »`, () => decodeColumns(name, text, shared)) : [];
      decoded.set(name, cols);
    }
    return cols;
  };
  columnsOf.set(ix, columns);
  decodedOf.set(ix, decoded);
  const target = ix as unknown as Record<string, unknown>;
  for (const name of Object.keys(PACKING) as PackedTableName[]) {
    if (typeof ix.tables[name] !== 'string') continue;
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: true,
      get() {
        const cols = columns(name);
        const single = (PACKING[name] as { columns: readonly Codec[] }).columns.length === 1 && PACKING[name].columns[0] === 'json';
        const rows = single ? cols[0]! : zip(cols);
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
