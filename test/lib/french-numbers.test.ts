import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatEuros, formatNumber, formatPercent } from '../../lib/french-numbers';

const intl = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const intlEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

describe('French numbers, written by hand', () => {
  it('writes what Intl fr-FR writes, for integers and fractions of any size below 2^53', () => {
    const numbers = fc.oneof(
      fc.integer({ min: -Number.MAX_SAFE_INTEGER + 1, max: Number.MAX_SAFE_INTEGER - 1 }),
      fc.double({ min: -1e15, max: 1e15, noNaN: true }),
      fc.integer({ min: -3000, max: 3000 }).map((n) => n / 2),
    );
    fc.assert(
      fc.property(numbers, (n) => {
        expect(formatNumber(n)).toBe(intl.format(n));
        expect(formatEuros(n)).toBe(intlEuros.format(n));
      }),
      { numRuns: 5000 },
    );
  });

  it('rounds halves away from zero and keeps the sign of a negative zero, as Intl does', () => {
    for (const n of [0.5, 1.5, 2.5, -2.5, -0, -0.4, 999.5, 0.49999999999999994]) expect(formatNumber(n)).toBe(intl.format(n));
    expect(formatNumber(1234567)).toBe('1\u202f234\u202f567');
    expect(formatPercent(38)).toBe('38\u00a0%');
    expect(formatEuros(1450)).toBe('1\u202f450\u00a0€');
  });

  it('leaves what is not a safe integer to Intl', () => {
    for (const n of [Number.NaN, Infinity, -Infinity, 1e21, Number.MAX_SAFE_INTEGER]) expect(formatNumber(n)).toBe(intl.format(n));
  });
});

describe('the panel strings start no Intl formatter', () => {
  afterEach(() => vi.restoreAllMocks());

  // The first Intl formatter of a page's renderer loads ICU (30–80 ms of its main thread, measured in
  // Chromium): neither loading the strings nor writing figures may construct one.
  it('neither at load nor when writing figures', async () => {
    const made = vi.spyOn(Intl, 'NumberFormat');
    vi.resetModules();
    const strings = await import('../../lib/strings');
    for (const n of [0, 7, 38, 1234, 98765]) {
      strings.formatNumber(n);
      strings.formatPercent(n);
      strings.formatEuros(n);
      strings.eleves(n);
      strings.formatDelta(n - 50);
    }
    expect(made).not.toHaveBeenCalled();
  });
});
