// Bundle sizes per entry point of a built extension, raw and gzipped.
// WXT's Chrome output: content scripts are self-contained IIFEs (content-scripts/<name>.js), the
// background is one file, HTML pages load ES chunks (chunks/*.js, assets/*.css) that import each
// other, and page-ui.js is an unlisted script the content scripts import lazily by a runtime URL:
// it is reported as its own entry, never added to a content script's size.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EntrySize {
  entry: string;
  /** The entry's file and every file it loads statically, in load order. */
  files: string[];
  rawKB: number;
  gzipKB: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const kb = (n: number) => Math.round((n / 1024) * 100) / 100;

/** Static references in an HTML page or an ES chunk: `from"./x.js"`, `import"./x.js"`, `import("./x.js")`, `src=`, `href=`. */
const REFERENCE = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bsrc=|\bhref=)["']([^"'?#]+\.(?:js|css))["']/g;

export function referencesOf(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1]!);
}

export const isContentScript = (entry: string) => /^content-scripts\/[^/]+\.js$/.test(entry);

/** What each entry point loads: its own file plus the chunks its HTML or JS imports, gzipped together. */
export function measureSizes(outDir: string): EntrySize[] {
  if (!existsSync(outDir)) throw new Error(`no build in ${outDir}`);
  const files = new Set(walk(outDir).filter((f) => /\.(js|css|html)$/.test(f)));
  const importsOf = (file: string, seen: Set<string>): string[] => {
    if (seen.has(file)) return [];
    seen.add(file);
    const resolved = referencesOf(readFileSync(file, 'utf8'))
      .map((r) => (r.startsWith('/') ? join(outDir, r) : join(file, '..', r)))
      .filter((p) => files.has(p));
    return [file, ...resolved.flatMap((p) => importsOf(p, seen))];
  };
  const entries = [...files]
    .map((f) => relative(outDir, f))
    .filter((e) => isContentScript(e) || /^(background\.js|page-ui\.js|[^/]+\.html)$/.test(e))
    .sort();
  return entries.map((entry) => {
    const all = importsOf(join(outDir, entry), new Set());
    const buf = Buffer.concat(all.map((f) => readFileSync(f)));
    return {
      entry,
      files: all.map((f) => relative(outDir, f)),
      rawKB: kb(buf.length),
      gzipKB: kb(gzipSync(buf, { level: 9 }).length),
    };
  });
}
