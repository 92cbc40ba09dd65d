// Any one identifier → what it designates (CFDs, final-year MEFSTAT11, place): the answer of
// `referentiel resolve`, one JSON line per input. Built on the referentiel's own lookups.
import { isCfd, isGta, isMef10, isMefstat11, isOnisepId, isRncp, isValidUai, uaiCheckLetter } from '../codes';
import type { InputKind, LengthHint, Referentiel, ResolvedInput } from './query-types';

/** What resolving needs from the referentiel, plus two raw questions its public lookups do not answer. */
export interface ResolverLookups
  extends Pick<Referentiel, 'programme' | 'action' | 'ensUai' | 'gta' | 'rncpCfds' | 'finalYear' | 'entryYear' | 'famille' | 'formation' | 'geo'> {
  /** The establishment's name, without its valeur ajoutée. */
  etablissementName(uai: string): string | undefined;
  /** A CFD in the BCN formations (the index's `formations` table). */
  isFormation(cfd: string): boolean;
  /** A CFD with N_MEF rows. */
  hasMefs(cfd: string): boolean;
}

/** Why a UAI-shaped string is not a valid UAI, or undefined when it is. */
export function uaiProblem(uai: string): string | undefined {
  if (!/^[0-9]{7}[A-Za-z]$/.test(uai)) return 'UAI mal formé : 7 chiffres et une lettre attendus';
  if (uai[7] !== uai[7]!.toUpperCase()) return 'UAI mal formé : la lettre doit être en majuscule';
  if (!isValidUai(uai)) return `lettre de contrôle du UAI incorrecte (« ${uaiCheckLetter(uai.slice(0, 7))} » attendue)`;
  return undefined;
}

const onisepLength = (d: number | undefined): LengthHint | undefined => (d ? { duree: d, source: 'onisep' } : undefined);

