// Pure part of `npm run bench`: measures judged against their budgets, the table, and what fails `--check`.
// Only deterministic budgets (sizes, counts) can fail; a slow timing is printed as "over", never fatal.
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
}

export interface Row {
  label: string;
  value: number | null;
  unit: string;
  /** The limit as printed, e.g. `≤ 12` or `≥ 100000`. */
  limit: string;
  deterministic: boolean;
  status: Status;
  note?: string;
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
    deterministic: b?.deterministic ?? false,
    status: b ? judge(b, m.value) : m.value === null ? 'missing' : 'info',
    ...(m.note ? { note: m.note } : {}),
  };
}

/** Rows that make `--check` fail: a deterministic budget broken, or not measured at all. */
export function checkFailures(rows: Row[]): Row[] {
  return rows.filter((r) => r.deterministic && r.status !== 'ok');
}

/** Exit code of a run: non-zero only under `--check` and only for deterministic budgets. */
export function exitCode(rows: Row[], check: boolean): number {
  return check && checkFailures(rows).length > 0 ? 1 : 0;
}

function fmt(v: number | null): string {
  if (v === null) return '—';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('fr-FR');
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(Math.abs(v) < 10 ? 2 : 1);
}

const STATUS_TEXT: Record<Status, string> = { ok: 'ok', over: 'dépassé', missing: 'non mesuré', info: '' };

/** A plain-text table: measure, value, budget, status (deterministic budgets marked with *). */
export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.label,
    `${fmt(r.value)} ${r.unit}`.trim(),
    r.limit ? `${r.limit} ${r.unit}`.trim() + (r.deterministic ? ' *' : '') : '',
    STATUS_TEXT[r.status] + (r.note ? ` (${r.note})` : ''),
  ]);
  const head = ['mesure', 'valeur', 'budget', 'état'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 || i === 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line), '* budget déterministe : vérifié par --check'].join('\n');
}

export const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const round = (v: number | null, digits = 1): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);
