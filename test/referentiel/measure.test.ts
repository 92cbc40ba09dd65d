// The referentiel's bench figures come with every run they are the median of (`npm run bench` prints how many and how spread).
import { expect, it } from 'vitest';
import { median } from '../bench/check';
import { measureReferentiel } from './measure';

it('loads five times and times the lookups in five batches, the figures being their medians', () => {
  const m = measureReferentiel('test/fixtures/referentiel');
  expect(m.loads).toHaveLength(5);
  expect(m.lookupRates).toHaveLength(5);
  expect(m.lookupRates.every((r) => Number.isInteger(r) && r > 0)).toBe(true);
  expect(m.loadMs).toBe(Math.round(median(m.loads)! * 10) / 10);
  expect(m.lookupsPerSecond).toBe(median(m.lookupRates));
}, 60_000);
