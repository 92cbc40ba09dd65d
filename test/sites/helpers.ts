// Builds happy-dom documents for the adapter tests: from a fixture page or from an HTML string.
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { pageFixtures, type PageFixture } from '../fixtures/pages';

/** Parses HTML into a Document whose URL is `url` (no script runs, nothing is fetched). */
export function htmlDocument(html: string, url = 'https://example.org/'): Document {
  const window = new Window({ url });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

export function fixtureOf(site: string, name: string): PageFixture {
  const f = pageFixtures.find((p) => p.site === site && p.case === name);
  if (!f) throw new Error(`no fixture ${site}/${name}`);
  return f;
}

/** A fixture page as a document, with the URL it is routed at. */
export function loadFixture(site: string, name: string): { doc: Document; url: URL; fixture: PageFixture } {
  const fixture = fixtureOf(site, name);
  return { doc: htmlDocument(readFileSync(fixture.file, 'utf8'), fixture.url), url: new URL(fixture.url), fixture };
}

/** A sighting without its anchor, for deep equality. */
export function plain<T extends { anchor?: unknown }>(s: T): Omit<T, 'anchor'> {
  const { anchor: _anchor, ...rest } = s;
  return rest;
}
