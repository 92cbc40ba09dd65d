// URL detectors with their examples beside them (the github-url-detection way): cheap, no DOM.
import type { DetectedPage } from './adapter-types';

export interface Detector {
  /** Names the detector in test output. */
  name: string;
  page: DetectedPage;
  test(url: URL): boolean;
  /** URLs this detector must match; every other detector (of every site) must reject them. */
  examples: string[];
}

/** The first detector's page kind, or null. */
export function detectWith(detectors: readonly Detector[], url: URL): DetectedPage | null {
  for (const d of detectors) if (d.test(url)) return d.page;
  return null;
}

/** Lower-cased path without a trailing slash (Onisep serves both capitalisations). */
export function lowerPath(url: URL): string {
  const p = url.pathname.toLowerCase();
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}
