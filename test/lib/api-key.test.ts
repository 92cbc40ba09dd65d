// The API key lives in the extension origin's IndexedDB; a key an older version left in storage.local moves there.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clear, createStore } from 'idb-keyval';

beforeEach(async () => {
  fakeBrowser.reset();
  vi.resetModules(); // a new extension page or worker: the migration runs again
  await clear(createStore('inserjeunes-secrets', 'secrets'));
});

describe('API key', () => {
  it('is saved and read back without touching storage.local', async () => {
    const { getApiKey, setApiKey } = await import('../../lib/api-key');
    const seen: unknown[] = [];
    fakeBrowser.storage.onChanged.addListener((changes) => seen.push(changes));
    await setApiKey('  cle-secrete ');
    expect(await getApiKey()).toBe('cle-secrete');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(seen).toEqual([]);
    await setApiKey('');
    expect(await getApiKey()).toBe('');
  });

  it('moves a key kept in storage.local by an older version, and deletes it there', async () => {
    await fakeBrowser.storage.local.set({ apiKey: 'ancienne-cle', apiKey$: { v: 1 }, settings: { cacheDays: 3 } });
    const { getApiKey } = await import('../../lib/api-key');
    expect(await getApiKey()).toBe('ancienne-cle');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings: { cacheDays: 3 } });
    vi.resetModules();
    expect(await (await import('../../lib/api-key')).getApiKey()).toBe('ancienne-cle');
  });
});

describe('API key across contexts', () => {
  it('is read once per context, and again when another context says it changed', async () => {
    const store = createStore('inserjeunes-secrets', 'secrets');
    const { set } = await import('idb-keyval');
    const { getApiKey } = await import('../../lib/api-key');
    await set('apiKey', 'premiere', store);
    expect(await getApiKey()).toBe('premiere');
    // Another extension page writes a new key: this context keeps what it read…
    await set('apiKey', 'seconde', store);
    expect(await getApiKey()).toBe('premiere');
    // …until that page says so on the channel (setApiKey does).
    const other = new BroadcastChannel('inserjeunes-api-key');
    other.postMessage('changed');
    other.close();
    await vi.waitFor(async () => expect(await getApiKey()).toBe('seconde'));
  });

  it('tells the other contexts when it saves one', async () => {
    const { setApiKey } = await import('../../lib/api-key');
    const heard: unknown[] = [];
    const other = new BroadcastChannel('inserjeunes-api-key');
    other.onmessage = (e) => heard.push(e.data);
    await setApiKey('nouvelle');
    await vi.waitFor(() => expect(heard).toEqual(['changed']));
    other.close();
  });
});
