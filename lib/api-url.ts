// The InserJeunes API base URL: its default, its validation and the host permission it needs.

export const DEFAULT_API_URL = 'https://exposition.inserjeunes.beta.gouv.fr/api/inserjeunes';

/** Parses a user-given base URL; returns null when it is not an http(s) URL without query or hash. */
export function parseApiUrl(input: string): URL | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.search || url.hash || url.username || url.password) return null;
  return url;
}

/** The base URL without a trailing slash, ready to have `/formations/...` appended. */
export function normalizeApiUrl(input: string): string | null {
  const url = parseApiUrl(input);
  if (!url) return null;
  return url.href.replace(/\/+$/, '');
}

/** The match pattern that grants access to the API origin (ports are not part of match patterns). */
export function apiOriginPattern(input: string): string {
  const url = parseApiUrl(input);
  if (!url) throw new Error(`URL de l'API invalide : ${input}`);
  return `${url.protocol}//${url.hostname}/*`;
}
