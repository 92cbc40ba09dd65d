// The budgets `npm run bench` measures against. `deterministic` ones (sizes, counts) fail `--check`;
// timings are reported beside their budget, never asserted: these machines are noisy.

export interface Budget {
  /** What is measured, as printed. */
  label: string;
  /** Upper bound (or lower bound when `atLeast`). */
  limit: number;
  unit: 'KB' | 'ms' | 'ratio' | 'count' | '/s';
  deterministic: boolean;
  atLeast?: boolean;
}

export const budgets = {
  contentScriptGzipKB: { label: 'script de contenu par site (gzip)', limit: 12, unit: 'KB', deterministic: true },
  pageLoadRatio: { label: 'chargement avec / sans extension (médianes)', limit: 1.03, unit: 'ratio', deterministic: false },
  nonMatchingObservers: { label: 'page non concernée : observateurs installés', limit: 0, unit: 'count', deterministic: true },
  nonMatchingMessages: { label: 'page non concernée : messages envoyés', limit: 0, unit: 'count', deterministic: true },
  nonMatchingRequests: { label: 'page non concernée : requêtes à l’API', limit: 0, unit: 'count', deterministic: true },
  panelFromCacheMs: { label: 'panneau visible depuis le cache (après DOMContentLoaded)', limit: 100, unit: 'ms', deterministic: false },
  panelMissOverLatencyMs: { label: 'panneau visible sans cache, au-delà de la latence de l’API', limit: 50, unit: 'ms', deterministic: false },
  seenPageRequests: { label: 'page de formation déjà vue : requêtes', limit: 0, unit: 'count', deterministic: true },
  fortyRowsMs: { label: 'page de 40 formations complète (API à 50 ms)', limit: 1000, unit: 'ms', deterministic: false },
  extraction10kMs: { label: 'extraction sur une liste de 10 000 lignes', limit: 20, unit: 'ms', deterministic: false },
  referentielGzipKB: { label: 'référentiel embarqué (gzip)', limit: 400, unit: 'KB', deterministic: true },
  referentielLoadMs: { label: 'référentiel chargé et prêt', limit: 30, unit: 'ms', deterministic: false },
  referentielLookupsPerSec: { label: 'recherches dans le référentiel par seconde', limit: 100_000, unit: '/s', deterministic: false, atLeast: true },
  reportFromCacheMs: { label: 'rapport depuis le cache (service worker)', limit: 5, unit: 'ms', deterministic: false },
} satisfies Record<string, Budget>;

export type BudgetName = keyof typeof budgets;
