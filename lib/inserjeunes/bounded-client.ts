// Bounds on what one lookup may cost: an end-to-end deadline, and a per-tab request budget.
import type { ApiResult, InserJeunesClient } from './client';

/** A panel settles (figures, none, or an error with retry) within this, whatever the API does (6 s in the e2e build, so its test need not wait 15 s). */
export const LOOKUP_DEADLINE_MS = import.meta.env?.MODE === 'e2e' ? 6000 : 15_000;

/** API requests one tab may make per minute (the old proxy allowed about 800 a minute per address). */
export const TAB_REQUESTS_PER_MINUTE = 300;

type Method = keyof InserJeunesClient;
const METHODS: readonly Method[] = ['formation', 'regionale', 'nationale', 'certification'];

/** Applies `wrap` to each call of the client, keeping its interface. */
function wrapClient(client: InserJeunesClient, wrap: (call: () => Promise<ApiResult<unknown>>) => Promise<ApiResult<unknown>>): InserJeunesClient {
  const out: Record<string, unknown> = {};
  for (const m of METHODS) {
    out[m] = (...args: unknown[]) => wrap(() => (client[m] as (...a: unknown[]) => Promise<ApiResult<unknown>>)(...args));
  }
  return out as unknown as InserJeunesClient;
}

const timeoutResult = (ms: number): ApiResult<never> => ({
  ok: false,
  cell: { state: 'error', error: 'timeout', message: `Pas de réponse en ${Math.round(ms / 1000)} s.` },
});

/**
 * Every call answers by the time `signal` aborts (the lookup's deadline): late answers become a
 * `timeout` error, which the panel shows with its retry button; calls started after it are not made.
 * A request already on the wire goes on, and its answer is still cached when it comes.
 */
export function withDeadline(client: InserJeunesClient, signal: AbortSignal, ms: number): InserJeunesClient {
  const expired = new Promise<ApiResult<never>>((resolve) => {
    if (signal.aborted) resolve(timeoutResult(ms));
    else signal.addEventListener('abort', () => resolve(timeoutResult(ms)), { once: true });
  });
  return wrapClient(client, (call) => (signal.aborted ? expired : Promise.race([call(), expired])));
}

export interface TokenBucket {
  /** Resolves true when a token was taken (at once, or once one is refilled), false if `signal` aborted first. */
  take(signal?: AbortSignal): Promise<boolean>;
  /** Tokens left now (for tests). */
  available(): number;
}

/**
 * `capacity` tokens, refilled continuously at `capacity` per `periodMs`. Takers over the budget wait
 * in order; a waiter whose signal aborts leaves the line without its token.
 */
export function createTokenBucket(capacity: number, periodMs = 60_000, now: () => number = Date.now): TokenBucket {
  let tokens = capacity;
  let last = now();
  const line: { resolve: (ok: boolean) => void; signal?: AbortSignal }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const perMs = capacity / periodMs;

  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + (t - last) * perMs);
    last = t;
  };

  const serve = () => {
    timer = undefined;
    refill();
    while (line.length && tokens >= 1) {
      tokens -= 1;
      line.shift()!.resolve(true);
    }
    if (line.length) timer = setTimeout(serve, Math.ceil((1 - tokens) / perMs));
  };

  return {
    available: () => {
      refill();
      return tokens;
    },
    take(signal) {
      if (signal?.aborted) return Promise.resolve(false);
      refill();
      if (!line.length && tokens >= 1) {
        tokens -= 1;
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const waiter = { resolve, ...(signal ? { signal } : {}) };
        line.push(waiter);
        signal?.addEventListener(
          'abort',
          () => {
            const i = line.indexOf(waiter);
            if (i >= 0) line.splice(i, 1);
            resolve(false);
          },
          { once: true },
        );
        timer ??= setTimeout(serve, Math.ceil((1 - tokens) / perMs));
      });
    },
  };
}

const overBudget: ApiResult<never> = {
  ok: false,
  cell: { state: 'error', error: 'rate-limit', message: 'Trop de demandes depuis cet onglet : réessayez dans un instant.' },
};

/** Each call to the API first takes a token from the tab's bucket; over the budget, it waits (up to `signal`). */
export function withBudget(client: InserJeunesClient, bucket: TokenBucket, signal: AbortSignal): InserJeunesClient {
  return wrapClient(client, async (call) => ((await bucket.take(signal)) ? call() : overBudget));
}