export function createInputResolver(ref: ResolverLookups): (text: string, duree?: number) => ResolvedInput {
  /**
   * The final years of a programme's CFDs, the one users mean first. Exactly one final year: one CFD
   * (or one that is not a common 2de) whose rules single out one code.
   */
  function fromCfds(base: ResolvedInput, cfds: string[], length?: number | LengthHint): ResolvedInput {
    base.cfd = cfds;
    const years = [];
    for (const cfd of cfds) {
      const fam = ref.famille(cfd);
      if (fam) base.famille = fam;
      else years.push(ref.finalYear(cfd, length));
    }
    const reaching = years.filter((y) => y.mefstat11.length);
    base.mefstat11 = [...new Set([...reaching.map((y) => y.mefstat11[0]!), ...reaching.flatMap((y) => y.mefstat11)])];
    base.ambiguous = reaching.length > 1 || reaching.some((y) => y.ambiguous);
    const reason = reaching.length > 1 ? 'plusieurs-diplomes' : (reaching[0]?.reason ?? (base.famille ? undefined : years[0]?.reason));
    if (reason) base.reason = reason;
    const first = reaching[0];
    if (first?.duree !== undefined) base.duree = first.duree;
    if (first?.dureeSource) base.dureeSource = first.dureeSource;
    if (!base.libelle && cfds[0]) base.libelle = ref.formation(cfds[0])?.libelle;
    if (!base.libelle) delete base.libelle;
    return base;
  }

  function withUai(base: ResolvedInput, uai: string | undefined): ResolvedInput {
    if (!uai) return base;
    base.uai = uai;
    const g = ref.geo(uai);
    if (g?.region) base.region = g.region;
    return base;
  }

  return function resolveInput(text: string, dureeArg?: number): ResolvedInput {
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
      const p = ref.programme(up);
      if (!p) return fail('FOR', 'formation Onisep absente du référentiel');
      if (!p.cfd.length) {
        return { ...fail('FOR', 'aucun code formation diplôme (CFD) connu pour cette formation'), reason: 'sans-cfd', libelle: p.libelle, for: p.for };
      }
      const base: ResolvedInput = { ...out('FOR'), for: p.for, libelle: p.libelle, ...(p.replaced.length ? { replaced: p.replaced } : {}) };
      return fromCfds(base, p.cfd, duree ?? onisepLength(p.duree));
    }
    if (/^AF\./i.test(s)) {
      if (!isOnisepId('AF', up)) return fail('AF', 'identifiant Onisep AF mal formé');
      const a = ref.action(up);
      if (!a) return fail('AF', 'action de formation absente du référentiel');
      const base = withUai(out('AF'), a.uai);
      const p = a.for ? ref.programme(a.for) : undefined;
      if (a.for) base.for = a.for;
      if (!p?.cfd.length) return { ...base, ...(duree ?? a.duree ? { duree: duree ?? a.duree } : {}), reason: 'sans-cfd', error: 'aucun code formation diplôme (CFD) connu pour la formation de cette action' };
      base.libelle = p.libelle;
      return fromCfds(base, p.cfd, duree ?? onisepLength(a.duree ?? p.duree));
    }
    if (/^ENS\./i.test(s)) {
      if (!isOnisepId('ENS', up)) return fail('ENS', 'identifiant Onisep ENS mal formé');
      const uai = ref.ensUai(up);
      if (!uai) return fail('ENS', 'établissement Onisep absent du référentiel');
      const r = withUai(out('ENS'), uai);
      const name = ref.etablissementName(uai);
      if (name) r.libelle = name;
      return r;
    }
    const gtaM = /^(?:gta|g_ta_cod)\s*[:=]\s*(\S+)$/i.exec(s);
    const gtaCode = gtaM ? gtaM[1]! : /^[0-9]{1,9}$/.test(s) && s.length !== 8 && ref.gta(s) ? s : undefined;
    if (gtaCode !== undefined) {
      if (!isGta(gtaCode)) return fail('GTA', 'g_ta_cod mal formé : nombre entier attendu');
      const g = ref.gta(gtaCode);
      if (!g) return fail('GTA', 'formation Parcoursup absente du référentiel');
      return { ...withUai(out('GTA'), g.uai), ...(g.libelle ? { libelle: g.libelle } : {}) };
    }
    if (/^RNCP/i.test(s) || /^[0-9]{1,6}$/.test(s)) {
      if (!isRncp(s)) return fail('RNCP', 'code RNCP mal formé');
      const cfds = ref.rncpCfds(s);
      if (!cfds.length) return fail('RNCP', 'aucun CFD connu pour ce code RNCP');
      return fromCfds(out('RNCP'), cfds, duree);
    }
    if (/^[0-9]{7}[A-Z]$/i.test(s) && !(isCfd(up) && ref.isFormation(up))) {
      const problem = uaiProblem(s);
      if (problem) return fail('UAI', problem);
      const r = withUai(out('UAI'), s);
      const name = ref.etablissementName(s);
      if (name) r.libelle = name;
      return r;
    }
    if (isCfd(up)) {
      if (!ref.isFormation(up) && !ref.hasMefs(up)) return fail('CFD', 'code formation diplôme (CFD) absent du référentiel');
      return fromCfds(out('CFD'), [up], duree);
    }
    if (isMef10(s) || isMefstat11(up)) {
      const kind: InputKind = isMef10(s) ? 'MEF10' : 'MEFSTAT11';
      const e = ref.entryYear(up);
      if (!e) return fail(kind, 'MEF absent du référentiel');
      const r: ResolvedInput = { ...out(kind), cfd: [e.cfd] };
      const label = ref.formation(e.cfd)?.libelle;
      if (label) r.libelle = label;
      if (e.famille) r.famille = e.famille;
      if (e.final) {
        r.mefstat11 = [e.final.mefstat11];
        r.duree = e.final.duree;
      }
      return r;
    }
    return fail('inconnu', 'identifiant non reconnu (FOR.n, AF.n, ENS.n, UAI, CFD, MEF, MEFSTAT11, RNCP… ou gta:n attendu)');
  };
}
