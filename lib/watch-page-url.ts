// What each site's content script runs on every page of its site: a URL check, and nothing else
// unless the page is one of ours. The page session (reading the page, messaging, the UI) is a
// web-accessible module imported only then, so other pages do not even parse it.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageSessionHandle } from './page-session/start-page-session';
import { PAGE_SESSION_GLOBAL, importFromExtension, mark } from './lazy-module';
import type { SiteAdapter } from './sites/adapter-types';
import type { SiteName } from './types';

/** What the session module (entrypoints/page-session.ts) hands over. */
export type StartPageSession = (ctx: ContentScriptContext, site: SiteName) => PageSessionHandle;

let sessionPromise: Promise<StartPageSession> | undefined;

function loadPageSession(): Promise<StartPageSession> {
  sessionPromise ??= importFromExtension<StartPageSession>('page-session.js', PAGE_SESSION_GLOBAL);
  return sessionPromise;
}

export function watchSite(ctx: ContentScriptContext, site: SiteName, detect: SiteAdapter['detect']): void {
  mark('start');
  let session: PageSessionHandle | null = null;
  let currentHref = '';
  let generation = 0;

  const check = () => {
    if (location.href === currentHref) return;
    currentHref = location.href;
    const run = ++generation;
    session?.stop();
    session = null;
    let matched = false;
    try {
      matched = detect(new URL(location.href)) !== null;
    } catch {
      return;
    }
    if (!matched) return;
    loadPageSession()
      .then((start) => {
        if (run === generation && !ctx.isInvalid) session = start(ctx, site);
      })
      .catch(() => undefined); // the extension was reloaded under the page: nothing to show
  };

  check();
  // Client-side navigation: the Navigation API where it exists (Chromium: it also sees pushState),
  // history events elsewhere. A listener costs nothing until the page navigates; no observer runs on a
  // page that does not match. `navigate` fires before the URL changes: look just after.
  const later = () => setTimeout(check, 0);
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('navigate', later);
  ctx.addEventListener(window, 'popstate', check);
  ctx.onInvalidated(() => {
    nav?.removeEventListener('navigate', later);
    session?.stop();
  });
}
