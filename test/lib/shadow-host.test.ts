// @vitest-environment happy-dom
// The hosts of panels and badges: one parsed stylesheet for the page where the browser allows it.
import { afterEach, expect, it } from 'vitest';
import { mountShadowHost } from '../../lib/shadow-host';

afterEach(() => document.body.replaceChildren());

it('puts the host after its anchor or inside it, with an open shadow root holding the container', () => {
  const anchor = document.createElement('p');
  const next = document.createElement('div');
  document.body.append(anchor, next);
  const after = mountShadowHost('inserjeunes-panel', '.x{color:red}', { anchor, append: 'after' });
  const inside = mountShadowHost('inserjeunes-badge', '.x{color:red}', { anchor, append: 'last' });
  expect(anchor.nextElementSibling?.localName).toBe('inserjeunes-panel');
  expect(anchor.lastElementChild?.localName).toBe('inserjeunes-badge');
  expect(document.querySelector('inserjeunes-panel')!.shadowRoot!.contains(after.container)).toBe(true);
  after.remove();
  inside.remove();
  expect(document.querySelector('inserjeunes-panel, inserjeunes-badge')).toBeNull();
});

it('shares one parsed stylesheet between every root of the page', () => {
  const anchor = document.createElement('ul');
  document.body.append(anchor);
  mountShadowHost('inserjeunes-badge', '.y{color:blue}', { anchor, append: 'last' });
  mountShadowHost('inserjeunes-badge', '.y{color:blue}', { anchor, append: 'last' });
  const roots = [...document.querySelectorAll('inserjeunes-badge')].map((h) => h.shadowRoot!);
  expect(roots.map((r) => r.adoptedStyleSheets.length)).toEqual([1, 1]);
  expect(roots[0]!.adoptedStyleSheets[0]).toBe(roots[1]!.adoptedStyleSheets[0]);
  expect(roots.every((r) => r.querySelector('style') === null)).toBe(true);
});

it('gives each root a <style> of its own where a shared stylesheet cannot be made', () => {
  const real = globalThis.CSSStyleSheet;
  globalThis.CSSStyleSheet = class {
    replaceSync(): void {
      throw new Error('not here');
    }
  } as unknown as typeof CSSStyleSheet;
  try {
    const anchor = document.createElement('ul');
    document.body.append(anchor);
    mountShadowHost('inserjeunes-badge', '.z{color:green}', { anchor, append: 'last' });
    const root = document.querySelector('inserjeunes-badge')!.shadowRoot!;
    expect(root.querySelector('style')?.textContent).toContain('.z{color:green}');
    expect(root.querySelector('style')?.textContent).toContain(':host{all:initial !important;}');
  } finally {
    globalThis.CSSStyleSheet = real;
  }
});
