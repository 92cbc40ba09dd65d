// A lookup's bounds: the per-tab token bucket (fake timers) and the deadline over any client call.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenBucket, withBudget, withDeadline } from '../../lib/inserjeunes/bounded-client';
import type { ApiResult, InserJeunesClient } from '../../lib/inserjeunes/client';

/** A client whose every call answers `ok` after `ms` (never when `ms` is Infinity), counting calls. */
function slowClient(ms: number) {
  const calls: string[] = [];
  const answer = (name: string) => {
    calls.push(name);
    return new Promise<ApiResult<never>>((resolve) => {
      if (Number.isFinite(ms)) setTimeout(() => resolve({ ok: true, data: undefined as never, url: name }), ms);
    });
  };
  const client = {
    formation: () => answer('formation'),
    regionale: () => answer('regionale'),
    nationale: () => answer('nationale'),
    certification: () => answer('certification'),
  } as unknown as InserJeunesClient;
  return { client, calls };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('createTokenBucket', () => {
  it('gives its capacity at once, then makes the rest wait for the refill, in order, none dropped', async () => {
    const bucket = createTokenBucket(3, 60_000, () => Date.now());
    const order: number[] = [];
    const takes = Array.from({ length: 6 }, (_, i) => bucket.take().then((ok) => ok && order.push(i)));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(19_000); // one token every 20 s
    expect(order).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(40_000);
    await Promise.all(takes);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a waiter whose signal aborts leaves the line without taking a token', async () => {
    const bucket = createTokenBucket(1, 60_000, () => Date.now());
    expect(await bucket.take()).toBe(true);
    const stop = new AbortController();
    const gaveUp = bucket.take(stop.signal);
    const next = bucket.take();
    stop.abort();
    expect(await gaveUp).toBe(false);
    let served = false;
    void next.then(() => (served = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(served).toBe(true);
    expect(bucket.available()).toBeLessThan(1);
  });
});

describe('withBudget', () => {
  it('lets a tab make its budget of requests a minute; the rest wait, then give up at the deadline', async () => {
    const { client, calls } = slowClient(10);
    const deadline = new AbortController();
    const budgeted = withBudget(client, createTokenBucket(2, 60_000, () => Date.now()), deadline.signal);
    const results = [budgeted.formation('0693045K', { type: 'cfd', code: '40034403' }), budgeted.nationale({}), budgeted.certification('40034403')];
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toEqual(['formation', 'nationale']);
    deadline.abort();
    expect(await results[2]).toMatchObject({ ok: false, cell: { state: 'error', error: 'rate-limit' } });
    expect(calls).toHaveLength(2);
  });
});

describe('withDeadline', () => {
  it('answers every call by the deadline, with a timeout error, and makes no call after it', async () => {
    const { client, calls } = slowClient(Infinity);
    const deadline = new AbortController();
    const bounded = withDeadline(client, deadline.signal, 15_000);
    const pending = bounded.regionale('84', '40034403');
    setTimeout(() => deadline.abort(), 15_000);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await pending).toMatchObject({ ok: false, cell: { state: 'error', error: 'timeout', message: 'Pas de réponse en 15 s.' } });
    expect(await bounded.certification('40034403')).toMatchObject({ ok: false, cell: { error: 'timeout' } });
    expect(calls).toEqual(['regionale']);
  });

  it('passes answers through before the deadline', async () => {
    const { client } = slowClient(5);
    const bounded = withDeadline(client, new AbortController().signal, 15_000);
    const pending = bounded.nationale({ cfd: ['40034403'] });
    await vi.advanceTimersByTimeAsync(5);
    expect(await pending).toMatchObject({ ok: true });
  });
});
