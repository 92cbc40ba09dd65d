// Reads the page with its site's adapter: drops what lost its anchor, claims the anchors to show.
import { sightingKey } from '../sites/key';
import type { SiteAdapter } from '../sites/adapter-types';
import { mark } from '../lazy-module';
import type { Sighting, SightingData } from '../types';
import type { Mounted, PageMounts } from './page-mounts';

function toData(s: Sighting): SightingData {
  const { anchor: _anchor, ...data } = s;
  return data;
}

/**
 * One pass over the page. Each anchor with a new sighting is claimed in `mounts` before `show` is
 * called, so a scan that runs while the previous one still mounts never mounts the same thing twice.
 */
export function scanPage(adapter: SiteAdapter, mounts: PageMounts, show: (anchor: Element, entry: Mounted) => void): void {
  let sightings: Sighting[];
  try {
    mark('extract-start');
    sightings = adapter.extract(document, new URL(location.href));
    mark('extract-end');
  } catch {
    return; // a broken page never breaks: there is simply nothing to show
  }
  for (const [anchor, m] of mounts.byAnchor) {
    if (!anchor.isConnected) {
      m.unwatch?.();
      m.handle?.remove();
      mounts.byAnchor.delete(anchor);
    }
  }
  for (const s of sightings) {
    const anchor = s.anchor;
    if (!anchor?.isConnected) continue;
    const data = toData(s);
    const key = sightingKey(data);
    if (mounts.closedKeys.has(key) || mounts.byAnchor.get(anchor)?.key === key) continue;
    const replaced = mounts.byAnchor.get(anchor);
    replaced?.unwatch?.();
    replaced?.handle?.remove();
    const entry: Mounted = { key, data, page: data.page };
    mounts.byAnchor.set(anchor, entry);
    show(anchor, entry);
  }
}
