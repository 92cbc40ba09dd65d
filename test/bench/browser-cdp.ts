// A bare DevTools connection to the whole browser, for what Playwright gives on pages only (the
// extension's service worker: is it running, its heap). Unlike a second Playwright client
// (connectOverCDP), it attaches to nothing by itself: the pages are not followed twice, which on this
// machine doubled the time of a message between a page and the service worker.
import WebSocket from 'ws';

export interface BrowserCdp {
  /** One DevTools command; `sessionId` addresses a target attached with `flatten: true`. */
  send<T = unknown>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  /** Every event of `method` (from any attached session, named by `sessionId`) until the returned function is called. */
  on(method: string, handler: (params: Record<string, unknown>, sessionId?: string) => void): () => void;
  close(): void;
}

interface Reply {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: unknown;
  error?: { message: string };
}

/** Connects to `ws://127.0.0.1:<port><path>` (the two lines of the profile's DevToolsActivePort file). */
export async function connectBrowserCdp(port: string, path: string): Promise<BrowserCdp> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let next = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Set<{ method: string; handler: (params: Record<string, unknown>, sessionId?: string) => void }>();
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as Reply;
    if (m.id === undefined) {
      for (const l of listeners) if (l.method === m.method) l.handler(m.params ?? {}, m.sessionId);
      return;
    }
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error.message));
    else p?.resolve(m.result);
  });
  socket.on('close', () => {
    for (const p of pending.values()) p.reject(new Error('DevTools connection closed'));
    pending.clear();
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      });
    },
    on(method, handler) {
      const l = { method, handler };
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => socket.close(),
  };
}
