// Where a page's work starts. The extension loads in three stages, each only when the one before needs it:
//   1. URL check (lib/watch-page-url.ts, run by entrypoints/<site>.content.ts on every page of a site):
//      is this page one of ours? Nothing else runs on pages that are not.
//   2. Page session (this folder, part of each site's content script, run only on a recognised page): reads
//      the page, follows its changes, asks the background. Small parts, each stopped by the session's signal:
//        scan-page.ts           reads the page with the site's adapter, claims anchors
//        follow-page-changes.ts re-scans when the site changes its page after loading
//        mount-anchors.ts       draws a panel or badge per anchor and fills it with the answer
//        ask-background.ts      one lookup message, asked once more if lost
//        complete-rows.ts       an establishment panel gathers and completes its page's rows
//        watch-near-screen.ts   a list row is asked only when it comes near the screen
//   3. Page UI (lib/draw-page-ui.tsx, loaded as entrypoints/page-ui.ts by load-page-ui.ts once there is
//      something to show and the page has loaded): Preact panels and badges in shadow roots.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Depth } from '../build-report';
import { pageStateOf, readPageState } from '../page-state';
import type { SiteAdapter } from '../sites/adapter-types';
import type { SightingData } from '../types';
import { askBackground } from './ask-background';
import { completeRows } from './complete-rows';
import { followPageChanges } from './follow-page-changes';
import { mountAnchors, type AnchorMounter } from './mount-anchors';
import { createPageMounts } from './page-mounts';
import { scanPage } from './scan-page';
import { watchNearScreen } from './watch-near-screen';

/** What the URL check holds of a running page session. */
export interface PageSessionHandle {
  /** This page's id in the session's lookups, new with each session (each page the tab shows). */
  readonly pageId: string;
  stop(): void;
}

/** Starts the work on a page the adapter recognised; `stop()` (or the context's end) undoes all of it. */
export function startPageSession(ctx: ContentScriptContext, adapter: SiteAdapter): PageSessionHandle {
  const session = new AbortController();
  const signal = session.signal;
  const mounts = createPageMounts();
  // One storage read for the page: the settings, and what the UI shows of the user's earlier choices.
  const state = readPageState().catch(() => pageStateOf({}));
  // Unique within the browser's life (the sites are https: randomUUID is there in every supported browser).
  const pageId = crypto.randomUUID();
  const ask = (data: SightingData, depth: Depth, force: boolean) => askBackground(data, depth, force, signal, pageId);

  // The two call each other: a row opened in the establishment panel reloads that row's badge in full.
  const rows = completeRows(signal, mounts, { ask, reloadFull: (row) => void anchors.load(row, false, 'panel') });
  const anchors: AnchorMounter = mountAnchors(ctx, signal, mounts, { state, ask, rows, near: watchNearScreen(signal) });

  const scan = () => {
    if (!signal.aborted) scanPage(adapter, mounts, anchors.show);
  };
  scan();
  followPageChanges(signal, scan);
  return { pageId, stop: () => session.abort() };
}
