import { describe, expect, it } from 'vitest';
import { apiOriginPattern, normalizeApiUrl } from '../../lib/api-url';

describe('API base URL', () => {
  it('normalises a valid URL and drops the trailing slash', () => {
    expect(normalizeApiUrl(' https://exposition.inserjeunes.beta.gouv.fr/api/inserjeunes/ ')).toBe(
      'https://exposition.inserjeunes.beta.gouv.fr/api/inserjeunes',
    );
  });

  it('refuses what is not a plain http(s) base URL', () => {
    for (const bad of ['', 'exposition.inserjeunes.beta.gouv.fr', 'ftp://x.fr/api', 'https://x.fr/api?key=1', 'https://u:p@x.fr/api', 'javascript:alert(1)']) {
      expect(normalizeApiUrl(bad), bad).toBeNull();
    }
  });

  it('derives the host permission without the port', () => {
    expect(apiOriginPattern('http://127.0.0.1:7357/api/inserjeunes')).toBe('http://127.0.0.1/*');
    expect(apiOriginPattern('https://api.exposition.inserjeunes.beta.gouv.fr/inserjeunes')).toBe(
      'https://api.exposition.inserjeunes.beta.gouv.fr/*',
    );
    expect(() => apiOriginPattern('nope')).toThrow();
  });
});
