// Loads the third stage, the page UI (Preact, components, CSS), once per page (the session that asks for it
// starts after the page's own load: lib/watch-page-url.ts).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageUi, PageUiFactory } from '../draw-page-ui';
import { importFromExtension, mark, PAGE_UI_GLOBAL } from '../lazy-module';
import { messaging, type SourceCredit } from '../messaging';
import type { PageState } from '../page-state';

let uiPromise: Promise<PageUi> | undefined;

/**
 * Loads the UI module (a web-accessible script of this extension) into this content script's world. The
 * data's credits are asked at the same time, so that the first panel waits for nothing but the module.
 */
export function loadPageUi(ctx: ContentScriptContext, state: Promise<PageState>): Promise<PageUi> {
  uiPromise ??= (async () => {
    mark('ui');
    const sources = messaging
      .sendMessage('sources', undefined)
      .then((s) => s.sources)
      .catch((): SourceCredit[] => []);
    const module = importFromExtension<PageUiFactory>('page-ui.js', PAGE_UI_GLOBAL).then((f) => {
      mark('ui-loaded');
      return f;
    });
    const [factory, start, credits] = await Promise.all([module, state, sources]);
    return factory(ctx, { ...start, sources: credits });
  })();
  return uiPromise;
}

/** Removes whatever the UI drew, if it was ever loaded. */
export function clearPageUi(): void {
  void uiPromise?.then((ui) => ui.clear()).catch(() => undefined);
}
