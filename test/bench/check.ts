// Pure part of `npm run bench`: measures judged against their budgets, the table, and what fails `--check`.
// A quick run fails only on reliable budgets (sizes, counts, heap); a full run on every budget.
import type { LatencySample, PageCost } from './browser';
import { budgets, type Budget, type BudgetName } from './budgets';

export type Status = 'ok' | 'over' | 'missing' | 'info';

export interface Measure {
  /** The budget this value is judged against; none for a figure reported for information. */
  budget?: BudgetName;
  /** Printed label; defaults to the budget's. */
  label?: string;
  /** Null when the measure could not be taken (reason in `note`). */
  value: number | null;
  unit?: Budget['unit'] | 'KB brut' | '';
  note?: string;
  /** Timings: how many runs the figure is the median of, and how noisy they were. */
  runs?: number;
  /** Interquartile range of the per-run values, in the row's unit. */
  spread?: number | null;
}

export interface Row {
  label: string;
  value: number | null;
  unit: string;
  /** The limit as printed, e.g. `≤ 12` or `≥ 100000`. */
  limit: string;
  reliable: boolean;
  status: Status;
  note?: string;
  runs?: number;
  spread?: number | null;
}

/** Whether a value keeps its budget. Null (not measured) is `missing`. */
export function judge(budget: Budget, value: number | null): Status {
  if (value === null || !Number.isFinite(value)) return 'missing';
  const within = budget.atLeast ? value >= budget.limit : value <= budget.limit;
  return within ? 'ok' : 'over';
}

export function toRow(m: Measure): Row {
  const b = m.budget ? (budgets[m.budget] as Budget) : undefined;
  return {
    label: m.label ?? b?.label ?? '?',
    value: m.value,
    unit: m.unit ?? b?.unit ?? '',
    limit: b ? `${b.atLeast ? '≥' : '≤'} ${b.limit}` : '',
    reliable: b?.reliable ?? false,
    status: b ? judge(b, m.value) : m.value === null ? 'missing' : 'info',
    ...(m.note ? { note: m.note } : {}),
    ...(m.runs !== undefined ? { runs: m.runs, spread: m.spread ?? null } : {}),
  };
}

export type Mode = 'quick' | 'full';

/**
 * Rows that make `--check` fail: a budget broken or not measured. A quick run judges only the
 * reliable budgets; a full run (enough interleaved runs for a stable median) judges them all.
 */
export function checkFailures(rows: Row[], mode: Mode): Row[] {
  return rows.filter((r) => r.limit !== '' && (r.reliable || mode === 'full') && r.status !== 'ok');
}

/** Exit code of a run: non-zero only under `--check`. */
export function exitCode(rows: Row[], check: boolean, mode: Mode): number {
  return check && checkFailures(rows, mode).length > 0 ? 1 : 0;
}

function fmt(v: number | null): string {
  if (v === null) return '—';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('fr-FR');
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(Math.abs(v) < 10 ? 2 : 1);
}

const STATUS_TEXT: Record<Status, string> = { ok: 'ok', over: 'dépassé', missing: 'non mesuré', info: '' };

/** `n=15 ±4.2`: the runs behind a timing and their interquartile range. */
export function runsText(r: Row): string {
  if (r.runs === undefined) return '';
  return `n=${r.runs}` + (r.spread === null || r.spread === undefined ? '' : ` ±${fmt(r.spread)}`);
}

/** A plain-text table: measure, value, budget, status, runs and spread (reliable budgets marked with *). */
export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.label,
    `${fmt(r.value)} ${r.unit}`.trim(),
    r.limit ? `${r.limit} ${r.unit}`.trim() + (r.reliable ? ' *' : '') : '',
    STATUS_TEXT[r.status] + (r.note ? ` (${r.note})` : ''),
    runsText(r),
  ]);
  const head = ['mesure', 'valeur', 'budget', 'état', 'mesures'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 || i === 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line), '* budget fiable même sous charge : vérifié par --check --quick ; les autres par --check seul'].join('\n');
}

