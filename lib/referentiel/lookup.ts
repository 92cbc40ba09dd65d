// The lookup half of the referentiel: answers from the compact index (format.ts), in the background
// or in Node. Pure: no browser or Node API. Maps are built lazily, on first use of each table.
import type { EtablissementInfo, Lieu, ValeurAjoutee } from '../types';
import { isCfd, isGta, isMef10, isMefstat11, isOnisepId, isRncp, isValidUai, uaiCheckLetter } from '../codes';
import {
  INDEX_VERSION,
  TABLES,
  type FamilleRow,
  type FormationRow,
  type MefRow,
  type ProgrammeRow,
  type ReferentielIndex,
  type SourceInfo,
} from './format';
import { words } from './text';

/** A final-year MEF that may carry the figures of a (CFD, length). */
export interface MefCandidate {
  mef10: string;
  mefstat11: string;
  cfd: string;
  duree: number;
  /** Still open at the lookup's date. */
  open: boolean;
}

export interface FinalYear {
  cfd: string;
  /** Distinct final-year MEFSTAT11 codes, best first. */
  mefstat11: string[];
  candidates: MefCandidate[];
  /** Several MEFSTAT11 remain after the selection rules: all are returned, none is guessed. */
  ambiguous: boolean;
  /** The asked length matched no row and the rule for famille de métiers bac pro (or any final year) was used. */
  lengthFallback: boolean;
}

export interface ProgrammeInfo {
  /** `FOR.<n>` */
  for: string;
  libelle: string;
  cfd: string[];
  /** Lengths in years this programme is taught in (from Onisep, or N_MEF when Onisep does not say). */
  durees: number[];
  rncp: string[];
}

export interface ActionInfo {
  af: string;
  for?: string;
  uai?: string;
  ens?: string;
  duree?: number;
}

export interface FamilleInfo {
  /** BCN group code (`G0003`) when known. */
  code?: string;
  libelle: string;
  cfd: string;
  mefstat11: string;
  specialites: { cfd: string; mefstat11: string; libelle: string }[];
}

export interface FormationInfo {
  cfd: string;
  libelle: string;
  /** Diploma level from the CFD's first three characters, e.g. `{code: '400', nom: 'BAC PRO'}` (a Lieu, as ProgrammeReport.diplome). */
  diplome?: Lieu;
  /** Closing date `YYYY-MM-DD`, absent when open-ended. */
  fermeture?: string;
  /** Diplomas this one replaces (ANCIEN_DIPLOME_n) and that replace it (NOUVEAU_DIPLOME_n). */
  ancien: string[];
  nouveau: string[];
}

export interface EntryYear {
  /** The code asked about. */
  code: string;
  cfd: string;
  /** The final year of the same CFD and dispositif (absent for a common 2de: see `famille`). */
  final?: { mef10: string; mefstat11: string; duree: number };
  famille?: FamilleInfo;
}

export type InputKind = 'FOR' | 'AF' | 'ENS' | 'UAI' | 'CFD' | 'MEF10' | 'MEFSTAT11' | 'RNCP' | 'GTA' | 'inconnu';

/** One line of `referentiel resolve`. */
export interface ResolvedInput {
  input: string;
  kind: InputKind;
  cfd: string[];
  mefstat11: string[];
  ambiguous: boolean;
  libelle?: string;
  duree?: number;
  for?: string;
  uai?: string;
  region?: Lieu;
  famille?: FamilleInfo;
  error?: string;
}

export interface SearchHit {
  /** `FOR.<n>` when the hit is an Onisep programme. */
  for?: string;
  cfd: string[];
  libelle: string;
  score: number;
}

export interface ReferentielOptions {
  /** Reference date for "still open" (defaults to now). */
  now?: Date;
}

