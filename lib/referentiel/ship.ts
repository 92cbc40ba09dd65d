// Build side of shipped-file.ts: the built index's JSON, gzipped, in place of the JSON, and the quick
// index (quick-index.ts) worked out from it. Node only.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createReferentiel } from './open-referentiel';
import { buildQuickIndex, SHIPPED_QUICK_INDEX, type QuickIndexFile } from './quick-index';
import { openIndex } from './unpack-index';
import { SHIPPED_REFERENTIEL } from './shipped-file';

/**
 * The same JSON in ASCII only: each character past U+007F written as its `\uXXXX` escape (a surrogate
 * pair as two). Such characters only occur inside strings, where the escape means the same character.
 */
export function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Writes `<dir>/referentiel.json.gz` from `json` (a referentiel.json path) and the quick index beside it,
 * and removes `<dir>/referentiel.json` when `json` is that file. Returns the gzipped size in bytes, or
 * null when there is no index to ship. An index the extension could not open gets no quick index: its
 * worker reads it, fails and works on the pages' own codes, as it would without the quick index.
 */
export function shipReferentiel(dir: string, json = join(dir, 'referentiel.json')): number | null {
  if (!existsSync(json)) return null;
  const text = readFileSync(json, 'utf8');
  const gz = gzipSync(asciiJson(text), { level: 9 });
  writeFileSync(join(dir, SHIPPED_REFERENTIEL), gz);
  const quick = join(dir, SHIPPED_QUICK_INDEX);
  rmSync(quick, { force: true });
  const now = new Date();
  let file: QuickIndexFile | undefined;
  try {
    // One parse: createReferentiel opens the object, whose MEF table then reads as any opened index's.
    const raw: unknown = JSON.parse(text);
    const ref = createReferentiel(raw, { now });
    file = buildQuickIndex(ref, openIndex(raw).mefs.map((row) => row[5]), now);
  } catch {
    file = undefined;
  }
  if (file) writeFileSync(quick, gzipSync(asciiJson(JSON.stringify(file)), { level: 9 }));
  if (json === join(dir, 'referentiel.json')) rmSync(json);
  return gz.length;
}
