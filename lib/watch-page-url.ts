// What each site's content script runs on every page of its site: a URL check, and nothing else unless
// the page is one of ours. The page session (reading the page, messaging) is part of the content script:
// on a page that does not match it is parsed but never run; on one that does, it starts once the page's
// own load is done. The in-page UI (Preact, components, CSS) is a web-accessible module imported only
// once there is something to show (page-session/load-page-ui.ts).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mark } from './lazy-module';
import { pageMessaging } from './messaging';
import { startPageSession, type PageSessionHandle } from './page-session/start-page-session';
import type { SiteAdapter } from './sites/adapter-types';

/** The page's own load goes first: the session starts once it is done (or after a short wait). */
const LOAD_WAIT_MAX_MS = 3000;

/**
 * Resolves in a task of its own after the page's `load` event, so that nothing of ours runs inside the
 * event's dispatch (its listeners' microtasks would count in the page's load time).
 */
function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    };
    const timer = setTimeout(done, LOAD_WAIT_MAX_MS);
    window.addEventListener('load', done, { once: true });
  });
}

export function watchSite(ctx: ContentScriptContext, adapter: SiteAdapter): void {
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
      matched = adapter.detect(new URL(location.href)) !== null;
    } catch {
      return;
    }
    if (!matched) return;
    void pageLoaded().then(() => {
      if (run === generation && !ctx.isInvalid) {
        session = startPageSession(ctx, adapter);
        answerPopup();
      }
    });
  };

  check();
  // The popup asks which page this is (the one the lookups name): the listener is added once a session has started.
  let answering = false;
  const answerPopup = () => {
    if (answering) return;
    answering = true;
    pageMessaging.onMessage('pageId', () => session?.pageId ?? null);
  };
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
