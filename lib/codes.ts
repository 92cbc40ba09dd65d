// Shapes and check letters of the identifiers the extension reads in pages and sends to the API.

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'; // no I, O, Q

/** The check letter of a UAI's 7 leading digits: the number modulo 23 indexes UAI_LETTERS. */
export function uaiCheckLetter(digits: string): string {
  return UAI_LETTERS[Number(digits) % 23]!;
}

/** True for an upper-case UAI whose check letter is right (the API only checks the pattern). */
export function isValidUai(uai: string): boolean {
  return /^[0-9]{7}[A-Z]$/.test(uai) && uaiCheckLetter(uai.slice(0, 7)) === uai[7];
}

export const isCfd = (code: string): boolean => /^[0-9A-Z]{8}$/.test(code);
export const isMefstat11 = (code: string): boolean => /^[0-9A-Z]{11}$/.test(code);
export const isMef10 = (code: string): boolean => /^[0-9]{10}$/.test(code);
/** Parcoursup `g_ta_cod`: a positive integer. */
export const isGta = (code: string): boolean => /^[1-9][0-9]{0,8}$/.test(code);
/** RNCP code, with or without its prefix. */
export const isRncp = (code: string): boolean => /^(RNCP)?[0-9]{1,6}$/i.test(code);

export type OnisepKind = 'FOR' | 'AF' | 'ENS';
const ONISEP_ID = /\b(FOR|AF|ENS)\.([1-9][0-9]{0,8})\b/;

/** Finds the first Onisep id (`FOR.123`, `AF.4`, `ENS.56`) in a string such as a URL. */
export function findOnisepId(text: string): { kind: OnisepKind; id: string } | null {
  const m = ONISEP_ID.exec(text);
  return m ? { kind: m[1] as OnisepKind, id: `${m[1]}.${m[2]}` } : null;
}

const ONISEP_ID_EXACT: Record<OnisepKind, RegExp> = { FOR: /^FOR\.[1-9][0-9]{0,8}$/, AF: /^AF\.[1-9][0-9]{0,8}$/, ENS: /^ENS\.[1-9][0-9]{0,8}$/ };

export function isOnisepId(kind: OnisepKind, id: string): boolean {
  return ONISEP_ID_EXACT[kind].test(id);
}
