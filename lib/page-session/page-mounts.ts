// What one page session has put on the page: a panel or a badge per anchor, and what the rows completed.
import type { Depth } from '../build-report';
import type { UiHandle } from '../draw-page-ui';
import type { ProgrammeReport, Report, SightingData } from '../types';

/** One anchor's panel or badge, from the sighting that placed it to the answer it shows. */
export interface Mounted {
  key: string;
  data: SightingData;
  page: SightingData['page'];
  handle?: UiHandle;
  report?: Report;
  /** How much the report holds (a badge's asks fewer scopes). */
  depth?: Depth;
  /** Stops waiting for a row to come near the screen (the row left the page). */
  unwatch?: () => void;
}

export interface PageMounts {
  /** At most one panel or badge per anchor element. */
  byAnchor: Map<Element, Mounted>;
  /** Sightings whose panel the user closed: not shown again on this page. */
  closedKeys: Set<string>;
  /** Establishment programmes completed when their row was opened, by programme key. */
  completed: Map<string, ProgrammeReport>;
}

export function createPageMounts(): PageMounts {
  return { byAnchor: new Map(), closedKeys: new Set(), completed: new Map() };
}
