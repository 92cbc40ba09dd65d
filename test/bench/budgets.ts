// The budgets `npm run bench` measures against. `reliable` ones (sizes, counts, heap) are judged by any
// run, quick or full; the timings only by a full run (`--check` without `--quick`), because a quick
// run on a shared 2-core machine cannot tell a slow budget from a noisy one.

export interface Budget {
  /** What is measured, as printed. */
  label: string;
  /** Upper bound (or lower bound when `atLeast`). */
  limit: number;
  unit: 'KB' | 'MB' | 'ms' | 'ratio' | 'count' | '/s';
  /** Judged by a quick run too: the figure does not depend on the machine's load. */
  reliable: boolean;
  atLeast?: boolean;
}

export const budgets = {
  contentScriptGzipKB: { label: 'script de contenu par site (gzip)', limit: 12, unit: 'KB', reliable: true },
  /** Ours over the floor's (a do-nothing extension), ms added to loadEventEnd, per page kind. */
  addedLoadVsFloor: { label: 'chargement ajouté / celui du plancher', limit: 1.5, unit: 'ratio', reliable: false },
  /** Ours over the floor's, main-thread task time added, per page kind. */
  addedTaskVsFloor: { label: 'fil principal ajouté / celui du plancher', limit: 2, unit: 'ratio', reliable: false },
  heavyPageLoadRatio: { label: 'page lourde (≥ 300 KB, latence) : chargement avec / sans', limit: 1.03, unit: 'ratio', reliable: false },
  nonMatchingObservers: { label: 'page non concernée : observateurs installés', limit: 0, unit: 'count', reliable: true },
  nonMatchingMessages: { label: 'page non concernée : messages envoyés', limit: 0, unit: 'count', reliable: true },
  nonMatchingRequests: { label: 'page non concernée : requêtes à l’API', limit: 0, unit: 'count', reliable: true },
  /** Tabs closed while the service worker is stopped: the closings that started it (sleep.ts tabCloseWakes). */
  tabCloseWakes: { label: 'onglet fermé, service worker arrêté : réveils', limit: 0, unit: 'count', reliable: true },
  panelFromCacheMs: { label: 'panneau visible depuis le cache (après DOMContentLoaded)', limit: 100, unit: 'ms', reliable: false },
  /**
   * Ours minus the floor's (an extension whose worker only asks the API once: floor.ts
   * writeAnswerFloorExtension), on the same page, one after the other. On this machine the floor itself
   * answers 60–150 ms past the API's latency: a bound "beyond the latency" would be below it.
   */
  panelMissOverFloorMs: { label: 'panneau visible sans cache, au-delà du plancher (même question, même page)', limit: 50, unit: 'ms', reliable: false },
  wakePanelOverFloorMs: { label: 'premier panneau, service worker arrêté, au-delà du plancher réveillé', limit: 120, unit: 'ms', reliable: false },
  seenPageRequests: { label: 'page de formation déjà vue : requêtes', limit: 0, unit: 'count', reliable: true },
  fortyRowsMs: { label: 'page de 40 formations complète (API à 50 ms)', limit: 1000, unit: 'ms', reliable: false },
  extraction10kMs: { label: 'extraction sur une liste de 10 000 lignes', limit: 20, unit: 'ms', reliable: false },
  referentielGzipKB: { label: 'référentiel embarqué (gzip)', limit: 600, unit: 'KB', reliable: true },
  referentielLoadMs: { label: 'référentiel chargé et prêt', limit: 30, unit: 'ms', reliable: false },
  referentielLookupsPerSec: { label: 'recherches dans le référentiel par seconde', limit: 100_000, unit: '/s', reliable: false, atLeast: true },
  reportFromCacheMs: { label: 'rapport depuis le cache (service worker)', limit: 5, unit: 'ms', reliable: false },
  workerHeapMB: { label: 'tas du service worker', limit: 30, unit: 'MB', reliable: true },
} satisfies Record<string, Budget>;

export type BudgetName = keyof typeof budgets;
