// The popup's search box: what the user typed (a code of some kind, or words), and the search's state.
import type { SearchResult } from '../lib/messaging';
import { isCfd, isMef10, isMefstat11, isOnisepId, isRncp, isValidUai } from '../lib/codes';

export type SearchKind = 'uai' | 'for' | 'cfd' | 'mefstat11' | 'mef10' | 'rncp' | 'texte';
export interface SearchQuery {
  kind: SearchKind;
  /** Normalised: upper case for codes, RNCP without its prefix, trimmed words for text. */
  value: string;
}

/** Names what the user typed; null when it is neither a code nor at least 3 letters. */
export function classifySearch(input: string): SearchQuery | null {
  const raw = input.trim();
  const code = raw.toUpperCase().replace(/\s+/g, '');
  if (isValidUai(code)) return { kind: 'uai', value: code };
  if (isOnisepId('FOR', code)) return { kind: 'for', value: code };
  if (/^RNCP/.test(code) && isRncp(code)) return { kind: 'rncp', value: code.slice(4) };
  if (isCfd(code) && /[0-9]/.test(code)) return { kind: 'cfd', value: code };
  if (isMefstat11(code) && /[0-9]/.test(code)) return { kind: 'mefstat11', value: code };
  if (isMef10(code)) return { kind: 'mef10', value: code };
  if (/^[0-9]{1,6}$/.test(code)) return { kind: 'rncp', value: code };
  const words = raw.replace(/\s+/g, ' ');
  if (words.replace(/[^\p{L}]/gu, '').length >= 3) return { kind: 'texte', value: words };
  return null;
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: SearchQuery }
  | { status: 'done'; query: SearchQuery; results: SearchResult[] }
  | { status: 'failed'; query: SearchQuery; message?: string };
