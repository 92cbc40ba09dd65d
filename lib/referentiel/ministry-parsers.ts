// Node only: the parsers of the education ministry's tables (BCN, DEPP, départements), and what every
// parser shares. Each takes a Table (columns found by header name, whatever the export's column order
// or count) and returns plain rows for the build to join. Key fields are checked; a bad one stops the
// build at its cell. The programme catalogues (Onisep, Certif Info, Parcoursup): catalogue-parsers.ts.
import { isCfd } from '../codes';
import { Columns, type Table } from './table';
import type { GeoRow, MefRow } from './format';

/** `dd/mm/yyyy` → `yyyymmdd`; empty stays empty. Anything else is reported by the caller. */
export function bcnDate(value: string): string | null {
  if (!value) return '';
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return m ? `${m[3]}${m[2]}${m[1]}` : null;
}

/** `yyyymmdd` → `yyyy-mm-dd`. */
export const isoDate = (d: string): string => (d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '');

/** `"3 ans"`, `"1 an"`, `"2"` → years; 0 when absent or unreadable. */
export function parseDuree(value: string): number {
  const m = /^\s*(\d{1,2})\b/.exec(value);
  return m ? Number(m[1]) : 0;
}

export interface Parsed<T> {
  rows: T[];
  /** Latest date found in the data (`yyyymmdd`), empty when the format has none. */
  date: string;
}

export function latest(current: string, d: string | null): string {
  return d && d > current ? d : current;
}

function date(cols: Columns, i: number, col: number, value: string): string {
  const d = bcnDate(value);
  if (d === null) cols.fail(i, col, `date illisible « ${value} » (jj/mm/aaaa attendu)`);
  return d;
}

// ------------------------------------------------------------------ BCN

/** BCN N_MEF. Apprenticeship-only rows (DUREE_DISPOSITIF = ANNEE_DISPOSITIF = 9) are dropped. */
export function parseNMef(t: Table): Parsed<MefRow> {
  const c = new Columns(t);
  const mef = c.require('MEF');
  const cfd = c.require('FORMATION_DIPLOME');
  const duree = c.require('DUREE_DISPOSITIF');
  const annee = c.require('ANNEE_DISPOSITIF');
  const stat = c.require('MEF_STAT_11');
  const ferm = c.find('DATE_FERMETURE');
  const inter = c.find('DATE_INTERVENTION');
  const rows: MefRow[] = [];
  let last = '';
  t.rows.forEach((r, i) => {
    const m = r[mef]!;
    if (!/^[0-9A-Z]{10}$/.test(m)) c.fail(i, mef, `MEF invalide « ${m} » (10 caractères attendus)`);
    const f = r[cfd]!;
    if (!isCfd(f)) c.fail(i, cfd, `code formation diplôme invalide « ${f} »`);
    const d = Number(r[duree]);
    const a = Number(r[annee]);
    if (!Number.isInteger(d) || r[duree] === '') c.fail(i, duree, `durée invalide « ${r[duree]} »`);
    if (!Number.isInteger(a) || r[annee] === '') c.fail(i, annee, `année invalide « ${r[annee]} »`);
    if (inter >= 0) last = latest(last, date(c, i, inter, r[inter]!));
    if (d === 9 && a === 9) return;
    const s = r[stat]!;
    if (s && !/^[0-9A-Z]{11}$/.test(s)) c.fail(i, stat, `MEFSTAT11 invalide « ${s} »`);
    rows.push([m, f, d, a, s, ferm >= 0 ? date(c, i, ferm, r[ferm]!) : '']);
  });
  return { rows, date: last };
}

export interface FormationDiplome {
  cfd: string;
  libelle: string;
  fermeture: string;
  /** NIVEAU_QUALIFICATION_RNCP (`03`…`08`), empty when unknown. */
  niveauRncp: string;
  ancien: string[];
  nouveau: string[];
}

/** BCN N_FORMATION_DIPLOME or V_FORMATION_DIPLOME (the latter has no ANCIEN/NOUVEAU columns). */
export function parseFormationDiplome(t: Table): Parsed<FormationDiplome> {
  const c = new Columns(t);
  const cfd = c.require('FORMATION_DIPLOME');
  const lib = c.require('LIBELLE_LONG_200', 'LIBELLE_LONG', 'LIBELLE_COURT');
  const ferm = c.find('DATE_FERMETURE');
  const inter = c.find('DATE_INTERVENTION');
  const niv = c.find('NIVEAU_QUALIFICATION_RNCP');
  const anciens = [1, 2, 3, 4, 5, 6, 7].map((n) => c.find(`ANCIEN_DIPLOME_${n}`)).filter((i) => i >= 0);
  const nouveaux = [1, 2, 3, 4, 5, 6, 7].map((n) => c.find(`NOUVEAU_DIPLOME_${n}`)).filter((i) => i >= 0);
  let last = '';
  const rows = t.rows.map((r, i): FormationDiplome => {
    const f = r[cfd]!;
    if (!isCfd(f)) c.fail(i, cfd, `code formation diplôme invalide « ${f} »`);
    if (inter >= 0) last = latest(last, date(c, i, inter, r[inter]!));
    const links = (cols: number[]) => cols.map((k) => r[k]!).filter((v) => isCfd(v));
    return {
      cfd: f,
      libelle: r[lib]!,
      fermeture: ferm >= 0 ? date(c, i, ferm, r[ferm]!) : '',
      niveauRncp: niv >= 0 ? r[niv]! : '',
      ancien: links(anciens),
      nouveau: links(nouveaux),
    };
  });
  return { rows, date: last };
}