export interface Referentiel {
  readonly version: number;
  readonly builtAt: string;
  readonly sources: SourceInfo[];
  readonly missing: string[];
  /** Row counts per table. */
  counts(): Record<string, number>;
  /** Every CFD with a final-year N_MEF row, every FOR id, every RNCP code the index knows (for stats). */
  keys(): { cfds: string[]; fors: string[]; rncps: string[] };
  /** FOR id (`FOR.3651` or `3651`) → CFDs, lengths and label. */
  programme(forId: string): ProgrammeInfo | undefined;
  /** CFD → the Onisep programme that leads to it (its readable label), when one does. */
  programmeOfCfd(cfd: string): ProgrammeInfo | undefined;
  /** AF id → FOR, UAI, ENS and length. */
  action(afId: string): ActionInfo | undefined;
  /** UAI → the Onisep actions (programmes taught there), from the Idéo actions export. */
  actionsAt(uai: string): ActionInfo[];
  /** ENS id → UAI. */
  ensUai(ensId: string): string | undefined;
  /** Parcoursup g_ta_cod → UAI and label. */
  gta(gta: string | number): { uai: string; libelle: string } | undefined;
  /** RNCP code (`RNCP39133` or `39133`) → CFDs. */
  rncpCfds(rncp: string): string[];
  /** (CFD, length?) → final-year MEFSTAT11 candidates, by the rules of OPEN_DATA.md. */
  finalYear(cfd: string, duree?: number): FinalYear;
  /** Entry-year (or any year) MEF10 or MEFSTAT11 → final year of the same CFD and dispositif. */
  entryYear(code: string): EntryYear | undefined;
  /** Common 2de CFD or MEFSTAT11 → its famille de métiers. */
  famille(code: string): FamilleInfo | undefined;
  /** CFD → label, diploma level, ANCIEN/NOUVEAU links. */
  formation(cfd: string): FormationInfo | undefined;
  /** UAI → département, académie, région (Corsica's 620/720 → 02A/02B). Undefined for an invalid UAI. */
  geo(uai: string): Pick<EtablissementInfo, 'departement' | 'academie' | 'region'> | undefined;
  /** UAI → name, place and DEPP valeur ajoutée. Undefined for an invalid UAI. */
  etablissement(uai: string): EtablissementInfo | undefined;
  /** Words or an Onisep slug → programmes, best first (accent- and case-insensitive). */
  search(text: string, limit?: number): SearchHit[];
  /**
   * A page's own title for a programme (`BTS - Services - Opticien lunetier`) → the one programme whose
   * every significant word the title contains, or undefined when none or several fit equally well.
   */
  matchLabel(text: string): SearchHit | undefined;
  /** Any identifier (FOR.n, AF.n, ENS.n, UAI, CFD, MEF10, MEFSTAT11, RNCP…, gta:…), optional `+<length>`. */
  resolveInput(text: string, duree?: number): ResolvedInput;
}

/** Why an index cannot be used. */
export class IndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexError';
  }
}

function validate(index: unknown): ReferentielIndex {
  if (!index || typeof index !== 'object') throw new IndexError('Référentiel corrompu : objet attendu.');
  const ix = index as Partial<ReferentielIndex>;
  if (ix.version !== INDEX_VERSION) {
    throw new IndexError(`Référentiel de version ${String(ix.version)} : version ${INDEX_VERSION} attendue. Reconstruire avec « npm run referentiel -- build ».`);
  }
  for (const t of TABLES) {
    if (!Array.isArray(ix[t])) throw new IndexError(`Référentiel corrompu : table « ${t} » absente ou invalide.`);
  }
  if (!ix.niveaux || typeof ix.niveaux !== 'object') throw new IndexError('Référentiel corrompu : table « niveaux » absente.');
  if (!Array.isArray(ix.sources)) throw new IndexError('Référentiel corrompu : liste des sources absente.');
  return ix as ReferentielIndex;
}

const FOR_NUM = (s: string) => Number(/^(?:FOR\.)?([1-9][0-9]{0,8})$/i.exec(s.trim())?.[1] ?? 0);
const num = (kind: string, s: string) => Number(new RegExp(`^(?:${kind}\\.)?([1-9][0-9]{0,8})$`, 'i').exec(s.trim())?.[1] ?? 0);
const split = (s: string) => (s ? s.split(' ') : []);
const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= make());
}

