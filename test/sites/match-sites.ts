// Test-side helpers over the adapters: which adapter a URL belongs to, and detect + extract in one go.
// The extension never needs them (each content script knows its site); the tests and the extraction
// bench do, so they live here rather than in lib/sites/.
import type { Sighting } from '../../lib/types';
import { sites, type SiteAdapter } from '../../lib/sites/all-sites';

/** True when a match pattern (`https://host/path*`, the only form our adapters use) covers the URL. */
export function matchesPattern(pattern: string, url: URL): boolean {
  const m = /^(https?|\*):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (scheme !== '*' && url.protocol !== `${scheme}:`) return false;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    if (url.hostname !== base && !url.hostname.endsWith(`.${base}`)) return false;
  } else if (url.hostname !== host) return false;
  const prefix = path.endsWith('*') ? path.slice(0, -1) : path;
  return path.endsWith('*') ? url.pathname.startsWith(prefix) : url.pathname === prefix;
}

/** The adapter whose match patterns cover the URL (whatever the page), or undefined. */
export function adapterFor(url: URL): SiteAdapter | undefined {
  return sites.find((site) => site.matches.some((p) => matchesPattern(p, url)));
}

/** Detects and extracts in one go; never throws, [] on any page the adapters have nothing for. */
export function extractAll(document: Document, url: URL): Sighting[] {
  try {
    const adapter = adapterFor(url);
    if (!adapter || !adapter.detect(url)) return [];
    return adapter.extract(document, url);
  } catch {
    return [];
  }
}
