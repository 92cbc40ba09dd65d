// The cache's storage held in memory: values are copied in and out, as extension storage does.
import type { AsyncStore } from '../../lib/inserjeunes/cache';

/** An in-memory AsyncStore, for the cache's tests and measures (the extension uses its own storage). */
export function createMemoryStore(initial: Record<string, unknown> = {}): AsyncStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial));
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  return {
    data,
    async get(keys) {
      const out: Record<string, unknown> = {};
      for (const k of keys) if (data.has(k)) out[k] = clone(data.get(k));
      return out;
    },
    async all() {
      return Object.fromEntries([...data].map(([k, v]) => [k, clone(v)]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, clone(v));
    },
    async remove(keys) {
      for (const k of keys) data.delete(k);
    },
    async keys() {
      return [...data.keys()];
    },
  };
}
