// Places and candidates of "better nearby", from the e2e referentiel fixtures (coordinates added to
// the Idéo actions fixture; see test/fixtures/SCENARIO.md).
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { createNearbyIndex, haversineKm } from '../../lib/referentiel/nearby-lookup';
import { coordinate, parseModalites } from '../../lib/referentiel/nearby-build';

const { index } = buildIndex('test/fixtures/referentiel', new Date('2026-01-01'));
const ref = createReferentiel(index, { now: new Date('2026-01-01') });
const nearby = createNearbyIndex(index, ref);

describe('build: places, routes and NSF groups', () => {
  it('keeps coordinates (dot or comma) in hundred-thousandths of a degree, postcode and route per action', () => {
    expect(index.lieux?.find((l) => l[0] === 5678)).toEqual([5678, 4577900, 482700, '69004', 's']);
    expect(index.lieux?.find((l) => l[0] === 5802)).toEqual([5802, 4569700, 488600, '69200', 's']);
    expect(index.lieux?.find((l) => l[0] === 5806)?.[4]).toBe('a');
    expect(index.lieux?.find((l) => l[0] === 5808)?.[4]).toBe('sa');
    // The CAP action has no coordinates: no place, nothing invented.
    expect(index.lieux?.some((l) => l[0] === 5679)).toBe(false);
  });

  it('reads the NSF group of BCN N_FORMATION_DIPLOME (GROUPE_SPECIALITE)', () => {
    expect(index.nsf).toContainEqual(['40034403', '344']);
  });

  it('refuses coordinates out of range and reads the routes Onisep names', () => {
    expect(coordinate('91', 90)).toBeNull();
    expect(coordinate('', 90)).toBeNull();
    expect(coordinate('abc', 90)).toBeNull();
    expect(coordinate('-4,5', 180)).toBe(-450000);
    expect(parseModalites('Temps plein')).toBe('s');
    expect(parseModalites('alternance sous statut scolaire')).toBe('s');
    expect(parseModalites('apprentissage')).toBe('a');
    expect(parseModalites('temps plein | apprentissage')).toBe('sa');
    expect(parseModalites('')).toBe('');
  });
});

describe('haversine', () => {
  it('measures Lyon–Paris (about 392 km) and zero for one point', () => {
    expect(haversineKm({ lat: 45.764, lon: 4.8357 }, { lat: 48.8566, lon: 2.3522 })).toBeCloseTo(392, -1);
    expect(haversineKm({ lat: 45, lon: 4 }, { lat: 45, lon: 4 })).toBe(0);
  });
});

describe('places and candidates', () => {
  const villeurbanne = nearby.placeOfUai('0692001A')!;

  it('finds an establishment by UAI, a place by postcode or by commune name (any case, accents)', () => {
    expect(villeurbanne).toEqual({ lat: 45.7665, lon: 4.8795 });
    expect(nearby.placeOfText('69200')).toEqual({ lat: 45.697, lon: 4.886 });
    expect(nearby.placeOfText('VENISSIEUX')).toEqual({ lat: 45.697, lon: 4.886 });
    expect(nearby.placeOfText('Nulle-part')).toBeUndefined();
    expect(nearby.placeOfUai('0010001W')).toBeUndefined();
  });

  it('lists the same programme nearest first within the radius, never the page’s own establishment', () => {
    const { same } = nearby.candidates({ cfds: ['40034403'], origin: villeurbanne, radiusKm: 30, excludeUai: '0692001A' });
    expect(same.map((c) => c.uai)).toEqual(['0692004D', '0692003C', '0693045K', '0692005E', '0692002B', '0692006F']);
    expect(same.every((c, i) => i === 0 || c.km >= same[i - 1]!.km)).toBe(true);
    expect(same.find((c) => c.uai === '0692006F')).toMatchObject({ voies: ['apprentissage'], commune: 'Saint-Priest', lien: 'meme' });
    // Ambérieu (about 46 km) only with a wider radius.
    const wide = nearby.candidates({ cfds: ['40034403'], origin: villeurbanne, radiusKm: 50 });
    expect(wide.same.map((c) => c.uai)).toContain('0011002J');
    expect(wide.same.map((c) => c.uai)).toContain('0692001A');
  });

  it('lists programmes of the same famille de métiers at the same level as related', () => {
    // Couverture (40023207) is taught at Villeurbanne itself; Travaux publics (40023102, same famille) at Bron and Vénissieux.
    const { same, related } = nearby.candidates({ cfds: ['40023207'], origin: villeurbanne, radiusKm: 30 });
    expect(same.map((c) => [c.af, c.uai, c.km])).toEqual([['AF.5810', '0692001A', 0]]);
    expect(related.map((c) => c.uai)).toEqual(['0692003C', '0692002B']);
    expect(related[1]).toMatchObject({ uai: '0692002B', cfd: '40023102', lien: 'famille', voies: ['scolaire', 'apprentissage'] });
    expect(related[0]).toMatchObject({ af: 'AF.5811', cfd: '40023102', lien: 'famille', voies: ['scolaire'] });
    // Not the same level: nothing.
    expect(nearby.candidates({ cfds: ['50031114'], origin: villeurbanne, radiusKm: 30 }).related).toEqual([]);
  });

  it('lists programmes of the same NSF group at the same level as related', () => {
    const ix = { ...index, nsf: [...(index.nsf ?? []), ['40023102', '344'] as [string, string]] };
    const n = createNearbyIndex(ix, createReferentiel(ix));
    const { related } = n.candidates({ cfds: ['40034403'], origin: villeurbanne, radiusKm: 30 });
    expect(related.map((c) => [c.uai, c.cfd, c.lien])).toEqual([
      ['0692003C', '40023102', 'nsf'],
      ['0692002B', '40023102', 'nsf'],
    ]);
  });

  it('keeps only the establishments `within` accepts, however far, and names the establishment nearest a place', () => {
    const ain = nearby.candidates({ cfds: ['40034403'], origin: villeurbanne, radiusKm: Infinity, within: (uai) => uai.startsWith('001') });
    expect(ain.same.map((c) => c.uai)).toEqual(['0011002J']);
    expect(nearby.nearestUai(villeurbanne)).toBe('0692001A');
    expect(nearby.nearestUai(nearby.placeOfText('01500')!)).toBe('0011002J');
  });

  it('an index built before places has no candidates and no place', () => {
    const { lieux: _l, ...old } = index;
    const n = createNearbyIndex(old, ref);
    expect(n.placeOfUai('0692001A')).toBeUndefined();
    expect(n.candidates({ cfds: ['40034403'], origin: villeurbanne, radiusKm: 30 })).toEqual({ same: [], related: [] });
  });
});
