// Performance marks in the service worker, for test/bench/wake-probe.ts: bench and e2e builds only
// (the condition is a build-time constant, so production builds carry no call). Safe in Node, where
// `import.meta.env` is absent (the referentiel CLI imports this module's importers).
const MARK = import.meta.env?.MODE === 'bench' || import.meta.env?.MODE === 'e2e';

export function workerMark(name: string): void {
  if (MARK) performance.mark(`inserjeunes:${name}`);
}
