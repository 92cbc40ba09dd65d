// Build side of shipped-file.ts: the built index's JSON, gzipped, in place of the JSON. Node only.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SHIPPED_REFERENTIEL } from './shipped-file';

/**
 * The same JSON in ASCII only: each character past U+007F written as its `\uXXXX` escape (a surrogate
 * pair as two). Such characters only occur inside strings, where the escape means the same character.
 */
export function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Writes `<dir>/referentiel.json.gz` from `json` (a referentiel.json path), and removes `<dir>/referentiel.json`
 * when `json` is that file. Returns the gzipped size in bytes, or null when there is no index to ship.
 */
export function shipReferentiel(dir: string, json = join(dir, 'referentiel.json')): number | null {
  if (!existsSync(json)) return null;
  const gz = gzipSync(asciiJson(readFileSync(json, 'utf8')), { level: 9 });
  writeFileSync(join(dir, SHIPPED_REFERENTIEL), gz);
  if (json === join(dir, 'referentiel.json')) rmSync(json);
  return gz.length;
}
