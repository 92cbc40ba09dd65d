// One panel or badge in the page: a custom element holding an open shadow root, where the page's CSS
// cannot reach. Chromium shares one parsed stylesheet between every shadow root of the page (a list of
// 40 badges parses the CSS once); Firefox, whose content scripts see page objects through Xray
// wrappers, gets a <style> per root.

export type HostPlace = { anchor: Element; append: 'after' | 'last' } | 'floating';

export interface ShadowHost {
  /** Where the UI renders. */
  container: HTMLElement;
  /** Takes the host out of the page. */
  remove(): void;
}

/** What a site's CSS may set on an unknown element (WXT's reset did the same): none of it reaches in. */
const RESET = ':host{all:initial !important;}';

const sheets = new Map<string, CSSStyleSheet>();

function sharedSheet(css: string): CSSStyleSheet | null {
  if (import.meta.env.FIREFOX) return null;
  let sheet = sheets.get(css);
  if (!sheet) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(RESET + css);
    } catch {
      return null;
    }
    sheets.set(css, sheet);
  }
  return sheet;
}

function styleRoot(root: ShadowRoot, css: string): void {
  const sheet = sharedSheet(css);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length === 1) return;
    } catch {
      // fall through to a <style> of its own
    }
  }
  const style = document.createElement('style');
  style.textContent = RESET + css;
  root.append(style);
}

/** Creates the host, styles its shadow root and puts it in the page. */
export function mountShadowHost(name: string, css: string, place: HostPlace): ShadowHost {
  const host = document.createElement(name);
  const root = host.attachShadow({ mode: 'open' });
  styleRoot(root, css);
  const container = document.createElement('div');
  root.append(container);
  if (place === 'floating') {
    // A zero-size box at the end of the body; the UI hangs from its top right corner above the page.
    Object.assign(host.style, { position: 'relative', width: '0', height: '0', display: 'block', overflow: 'visible', zIndex: '2147483000' });
    Object.assign(container.style, { position: 'absolute', top: '0', right: '0' });
    document.body.append(host);
  } else if (place.append === 'after') {
    place.anchor.parentElement?.insertBefore(host, place.anchor.nextElementSibling);
  } else {
    place.anchor.append(host);
  }
  return { container, remove: () => host.remove() };
}
