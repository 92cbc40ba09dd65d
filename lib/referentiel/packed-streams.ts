// The shipped index's integer streams: unsigned integers written as little-endian groups of 5 bits,
// one character each (the 32 characters of a group that ends the integer, the other 32 of one that
// goes on), in 64 characters a JSON string holds as they are. Dense, quick to read, compresses well.
// Pure: shared by pack-index.ts and unpack-index.ts.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Non-negative integers (up to 2^53) → their stream. */
export function writeStream(symbols: readonly number[]): string {
  let out = '';
  for (let v of symbols) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`entier positif attendu, « ${v} » trouvé`);
    while (v >= 32) {
      out += ALPHABET[32 + (v % 32)];
      v = Math.floor(v / 32);
    }
    out += ALPHABET[v];
  }
  return out;
}

/** A stream → its integers; throws on a character outside the alphabet or a cut integer. */
export function readStream(text: string): number[] {
  // Every symbol as it is: all of them are below an offset no symbol reaches.
  return readValues(text, false, Infinity, (symbol) => symbol) as number[];
}

/**
 * A stream read straight to a column's values, in one pass: symbols below `offset` through `other`,
 * the others unzigzagged from `offset` on (and summed with the previous value when `delta`). The same
 * as readStream then the sums, without the two passes over the text and the one over the symbols
 * that a just-started worker runs in its interpreter; throws as readStream does.
 */
export function readValues<T>(text: string, delta: boolean, offset: number, other: (symbol: number) => T): (number | T)[] {
  const n = text.length;
  const out: (number | T)[] = [];
  let v = 0;
  let shift = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const d = code < 128 ? VALUE[code]! : -1;
    if (d < 0) throw new Error(`caractère inattendu « ${text[i]} »`);
    // Small integers with bit operations; past 25 bits, with arithmetic (up to 2^53).
    if (d >= 32) {
      v = shift < 25 ? v | ((d - 32) << shift) : v + (d - 32) * 2 ** shift;
      shift += 5;
      continue;
    }
    const symbol = shift < 25 ? v | (d << shift) : v + d * 2 ** shift;
    v = 0;
    shift = 0;
    if (symbol < offset) out.push(other(symbol));
    else {
      const z = symbol - offset;
      const value = z % 2 ? -(z + 1) / 2 : z / 2;
      out.push((prev = delta ? prev + value : value));
    }
  }
  if (shift) throw new Error('flux tronqué');
  return out;
}

/** Signed → unsigned (0, -1, 1, -2… → 0, 1, 2, 3…). */
export const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);
export const unzigzag = (z: number): number => (z % 2 ? -(z + 1) / 2 : z / 2);

/** The shared strings are joined by this, or written as a JSON array when one of them holds it. */
export const STRING_SEPARATOR = '|';