function groupBy<R, K>(rows: R[], key: (r: R) => K): Map<K, R[]> {
  const m = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The département code of a UAI as the geo table names it (`620…` → `02A`, `720…` → `02B`). */
export function uaiDepartement(uai: string): string {
  const p = uai.slice(0, 3);
  return p === '620' ? '02A' : p === '720' ? '02B' : p;
}

/** Why a UAI-shaped string is not a valid UAI, or undefined when it is. */
export function uaiProblem(uai: string): string | undefined {
  if (!/^[0-9]{7}[A-Za-z]$/.test(uai)) return 'UAI mal formé : 7 chiffres et une lettre attendus';
  if (uai[7] !== uai[7]!.toUpperCase()) return 'UAI mal formé : la lettre doit être en majuscule';
  if (!isValidUai(uai)) return `lettre de contrôle du UAI incorrecte (« ${uaiCheckLetter(uai.slice(0, 7))} » attendue)`;
  return undefined;
}

export function createReferentiel(index: unknown, options: ReferentielOptions = {}): Referentiel {
  const ix = validate(index);
  const today = (options.now ?? new Date()).toISOString().slice(0, 10).replace(/-/g, '');
  const isOpen = (fermeture: string) => !fermeture || fermeture > today;

  const formations = lazy(() => new Map<string, FormationRow>(ix.formations.map((r) => [r[0], r])));
  const mefsByCfd = lazy(() => groupBy(ix.mefs, (r) => r[1]));
  const mefByCode = lazy(() => new Map<string, MefRow>(ix.mefs.map((r) => [r[0], r])));
  const mefsByStat = lazy(() => groupBy(ix.mefs, (r) => r[4]));
  const programmes = lazy(() => new Map<number, ProgrammeRow>(ix.programmes.map((r) => [r[0], r])));
  const rncp = lazy(() => new Map<number, string>(ix.rncp.map((r) => [r[0], r[1]])));
  const actions = lazy(() => new Map(ix.actions.map((r) => [r[0], r])));
  const actionsByUai = lazy(() => groupBy(ix.actions, (r) => r[2]));
  const programmeByCfd = lazy(() => {
    const m = new Map<string, number>();
    for (const p of ix.programmes) for (const c of split(p[2])) if (!m.has(c)) m.set(c, p[0]);
    return m;
  });
  const ens = lazy(() => new Map(ix.ens.map((r) => [r[0], r[1]])));
  const gtas = lazy(() => new Map(ix.gta.map((r) => [r[0], r])));
  const etabs = lazy(() => new Map(ix.etablissements.map((r) => [r[0], r])));
  const geoByDep = lazy(() => new Map(ix.geo.map((r) => [r[0], r])));
  const vaByUai = lazy(() => groupBy(ix.va, (r) => r[0]));
  const familles = lazy(() => {
    const m = new Map<string, FamilleRow>();
    for (const f of ix.familles) {
      m.set(f[0], f);
      if (f[1]) m.set(f[1], f);
    }
    return m;
  });

  const familleInfo = (f: FamilleRow): FamilleInfo => ({
    ...(f[3] ? { code: f[3] } : {}),
    libelle: f[2],
    cfd: f[0],
    mefstat11: f[1],
    specialites: f[4].map(([cfd, mefstat11, libelle]) => ({ cfd, mefstat11, libelle })),
  });

  function programme(forId: string): ProgrammeInfo | undefined {
    const r = programmes().get(FOR_NUM(forId));
    if (!r) return undefined;
    return { for: `FOR.${r[0]}`, libelle: r[1], cfd: split(r[2]), durees: split(r[3]).map(Number), rncp: split(r[4]) };
  }

  function finalYear(cfd: string, duree?: number): FinalYear {
    const toCand = (r: MefRow): MefCandidate => ({ mef10: r[0], mefstat11: r[4], cfd: r[1], duree: r[2], open: isOpen(r[5]) });
    // 1. final-year rows (duration 9 rows are dropped at build time)
    let cands = (mefsByCfd().get(cfd) ?? []).filter((r) => r[2] === r[3] && r[2] !== 9 && r[4]).map(toCand);
    let lengthFallback = false;
    if (duree !== undefined && cands.length) {
      // 2. keep the asked length
      const byLen = cands.filter((c) => c.duree === duree);
      if (byLen.length) cands = byLen;
      else {
        // 3. famille de métiers bac pro listed as 2 years: only the 3-year dispositif exists
        lengthFallback = true;
        const lvl = cfd.slice(0, 3);
        const three = lvl === '400' || lvl === '403' ? cands.filter((c) => c.duree === 3) : [];
        if (three.length) cands = three;
      }
    }
    // 4. prefer rows still open
    const open = cands.filter((c) => c.open);
    if (open.length) cands = open;
    // Most recent (latest closing, open first) first, for a stable, sensible order.
    cands.sort((a, b) => Number(b.open) - Number(a.open) || a.duree - b.duree || a.mef10.localeCompare(b.mef10));
    const mefstat11 = [...new Set(cands.map((c) => c.mefstat11))];
    // 5 and 6: several codes left (with or without a length) → ambiguous, all returned.
    return { cfd, mefstat11, candidates: cands, ambiguous: mefstat11.length > 1, lengthFallback };
  }

  function famille(code: string): FamilleInfo | undefined {
    const f = familles().get(code);
    return f ? familleInfo(f) : undefined;
  }

  function entryYear(code: string): EntryYear | undefined {
    let rows: MefRow[];
    if (isMef10(code) && mefByCode().has(code)) rows = [mefByCode().get(code)!];
    else rows = mefsByStat().get(code) ?? [];
    const row = rows.find((r) => r[2] === r[3]) ?? rows[0];
    if (!row) {
      const f = famille(code);
      return f ? { code, cfd: f.cfd, famille: f } : undefined;
    }
    const dispositif = row[0].slice(0, 3);
    const same = (mefsByCfd().get(row[1]) ?? []).filter((r) => r[0].slice(0, 3) === dispositif && r[4]);
    const last = same.reduce((best, r) => (r[3] > best[3] ? r : best), row);
    const fam = famille(row[1]);
    if (fam || last[3] !== last[2]) return { code, cfd: row[1], ...(fam ? { famille: fam } : {}) };
    return { code, cfd: row[1], final: { mef10: last[0], mefstat11: last[4], duree: last[2] } };
  }

  function formation(cfd: string): FormationInfo | undefined {
    const r = formations().get(cfd);
    if (!r) return undefined;
    const info: FormationInfo = { cfd, libelle: r[1], ancien: split(r[3]), nouveau: split(r[4]) };
    const niveau = ix.niveaux[cfd.slice(0, 3)];
    if (niveau) info.diplome = { code: cfd.slice(0, 3), nom: niveau };
    if (r[2]) info.fermeture = iso(r[2]);
    return info;
  }

  function geo(uai: string): Pick<EtablissementInfo, 'departement' | 'academie' | 'region'> | undefined {
    if (!isValidUai(uai)) return undefined;
    const g = geoByDep().get(uaiDepartement(uai));
    if (!g) return {};
    return { departement: { code: g[0], nom: g[1] }, academie: { code: g[2], nom: g[3] }, region: { code: g[4], nom: g[5] } };
  }

  function etablissement(uai: string): EtablissementInfo | undefined {
    const place = geo(uai);
    if (!place) return undefined;
    const e = etabs().get(uai);
    const va: ValeurAjoutee[] = (vaByUai().get(uai) ?? []).map((r) => ({
      voie: r[1] === 'a' ? 'apprentissage' : 'scolaire',
      millesime: ix.millesimes[r[2]] ?? '',
      taux: r[3],
      tauxAttendu: r[4],
      valeurAjoutee: r[5],
    }));
    va.sort((a, b) => b.millesime.localeCompare(a.millesime) || a.voie.localeCompare(b.voie));
    return {
      uai,
      ...(e?.[1] ? { libelle: e[1] } : {}),
      ...(e?.[2] ? { commune: e[2] } : {}),
      ...place,
      ...(va.length ? { valeurAjoutee: va } : {}),
    };
  }

  // ---- label search: an inverted index from words to entries, built on first use
  interface Entry {
    for?: string;
    cfd: string[];
    libelle: string;
    words: Set<string>;
  }
  const STOP = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'a', 'au', 'aux', 'option', 'specialite']);
  const searchIndex = lazy(() => {
    const entries: Entry[] = [];
    const coveredCfds = new Set<string>();
    for (const p of ix.programmes) {
      if (!p[1]) continue;
      entries.push({ for: `FOR.${p[0]}`, cfd: split(p[2]), libelle: p[1], words: new Set(words(p[1])) });
      for (const c of split(p[2])) coveredCfds.add(c);
    }
    for (const f of ix.formations) {
      if (coveredCfds.has(f[0]) || !isOpen(f[2])) continue;
      const lvl = ix.niveaux[f[0].slice(0, 3)] ?? '';
      entries.push({ cfd: [f[0]], libelle: f[1], words: new Set(words(`${f[1]} ${lvl}`)) });
    }
    for (const f of ix.familles) {
      const libelle = `2de professionnelle ${f[2]}`;
      entries.push({ cfd: [f[0]], libelle, words: new Set(words(libelle)) });
    }
    const byWord = new Map<string, number[]>();
    entries.forEach((e, i) => {
      for (const w of e.words) {
        const l = byWord.get(w);
        if (l) l.push(i);
        else byWord.set(w, [i]);
      }
    });
    return { entries, byWord };
  });

  function search(text: string, limit = 10): SearchHit[] {
    const qs = [...new Set(words(text.replace(/\bFOR\.\d+\b/gi, '')))].filter((w) => !STOP.has(w));
    if (!qs.length) return [];
    const { entries, byWord } = searchIndex();
    // Candidates contain every query word (a word may also be a prefix of a label word if it is the last one).
    const lists = qs.map((w, i) => {
      const exact = byWord.get(w) ?? [];
      if (i < qs.length - 1 || w.length < 3) return new Set(exact);
      const s = new Set(exact);
      for (const [k, l] of byWord) if (k.startsWith(w)) for (const x of l) s.add(x);
      return s;
    });
    lists.sort((a, b) => a.size - b.size);
    const hits: SearchHit[] = [];
    for (const i of lists[0]!) {
      if (!lists.every((l) => l.has(i))) continue;
      const e = entries[i]!;
      const content = [...e.words].filter((w) => !STOP.has(w));
      // Score: share of the label's words the query covers; an Onisep programme wins a tie.
      const score = qs.length / Math.max(content.length, qs.length) + (e.for ? 0.01 : 0);
      hits.push({ ...(e.for ? { for: e.for } : {}), cfd: e.cfd, libelle: e.libelle, score: Math.round(score * 1000) / 1000 });
    }
    hits.sort((a, b) => b.score - a.score || a.libelle.length - b.libelle.length);
    return hits.slice(0, limit);
  }

  function matchLabel(text: string): SearchHit | undefined {
    const qs = new Set(words(text).filter((w) => !STOP.has(w)));
    if (qs.size < 2) return undefined;
    const { entries, byWord } = searchIndex();
    const seen = new Set<number>();
    let best: { hit: SearchHit; precision: number; size: number } | undefined;
    let tie = false;
    for (const w of qs) {
      for (const i of byWord.get(w) ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
        const e = entries[i]!;
        const content = [...e.words].filter((x) => !STOP.has(x));
        // Every significant word of the programme's label must be in the page's title…
        if (content.length < 2 || !content.every((x) => qs.has(x))) continue;
        // …and cover most of it: a title with many other words names something else.
        const precision = content.length / qs.size;
        if (precision < 0.5) continue;
        const better =
          !best || precision > best.precision || (precision === best.precision && !!e.for && !best.hit.for);
        if (better) {
          tie = false;
          best = { hit: { ...(e.for ? { for: e.for } : {}), cfd: e.cfd, libelle: e.libelle, score: precision }, precision, size: content.length };
        } else if (precision === best!.precision && !!e.for === !!best!.hit.for && e.cfd.join() !== best!.hit.cfd.join()) {
          tie = true;
        }
      }
    }
    return best && !tie ? best.hit : undefined;
  }

  // ---- generic resolution, for the CLI and for callers that hold one code
  function fromCfds(base: ResolvedInput, cfds: string[], duree?: number): ResolvedInput {
    base.cfd = cfds;
    const stats: string[] = [];
    let ambiguous = false;
    for (const cfd of cfds) {
      const fam = famille(cfd);
      if (fam) {
        base.famille = fam;
        continue;
      }
      const fy = finalYear(cfd, duree);
      stats.push(...fy.mefstat11);
      ambiguous ||= fy.ambiguous;
    }
    base.mefstat11 = [...new Set(stats)];
    base.ambiguous = ambiguous || base.mefstat11.length > 1;
    if (!base.libelle && cfds[0]) base.libelle = formation(cfds[0])?.libelle;
    if (!base.libelle) delete base.libelle;
    return base;
  }

  function withUai(base: ResolvedInput, uai: string | undefined): ResolvedInput {
    if (!uai) return base;
    base.uai = uai;
    const g = geo(uai);
    if (g?.region) base.region = g.region;
    return base;
  }

  function resolveInput(text: string, dureeArg?: number): ResolvedInput {
    const input = text;
    let s = text.trim();
    let duree = dureeArg;
    const plus = /^(.*?)\s*\+\s*(\d{1,2})$/.exec(s);
    if (plus) {
      s = plus[1]!;
      duree = Number(plus[2]);
    }
    const out = (kind: InputKind): ResolvedInput => ({ input, kind, cfd: [], mefstat11: [], ambiguous: false });
    const fail = (kind: InputKind, error: string): ResolvedInput => ({ ...out(kind), error });
    const up = s.toUpperCase();

    if (/^FOR\./i.test(s)) {
      if (!isOnisepId('FOR', up)) return fail('FOR', 'identifiant Onisep FOR mal formé');
      const p = programme(up);
      if (!p) return fail('FOR', 'formation Onisep absente du référentiel');
      if (!p.cfd.length) return { ...fail('FOR', 'aucun code formation diplôme (CFD) connu pour cette formation'), libelle: p.libelle, for: p.for };
      const d = duree ?? (p.durees.length === 1 ? p.durees[0] : undefined);
      const r = fromCfds({ ...out('FOR'), for: p.for, libelle: p.libelle }, p.cfd, d);
      if (d !== undefined) r.duree = d;
      return r;
    }
    if (/^AF\./i.test(s)) {
      if (!isOnisepId('AF', up)) return fail('AF', 'identifiant Onisep AF mal formé');
      const a = actions().get(num('AF', up));
      if (!a) return fail('AF', 'action de formation absente du référentiel');
      const base = withUai(out('AF'), a[2] || undefined);
      const p = a[1] ? programme(String(a[1])) : undefined;
      if (a[1]) base.for = `FOR.${a[1]}`;
      const d = duree ?? (a[3] || undefined);
      if (d) base.duree = d;
      if (!p?.cfd.length) return { ...base, error: 'aucun code formation diplôme (CFD) connu pour la formation de cette action' };
      base.libelle = p.libelle;
      return fromCfds(base, p.cfd, d);
    }
    if (/^ENS\./i.test(s)) {
      if (!isOnisepId('ENS', up)) return fail('ENS', 'identifiant Onisep ENS mal formé');
      const uai = ens().get(num('ENS', up));
      if (!uai) return fail('ENS', 'établissement Onisep absent du référentiel');
      const r = withUai(out('ENS'), uai);
      const name = etabs().get(uai)?.[1];
      if (name) r.libelle = name;
      return r;
    }
    const gtaM = /^(?:gta|g_ta_cod)\s*[:=]\s*(\S+)$/i.exec(s);
    if (gtaM) {
      if (!isGta(gtaM[1]!)) return fail('GTA', 'g_ta_cod mal formé : nombre entier attendu');
      const g = gtas().get(Number(gtaM[1]));
      if (!g) return fail('GTA', 'formation Parcoursup absente du référentiel');
      return { ...withUai(out('GTA'), g[1]), ...(g[2] ? { libelle: g[2] } : {}) };
    }
    if (/^[0-9]{1,9}$/.test(s) && s.length !== 8 && gtas().has(Number(s))) {
      const g = gtas().get(Number(s))!;
      return { ...withUai(out('GTA'), g[1]), ...(g[2] ? { libelle: g[2] } : {}) };
    }
    if (/^RNCP/i.test(s) || /^[0-9]{1,6}$/.test(s)) {
      if (!isRncp(s)) return fail('RNCP', 'code RNCP mal formé');
      const cfds = rncpCfds(s);
      if (!cfds.length) return fail('RNCP', 'aucun CFD connu pour ce code RNCP');
      return fromCfds(out('RNCP'), cfds, duree);
    }
    if (/^[0-9]{7}[A-Z]$/i.test(s) && !(isCfd(up) && formations().has(up))) {
      const problem = uaiProblem(s);
      if (problem) return fail('UAI', problem);
      const r = withUai(out('UAI'), s);
      const name = etabs().get(s)?.[1];
      if (name) r.libelle = name;
      return r;
    }
    if (isCfd(up)) {
      if (!formations().has(up) && !mefsByCfd().has(up)) return fail('CFD', 'code formation diplôme (CFD) absent du référentiel');
      return fromCfds(out('CFD'), [up], duree);
    }
    if (isMef10(s) || isMefstat11(up)) {
      const kind: InputKind = isMef10(s) ? 'MEF10' : 'MEFSTAT11';
      const e = entryYear(up);
      if (!e) return fail(kind, 'MEF absent du référentiel');
      const r: ResolvedInput = { ...out(kind), cfd: [e.cfd] };
      const label = formation(e.cfd)?.libelle;
      if (label) r.libelle = label;
      if (e.famille) r.famille = e.famille;
      if (e.final) {
        r.mefstat11 = [e.final.mefstat11];
        r.duree = e.final.duree;
      }
      return r;
    }
    return fail('inconnu', 'identifiant non reconnu (FOR.n, AF.n, ENS.n, UAI, CFD, MEF, MEFSTAT11, RNCP… ou gta:n attendu)');
  }

  function rncpCfds(code: string): string[] {
    const n = Number(/^(?:RNCP)?\s*([0-9]{1,6})$/i.exec(code.trim())?.[1] ?? 0);
    return split(rncp().get(n) ?? '');
  }

  return {
    version: ix.version,
    builtAt: ix.builtAt,
    sources: ix.sources,
    missing: ix.missing,
    counts: () => ({
      ...Object.fromEntries(TABLES.map((t) => [t, ix[t].length])),
      niveaux: Object.keys(ix.niveaux).length,
    }),
    keys: () => ({
      cfds: [...new Set(ix.mefs.filter((r) => r[2] === r[3] && r[4]).map((r) => r[1]))],
      fors: ix.programmes.map((r) => `FOR.${r[0]}`),
      rncps: [...new Set([...ix.rncp.map((r) => r[0]), ...ix.programmes.flatMap((r) => split(r[4]).map(Number))])].map((n) => `RNCP${n}`),
    }),
    programme,
    programmeOfCfd(cfd) {
      const forId = programmeByCfd().get(cfd);
      return forId === undefined ? undefined : programme(`FOR.${forId}`);
    },
    action(afId) {
      const a = actions().get(num('AF', afId));
      if (!a) return undefined;
      return {
        af: `AF.${a[0]}`,
        ...(a[1] ? { for: `FOR.${a[1]}` } : {}),
        ...(a[2] ? { uai: a[2] } : {}),
        ...(a[4] ? { ens: `ENS.${a[4]}` } : {}),
        ...(a[3] ? { duree: a[3] } : {}),
      };
    },
    actionsAt(uai) {
      return (actionsByUai().get(uai) ?? []).map((a) => ({
        af: `AF.${a[0]}`,
        ...(a[1] ? { for: `FOR.${a[1]}` } : {}),
        uai,
        ...(a[4] ? { ens: `ENS.${a[4]}` } : {}),
        ...(a[3] ? { duree: a[3] } : {}),
      }));
    },
    ensUai: (ensId) => ens().get(num('ENS', ensId)),
    gta(g) {
      const r = gtas().get(Number(g));
      return r ? { uai: r[1], libelle: r[2] } : undefined;
    },
    rncpCfds,
    finalYear,
    entryYear,
    famille,
    formation,
    geo,
    etablissement,
    search,
    matchLabel,
    resolveInput,
  };
}
