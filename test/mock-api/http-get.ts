// One mock server per test file, and a GET that reads its JSON (or keeps a non-JSON body as text).
import { afterAll, beforeAll } from 'vitest';
import { startMockApi, type MockApi } from './server';

export type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Starts a mock for the calling test file; `get` asks it a path under its base. */
export function mockForFile(): { api: () => MockApi; get: (path: string, init?: RequestInit) => Promise<{ status: number; body: Body; headers: Headers }> } {
  let api: MockApi;
  beforeAll(async () => {
    api = await startMockApi();
  });
  afterAll(() => api.close());
  return {
    api: () => api,
    async get(path, init) {
      const res = await fetch(api.url + path, init);
      const text = await res.text();
      const isJson = res.headers.get('content-type')?.startsWith('application/json');
      return { status: res.status, body: isJson ? JSON.parse(text) : { text }, headers: res.headers };
    },
  };
}
