// Loads the third stage, the page UI (Preact, components, CSS), once per page and after the page's own load.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageUi, PageUiFactory } from '../draw-page-ui';
import { importFromExtension, mark, PAGE_UI_GLOBAL } from '../lazy-module';
import type { Settings } from '../settings';

/** The page's own load goes first: the UI is loaded and drawn once it is done (or after a short wait). */
const LOAD_WAIT_MAX_MS = 3000;

export function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, LOAD_WAIT_MAX_MS);
    window.addEventListener('load', done, { once: true });
  });
}

let uiPromise: Promise<PageUi> | undefined;

/** Loads the UI module (a web-accessible script of this extension) into this content script's world. */
export function loadPageUi(ctx: ContentScriptContext, settings: Promise<Settings>): Promise<PageUi> {
  uiPromise ??= (async () => {
    mark('ui');
    const factory = await importFromExtension<PageUiFactory>('page-ui.js', PAGE_UI_GLOBAL);
    return factory(ctx, await settings);
  })();
  return uiPromise;
}

/** Removes whatever the UI drew, if it was ever loaded. */
export function clearPageUi(): void {
  void uiPromise?.then((ui) => ui.clear()).catch(() => undefined);
}
