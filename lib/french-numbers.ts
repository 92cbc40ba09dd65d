// Numbers as the panel writes them in French, without Intl (see formatNumber).

/**
 * `1234` → `1 234`: rounded half away from zero, digits grouped by three with a narrow no-break space,
 * as `Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 })` writes it (test/lib/french-numbers.test.ts).
 * By hand: the first Intl formatter of a page's renderer starts ICU, 30 to 80 ms of its main thread.
 * Values beyond 2^53 (never figures) go to Intl.
 */
export const formatNumber = (n: number): string => {
  const abs = Math.abs(n);
  if (!(abs < Number.MAX_SAFE_INTEGER)) return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n);
  const digits = String(Math.round(abs));
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `\u202f${digits.slice(i, i + 3)}`;
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
};

/** `38` → `38 %` with the no-break space French typography wants. */
export const formatPercent = (n: number): string => `${formatNumber(n)}\u00a0%`;

/** `1450` → `1 450 €`. */
export const formatEuros = (n: number): string => `${formatNumber(n)}\u00a0€`;
