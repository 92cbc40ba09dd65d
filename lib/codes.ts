// Shapes and check letters of the identifiers the extension reads in pages and sends to the API.

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'; // no I, O, Q

/** The check letter of a UAI's 7 leading digits: the number modulo 23 indexes UAI_LETTERS. */
export function uaiCheckLetter(digits: string): string {
  return UAI_LETTERS[Number(digits) % 23]!;
}

// Patterns live at module level: a regex literal inside a function is a new RegExp object on every call,
// and the adapters call these checks once or more per row of 10,000-row lists.
const UAI_SHAPE = /^[0-9]{7}[A-Z]$/;
const CFD_SHAPE = /^[0-9A-Z]{8}$/;
const MEFSTAT11_SHAPE = /^[0-9A-Z]{11}$/;
const RNCP_SHAPE = /^(RNCP)?[0-9]{1,6}$/i;

/** True for an upper-case UAI whose check letter is right (the API only checks the pattern). */
export function isValidUai(uai: string): boolean {
  if (!UAI_SHAPE.test(uai)) return false;
  // uaiCheckLetter's number, read digit by digit: no substring per check (adapters check one per row).
  let n = 0;
  for (let i = 0; i < 7; i++) n = n * 10 + uai.charCodeAt(i) - 48;
  return UAI_LETTERS.charCodeAt(n % 23) === uai.charCodeAt(7);
}

export const isCfd = (code: string): boolean => CFD_SHAPE.test(code);
export const isMefstat11 = (code: string): boolean => MEFSTAT11_SHAPE.test(code);

/**
 * Two codes in code-unit order. For codes of one shape (digits, letters of one case, an `_` at the same
 * place) it is the order `localeCompare` gives, without the collator a just-started worker's first
 * `localeCompare` loads: about 10 ms on this project's machines.
 */
export const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// The checks below read characters where a pattern would cost a regex call each: list rows run two or
// three of them per row. Each is tested against the pattern in its comment (test/sites/dom-fast-paths.test.ts).

/** A character code of `0`-`9`. */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
/** A character code of `0`-`9` or `A`-`Z`. */
export const isUpperOrDigitCode = (c: number): boolean => isDigitCode(c) || (c >= 65 && c <= 90);

/** True when `v` from `from` on is `[1-9][0-9]{0,8}` and nothing else. */
function positiveNumberFrom(v: string, from: number): boolean {
  const n = v.length - from;
  if (n < 1 || n > 9) return false;
  const c = v.charCodeAt(from);
  if (c < 49 || c > 57) return false;
  for (let i = from + 1; i < v.length; i++) if (!isDigitCode(v.charCodeAt(i))) return false;
  return true;
}

/** `/^[0-9]{10}$/`: a MEF. */
export function isMef10(code: string): boolean {
  if (code.length !== 10) return false;
  for (let i = 0; i < 10; i++) if (!isDigitCode(code.charCodeAt(i))) return false;
  return true;
}
/** `/^[1-9][0-9]{0,8}$/`: a Parcoursup `g_ta_cod`, a positive integer. */
export const isGta = (code: string): boolean => positiveNumberFrom(code, 0);
/** RNCP code, with or without its prefix. */
export const isRncp = (code: string): boolean => RNCP_SHAPE.test(code);

export type OnisepKind = 'FOR' | 'AF' | 'ENS';
const ONISEP_ID = /\b(FOR|AF|ENS)\.([1-9][0-9]{0,8})\b/;

/** Finds the first Onisep id (`FOR.123`, `AF.4`, `ENS.56`) in a string such as a URL. */
export function findOnisepId(text: string): { kind: OnisepKind; id: string } | null {
  // `search` gives where the match starts without building a match array (this runs once per list row).
  // The match ends with the digit run after the dot: the pattern's \b forbids a digit right after it.
  const start = text.search(ONISEP_ID);
  if (start < 0) return null;
  const kind: OnisepKind = text.charCodeAt(start) === 70 /* F */ ? 'FOR' : text.charCodeAt(start) === 65 /* A */ ? 'AF' : 'ENS';
  let end = start + kind.length + 1;
  for (let c = text.charCodeAt(end); c >= 48 && c <= 57; c = text.charCodeAt(end)) end++;
  return { kind, id: text.slice(start, end) };
}

/** `/^FOR\.[1-9][0-9]{0,8}$/`, and its AF and ENS siblings. */
export function isOnisepId(kind: OnisepKind, id: string): boolean {
  return id.startsWith(kind) && id.charCodeAt(kind.length) === 46 /* . */ && positiveNumberFrom(id, kind.length + 1);
}
