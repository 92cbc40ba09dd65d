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
const MEF10_SHAPE = /^[0-9]{10}$/;
const GTA_SHAPE = /^[1-9][0-9]{0,8}$/;
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
export const isMef10 = (code: string): boolean => MEF10_SHAPE.test(code);
/** Parcoursup `g_ta_cod`: a positive integer. */
export const isGta = (code: string): boolean => GTA_SHAPE.test(code);
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

const ONISEP_ID_EXACT: Record<OnisepKind, RegExp> = { FOR: /^FOR\.[1-9][0-9]{0,8}$/, AF: /^AF\.[1-9][0-9]{0,8}$/, ENS: /^ENS\.[1-9][0-9]{0,8}$/ };

export function isOnisepId(kind: OnisepKind, id: string): boolean {
  return ONISEP_ID_EXACT[kind].test(id);
}