/** BCN N_NIVEAU_FORMATION_DIPLOME: level code → short label. */
export function parseNiveaux(t: Table): Parsed<[string, string]> {
  const c = new Columns(t);
  const code = c.require('NIVEAU_FORMATION_DIPLOME');
  const lib = c.require('LIBELLE_COURT');
  const inter = c.find('DATE_INTERVENTION');
  let last = '';
  const rows = t.rows.map((r, i): [string, string] => {
    if (inter >= 0) last = latest(last, date(c, i, inter, r[inter]!));
    return [r[code]!, r[lib]!];
  });
  return { rows, date: last };
}

/** BCN N_GROUPE_FORMATION: group code → label (the edition label when there is one). */
export function parseGroupes(t: Table): Parsed<[string, string]> {
  const c = new Columns(t);
  const code = c.require('GROUPE_FORMATION');
  const ed = c.find('LIBELLE_EDITION');
  const long = c.require('LIBELLE_LONG');
  return { rows: t.rows.map((r): [string, string] => [r[code]!, (ed >= 0 && r[ed]) || r[long]!]), date: '' };
}

/** BCN N_LIEN_FORMATION_GROUPE: CFD → group code. */
export function parseLiensGroupe(t: Table): Parsed<[string, string]> {
  const c = new Columns(t);
  const code = c.require('GROUPE_FORMATION');
  const cfd = c.require('FORMATION_DIPLOME');
  return { rows: t.rows.map((r): [string, string] => [r[cfd]!, r[code]!]), date: '' };
}

export interface FamilleLine {
  famille: string;
  specialite: string;
  mefstat11Commun: string;
  cfdCommun: string;
  mefstat11: string;
  cfd: string;
}

/** Ministry table: common 2de → each specialty's final-year MEFSTAT11 / CFD. */
export function parseFamilles(t: Table): Parsed<FamilleLine> {
  const c = new Columns(t);
  const fam = c.require('FAMILLE');
  const spe = c.require('SPECIALITE');
  const mc = c.require('MEFSTAT11_COMMUN');
  const cc = c.require('CFD_COMMUN');
  const ms = c.require('MEFSTAT11_SPECIALITE');
  const cs = c.require('CFD_SPECIALITE');
  const rows = t.rows.map((r, i): FamilleLine => {
    for (const k of [cc, cs]) if (!isCfd(r[k]!)) c.fail(i, k, `CFD invalide « ${r[k]} »`);
    return { famille: r[fam]!, specialite: r[spe]!, mefstat11Commun: r[mc]!, cfdCommun: r[cc]!, mefstat11: r[ms]!, cfd: r[cs]! };
  });
  return { rows, date: '' };
}

/** département → académie → région. */
export function parseGeo(t: Table): Parsed<GeoRow> {
  const c = new Columns(t);
  const dep = c.require('codeDepartement');
  const depNom = c.require('libelleDepartement');
  const aca = c.require('codeAcademie');
  const acaNom = c.require('libelleAcademie');
  const reg = c.require('codeRegion');
  const regNom = c.require('libelleRegion');
  const rows: GeoRow[] = [];
  t.rows.forEach((r, i) => {
    const d = r[dep]!;
    if (!d) return; // académie-only rows ("Sans objet", "Etranger"…)
    if (!/^[0-9]{1,3}$|^0?2[AB]$/.test(d)) c.fail(i, dep, `code département invalide « ${d} »`);
    rows.push([d.padStart(3, '0'), r[depNom]!, r[aca]!, r[acaNom]!, r[reg]!, r[regNom]!]);
  });
  return { rows, date: '' };
}

// ------------------------------------------------------------------ DEPP

export interface DeppLine {
  uai: string;
  libelle: string;
  voie: 's' | 'a';
  /** `ensemble` rows of a lycée: all its leavers; `s`/`a` rows are the sub-populations. */
  ensemble: boolean;
  taux: number | null;
  attendu: number | null;
  va: number | null;
}

function num(v: string): number | null {
  if (v === '' || /^(nd|ns|nc|-|s)$/i.test(v)) return null;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** DEPP InserJeunes per establishment (lycées pro, or CFA when `apprentissage`). */
export function parseDepp(t: Table, apprentissage: boolean): Parsed<DeppLine> {
  const c = new Columns(t);
  const uai = c.require("n°UAI de l'établissement", 'UAI', 'uai');
  const lib = c.find("Libellé de l'établissement", 'libelle');
  const taux = c.require('Taux', 'Taux d’emploi', "Taux d'emploi");
  const attendu = c.require('Taux attendu');
  const va = c.require('Valeur ajoutée');
  const champ = c.find('Dont apprentis en EPLE');
  const rows: DeppLine[] = [];
  t.rows.forEach((r, i) => {
    const u = r[uai]!.toUpperCase();
    if (!/^[0-9]{7}[A-Z]$/.test(u)) c.fail(i, uai, `UAI invalide « ${r[uai]} »`);
    const scope = champ >= 0 ? r[champ]!.toLowerCase() : '';
    const voie: 's' | 'a' = apprentissage || scope.includes('apprenti') ? 'a' : 's';
    rows.push({
      uai: u,
      libelle: lib >= 0 ? r[lib]! : '',
      voie,
      ensemble: !apprentissage && (scope === '' || scope === 'ensemble'),
      taux: num(r[taux]!),
      attendu: num(r[attendu]!),
      va: num(r[va]!),
    });
  });
  return { rows, date: '' };
}
