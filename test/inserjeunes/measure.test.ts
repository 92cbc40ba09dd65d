import { expect, it } from 'vitest';
import { measureReportFromCache } from './measure';

it('builds a report seen before from cache within budget and with no request', async () => {
  const m = await measureReportFromCache(20);
  expect(m.requestsWhenSeen).toBe(0);
  // A panel: 4 local requests, the filières view, the plain route of each voie (what the view drops).
  expect(m.requestsOnMiss['formation dans un établissement (2 codes)']).toBeLessThanOrEqual(7);
  expect(m.requestsOnMiss['formation sans établissement ni région']).toBe(3);
  // A badge asks the view only.
  expect(m.requestsOnMiss['pastille, France seulement']).toBe(1);
  expect(m.fromStorageMs).toBeLessThanOrEqual(m.budgetMs);
  expect(m.fromMemoryMs).toBeLessThanOrEqual(m.budgetMs);
  // Every run's time, for the bench's count and spread.
  expect(m.fromStorage).toHaveLength(20);
  expect(m.fromMemory).toHaveLength(20);
  expect(m.fromStorage).toContain(m.fromStorageMs);
});
