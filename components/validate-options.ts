// The options form: its values, and which of them cannot be saved.
import { parseApiUrl } from '../lib/api-url';
import { regions } from '../lib/strings';
import type { Settings } from '../lib/settings';

/** The options form's values: the stored settings (lib/settings.ts) plus the API key, kept apart there. */
export type OptionsValues = Settings & { apiKey: string };
export type PanelPosition = Settings['display']['position'];

export type OptionsErrors = Partial<Record<'apiUrl' | 'apiKey' | 'preferredRegion' | 'cacheDays', true>>;

/** Which fields are wrong; an empty object means the values can be saved. */
export function validateOptions(values: OptionsValues): OptionsErrors {
  const errors: OptionsErrors = {};
  if (!parseApiUrl(values.apiUrl)) errors.apiUrl = true;
  if (values.apiKey !== '' && !/^[\x21-\x7e]+$/.test(values.apiKey)) errors.apiKey = true;
  if (values.preferredRegion !== '' && !regions.some((r) => r.code === values.preferredRegion)) errors.preferredRegion = true;
  if (!Number.isInteger(values.cacheDays) || values.cacheDays < 1 || values.cacheDays > 90) errors.cacheDays = true;
  return errors;
}
