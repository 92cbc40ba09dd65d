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

it('counts the quick index shipped beside the referentiel in its size', async () => {
  const { gzipSync } = await import('node:zlib');
  const m = measureReferentiel('test/fixtures/referentiel');
  expect(m.quickIndexBytes).toBeGreaterThan(100);
  // The index alone, packed as shipped, is the rest.
  const { buildIndex, writeIndexFile } = await import('../../lib/referentiel/build');
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const out = join(mkdtempSync(join(tmpdir(), 'ref-measure-test-')), 'referentiel.json');
  writeIndexFile(buildIndex('test/fixtures/referentiel').index, out);
  const text = readFileSync(out, 'utf8');
  expect(m.rawBytes).toBe(Buffer.byteLength(text) + m.quickIndexBytes);
  expect(m.gzipBytes).toBeGreaterThan(gzipSync(text).length);
}, 60_000);
