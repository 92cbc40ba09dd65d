// The three site adapters, and the list of them.
import { affelnet } from './affelnet';
import { onisep } from './onisep';
import { parcoursup } from './parcoursup';
import type { SiteAdapter } from './adapter-types';

export type { DetectedPage, SiteAdapter } from './adapter-types';
export { affelnet, onisep, parcoursup };

export const sites: SiteAdapter[] = [onisep, parcoursup, affelnet];
