// The shipped file (pack-index.ts → unpack-index.ts): every table reads back exactly as built, lookups
// answer the same from it, a table is decoded only when read, and a damaged file says so clearly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildIndex } from '../../lib/referentiel/build';
import { main } from '../../lib/referentiel/cli';
import { PACKING, type PackedIndex, type ReferentielIndex } from '../../lib/referentiel/format';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { packIndex } from '../../lib/referentiel/pack-index';
import { readStream, readValues, unzigzag, writeStream, zigzag } from '../../lib/referentiel/packed-streams';
import { decodedTables, joinedStrings, openIndex } from '../../lib/referentiel/unpack-index';
import { writeSyntheticSources } from './synthetic-sources';

const NOW = new Date('2026-01-01');
const shipped = (index: ReferentielIndex) => JSON.parse(JSON.stringify(packIndex(index))) as PackedIndex;
const tables = Object.keys(PACKING) as (keyof typeof PACKING)[];

const synthetic = mkdtempSync(join(tmpdir(), 'ref-packed-'));
afterAll(() => rmSync(synthetic, { recursive: true, force: true }));

describe('packed index', () => {
  it('integer streams read back every integer up to 2^53', () => {
    const values = [0, 1, 31, 32, 1023, 1024, 2 ** 25 - 1, 2 ** 25, 2 ** 31, 23830034403, 2 ** 53 - 1];
    expect(readStream(writeStream(values))).toEqual(values);
    expect(() => readStream(writeStream([40]).slice(0, 1))).toThrow(/tronqué/);
    expect(() => readStream('1"2')).toThrow(/inattendu/);
  });

  it('values read in one pass are the stream’s integers, unzigzagged, summed when delta, the low symbols through `other` in order', () => {
    const values = [5, -3, 0, 2 ** 40, -(2 ** 33), 17, 2 ** 25, -1];
    for (const offset of [1, 2]) {
      // Low symbols interleaved: each stands for a value apart, taken in order.
      const symbols = values.flatMap((v, i) => [zigzag(v) + offset, ...(i % 3 === 0 ? [i % 2 ? 0 : offset - 1] : [])]);
      for (const delta of [false, true]) {
        const apart: number[] = [];
        const read = readValues(writeStream(symbols), delta, offset, (s) => (apart.push(s), `autre${apart.length}`));
        let prev = 0;
        const expected = symbols.map((s) => {
          if (s < offset) return 'x';
          const n = unzigzag(s - offset);
          return (prev = delta ? prev + n : n);
        });
        let k = 0;
        expect(read).toEqual(expected.map((e) => (e === 'x' ? `autre${++k}` : e)));
        expect(apart.length).toBe(k);
      }
    }
    expect(() => readValues(writeStream([40]).slice(0, 1), false, 1, () => null)).toThrow(/tronqué/);
    expect(() => readValues('1"2', false, 1, () => null)).toThrow(/inattendu/);
  });

  it.each([
    ['the fixtures', 'test/fixtures/referentiel'],
    ['the rules fixtures', 'test/fixtures/referentiel/rules'],
  ])('every table of %s reads back exactly as built', (_, dir) => {
    const { index } = buildIndex(dir, NOW);
    const opened = openIndex(shipped(index));
    for (const t of tables) expect(opened[t], t).toEqual(index[t]);
    expect(opened.sources).toEqual(index.sources);
    expect(opened.niveaux).toEqual(index.niveaux);
  });

  it('odd values survive: codes with letters, empty cells, invalid UAIs, strings with the separator', () => {
    const { index } = buildIndex('test/fixtures/referentiel', NOW);
    index.formations.push(['3552000A', 'DEUST a|b', '', '', '']);
    index.etablissements.push(['0000000Z', 'Établissement "test"\nsur deux lignes', '']);
    index.etablissements.push(['1234567X', '', 'Lyon'], ['0693045', 'sans lettre', ''], ['!0693045K', 'point d’exclamation', '']);
    index.mefs.push(['', '3552000A', 0, 0, '', '20240831']);
    const opened = openIndex(shipped(index));
    for (const t of tables) expect(opened[t], t).toEqual(index[t]);
  });

  it('a lycée-size synthetic index (Idéo actions, cartographie) reads back exactly, and answers the same', () => {
    writeSyntheticSources(synthetic, { actions: 3000, lycees: 400, programmes: 200, gtas: 1000 });
    const { index } = buildIndex(synthetic, NOW);
    expect(index.actions.length).toBe(3000);
    const file = shipped(index);
    const opened = openIndex(file);
    for (const t of tables) expect(opened[t], t).toEqual(index[t]);
    const a = createReferentiel(index, { now: NOW });
    const b = createReferentiel(shipped(index), { now: NOW });
    const inputs = [...a.keys().fors, ...index.actions.slice(0, 300).map((r) => `AF.${r[0]}`), ...index.etablissements.map((e) => e[0]), ...index.gta.slice(0, 100).map((g) => `gta:${g[0]}`)];
    for (const s of inputs) expect(b.resolveInput(s), s).toEqual(a.resolveInput(s));
    for (const e of index.etablissements.slice(0, 50)) expect(b.actionsAt(e[0])).toEqual(a.actionsAt(e[0]));
  }, 60_000);

  it('decodes a table only when a lookup first reads it', () => {
    const file = shipped(buildIndex('test/fixtures/referentiel', NOW).index);
    const ref = createReferentiel(file, { now: NOW });
    expect(decodedTables(file)).toEqual([]);
    expect(ref.resolveInput('FOR.3651').cfd).toEqual(['40034403']);
    expect(decodedTables(file)).toContain('programmes');
    expect(decodedTables(file)).not.toContain('actions');
    expect(decodedTables(file)).not.toContain('gta');
    expect(ref.resolveInput('AF.5678').uai).toBe('0693045K');
    expect(decodedTables(file)).toContain('actions');
    expect(decodedTables(file)).not.toContain('gta');
  });

  it('a FOR lookup reads only the rows it needs of the MEF, programme and formation tables: none are made whole', () => {
    const file = shipped(buildIndex('test/fixtures/referentiel', NOW).index);
    const ref = createReferentiel(file, { now: NOW });
    const made = (t: string) => !Object.getOwnPropertyDescriptor(file, t)?.get;
    expect(ref.resolveInput('FOR.3651')).toMatchObject({ cfd: ['40034403'], mefstat11: [expect.stringMatching(/^\d{11}$/)] });
    expect(decodedTables(file)).toEqual(expect.arrayContaining(['programmes', 'mefs']));
    for (const t of ['mefs', 'programmes', 'formations']) expect(made(t), t).toBe(false);
    // Read whole (a word search), they are made then, and read the same.
    expect(ref.search('travaux publics', 3).length).toBeGreaterThan(0);
    expect(made('programmes')).toBe(true);
  });

  it('joined strings read in place are the strings split would make, and none past the end', () => {
    for (const text of ['', 'a', 'a|', '|a', 'a||b', 'Lycée|CAP « x »|', '||']) {
      const table = joinedStrings(text, '|');
      const parts = text.split('|');
      expect(table.length, text).toBe(parts.length);
      expect(Array.from({ length: table.length }, (_, i) => table.get(i)), text).toEqual(parts);
      for (const i of [-1, parts.length, parts.length + 5]) expect(table.get(i), `${text} ${i}`).toBeUndefined();
    }
    expect(Array.from({ length: 3 }, (_, i) => joinedStrings('ab::cd::', '::').get(i))).toEqual(['ab', 'cd', '']);
  });

  it('a FOR lookup neither splits the shared strings nor makes a code cell per row to check the sort order', () => {
    const { index: fixture } = buildIndex('test/fixtures/referentiel', NOW);
    // Six hundred more diplomas, each with a MEF: tables sorted by CFD as the build writes them.
    const extra = Array.from({ length: 600 }, (_, i) => String(90_000_000 + i));
    const byCfd = (k: number) => (a: readonly unknown[], b: readonly unknown[]) => (String(a[k]) < String(b[k]) ? -1 : String(a[k]) > String(b[k]) ? 1 : 0);
    const index: ReferentielIndex = {
      ...fixture,
      formations: [...fixture.formations, ...extra.map((c) => [c, `Diplôme ${c}`, '', '', ''] as (typeof fixture.formations)[number])].sort(byCfd(0)),
      mefs: [...fixture.mefs, ...extra.map((c, i) => [String(9_000_000_000 + i), c, 1, 1, `9${String(i).padStart(10, '0')}`, ''] as (typeof fixture.mefs)[number])].sort(byCfd(1)),
    };
    const file = shipped(index);
    const strings = file.strings as string;
    expect(typeof strings).toBe('string');
    const ref = createReferentiel(file, { now: NOW });
    const forId = 'FOR.3651';
    const split = vi.spyOn(String.prototype, 'split');
    const pad = vi.spyOn(String.prototype, 'padStart');
    try {
      const answer = ref.resolveInput(forId);
      expect(answer.cfd?.length).toBeGreaterThan(0);
      expect(ref.finalYear(answer.cfd![0]!).mefstat11.length).toBeGreaterThan(0);
      expect(ref.formation(answer.cfd![0]!)).toBeDefined();
      // Thousands of strings the lookup does not read, made at once, would be copied by a woken worker's first collections.
      expect(split.mock.contexts.filter((c) => String(c) === strings)).toEqual([]);
      // Codes padded for the rows read and a binary search's probes: not one per row of the MEF and formation tables.
      expect(pad.mock.calls.length).toBeLessThan(80);
    } finally {
      split.mockRestore();
      pad.mockRestore();
    }
    // Answers as the index as built does.
    expect(ref.resolveInput(forId)).toEqual(createReferentiel(index, { now: NOW }).resolveInput(forId));
  });

  it('sort checks on decoded codes agree with the cells: codes with letters among digit codes, out of place or in place', () => {
    const { index } = buildIndex('test/fixtures/referentiel', NOW);
    const cfds = index.formations.map((f) => f[0]).sort();
    // A code with a letter sorted among the digit codes (in place), then one out of place.
    const lettered = `${cfds[0]!.slice(0, 7)}A`;
    const inPlace = [...index.formations, [lettered, 'DEUST lettré', '', '', ''] as (typeof index.formations)[number]].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const outOfPlace = [...inPlace.filter((f) => f[0] !== lettered), [lettered, 'DEUST lettré', '', '', ''] as (typeof index.formations)[number]];
    for (const formations of [inPlace, outOfPlace, [...inPlace].reverse()]) {
      const a = createReferentiel({ ...index, formations }, { now: NOW });
      const b = createReferentiel(shipped({ ...index, formations }), { now: NOW });
      for (const c of [...cfds, lettered, '00000000', '99999999']) expect(b.formation(c), c).toEqual(a.formation(c));
      expect(b.formation(lettered)?.libelle).toBe('DEUST lettré');
    }
  });

  it('an establishment’s name and valeur ajoutée make only its rows; VA rows not by UAI (written before) answer the same', () => {
    const { index } = buildIndex('test/fixtures/referentiel', NOW);
    const uais = [...new Set(index.va.map((r) => r[0]))];
    expect(uais.length).toBeGreaterThan(1);
    const file = shipped(index);
    const ref = createReferentiel(file, { now: NOW });
    const asBuilt = createReferentiel(index, { now: NOW });
    const reversed = createReferentiel(shipped({ ...index, va: [...index.va].reverse() }), { now: NOW });
    const made = (t: string) => !Object.getOwnPropertyDescriptor(file, t)?.get;
    for (const uai of [...uais, ...index.etablissements.map((e) => e[0]), '0000000Z']) {
      expect(ref.etablissement(uai), uai).toEqual(asBuilt.etablissement(uai));
      expect(reversed.etablissement(uai), uai).toEqual(asBuilt.etablissement(uai));
    }
    expect(decodedTables(file)).toEqual(expect.arrayContaining(['va', 'etablissements']));
    for (const t of ['va', 'etablissements']) expect(made(t), t).toBe(false);
  });

  it('an index whose MEF rows are not by CFD (written before) answers the same', () => {
    const { index } = buildIndex('test/fixtures/referentiel', NOW);
    const sorted = createReferentiel(shipped(index), { now: NOW });
    const reversed = createReferentiel(shipped({ ...index, mefs: [...index.mefs].reverse() }), { now: NOW });
    const { cfds, fors } = sorted.keys();
    expect(cfds.length).toBeGreaterThan(3);
    for (const s of [...fors, ...cfds, ...index.mefs.map((m) => m[0]), ...index.mefs.map((m) => m[4]).filter(Boolean)]) {
      expect(reversed.resolveInput(s), s).toEqual(sorted.resolveInput(s));
    }
    for (const c of cfds) expect(reversed.finalYear(c), c).toEqual(sorted.finalYear(c));
  });

  it('a damaged table gives a clear error naming it when first read, not before', () => {
    const file = shipped(buildIndex('test/fixtures/referentiel', NOW).index);
    file.tables.actions = file.tables.actions!.slice(0, -3);
    const ref = createReferentiel(file, { now: NOW });
    expect(ref.resolveInput('FOR.3651').cfd).toEqual(['40034403']);
    expect(() => ref.resolveInput('AF.5678')).toThrow(/Référentiel corrompu : table « actions » illisible .*Reconstruire/);
    const noStrings = { ...shipped(buildIndex('test/fixtures/referentiel', NOW).index), strings: 3 };
    expect(() => createReferentiel(noStrings)).toThrow(/Référentiel corrompu : tables partagées absentes/);
    const noTable = shipped(buildIndex('test/fixtures/referentiel', NOW).index);
    delete noTable.tables.mefs;
    expect(() => createReferentiel(noTable)).toThrow(/table « mefs » absente ou invalide/);
  });

  it('the CLI says a truncated index file is unreadable and what to do, without a stack trace', async () => {
    const out = join(synthetic, 'tronque.json');
    writeFileSync(out, JSON.stringify(packIndex(buildIndex('test/fixtures/referentiel', NOW).index)).slice(0, 500));
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      stderr += String(s);
      return true;
    });
    try {
      expect(await main(['stats', '--index', out])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toMatch(/tronque\.json illisible, tronqué ou corrompu .*Le reconstruire avec « npm run referentiel -- build »/);
  });
});
