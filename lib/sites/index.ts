// The site adapters, and the few pure helpers content scripts need around them.
import type { Sighting } from '../types';
import { affelnet } from './affelnet';
import { onisep } from './onisep';
import { parcoursup } from './parcoursup';
import type { SiteAdapter } from './types';

export type { DetectedPage, SiteAdapter } from './types';
export { affelnet, onisep, parcoursup };
// In its own module so a content script can import it without the other sites' adapters.
export { sightingKey } from './key';

export const sites: SiteAdapter[] = [onisep, parcoursup, affelnet];

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
