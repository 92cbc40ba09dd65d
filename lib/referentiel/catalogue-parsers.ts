// Node only: the parsers of the programme catalogues: Onisep's Idéo exports, Certif Info and the
// Parcoursup cartographie (FOR / AF / ENS ids, CFDs, lengths, UAIs). Same contract as ministry-parsers.ts.
import { findOnisepId, isCfd, isValidUai } from '../codes';
import { bcnDate, latest, parseDuree, type Parsed } from './ministry-parsers';
import { Columns, type Table } from './table';
import { coordinate, parseModalites } from './nearby-build';
import type { ActionMode } from './format';

function onisepNumber(value: string, kind: 'FOR' | 'AF' | 'ENS'): number {
  const id = findOnisepId(value);
  return id && id.kind === kind ? Number(id.id.slice(kind.length + 1)) : 0;
}

const rncpNumber = (v: string): number => {
  const m = /^(?:RNCP)?\s*(\d{1,6})$/i.exec(v.trim());
  return m ? Number(m[1]) : 0;
};

export interface ForLine {
  forId: number;
  cfd: string;
  rncp: number;
  libelle: string;
  duree: number;
  /**
   * Certif Info only, on a row with no `Code_Scolarité`: its `Code_Ancien_Scolarité`. The build uses it
   * as the CFD when the BCN says that diploma is still open (OPEN_DATA.md step 8).
   */
  former?: string;
}

/** Certif Info: `codeIdeo2` (FOR.n), `Code_Scolarité` (CFD), `Code_Ancien_Scolarité`, `Code_RNCP`, `Libelle_Diplome`. */
export function parseCertifInfo(t: Table): Parsed<ForLine> {
  const c = new Columns(t);
  const cfd = c.require('Code_Scolarité');
  const ideo = c.require('codeIdeo2');
  const rncp = c.require('Code_RNCP');
  const ancien = c.find('Code_Ancien_Scolarité');
  const lib = c.find('Libelle_Diplome');
  const maj = c.find('Date_MaJ');
  let last = '';
  const rows: ForLine[] = [];
  for (const r of t.rows) {
    if (maj >= 0) last = latest(last, bcnDate(r[maj]!));
    const f = r[cfd]!.toUpperCase();
    const former = ancien >= 0 ? r[ancien]!.toUpperCase() : '';
    const line: ForLine = {
      forId: onisepNumber(r[ideo]!, 'FOR'),
      cfd: isCfd(f) ? f : '',
      rncp: rncpNumber(r[rncp]!),
      libelle: lib >= 0 ? r[lib]! : '',
      duree: 0,
      ...(!isCfd(f) && isCfd(former) ? { former } : {}),
    };
    if ((line.cfd || line.former) && (line.forId || line.rncp)) rows.push(line);
  }
  return { rows, date: last };
}

/** Idéo formations initiales en France (5fa591127f501), JSON keys or CSV labels. */
export function parseIdeoFormations(t: Table): Parsed<ForLine> {
  const c = new Columns(t);
  const url = c.require('url_et_id_onisep', 'identifiant', 'for_url_et_id_onisep');
  const lib = c.require('libelle_formation_principal', 'libellé formation principal');
  const cfd = c.find('code_scolarite', 'code scolarité', 'cfd');
  const duree = c.find('duree', 'durée');
  const rncp = c.find('code_rncp', 'code RNCP');
  const rows: ForLine[] = [];
  t.rows.forEach((r) => {
    const forId = onisepNumber(r[url]!, 'FOR');
    if (!forId) return;
    const f = cfd >= 0 ? r[cfd]!.toUpperCase() : '';
    rows.push({
      forId,
      cfd: isCfd(f) ? f : '',
      rncp: rncp >= 0 ? rncpNumber(r[rncp]!) : 0,
      libelle: r[lib]!,
      duree: duree >= 0 ? parseDuree(r[duree]!) : 0,
    });
  });
  return { rows, date: '' };
}

/** Onisep table de passage (6152ccdf850ef): FOR.n ↔ CFD ↔ RNCP. */
export function parseTableDePassage(t: Table): Parsed<ForLine> {
  const c = new Columns(t);
  const ideo = c.require('ideo_identifiant_formation', 'Idéo Identifiant formation');
  const cfd = c.require('ci_code_scolarite', 'CI Code Scolarité');
  const rncp = c.find('ci_code_rncp', 'CI Code RNCP');
  const lib = c.find('ideo_libelle_complet_formation', 'Idéo Libellé complet formation');
  const rows: ForLine[] = [];
  t.rows.forEach((r) => {
    const forId = onisepNumber(r[ideo]!, 'FOR');
    const f = r[cfd]!.toUpperCase();
    if (!forId || !isCfd(f)) return;
    rows.push({ forId, cfd: f, rncp: rncp >= 0 ? rncpNumber(r[rncp]!) : 0, libelle: lib >= 0 ? r[lib]! : '', duree: 0 });
  });
  return { rows, date: '' };
}

export interface ActionLine {
  afId: number;
  forId: number;
  libelle: string;
  uai: string;
  ensId: number;
  ensLibelle: string;
  commune: string;
  duree: number;
  /** Hundred-thousandths of a degree; null when absent or out of range. */
  lat: number | null;
  lon: number | null;
  codePostal: string;
  mode: '' | 's' | 'a' | 'sa';
}

