// Bundle sizes per entry point of a built extension, raw and gzipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EntrySize {
  entry: string;
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

/** What each entry point loads: its own file plus the shared chunks its HTML or JS imports. */
export function measureSizes(outDir: string): EntrySize[] {
  const files = walk(outDir).filter((f) => /\.(js|css|html)$/.test(f));
  const read = (f: string) => readFileSync(f);
  const importsOf = (file: string, seen = new Set<string>()): string[] => {
    if (seen.has(file)) return [];
    seen.add(file);
    const text = read(file).toString('utf8');
    const refs = [...text.matchAll(/(?:from\s*|import\(\s*|src=|href=)["']([^"']+\.(?:js|css))["']/g)].map((m) => m[1]!);
    const resolved = refs
      .map((r) => (r.startsWith('/') ? join(outDir, r) : join(file, '..', r)))
      .filter((p) => files.includes(p));
    return [file, ...resolved.flatMap((p) => importsOf(p, seen))];
  };
  const entries = files.filter((f) => /content-scripts\/[^/]+\.js$/.test(f) || /\/(background\.js|popup\.html|options\.html)$/.test(f));
  return entries.map((entry) => {
    const all = importsOf(entry);
    const buf = Buffer.concat(all.map(read));
    return {
      entry: relative(outDir, entry),
      files: all.map((f) => relative(outDir, f)),
      rawKB: kb(buf.length),
      gzipKB: kb(gzipSync(buf, { level: 9 }).length),
    };
  });
}
