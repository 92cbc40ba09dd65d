import { existsSync, mkdtempSync, readdirSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, writeIndexFile } from '../../lib/referentiel/build';
import { parseParcoursup, parseIdeoFormations } from '../../lib/referentiel/catalogue-parsers';
import { parseNMef } from '../../lib/referentiel/ministry-parsers';
import { readTable, SourceError } from '../../lib/referentiel/table';

const FIX = 'test/fixtures/referentiel';

describe('table reading', () => {
  it('reads an ISO-8859-1, "|"-separated, 27-column older N_MEF export by header name', () => {
    const t = readTable(`${FIX}/variants/n_mef_pipe_latin1_27.csv`);
    expect(t.format).toBe('ISO-8859-1, "|"');
    expect(t.header).toHaveLength(27);
    const { rows } = parseNMef(t);
    expect(rows.map((r) => r[4])).toEqual(['23810034403', '23820034403', '23830034403']);
    expect(rows[0]!.slice(0, 4)).toEqual(['2473440331', '40034403', 3, 1]);
  });

  it('decodes ISO-8859-1 N_FORMATION_DIPLOME and UTF-8 BOM files', () => {
    expect(readTable(`${FIX}/bcn/n_formation_diplome.csv`).format).toBe('ISO-8859-1, ";"');
    const t = readTable(`${FIX}/bcn/familles_metiers_2nde_commune.csv`);
    expect(t.format).toBe('UTF-8 BOM, ";"');
    expect(t.header[0]).toBe('FAMILLE');
    expect(t.rows[0]![0]).toContain('bâtiment');
  });

  it('names file, line and column of a row with a missing field', () => {
    expect(() => readTable(`${FIX}/variants/n_mef_malformed.csv`, { displayName: 'n_mef.csv' })).toThrow(SourceError);
    try {
      readTable(`${FIX}/variants/n_mef_malformed.csv`, { displayName: 'n_mef.csv' });
    } catch (e) {
      const err = e as SourceError;
      expect(err.file).toBe('n_mef.csv');
      expect(err.line).toBe(4);
      expect(err.column).toBe(10);
    }
  });

  it('names the cell of an invalid CFD', () => {
    const t = readTable(`${FIX}/variants/n_mef_bad_cfd.csv`, { displayName: 'x.csv' });
    expect(() => parseNMef(t)).toThrow(/^x\.csv:3:3: code formation diplôme invalide « 4003X4 »/);
  });

  it('reports invalid JSON with its line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ref-'));
    writeFileSync(join(dir, 'a.json'), '[\n {"a": 1},\n {"b" 2}\n]');
    expect(() => readTable(join(dir, 'a.json'), { displayName: 'a.json' })).toThrow(/^a\.json:3:\d+: JSON invalide/);
  });

  it('tolerates new columns and names a missing required one (Idéo formations, 2026 change)', () => {
    const t = readTable(`${FIX}/onisep/ideo_formations_initiales_5fa591127f501.json`);
    expect(parseIdeoFormations(t).rows.find((r) => r.forId === 578)).toMatchObject({ cfd: '32033107', duree: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'ref-'));
    writeFileSync(join(dir, 'f.json'), JSON.stringify([{ url_et_id_onisep: 'x/FOR.1', duree: '3 ans' }]));
    expect(() => parseIdeoFormations(readTable(join(dir, 'f.json'), { displayName: 'f.json' }))).toThrow(
      /colonne obligatoire absente : « libelle_formation_principal »/,
    );
  });

  it('keeps only the latest Parcoursup year', () => {
    const { rows } = parseParcoursup(readTable(`${FIX}/parcoursup/fr-esr-cartographie_formations_parcoursup.csv`, { quoted: true }));
    expect(rows.map((r) => [r.gta, r.uai])).toEqual([
      [4321, '0693045K'],
      [4322, '6200001G'],
      [5555, '0693045K'],
    ]);
  });
});

describe('buildIndex', () => {
  it('builds every table from the fixture folder, with sources, dates and nothing missing', () => {
    const { index, missing } = buildIndex(FIX, new Date('2026-01-01'));
    expect(missing).toEqual([]);
    expect(index.sources.find((s) => s.name === 'BCN N_MEF')).toMatchObject({ file: 'bcn/n_mef.csv', date: '2025-03-12', rows: 26 });
    expect(index.mefs.some((m) => m[2] === 9)).toBe(false);
    expect(index.formations.map((f) => f[0])).not.toContain('13531205'); // master: out of InserJeunes scope
    expect(index.actions.slice(0, 2)).toEqual([
      [5678, 3651, '0693045K', 3, 1234, 's'],
      [5679, 4088, '0010001W', 2, 1300, ''],
    ]);
    expect(index.actions).toHaveLength(16); // the page-reading actions and the nearby ones (same programme, same famille)
    expect(index.millesimes.sort()).toEqual(['2021_2022', '2022_2023']);
  });

  it('writes the valeur-ajoutée rows by UAI (lookups search them by UAI)', () => {
    const { index } = buildIndex(FIX, new Date('2026-01-01'));
    const uais = index.va.map((r) => r[0]);
    expect(new Set(uais).size).toBeGreaterThan(1);
    expect(uais).toEqual([...uais].sort());
  });

  it('writes the MEF rows by CFD, each CFD’s rows in the order N_MEF gives them (lookups search them by CFD)', () => {
    const { index } = buildIndex(FIX, new Date('2026-01-01'));
    const cfds = index.mefs.map((m) => m[1]);
    expect(cfds).toEqual([...cfds].sort());
    const source = parseNMef(readTable(join(FIX, 'bcn/n_mef.csv'))).rows.map((m) => m[0]);
    const shipped = index.mefs.map((m) => m[0]);
    // Some CFD with several rows keeps their N_MEF order, and the source itself was not by CFD.
    const several = [...new Set(cfds)].filter((c) => cfds.filter((x) => x === c).length > 1);
    expect(several.length).toBeGreaterThan(0);
    for (const c of several) {
      const mine = index.mefs.filter((m) => m[1] === c).map((m) => m[0]);
      expect(mine).toEqual(source.filter((mef) => mine.includes(mef)));
    }
    expect(shipped).not.toEqual(source.filter((mef) => shipped.includes(mef)));
  });

  it('leaves a missing source empty and names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ref-'));
    cpSync(FIX, dir, { recursive: true });
    const { index, missing } = buildIndex(join(dir, 'bcn'));
    expect(missing).toContain('Onisep Idéo actions de formation (univers lycée)');
    expect(index.actions).toEqual([]);
    expect(buildIndex(join(dir, 'nowhere')).index.mefs).toEqual([]);
  });

  it('a malformed source stops the build and leaves no output file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ref-'));
    cpSync(FIX, dir, { recursive: true });
    cpSync(`${FIX}/variants/n_mef_malformed.csv`, join(dir, 'bcn/n_mef.csv'));
    const out = join(dir, 'out', 'referentiel.json');
    expect(() => writeIndexFile(buildIndex(dir).index, out)).toThrow(/bcn\/n_mef\.csv:4:10/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).toEqual([]);
  });
});
