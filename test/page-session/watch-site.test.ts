// @vitest-environment happy-dom
// The content script's own part: the URL check, then the page session once the page's load is done.
import { afterEach, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter } from '../../lib/sites/adapter-types';

const started = vi.fn(() => ({ stop: vi.fn() }));
vi.mock('../../lib/page-session/start-page-session', () => ({ startPageSession: started }));

const { watchSite } = await import('../../lib/watch-page-url');

const ctx = { isInvalid: false, addEventListener: () => undefined, onInvalidated: () => undefined } as unknown as ContentScriptContext;
const adapter = (matches: boolean) => ({ name: 'onisep', detect: () => (matches ? { page: 'formation' } : null), extract: () => [] }) as unknown as SiteAdapter;

afterEach(() => {
  started.mockClear();
  vi.restoreAllMocks();
});

it('starts the session on a matching page only after the page’s load event, in a task of its own', async () => {
  let state: DocumentReadyState = 'interactive';
  vi.spyOn(document, 'readyState', 'get').mockImplementation(() => state);
  watchSite(ctx, adapter(true));
  await new Promise((r) => setTimeout(r, 20));
  expect(started).not.toHaveBeenCalled(); // the page is still loading: nothing of ours runs yet
  state = 'complete';
  window.dispatchEvent(new Event('load'));
  expect(started).not.toHaveBeenCalled(); // not inside the load event's dispatch either
  await vi.waitFor(() => expect(started).toHaveBeenCalledTimes(1));
});

it('does nothing at all on a page of the site that is not one of ours', async () => {
  vi.spyOn(document, 'readyState', 'get').mockReturnValue('complete');
  watchSite(ctx, adapter(false));
  await new Promise((r) => setTimeout(r, 20));
  expect(started).not.toHaveBeenCalled();
});
