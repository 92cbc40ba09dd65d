// Node only: reads an open-data file (CSV in any of its real variants, or JSON) into a header + rows
// table whose columns are found by header name. Malformed input throws a SourceError naming the
// file, line and column at fault.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { headerKey } from './text';

export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number | string,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'SourceError';
  }
}

export interface Table {
  file: string;
  header: string[];
  rows: string[][];
  /** Source line (CSV) or record number (JSON) of each row, for error messages. */
  lines: number[];
  /** How the file was read, e.g. `ISO-8859-1, "|"`. */
  format: string;
}

export interface ReadOptions {
  /** BCN exports never quote fields: a `"` is plain text. Onisep and Parcoursup CSVs do quote. */
  quoted?: boolean;
  /** Shown in errors instead of the absolute path. */
  displayName?: string;
}

/** Decodes a file: UTF-8 (BOM stripped) when it is valid UTF-8, otherwise ISO-8859-1. */
export function decode(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8 BOM' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'UTF-8' };
  } catch {
    return { text: buf.toString('latin1'), encoding: 'ISO-8859-1' };
  }
}

/** The separator of a CSV, guessed from its header line: the most frequent of `;`, `|`, tab and `,`. */
export function guessDelimiter(headerLine: string): string {
  let best = ';';
  let bestCount = 0;
  for (const d of [';', '|', '\t', ',']) {
    const n = headerLine.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export function readCsv(path: string, options: ReadOptions = {}): Table {
  const file = options.displayName ?? path;
  const { text, encoding } = decode(readFileSync(path));
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = guessDelimiter(firstLine);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      quote: options.quoted ? '"' : false,
      skip_empty_lines: true,
      info: true,
      relax_quotes: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { name?: string; code?: string; message: string; lines?: number; record?: string[]; column?: number };
    if (err.name === 'CsvError' || typeof err.code === 'string') {
      const column =
        err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && err.record ? err.record.length : (err.column ?? 0) + 1;
      const reason =
        err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
          ? `ligne mal formée : ${err.record?.length ?? '?'} champs au lieu de ${records_expected(err.message)}`
          : `CSV mal formé (${err.code}) : ${err.message.split(':')[0]}`;
      throw new SourceError(file, err.lines ?? 0, column, reason);
    }
    throw e;
  }
  const [head, ...rest] = records;
  if (!head) return { file, header: [], rows: [], lines: [], format: `${encoding}, "${delimiter}"` };
  return {
    file,
    header: head.record.map((h) => h.trim()),
    rows: rest.map((r) => r.record.map((v) => v.trim())),
    lines: rest.map((r) => r.info.lines),
    format: `${encoding}, "${delimiter}"`,
  };
}

function records_expected(message: string): string {
  const m = /expected (\d+)/i.exec(message);
  return m ? m[1]! : '?';
}

/** Reads a JSON export: an array of flat records, or an object holding one (`results`, `data`, `records`). */
export function readJson(path: string, options: ReadOptions = {}): Table {
  const file = options.displayName ?? path;
  const { text } = decode(readFileSync(path));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let line = 1;
    let column = 1;
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
    } else {
      const lc = /line (\d+) column (\d+)/.exec(msg);
      if (lc) [line, column] = [Number(lc[1]), Number(lc[2])];
    }
    throw new SourceError(file, line, column, `JSON invalide (${msg})`);
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const o = data as Record<string, unknown>;
    data = o.results ?? o.data ?? o.records ?? o.hits;
  }
  if (!Array.isArray(data)) throw new SourceError(file, 1, 1, 'JSON inattendu : un tableau d’enregistrements est attendu');
  const header: string[] = [];
  const seen = new Map<string, number>();
  const rows: string[][] = [];
  const lines: number[] = [];
  data.forEach((rec: unknown, i) => {
    if (!rec || typeof rec !== 'object') throw new SourceError(file, i + 1, 1, 'enregistrement qui n’est pas un objet');
    const src = (rec as { fields?: unknown }).fields ?? rec; // Opendatasoft wraps records in `fields`
    const row: string[] = [];
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      let col = seen.get(k);
      if (col === undefined) {
        col = header.length;
        seen.set(k, col);
        header.push(k);
      }
      row[col] = v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v).trim();
    }
    rows.push(row);
    lines.push(i + 1);
  });
  for (const r of rows) for (let c = 0; c < header.length; c++) r[c] ??= '';
  return { file, header, rows, lines, format: 'JSON' };
}

export function readTable(path: string, options: ReadOptions = {}): Table {
  return /\.json$/i.test(path) ? readJson(path, options) : readCsv(path, options);
}

/** Column accessors by header name (any of several spellings), with a clear error for a missing required one. */
export class Columns {
  private readonly index = new Map<string, number>();
  constructor(private readonly table: Table) {
    table.header.forEach((h, i) => {
      const k = headerKey(h);
      if (!this.index.has(k)) this.index.set(k, i);
    });
  }
  /** Index of the first column whose header matches one of `names`, or -1. */
  find(...names: string[]): number {
    for (const n of names) {
      const i = this.index.get(headerKey(n));
      if (i !== undefined) return i;
    }
    return -1;
  }
  /** Like find, but throws a SourceError naming the missing column. */
  require(...names: string[]): number {
    const i = this.find(...names);
    if (i < 0) {
      throw new SourceError(
        this.table.file,
        1,
        names[0]!,
        `colonne obligatoire absente : « ${names.join(' » ou « ')} » (colonnes présentes : ${this.table.header.join(', ')})`,
      );
    }
    return i;
  }
  /** Throws a SourceError at a row's cell. */
  fail(row: number, col: number, reason: string): never {
    throw new SourceError(this.table.file, this.table.lines[row] ?? row + 2, col + 1, reason);
  }
}
