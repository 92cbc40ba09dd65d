// The index as the build writes it (format.ts PackedIndex), each table column by column by the codecs
// of PACKING. A table is a text of sections separated by spaces: its row count, then one section per
// column (columns of a dict: the distinct value combinations, then a section of references to them).
// A section is `r:` (integers as they are) or `d:` (differences from the previous integer), a `code`
// column's digit count before the colon, then an integer stream (packed-streams.ts). Symbols: `int`,
// `text`, `uai`: 0 for null (or ``), 1 + zigzag(n) for n. `code`: 0 for ``, 1 for a value that is not
// digits of the column's width (its string follows in the next section, `x:`, as text references),
// 2 + zigzag(n) for the integer of its digits. A table of one `json` column is the JSON of its rows.
// Pure: no Node or browser API (the build calls it; unpack-index.ts reads what it writes).
import { isValidUai } from '../codes';
import { INDEX_VERSION, PACKING, type Codec, type PackedIndex, type PackedTableName, type ReferentielIndex } from './format';
import { STRING_SEPARATOR, writeStream, zigzag } from './packed-streams';

type Cell = string | number | null;

/**
 * Integers (null allowed), as they are or as differences, whichever is shorter; `offset` shifts their
 * symbols; a null's symbol is 0, or its entry in `nulls`.
 */
function integers(values: readonly (number | null)[], offset: number, prefix = '', nulls?: readonly number[]): string {
  const sections = [false, true].map((delta) => {
    let prev = 0;
    const symbols = values.map((v, i) => {
      if (v === null) return nulls?.[i] ?? 0;
      if (!Number.isSafeInteger(v)) throw new Error(`entier attendu, « ${v} » trouvé`);
      const s = offset + zigzag(delta ? v - prev : v);
      prev = v;
      return s;
    });
    return `${delta ? 'd' : 'r'}${prefix}:${writeStream(symbols)}`;
  });
  return sections[0]!.length <= sections[1]!.length ? sections[0]! : sections[1]!;
}

/** Shared tables of strings and UAIs, filled while the tables are packed. */
class Shared {
  readonly strings: string[] = [''];
  private readonly stringIds = new Map<string, number>([['', 0]]);
  readonly uais: string[];
  private readonly uaiIds: Map<string, number>;

  constructor(uais: Set<string>) {
    uais.delete('');
    this.uais = [...uais].sort();
    this.uaiIds = new Map(this.uais.map((u, i) => [u, i]));
  }

  text(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.push(s) - 1;
      this.stringIds.set(s, id);
    }
    return id;
  }

  uai(u: string): number | null {
    return u ? this.uaiIds.get(u)! : null;
  }
}

/** Digits of the column's most common width as integers; `` and other values apart (see the header). */
function codes(values: readonly string[], shared: Shared, width?: number): string {
  if (width === undefined) {
    const widths = new Map<number, number>();
    for (const v of values) if (/^[0-9]{1,15}$/.test(v)) widths.set(v.length, (widths.get(v.length) ?? 0) + 1);
    width = [...widths].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  }
  const digits = new RegExp(`^[0-9]{${width}}$`);
  const others: number[] = [];
  const kinds = values.map((v) => (v === '' ? 0 : width && digits.test(v) ? 2 : (others.push(shared.text(v)), 1)));
  const numbers = values.map((v, i) => (kinds[i] === 2 ? Number(v) : null));
  return `${integers(numbers, 2, String(width), kinds)} x:${writeStream(others)}`;
}

function column(codec: Codec, values: readonly Cell[], shared: Shared): string {
  switch (codec) {
    case 'int':
      return integers(values as (number | null)[], 1);
    case 'text':
      return integers(values.map((v) => shared.text(String(v ?? ''))), 1);
    case 'uai':
      return integers(values.map((v) => shared.uai(String(v ?? ''))), 1);
    case 'code':
      return codes(values.map((v) => String(v ?? '')), shared);
    case 'json':
      throw new Error('colonne json dans une table de plusieurs colonnes');
  }
}

function packTable(name: PackedTableName, rows: readonly unknown[], shared: Shared): string {
  const { columns, dicts = [] } = PACKING[name] as { columns: readonly Codec[]; dicts?: readonly (readonly number[])[] };
  if (columns.length === 1 && columns[0] === 'json') return JSON.stringify(rows);
  const tuples = rows as Cell[][];
  tuples.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== columns.length) throw new Error(`table « ${name} », ligne ${i} : ${columns.length} colonnes attendues`);
  });
  const inDict = new Set(dicts.flat());
  const sections = [String(tuples.length)];
  columns.forEach((codec, c) => {
    if (!inDict.has(c)) sections.push(column(codec, tuples.map((r) => r[c]!), shared));
  });
  for (const cols of dicts) {
    const ids = new Map<string, number>();
    const distinct: Cell[][] = [];
    const refs = tuples.map((r) => {
      const combo = cols.map((c) => r[c]!);
      const key = JSON.stringify(combo);
      let id = ids.get(key);
      if (id === undefined) {
        id = distinct.push(combo) - 1;
        ids.set(key, id);
      }
      return id;
    });
    cols.forEach((c, k) => sections.push(column(columns[c]!, distinct.map((d) => d[k]!), shared)));
    sections.push(integers(refs, 1));
  }
  return sections.join(' ');
}

/** The UAIs of every `uai` column: the shared UAI table. */
function allUais(index: ReferentielIndex): Set<string> {
  const out = new Set<string>();
  for (const [name, spec] of Object.entries(PACKING) as [PackedTableName, { columns: readonly Codec[] }][]) {
    const rows = (index[name] ?? []) as Cell[][];
    spec.columns.forEach((codec, c) => {
      if (codec === 'uai') for (const r of rows) out.add(String(r[c] ?? ''));
    });
  }
  return out;
}

export function packIndex(index: ReferentielIndex): PackedIndex {
  const shared = new Shared(allUais(index));
  // A valid UAI is the integer of its 7 digits (its check letter follows from them); another, `!` and itself.
  const uais = codes(
    shared.uais.map((u) => (isValidUai(u) ? u.slice(0, 7) : `!${u}`)),
    shared,
    7,
  );
  const tables: PackedIndex['tables'] = {};
  for (const name of Object.keys(PACKING) as PackedTableName[]) {
    const rows = index[name];
    if (rows) tables[name] = packTable(name, rows, shared);
  }
  const strings = shared.strings.some((s) => s.includes(STRING_SEPARATOR)) ? shared.strings : shared.strings.join(STRING_SEPARATOR);
  return {
    version: INDEX_VERSION,
    builtAt: index.builtAt,
    stamp: index.stamp,
    sources: index.sources,
    missing: index.missing,
    niveaux: index.niveaux,
    strings,
    uais,
    tables,
  };
}
