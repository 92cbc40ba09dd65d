// The extraction finds today exactly what it found before its speed-ups: on the generated lists (the
// benchmark's and the varied ones) and on every page fixture, each sighting (anchor as the element's
// place in the page) equals the recorded output of the extractors as they were before
// (golden/extraction.json, written by main's lib/sites/, the same as at commit 3e00bb4). Regenerate
// only on purpose, when a behaviour change is intended:
// `UPDATE_GOLDEN=1 npx vitest run test/sites/extraction-golden.test.ts`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Sighting } from '../../lib/types';
import { pageFixtures } from '../fixtures/pages';
import { generateBigLists } from './big-lists';
import { htmlDocument } from './helpers';
import { extractAll } from './match-sites';
import { generateVariedLists } from './varied-lists';

const GOLDEN = fileURLToPath(new URL('./golden/extraction.json', import.meta.url));

interface Recorded {
  count: number;
  /** sha256 of all the sightings as JSON. */
  sha256: string;
  /** The first sightings in full, to show what differs. */
  first: unknown[];
}

/** The sightings as plain JSON, each anchor named by its tag and its index among the page's elements. */
function described(doc: Document, sightings: Sighting[]): unknown[] {
  const index = new Map<Element, number>();
  doc.querySelectorAll('*').forEach((el, i) => index.set(el, i));
  return sightings.map((s) => ({ ...s, anchor: s.anchor ? `${s.anchor.tagName}#${index.get(s.anchor)}` : null }));
}

function record(html: string, url: string): Recorded {
  const doc = htmlDocument(html, url);
  const all = described(doc, extractAll(doc, new URL(url)));
  return { count: all.length, sha256: createHash('sha256').update(JSON.stringify(all)).digest('hex'), first: all.slice(0, 12) };
}

function cases(): Record<string, { url: string; html: string }> {
  const out: Record<string, { url: string; html: string }> = {};
  for (const [name, page] of Object.entries(generateBigLists(2000))) out[`big: ${name}`] = page;
  for (const seed of [1, 2, 3]) for (const [name, page] of Object.entries(generateVariedLists(400, seed))) out[`seed ${seed}: ${name}`] = page;
  for (const f of pageFixtures) out[`fixture: ${f.site}/${f.case}`] = { url: f.url, html: readFileSync(f.file, 'utf8') };
  return out;
}

describe('extraction output against the recorded one', () => {
  const all = cases();
  if (process.env.UPDATE_GOLDEN) {
    it('records the output', () => {
      const golden: Record<string, Recorded> = {};
      for (const [name, { url, html }] of Object.entries(all)) golden[name] = record(html, url);
      writeFileSync(GOLDEN, `${JSON.stringify(golden, null, 1)}\n`);
    }, 120_000);
    return;
  }
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Recorded>;

  it('covers the same cases as the recording', () => {
    expect(Object.keys(all).sort()).toEqual(Object.keys(golden).sort());
  });

  for (const [name, { url, html }] of Object.entries(all)) {
    it(name, () => {
      expect(record(html, url)).toEqual(golden[name]);
    });
  }
});
