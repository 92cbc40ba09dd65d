// The referentiel ships gzipped; the worker inflates it with the platform's DecompressionStream.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../lib/referentiel/build';
import { packIndex } from '../../lib/referentiel/pack-index';
import { asciiJson, shipReferentiel } from '../../lib/referentiel/ship';
import { readShippedReferentiel, SHIPPED_REFERENTIEL } from '../../lib/referentiel/shipped-file';
import { openQuickIndex, SHIPPED_QUICK_INDEX } from '../../lib/referentiel/quick-index';

const packed = () => JSON.stringify(packIndex(buildIndex('test/fixtures/referentiel', new Date('2026-01-01')).index));

describe('shipped referentiel', () => {
  it('replaces the build folder’s JSON by its gzip, which reads back to the same index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ij-ship-'));
    const json = packed();
    writeFileSync(join(dir, 'referentiel.json'), json);
    const size = shipReferentiel(dir);
    expect(existsSync(join(dir, 'referentiel.json'))).toBe(false);
    const gz = readFileSync(join(dir, SHIPPED_REFERENTIEL));
    expect(size).toBe(gz.length);
    expect(gz.length).toBeLessThan(json.length / 2);
    expect(gunzipSync(gz).toString('utf8')).toBe(asciiJson(json));
    const body = new Response(gz).body!;
    expect(await readShippedReferentiel(body)).toEqual(JSON.parse(json));
  });

  it('ships ASCII only: the labels’ accents as escapes, read back as the same letters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ij-ship-'));
    const json = packed();
    expect(json).toMatch(/[é]/); // the fixtures' labels have accents
    writeFileSync(join(dir, 'referentiel.json'), json);
    shipReferentiel(dir);
    const text = gunzipSync(readFileSync(join(dir, SHIPPED_REFERENTIEL))).toString('latin1');
    expect(text).not.toMatch(/[\u0080-\uffff]/);
    expect(text).toContain('\\u00e9');
    expect(await readShippedReferentiel(new Response(readFileSync(join(dir, SHIPPED_REFERENTIEL))).body!)).toEqual(JSON.parse(json));
  });

  it('escapes every character past U+007F, astral ones as their two halves', () => {
    const value = { a: 'Écoles « BTS » – 2ᵉ année 😀', b: ['ok', 'ç'] };
    const ascii = asciiJson(JSON.stringify(value));
    expect(ascii).not.toMatch(/[\u0080-\uffff]/);
    expect(ascii).toContain('\\ud83d\\ude00');
    expect(JSON.parse(ascii)).toEqual(value);
  });

  it('keeps a JSON written elsewhere, and ships nothing when there is no index', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ij-ship-'));
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'ij-src-')), 'ref.json');
    writeFileSync(elsewhere, packed());
    expect(shipReferentiel(dir, elsewhere)).toBeGreaterThan(0);
    expect(existsSync(elsewhere)).toBe(true);
    expect(existsSync(join(dir, SHIPPED_REFERENTIEL))).toBe(true);
    expect(shipReferentiel(mkdtempSync(join(tmpdir(), 'ij-none-')))).toBeNull();
  });

  it('ships the quick index beside it, gzipped, for today, with the same credits; none for an index the extension cannot open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ij-ship-'));
    const json = packed();
    writeFileSync(join(dir, 'referentiel.json'), json);
    shipReferentiel(dir);
    const quick = openQuickIndex(await readShippedReferentiel(new Response(readFileSync(join(dir, SHIPPED_QUICK_INDEX))).body!))!;
    expect(quick.programme('FOR.3651')?.targets).toEqual([{ cfd: '40034403', mefstat11: '23830034403' }]);
    expect(quick.sources.map((s) => s.name)).toEqual((JSON.parse(json) as { sources: { name: string }[] }).sources.map((s) => s.name));
    // A broken index: the gzip still ships (the worker reports it unreadable), the quick index of an earlier build goes.
    writeFileSync(join(dir, 'referentiel.json'), '{"version":1}');
    expect(shipReferentiel(dir)).toBeGreaterThan(0);
    expect(existsSync(join(dir, SHIPPED_QUICK_INDEX))).toBe(false);
  });

  it('fails on a body that is not gzip (the worker then works on the pages’ own codes)', async () => {
    await expect(readShippedReferentiel(new Response('{"version":2}').body!)).rejects.toThrow();
  });
});