/**
 * `af_modalites_scolarite` as one route for matching a page's row (both routes: no preference).
 * Values seen on the pages' rows (SITES.md): `temps plein`, `apprentissage`, `alternance sous statut
 * scolaire`; the export's own values are not confirmed.
 */
export function actionMode(value: string): ActionMode {
  const mode = parseModalites(value);
  return mode === 'sa' ? '' : mode;
}

/** Idéo actions de formation initiale, univers lycée (605340ddc19a9). */
export function parseIdeoActions(t: Table): Parsed<ActionLine> {
  const c = new Columns(t);
  const af = c.require('action_de_formation_af_identifiant_onisep', 'Action de Formation (AF) identifiant Onisep');
  const forUrl = c.require('for_url_et_id_onisep', 'FOR URL et ID Onisep');
  const uai = c.require('ens_code_uai', 'ENS code UAI');
  const lib = c.find('formation_for_libelle', 'Formation (FOR) libellé');
  const ens = c.find('ens_url_et_id_onisep', 'ENS URL et ID Onisep');
  const ensLib = c.find('lieu_denseignement_ens_libelle', "Lieu d'enseignement (ENS) libellé");
  const commune = c.find('ens_commune', 'ENS commune');
  const duree = c.find('af_duree_cycle_standard', 'AF durée cycle standard');
  const lat = c.find('ens_latitude', 'ENS latitude');
  const lon = c.find('ens_longitude', 'ENS longitude');
  const cp = c.find('ens_code_postal', 'ENS code postal');
  const modes = c.find('af_modalites_scolarite', 'AF modalités scolarité');
  const rows: ActionLine[] = [];
  t.rows.forEach((r, i) => {
    const afId = onisepNumber(r[af]!, 'AF');
    if (!afId) c.fail(i, af, `identifiant d’action Onisep invalide « ${r[af]} »`);
    const u = r[uai]!.toUpperCase();
    rows.push({
      afId,
      forId: onisepNumber(r[forUrl]!, 'FOR'),
      libelle: lib >= 0 ? r[lib]! : '',
      uai: isValidUai(u) ? u : '',
      ensId: ens >= 0 ? onisepNumber(r[ens]!, 'ENS') : 0,
      ensLibelle: ensLib >= 0 ? r[ensLib]! : '',
      commune: commune >= 0 ? r[commune]! : '',
      duree: duree >= 0 ? parseDuree(r[duree]!) : 0,
      lat: lat >= 0 ? coordinate(r[lat]!, 90) : null,
      lon: lon >= 0 ? coordinate(r[lon]!, 180) : null,
      codePostal: cp >= 0 && /^[0-9][0-9AB][0-9]{3}$/.test(r[cp]!.trim()) ? r[cp]!.trim() : '',
      mode: modes >= 0 ? parseModalites(r[modes]!) : '',
    });
  });
  return { rows, date: '' };
}

export interface StructureLine {
  ensId: number;
  uai: string;
  nom: string;
  commune: string;
}

/** Idéo structures d'enseignement secondaire (5fa5816ac6a6e): ENS.n → UAI. */
export function parseIdeoStructures(t: Table): Parsed<StructureLine> {
  const c = new Columns(t);
  const uai = c.require('code_uai', 'code UAI');
  const url = c.require('url_et_id_onisep', 'URL et ID Onisep');
  const nom = c.find('nom');
  const commune = c.find('commune');
  const rows: StructureLine[] = [];
  t.rows.forEach((r) => {
    const ensId = onisepNumber(r[url]!, 'ENS');
    const u = r[uai]!.toUpperCase();
    if (ensId && isValidUai(u)) rows.push({ ensId, uai: u, nom: nom >= 0 ? r[nom]! : '', commune: commune >= 0 ? r[commune]! : '' });
  });
  return { rows, date: '' };
}

export interface GtaLine {
  gta: number;
  uai: string;
  libelle: string;
}

/** Parcoursup cartographie des formations: `gta` → `etab_uai`, latest `annee` only. */
export function parseParcoursup(t: Table): Parsed<GtaLine> {
  const c = new Columns(t);
  const gta = c.require('gta', 'g_ta_cod');
  const uai = c.require('etab_uai', 'uai');
  const nm = c.find('nm', 'etab_nom');
  const tf = c.find('tf', 'nmc');
  const annee = c.find('annee');
  const latestYear = annee >= 0 ? t.rows.reduce((m, r) => (r[annee]! > m ? r[annee]! : m), '') : '';
  const rows: GtaLine[] = [];
  t.rows.forEach((r) => {
    if (annee >= 0 && r[annee] !== latestYear) return;
    const g = r[gta]!;
    const u = r[uai]!.toUpperCase();
    if (!/^[1-9][0-9]{0,8}$/.test(g) || !isValidUai(u)) return;
    const label = [tf >= 0 ? r[tf] : '', nm >= 0 ? r[nm] : ''].filter(Boolean).join(' — ');
    rows.push({ gta: Number(g), uai: u, libelle: label });
  });
  return { rows, date: latestYear };
}