export const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Interquartile range (linear interpolation), null under 2 values. */
export const spread = (xs: number[]): number | null => {
  if (xs.length < 2) return null;
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (i - lo);
  };
  return q(0.75) - q(0.25);
};

/**
 * Our added cost over the floor's (both medians of the same run, ms). The floor's added cost is
 * taken as at least 1 ms: under that, the page's own noise is the floor, and a ratio to ~0 means nothing.
 */
export function overFloor(ours: number | null, floor: number | null): number | null {
  if (ours === null || floor === null) return null;
  return Math.max(ours, 0) / Math.max(floor, 1);
}

export const round = (v: number | null, digits = 1): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * A timing's row: the median of `values` (ms, or the budget's unit), with how many and how spread, against
 * `budget` or for information under `label`; rounded to `digits` decimals.
 */
export function timingRow(what: { budget: BudgetName } | { label: string }, values: number[], digits = 1): Measure {
  return { ...what, value: round(median(values), digits), ...('label' in what ? { unit: 'ms' as const } : {}), runs: values.length, spread: round(spread(values), digits) };
}

/** What `pick` measured on each sample, leaving out the samples where it measured nothing. */
function measured(samples: LatencySample[], pick: (s: LatencySample) => number | null | undefined): number[] {
  return samples.flatMap((s) => {
    const v = pick(s);
    return typeof v === 'number' ? [v] : [];
  });
}

/**
 * How far the page's content moved under the reader (layout shift, as Core Web Vitals count it): medians
 * of ours on a miss and from the cache, and of the floor on the same pages (information rows).
 */
export function shiftRows(samples: LatencySample[]): Measure[] {
  const values = (pick: (s: LatencySample) => number | null | undefined) => measured(samples, pick);
  const row = (label: string, v: number[]): Measure => ({ label, value: round(median(v), 3), unit: '', runs: v.length, spread: round(spread(v), 3) });
  return [
    row('décalage de mise en page (CLS) : sans cache', values((s) => s.shiftMiss)),
    row('décalage de mise en page (CLS) : depuis le cache', values((s) => s.shiftHit)),
    row('décalage de mise en page (CLS) : plancher', values((s) => s.floorShift)),
  ];
}

/**
 * The heavy page: our load with / without (the budget), and beside it the do-nothing floor's with / without
 * on the same loads (information), so that what any extension costs that page is read next to ours.
 */
export function heavyPageRows(c: PageCost): Measure[] {
  const floorRatio = c.load.floor !== null && c.load.without ? round(c.load.floor / c.load.without, 3) : null;
  return [
    { budget: 'heavyPageLoadRatio', value: c.ratio, runs: c.runs, spread: c.ratioSpread, note: `${c.load.with} / ${c.load.without} ms` },
    { label: 'page lourde : plancher (extension vide) avec / sans', value: floorRatio, unit: 'ratio', runs: c.runs, note: `${c.load.floor} / ${c.load.without} ms` },
  ];
}

/** Where a miss's time goes in the page: medians of its steps after DOMContentLoaded (information rows). */
export function missSteps(misses: LatencySample[]): Measure[] {
  const steps = (pick: (s: LatencySample) => number | null) => measured(misses, pick);
  const row = (label: string, values: number[]) => timingRow({ label }, values);
  return [
    row('  sans cache : question envoyée au service worker (après DOMContentLoaded)', steps((s) => s.missSteps.messageMs)),
    row('  sans cache : question → réponse reçue dans la page', steps((s) => (s.missSteps.answerMs == null || s.missSteps.messageMs == null ? null : s.missSteps.answerMs - s.missSteps.messageMs))),
    row('  sans cache : réponse → chiffres visibles', steps((s) => (s.missSteps.answerMs == null || s.missMs == null || s.missSteps.answerMs > s.missMs ? null : s.missMs - s.missSteps.answerMs))),
    row('  sans cache : module d’interface chargé (après DOMContentLoaded)', steps((s) => s.missSteps.uiLoadedMs)),
  ];
}
