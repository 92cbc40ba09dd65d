// The user's settings: what they are, their defaults, and how a stored value is read back (storage: lib/settings-store.ts).
import { DEFAULT_API_URL, normalizeApiUrl } from './api-url';
import { regions } from './strings';

declare const __INSERJEUNES_API_URL__: string | undefined;

/** The API base URL this build defaults to (the mock server's in test and demo builds). */
export const BUILD_API_URL: string =
  (typeof __INSERJEUNES_API_URL__ === 'string' && normalizeApiUrl(__INSERJEUNES_API_URL__)) || DEFAULT_API_URL;


export interface DisplaySettings {
  /** Where the in-page panel sits relative to its anchor. */
  position: 'apres' | 'flottant';
  startCollapsed: boolean;
  showBadges: boolean;
}

/** "Ailleurs près d'ici": better lines near the page's establishment, or near the user's place. */
export interface NearbySettings {
  enabled: boolean;
  /** Commune or postcode, used when a page names no establishment; stored locally, sent nowhere. */
  place: string;
  /** Kilometres around the origin, or `academie`: the origin's académie, however far. */
  radiusKm: Radius;
}

export const RADIUS_CHOICES = [10, 20, 30, 50, 80, 'academie'] as const;
export type Radius = number | 'academie';

export interface Settings {
  apiUrl: string;
  /** INSEE region code used when a page names no establishment; '' for none. */
  preferredRegion: string;
  cacheDays: number;
  display: DisplaySettings;
  nearby: NearbySettings;
}

export const DEFAULT_SETTINGS: Settings = {
  apiUrl: BUILD_API_URL,
  preferredRegion: '',
  cacheDays: 7,
  display: { position: 'apres', startCollapsed: false, showBadges: true },
  nearby: { enabled: true, place: '', radiusKm: 30 },
};

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads whatever is stored, field by field: a valid field is kept, a missing or broken one takes its
 * default. An update that adds a setting, or a half-corrupt value, never loses what the user saved.
 */
export function normalizeSettings(raw: unknown): Settings {
  const r = isObject(raw) ? raw : {};
  const d = isObject(r.display) ? r.display : {};
  const n = isObject(r.nearby) ? r.nearby : {};
  const apiUrl = typeof r.apiUrl === 'string' ? normalizeApiUrl(r.apiUrl) : null;
  const region = typeof r.preferredRegion === 'string' && regions.some((x) => x.code === r.preferredRegion);
  const days = typeof r.cacheDays === 'number' && Number.isFinite(r.cacheDays) && r.cacheDays >= 0 && r.cacheDays <= 90;
  return {
    apiUrl: apiUrl ?? DEFAULT_SETTINGS.apiUrl,
    preferredRegion: region ? (r.preferredRegion as string) : DEFAULT_SETTINGS.preferredRegion,
    cacheDays: days ? (r.cacheDays as number) : DEFAULT_SETTINGS.cacheDays,
    display: {
      position: d.position === 'flottant' || d.position === 'apres' ? d.position : DEFAULT_SETTINGS.display.position,
      startCollapsed: typeof d.startCollapsed === 'boolean' ? d.startCollapsed : DEFAULT_SETTINGS.display.startCollapsed,
      showBadges: typeof d.showBadges === 'boolean' ? d.showBadges : DEFAULT_SETTINGS.display.showBadges,
    },
    nearby: {
      enabled: typeof n.enabled === 'boolean' ? n.enabled : DEFAULT_SETTINGS.nearby.enabled,
      place: typeof n.place === 'string' ? n.place.trim().slice(0, 80) : DEFAULT_SETTINGS.nearby.place,
      radiusKm: (RADIUS_CHOICES as readonly unknown[]).includes(n.radiusKm) ? (n.radiusKm as Radius) : DEFAULT_SETTINGS.nearby.radiusKm,
    },
  };
}
