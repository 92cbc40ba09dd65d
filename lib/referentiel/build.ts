// Node only: finds the sources in a folder, parses them and joins them into the compact index.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  emptyIndex,
  INDEX_VERSION,
  type FamilleRow,
  type MefRow,
  type ReferentielIndex,
  type SourceInfo,
  type VaRow,
} from './format';
import { compareCodes } from '../codes';
import * as C from './catalogue-parsers';
import * as M from './ministry-parsers';
import { nearbyLieux, nearbyNsf } from './nearby-build';
import { packIndex } from './pack-index';
import { SOURCES, type SourceId, type SourceSpec } from './sources';
import { readTable, type Table } from './table';

/** Bumped whenever the join changes, so `build --auto` rebuilds an index made by older code. */
export const BUILD_LOGIC = 2;

export interface FoundSource {
  spec: SourceSpec;
  /** Path relative to the source folder, `/`-separated. */
  rel: string;
  path: string;
  size: number;
  mtimeMs: number;
}

function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, base, out);
    else if (e.isFile()) out.push(relative(base, p).split(sep).join('/'));
  }
  return out.sort();
}

/** The source files present in a folder, and the names of the sources that are not. */
export function findSources(dir: string): { found: FoundSource[]; missing: string[] } {
  const files = listFiles(dir);
  const found: FoundSource[] = [];
  const missing: string[] = [];
  for (const spec of SOURCES) {
    const matches = files.filter((f) => spec.pattern.test(f));
    // Prefer JSON over CSV when both are present (the JSON keys are the stable ones).
    matches.sort((a, b) => Number(b.endsWith('.json')) - Number(a.endsWith('.json')) || a.localeCompare(b));
    const chosen = spec.many ? matches : matches.slice(0, 1);
    if (!chosen.length) missing.push(spec.name);
    for (const rel of chosen) {
      const path = join(dir, rel);
      const st = statSync(path);
      found.push({ spec, rel, path, size: st.size, mtimeMs: Math.round(st.mtimeMs) });
    }
  }
  return { found, missing };
}

/** Fingerprint of the source files: the same files (paths, sizes, mtimes) give the same stamp. */
export function sourcesStamp(found: FoundSource[]): string {
  const h = createHash('sha1');
  h.update(`v${INDEX_VERSION}.${BUILD_LOGIC}\n`);
  for (const f of found) h.update(`${f.rel}:${f.size}:${f.mtimeMs}\n`);
  return h.digest('hex');
}

export interface BuildResult {
  index: ReferentielIndex;
  missing: string[];
}

