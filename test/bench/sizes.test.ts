import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measureSizes, referencesOf } from './sizes';

/** A small output folder laid out as WXT writes a Chrome build. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sizes-'));
  const put = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  // The content script loads the UI by a runtime URL: not a static reference.
  put('content-scripts/onisep.js', '(function(){var u=chrome.runtime.getURL(`/page-ui.js`);import(u)})();');
  put('page-ui.js', '(function(){globalThis.__ui=1})();' + 'x'.repeat(2000));
  put('background.js', 'console.log(1)');
  put('popup.html', '<script type="module" src="/chunks/popup-A.js"></script><link rel="modulepreload" href="/chunks/jsx-B.js"><link rel="stylesheet" href="/assets/popup-C.css">');
  put('chunks/popup-A.js', 'import{n as e}from"./jsx-B.js";import"./side-D.js";e()');
  put('chunks/jsx-B.js', 'export const n=()=>1');
  put('chunks/side-D.js', 'import("./lazy-E.js")');
  put('chunks/lazy-E.js', 'export default 1');
  put('chunks/unused-F.js', 'export default 2');
  put('assets/popup-C.css', 'body{margin:0}');
  put('referentiel.json', '{}');
  return dir;
}

describe('referencesOf', () => {
  it('reads minified static, side-effect and literal dynamic imports, and HTML src/href', () => {
    expect(referencesOf('import{a}from"./a.js";import"./b.js";import("./c.js");export{d}from \'./d.js\'')).toEqual(['./a.js', './b.js', './c.js', './d.js']);
    expect(referencesOf('<script src="/chunks/x.js"></script><link href="/assets/y.css">')).toEqual(['/chunks/x.js', '/assets/y.css']);
    expect(referencesOf('import(chrome.runtime.getURL(`/page-ui.js`))')).toEqual([]);
  });
});

describe('measureSizes', () => {
  const sizes = measureSizes(fakeBuild());
  const of = (entry: string) => sizes.find((s) => s.entry === entry)!;

  it('lists every entry point, page-ui.js as its own', () => {
    expect(sizes.map((s) => s.entry)).toEqual(['background.js', 'content-scripts/onisep.js', 'page-ui.js', 'popup.html']);
  });
  it('measures a content script alone, without the lazily loaded UI', () => {
    const cs = of('content-scripts/onisep.js');
    expect(cs.files).toEqual(['content-scripts/onisep.js']);
    const text = '(function(){var u=chrome.runtime.getURL(`/page-ui.js`);import(u)})();';
    expect(cs.rawKB).toBe(Math.round((text.length / 1024) * 100) / 100);
    expect(cs.gzipKB).toBe(Math.round((gzipSync(text, { level: 9 }).length / 1024) * 100) / 100);
  });
  it('follows an HTML page through its chunks, side-effect imports and CSS, once each', () => {
    expect(of('popup.html').files.sort()).toEqual(
      ['popup.html', 'chunks/popup-A.js', 'chunks/jsx-B.js', 'chunks/side-D.js', 'chunks/lazy-E.js', 'assets/popup-C.css'].sort(),
    );
  });
  it('fails clearly when there is no build', () => {
    expect(() => measureSizes('/nonexistent/bench')).toThrow(/no build/);
  });
});
