// The download path end to end (issue 12): a loopback server serves every source with an official
// URL in its official download format — BCN `|`-separated ISO-8859-1 exports, Onisep JSON downloads,
// the MESR Opendatasoft JSON export of the Parcoursup cartographie — and `referentiel build` (no
// --from) downloads them into a cache folder, builds, reports each source and writes the index.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildIndex } from '../../lib/referentiel/build';
import { main } from '../../lib/referentiel/cli';
import type { ReferentielIndex } from '../../lib/referentiel/format';
import { createReferentiel } from '../../lib/referentiel/open-referentiel';
import { readTable } from '../../lib/referentiel/table';

const FIX = 'test/fixtures/referentiel';
const RULES = `${FIX}/rules`;
const NOW = new Date();

/** A fixture CSV re-exported the way the BCN serves it: `|`, no quoting, ISO-8859-1, CRLF. */
function bcnExport(file: string): Buffer {
  const t = readTable(file);
  return Buffer.from([t.header, ...t.rows].map((r) => r.join('|')).join('\r\n') + '\r\n', 'latin1');
}

/** A fixture CSV as an array of JSON records with the given keys (the Onisep and MESR downloads). */
function jsonExport(file: string, keys: Record<string, string>, numeric: string[] = []): Buffer {
  const t = readTable(file, { quoted: true });
  const records = t.rows.map((r) =>
    Object.fromEntries(
      Object.entries(keys).map(([key, label]) => {
        const v = r[t.header.indexOf(label)] ?? '';
        return [key, numeric.includes(key) ? Number(v) : v];
      }),
    ),
  );
  return Buffer.from(JSON.stringify(records));
}

const BCN: Record<string, string> = {
  N_MEF: `${RULES}/bcn/n_mef.csv`,
  N_FORMATION_DIPLOME: `${RULES}/bcn/n_formation_diplome.csv`,
  N_NIVEAU_FORMATION_DIPLOME: `${RULES}/bcn/n_niveau_formation_diplome.csv`,
  V_FORMATION_DIPLOME: `${FIX}/bcn/v_formation_diplome.csv`,
  N_GROUPE_FORMATION: `${FIX}/bcn/n_groupe_formation.csv`,
  N_LIEN_FORMATION_GROUPE: `${FIX}/bcn/n_lien_formation_groupe.csv`,
};

const ONISEP: Record<string, () => Buffer> = {
  '605340ddc19a9': () => readFileSync(`${RULES}/onisep/ideo_actions_605340ddc19a9.json`),
  '5fa591127f501': () => readFileSync(`${RULES}/onisep/ideo_formations_initiales_5fa591127f501.json`),
  '5fa5816ac6a6e': () =>
    jsonExport(`${FIX}/onisep/ideo_structures_5fa5816ac6a6e.csv`, {
      code_uai: 'code UAI',
      nom: 'nom',
      url_et_id_onisep: 'URL et ID Onisep',
      cp: 'cp',
      commune: 'commune',
    }),
  '6152ccdf850ef': () =>
    Buffer.from(
      JSON.stringify([
        {
          ideo_identifiant_formation: 'FOR.3651',
          ideo_libelle_complet_formation: 'bac pro Métiers de la sécurité',
          ci_code_scolarite: '40034403',
          ci_code_rncp: 'RNCP19114',
        },
      ]),
    ),
};

const CARTOGRAPHIE = '/api/explore/v2.1/catalog/datasets/fr-esr-cartographie_formations_parcoursup/exports/json';

let server: Server;
let origin = '';
const requests: string[] = [];
/** Per-path replacements, set by a test to serve a source in a changed format. */
const overrides = new Map<string, Buffer>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname + url.search);
    const send = (body: Buffer, type: string) => {
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      res.end(body);
    };
    const override = overrides.get(url.pathname);
    if (override) return send(override, 'application/json');
    const bcn = BCN[url.searchParams.get('n') ?? ''];
    if (url.pathname === '/bcn/index.php/export/CSV' && bcn && url.searchParams.get('separator') === '|') {
      return send(bcnExport(bcn), 'text/csv; charset=ISO-8859-1');
    }
    const onisep = /^\/downloads\/(\w+)\/(\w+)\.json$/.exec(url.pathname);
    if (onisep && onisep[1] === onisep[2] && ONISEP[onisep[1]!]) return send(ONISEP[onisep[1]!]!(), 'application/json');
    if (url.pathname === CARTOGRAPHIE) {
      return send(
        jsonExport(`${FIX}/parcoursup/fr-esr-cartographie_formations_parcoursup.csv`, { gta: 'gta', etab_uai: 'etab_uai', etab_nom: 'etab_nom', nm: 'nm', tf: 'tf', annee: 'annee' }, ['gta']),
        'application/json; charset=utf-8',
      );
    }
    if (url.pathname.endsWith('/departements_academies_regions.csv')) {
      return send(readFileSync(`${FIX}/geo/departements_academies_regions.csv`), 'text/csv');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubEnv('REFERENTIEL_DOWNLOAD_ORIGIN', origin);
  vi.stubEnv('REFERENTIEL_SRC', '');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((r) => server.close(r));
});

