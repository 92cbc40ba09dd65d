import { describe, expect, it } from 'vitest';
import * as affelnetModule from '../../lib/sites/affelnet';
import type { Detector } from '../../lib/sites/detectors';
import { sites } from '../../lib/sites/all-sites';
import { adapterFor, matchesPattern } from './match-sites';
import * as onisepModule from '../../lib/sites/onisep';
import * as parcoursupModule from '../../lib/sites/parcoursup';
import { pageFixtures } from '../fixtures/pages';

const modules = { onisep: onisepModule, parcoursup: parcoursupModule, affelnet: affelnetModule };
const allDetectors: (Detector & { site: string })[] = Object.entries(modules).flatMap(([site, m]) =>
  m.detectors.map((d) => ({ ...d, site })),
);
const allNonMatching = Object.values(modules).flatMap((m) => m.nonMatching);

describe('every detector example against every detector', () => {
  for (const detector of allDetectors) {
    describe(detector.name, () => {
      it('has examples', () => expect(detector.examples.length).toBeGreaterThan(0));
      for (const other of allDetectors) {
        for (const example of detector.examples) {
          const expected = other === detector;
          it(`${other.name} ${expected ? 'matches' : 'rejects'} ${example}`, () => {
            expect(other.test(new URL(example))).toBe(expected);
          });
        }
      }
    });
  }

  it.each(allNonMatching)('no detector and no adapter matches %s', (href) => {
    const url = new URL(href);
    expect(allDetectors.filter((d) => d.test(url)).map((d) => d.name)).toEqual([]);
    expect(sites.map((s) => s.detect(url))).toEqual([null, null, null]);
  });
});

describe('adapters', () => {
  it.each(allDetectors.flatMap((d) => d.examples.map((e) => [d.site, d.page, e] as const)))(
    '%s detects %s on %s, and its match patterns cover the URL',
    (site, page, href) => {
      const url = new URL(href);
      const adapter = adapterFor(url);
      expect(adapter?.name).toBe(site);
      expect(adapter?.detect(url)).toBe(page);
      expect(sites.filter((s) => s.detect(url) !== null).map((s) => s.name)).toEqual([site]);
    },
  );

  it.each(pageFixtures.map((f) => [f.site, f.case, f.url] as const))('fixture %s/%s is routed at a detected URL', (site, _case, href) => {
    const url = new URL(href);
    expect(adapterFor(url)?.name).toBe(site);
    expect(adapterFor(url)?.detect(url)).not.toBeNull();
  });

  it('gives every fixture a distinct URL', () => {
    expect(new Set(pageFixtures.map((f) => f.url)).size).toBe(pageFixtures.length);
  });

  it('finds no adapter for other hosts', () => {
    expect(adapterFor(new URL('https://www.parcoursup.fr/'))).toBeUndefined();
    expect(adapterFor(new URL('https://affectation3e.phm.education.gouv.fr/autre/'))).toBeUndefined();
    expect(adapterFor(new URL('https://evil.example/https://www.onisep.fr/'))).toBeUndefined();
  });
});

describe('matchesPattern', () => {
  it('matches scheme, exact host and path prefix', () => {
    const p = 'https://affectation3e.phm.education.gouv.fr/pna-public/*';
    expect(matchesPattern(p, new URL('https://affectation3e.phm.education.gouv.fr/pna-public/offre/A10/1234'))).toBe(true);
    expect(matchesPattern(p, new URL('http://affectation3e.phm.education.gouv.fr/pna-public/'))).toBe(false);
    expect(matchesPattern(p, new URL('https://x.affectation3e.phm.education.gouv.fr/pna-public/'))).toBe(false);
    expect(matchesPattern('https://*.onisep.fr/*', new URL('https://www.onisep.fr/a'))).toBe(true);
    expect(matchesPattern('not a pattern', new URL('https://www.onisep.fr/a'))).toBe(false);
  });
});