/** Parses every source found in `dir` and joins them. Throws a SourceError on a malformed file. */
export function buildIndex(dir: string, now = new Date()): BuildResult {
  const { found, missing } = findSources(dir);
  const index = emptyIndex();
  index.builtAt = now.toISOString();
  index.stamp = sourcesStamp(found);
  index.missing = missing;

  const tables = new Map<SourceId, { table: Table; file: FoundSource }[]>();
  for (const f of found) {
    const table = readTable(f.path, { quoted: f.spec.quoted, displayName: f.rel });
    const list = tables.get(f.spec.id) ?? [];
    list.push({ table, file: f });
    tables.set(f.spec.id, list);
  }
  const fileDate = (f: FoundSource) => new Date(f.mtimeMs).toISOString().slice(0, 10);
  function use<T>(id: SourceId, parse: (t: Table, f: FoundSource) => M.Parsed<T>): T[] {
    const out: T[] = [];
    for (const { table, file } of tables.get(id) ?? []) {
      const parsed = parse(table, file);
      const info: SourceInfo = {
        name: file.spec.name,
        file: file.rel,
        date: parsed.date ? (/^\d{8}$/.test(parsed.date) ? M.isoDate(parsed.date) : parsed.date) : fileDate(file),
        licence: file.spec.licence,
        rows: parsed.rows.length,
      };
      index.sources.push(info);
      out.push(...parsed.rows);
    }
    return out;
  }

  // ---- BCN
  index.niveaux = Object.fromEntries(use('niveaux', M.parseNiveaux));
  const formations = new Map<string, M.FormationDiplome>();
  for (const f of use('v_formation_diplome', M.parseFormationDiplome)) formations.set(f.cfd, f);
  for (const f of use('n_formation_diplome', M.parseFormationDiplome)) {
    const v = formations.get(f.cfd);
    formations.set(f.cfd, v && !f.libelle ? { ...f, libelle: v.libelle } : f);
  }
  const mefs: MefRow[] = use('n_mef', M.parseNMef);
  const groupes = new Map(use('groupes', M.parseGroupes));
  const groupeOf = new Map(use('liens_groupe', M.parseLiensGroupe));
  const familles = new Map<string, FamilleRow>();
  for (const l of use('familles', M.parseFamilles)) {
    let row = familles.get(l.cfdCommun);
    if (!row) {
      const code = groupeOf.get(l.cfdCommun) ?? '';
      row = [l.cfdCommun, l.mefstat11Commun, l.famille || groupes.get(code) || '', code, []];
      familles.set(l.cfdCommun, row);
    }
    if (!row[4].some((s) => s[1] === l.mefstat11)) row[4].push([l.cfd, l.mefstat11, l.specialite]);
  }
  index.familles = [...familles.values()];
  index.geo = use('geo', M.parseGeo);

  // ---- establishments
  const etabs = new Map<string, [string, string, string]>();
  const addEtab = (uai: string, libelle: string, commune: string, override: boolean) => {
    if (!uai) return;
    const e = etabs.get(uai);
    if (!e) etabs.set(uai, [uai, libelle, commune]);
    else if (override || !e[1]) etabs.set(uai, [uai, libelle || e[1], commune || e[2]]);
  };
  const structures = use('ideo_structures', C.parseIdeoStructures);
  const ens = new Map<number, string>();
  for (const s of structures) {
    ens.set(s.ensId, s.uai);
    addEtab(s.uai, s.nom, s.commune, true);
  }
  const actions = use('ideo_actions', C.parseIdeoActions);
  for (const a of actions) {
    if (a.ensId && a.uai && !ens.has(a.ensId)) ens.set(a.ensId, a.uai);
    addEtab(a.uai, a.ensLibelle, a.commune, false);
  }
  index.actions = actions.map((a) => [a.afId, a.forId, a.uai, a.duree, a.ensId, a.mode === 'sa' ? '' : a.mode]);
  index.lieux = nearbyLieux(actions);
  index.ens = [...ens.entries()].sort((a, b) => a[0] - b[0]);
  const gtas = use('parcoursup', C.parseParcoursup);
  index.gta = gtas.map((g) => [g.gta, g.uai, g.libelle]);

  // ---- DEPP valeur ajoutée
  const va: VaRow[] = [];
  use('depp', (t, f) => {
    const m = f.spec.pattern.exec(f.rel)!;
    const millesime = m[1]!;
    let mi = index.millesimes.indexOf(millesime);
    if (mi < 0) mi = index.millesimes.push(millesime) - 1;
    const parsed = M.parseDepp(t, m[2]!.toLowerCase() === 'apprentissage');
    const withSub = new Set(parsed.rows.filter((r) => !r.ensemble && r.voie === 's').map((r) => r.uai));
    for (const r of parsed.rows) {
      addEtab(r.uai, r.libelle, '', false);
      if (r.ensemble && withSub.has(r.uai)) continue; // the "ensemble" row mixes both voies
      va.push([r.uai, r.voie, mi, r.taux, r.attendu, r.va]);
    }
    return { rows: parsed.rows, date: millesime };
  });
  // By UAI (each establishment's rows in source order): a lookup finds them by a binary search (open-referentiel.ts).
  index.va = va.sort((a, b) => compareCodes(a[0], b[0]));

  // ---- FOR → CFD, RNCP → CFD. Every source adds links; none removes one another gave.
  interface Prog {
    libelle: string;
    cfds: Set<string>;
    /** Lengths Idéo gives: the formation's `duree`, and its actions' `af_duree_cycle_standard`. */
    durees: Set<number>;
    actionDurees: Set<number>;
    rncp: Set<number>;
  }
  const today = now.toISOString().slice(0, 10).replace(/-/g, '');
  const stillOpen = (cfd: string) => {
    const f = formations.get(cfd);
    return !!f && (!f.fermeture || f.fermeture > today);
  };
  const programmes = new Map<number, Prog>();
  const rncp = new Map<number, Set<string>>();
  const prog = (id: number) => {
    let p = programmes.get(id);
    if (!p) programmes.set(id, (p = { libelle: '', cfds: new Set(), durees: new Set(), actionDurees: new Set(), rncp: new Set() }));
    return p;
  };
  const addFor = (l: C.ForLine, labelWins: boolean) => {
    // A Certif Info row with no Code_Scolarité: its former code, while that diploma is open (step 8).
    const cfd = l.cfd || (l.former && stillOpen(l.former) ? l.former : '');
    if (cfd && l.rncp) {
      const s = rncp.get(l.rncp) ?? new Set();
      s.add(cfd);
      rncp.set(l.rncp, s);
    }
    if (!l.forId) return;
    const p = prog(l.forId);
    if (cfd) p.cfds.add(cfd);
    if (l.duree) p.durees.add(l.duree);
    if (l.rncp) p.rncp.add(l.rncp);
    if (l.libelle && (labelWins || !p.libelle)) p.libelle = l.libelle;
  };
  for (const l of use('ideo_formations', C.parseIdeoFormations)) addFor(l, true);
  for (const l of use('table_de_passage', C.parseTableDePassage)) addFor(l, false);
  for (const l of use('certif_info', C.parseCertifInfo)) addFor(l, false);
  for (const a of actions) {
    if (!a.forId) continue;
    const p = prog(a.forId);
    if (a.duree) p.actionDurees.add(a.duree);
    if (!p.libelle && a.libelle) p.libelle = a.libelle;
  }
  // The formation's own length when Idéo gives it, else its actions' lengths. None from N_MEF: an
  // unknown length is chosen at lookup time (the diploma's standard length, OPEN_DATA.md step 6).
  const dureesOf = (p: Prog) => (p.durees.size ? p.durees : p.actionDurees);

  // ---- What ships: InserJeunes covers diplomas up to level 5 (bac + 2) with leavers since 2018,
  // so older and higher-education codes are left out (they would double the index for nothing).
  const CUTOFF = '20180101';
  const inScope = (f: M.FormationDiplome) =>
    (!f.fermeture || f.fermeture >= CUTOFF) && !['06', '07', '08'].includes(f.niveauRncp);
  const kept = new Set([...formations.values()].filter(inScope).map((f) => f.cfd));
  for (const f of index.familles) {
    kept.add(f[0]);
    for (const s of f[4]) kept.add(s[0]);
  }
  // By CFD (the order kept within one): a lookup finds a CFD's rows by a binary search (open-referentiel.ts).
  index.mefs = mefs
    .filter((m) => (!m[5] || m[5] >= CUTOFF) && (kept.has(m[1]) || !formations.has(m[1])))
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  for (const m of index.mefs) kept.add(m[1]);
  for (const cfd of [...kept]) {
    const f = formations.get(cfd);
    if (f) for (const l of [...f.ancien, ...f.nouveau]) kept.add(l);
  }
  const knownOrKept = (c: string) => kept.has(c) || !formations.has(c);
  const join = (s: Iterable<string | number>) => [...s].sort().join(' ');
  index.programmes = [...programmes.entries()]
    .filter(([, p]) => [...p.cfds].some(knownOrKept) || (!p.cfds.size && p.libelle))
    .sort((a, b) => a[0] - b[0])
    .map(([id, p]) => [id, p.libelle, join(p.cfds), join(dureesOf(p)), join(p.rncp)]);
  index.rncp = [...rncp.entries()]
    .filter(([, s]) => [...s].some(knownOrKept))
    .sort((a, b) => a[0] - b[0])
    .map(([k, s]) => [k, join(s)]);
  index.formations = [...kept]
    .filter((c) => formations.has(c))
    .sort()
    .map((c) => {
      const f = formations.get(c)!;
      return [c, f.libelle, f.fermeture, f.ancien.join(' '), f.nouveau.join(' ')];
    });
  index.nsf = nearbyNsf(index.formations, formations);
  index.etablissements = [...etabs.values()].sort((a, b) => a[0].localeCompare(b[0]));
  return { index, missing };
}

/** Writes the index, packed (pack-index.ts), through a temporary file renamed into place: never a half-written output. */
export function writeIndexFile(index: ReferentielIndex, out: string): number {
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const text = JSON.stringify(packIndex(index));
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, out);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  return Buffer.byteLength(text);
}