/** Runs `referentiel build` in-process into a fresh cache folder; returns its exit code and stderr. */
async function buildFromDownloads(prepare?: (cache: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'ref-dl-'));
  const cache = join(dir, 'cache');
  const out = join(dir, 'referentiel.json');
  prepare?.(cache);
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    const code = await main(['build', '--cache', cache, '--out', out]);
    const index = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as ReferentielIndex) : undefined;
    return { code, stderr, index, cache };
  } finally {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('referentiel build from the official downloads (loopback)', () => {
  it('downloads every source, builds, reports each source with its date and rows, and the index resolves', async () => {
    requests.length = 0;
    // Certif Info has no download URL: a maintainer places it in the cache folder by hand.
    const r = await buildFromDownloads((cache) => {
      mkdirSync(join(cache, 'onisep'), { recursive: true });
      cpSync(`${RULES}/onisep/certif_info.csv`, join(cache, 'onisep/certif_info.csv'));
    });
    expect(r.stderr).not.toMatch(/échec|mal formé/);
    expect(r.code).toBe(0);
    // Every BCN table asked for with the `|` separator, every Onisep id, the MESR export.
    for (const t of Object.keys(BCN)) expect(requests).toContain(`/bcn/index.php/export/CSV?n=${t}&separator=%7C`);
    for (const id of Object.keys(ONISEP)) expect(requests).toContain(`/downloads/${id}/${id}.json`);
    expect(requests).toContain(CARTOGRAPHIE);

    const index = r.index!;
    const byFile = new Map(index.sources.map((s) => [s.file, s]));
    const expected = [
      'bcn/n_mef.csv',
      'bcn/n_formation_diplome.csv',
      'bcn/v_formation_diplome.csv',
      'bcn/n_niveau_formation_diplome.csv',
      'bcn/n_groupe_formation.csv',
      'bcn/n_lien_formation_groupe.csv',
      'geo/departements_academies_regions.csv',
      'onisep/certif_info.csv',
      'onisep/605340ddc19a9.json',
      'onisep/5fa591127f501.json',
      'onisep/5fa5816ac6a6e.json',
      'onisep/6152ccdf850ef.json',
      'parcoursup/fr-esr-cartographie_formations_parcoursup.json',
    ];
    expect([...byFile.keys()].sort()).toEqual([...expected].sort());
    for (const f of expected) {
      const s = byFile.get(f)!;
      expect(s.rows, f).toBeGreaterThan(0);
      expect(s.date, f).toMatch(/^\d{4}(-\d\d-\d\d)?$/);
      // The build prints the same report the index stores (for the panel's credits).
      expect(r.stderr).toContain(`${s.name} — ${f} (${s.date}) : ${s.rows} lignes`);
    }
    expect(byFile.get('parcoursup/fr-esr-cartographie_formations_parcoursup.json')!.date).toBe('2025');
    expect(byFile.get('onisep/605340ddc19a9.json')!.rows).toBe(readJsonLength(`${RULES}/onisep/ideo_actions_605340ddc19a9.json`));

    const ref = createReferentiel(index, { now: NOW });
    // The BCN ISO-8859-1 `|` exports read as the same tables in `;` UTF-8 do.
    const local = createReferentiel(buildIndex(RULES, NOW).index, { now: NOW });
    for (const cfd of ['50034307', '32031409', '50021203']) {
      expect(ref.resolveInput(cfd).mefstat11.length, cfd).toBeGreaterThan(0);
      expect(ref.resolveInput(cfd), cfd).toEqual(local.resolveInput(cfd));
    }
    // Sources merge on the download path too: Certif Info's CFD for FOR.1399 survives Idéo.
    expect(ref.programme('FOR.1399')).toMatchObject({ cfd: ['50021203'], durees: [2] });
    expect(ref.resolveInput('AF.7004')).toMatchObject({ cfd: ['50021203'], uai: '0170029P' });
    // Idéo structures JSON: ENS → UAI; MESR JSON (gta a number): g_ta_cod → UAI of the latest year.
    expect(ref.ensUai('ENS.1234')).toBe('0693045K');
    expect(index.gta).toContainEqual([4321, '0693045K', expect.stringContaining('Opticien')]);
    expect(index.gta.some((g) => g[1] === '0751234J')).toBe(false);
  }, 60_000);

  it('a source downloaded in a changed format stops the build naming the file, the missing column and what to do', async () => {
    const actions = JSON.parse(readFileSync(`${RULES}/onisep/ideo_actions_605340ddc19a9.json`, 'utf8')) as Record<string, string>[];
    const renamed = actions.map(({ ens_code_uai, ...rest }) => ({ ...rest, ens_uai: ens_code_uai }));
    overrides.set('/downloads/605340ddc19a9/605340ddc19a9.json', Buffer.from(JSON.stringify(renamed)));
    try {
      const r = await buildFromDownloads();
      expect(r.code).toBe(1);
      expect(r.index).toBeUndefined();
      expect(r.stderr).toContain(join(r.cache, 'onisep/605340ddc19a9.json'));
      expect(r.stderr).toMatch(/colonne obligatoire absente : « ens_code_uai »/);
      expect(r.stderr).toMatch(/colonnes présentes : .*ens_uai/);
      expect(r.stderr).toMatch(/que faire : la source a changé de format.*catalogue-parsers\.ts.*--from DIR/);
    } finally {
      overrides.clear();
    }
  }, 60_000);
});

function readJsonLength(file: string): number {
  return (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length;
}
