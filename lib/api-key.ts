// The optional API key, kept where only the extension's own pages and background can read it: the
// extension origin's IndexedDB (through idb-keyval). Content scripts run in the page's origin, so its
// IndexedDB is not theirs; and unlike storage.local, nothing is broadcast to tabs when it changes.
// storage.session could be restricted to trusted contexts, but it is emptied when the browser restarts.
import { browser } from 'wxt/browser';
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/** Where versions up to 0.1 kept it (a WXT storage item, with its `$` metadata key). */
const LEGACY_KEYS = ['apiKey', 'apiKey$'];
const KEY = 'apiKey';

let store: UseStore | undefined;
const db = () => (store ??= createStore('inserjeunes-secrets', 'secrets'));

let migration: Promise<void> | undefined;

/** Moves a key saved by an older version out of storage.local, once per extension page or worker life. */
function migrate(): Promise<void> {
  migration ??= (async () => {
    const old = (await browser.storage.local.get(LEGACY_KEYS))[KEY];
    if (old === undefined) return;
    if (typeof old === 'string' && old.trim() !== '') await set(KEY, old.trim(), db());
    await browser.storage.local.remove(LEGACY_KEYS);
  })().catch((error: unknown) => {
    migration = undefined; // try again next time
    throw error;
  });
  return migration;
}

/**
 * Each context keeps the key it read (the worker would otherwise open IndexedDB for every lookup); a
 * context that changes it says so on this channel, and every other one reads it again.
 */
const CHANNEL = 'inserjeunes-api-key';
let channel: BroadcastChannel | undefined;
let read: Promise<string> | undefined;

function listen(): BroadcastChannel | undefined {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => {
    read = undefined;
  };
  // Node (tests) would otherwise stay alive for the channel.
  (channel as { unref?: () => void }).unref?.();
  return channel;
}

export function getApiKey(): Promise<string> {
  listen();
  read ??= (async () => {
    await migrate();
    const value = await get<unknown>(KEY, db());
    return typeof value === 'string' ? value : '';
  })().catch((error: unknown) => {
    read = undefined;
    throw error;
  });
  return read;
}

export async function setApiKey(value: string): Promise<void> {
  await migrate();
  const key = value.trim();
  try {
    if (key) await set(KEY, key, db());
    else await del(KEY, db());
  } finally {
    read = undefined;
    listen()?.postMessage('changed');
  }
}
