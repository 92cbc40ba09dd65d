// Seeded generator of realistic-size Idéo actions (univers lycée, official JSON keys) and Parcoursup
// cartographie (MESR JSON export keys) files, to measure the index at the size the real ones give:
// ≈ 30,000 actions over ≈ 4,000 lycées. Same seed, same bytes. Writes only where it is told (a
// temporary folder); nothing it writes is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uaiCheckLetter } from '../../lib/codes';

/** mulberry32: a small, well-known 32-bit seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = ['Jean Jaurès', 'Victor Hugo', 'Marie Curie', 'Jules Ferry', 'Louise Michel', 'Gustave Eiffel', 'Condorcet', 'Voltaire', 'Paul Langevin', 'Simone Veil', 'Jean Moulin', 'Pierre Mendès France', 'Camille Claudel', 'Émile Zola', 'Antoine de Saint-Exupéry', 'Aristide Briand', 'Henri Wallon', 'Jacques Prévert', 'George Sand', 'Lavoisier'];
const KINDS = ['Lycée professionnel', 'Lycée polyvalent', 'Lycée général et technologique', 'Lycée professionnel privé', 'Lycée agricole', 'CFA'];
const TOWNS = ['Saint', 'Mont', 'Ville', 'Bourg', 'Font', 'Val', 'Roche', 'Beau', 'Neuf', 'Pont'];
const TOWNS2 = ['-sur-Loire', '-la-Forêt', '-en-Vallée', 'ville', '-le-Vieux', 'mont', '-de-Provence', '-les-Bains', '', '-sur-Mer'];
const MODES = ['temps plein', 'apprentissage', 'alternance sous statut scolaire'];
const TYPES: [string, string, number[]][] = [
  ['CAP', 'CAP', [1, 2, 3]],
  ['baccalauréat professionnel', 'bac pro', [3]],
  ['BTS', 'BTS', [2]],
  ['brevet professionnel', 'BP', [2]],
  ['mention complémentaire', 'MC', [1]],
  ['classe de 2de générale et technologique', 'seconde générale et technologique', [1]],
];
const TRADES = ['Métiers de la sécurité', 'Cuisine', 'Commerce', 'Électricien', 'Maintenance des véhicules', 'Accompagnant éducatif petite enfance', 'Boulanger', 'Menuisier fabricant', 'Gestion-administration', 'Systèmes numériques', 'Agent de propreté et d’hygiène', 'Coiffure', 'Métiers de l’hôtellerie', 'Charpentier bois', 'Opticien lunetier'];

export interface SyntheticOptions {
  seed?: number;
  actions?: number;
  lycees?: number;
  programmes?: number;
  gtas?: number;
}

/** Writes `onisep/ideo_actions_605340ddc19a9.json` and `parcoursup/…cartographie_formations_parcoursup.json` under `dir`. */
export function writeSyntheticSources(dir: string, { seed = 12, actions = 30_000, lycees = 4_000, programmes = 1_500, gtas = 14_000 }: SyntheticOptions = {}) {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const int = (n: number) => Math.floor(rnd() * n);

  const etabs = Array.from({ length: lycees }, (_, i) => {
    const dep = String(1 + int(95)).padStart(3, '0');
    const digits = `${dep}${String(1000 + i).padStart(4, '0')}`;
    const town = `${pick(TOWNS)}${pick(TOWNS2)}`;
    const cp = `${dep.slice(1)}${String(int(1000)).padStart(3, '0')}`;
    return {
      ens: 10_000 + i,
      uai: digits + uaiCheckLetter(digits),
      nom: `${pick(KINDS)} ${pick(PEOPLE)}`,
      commune: town,
      cp,
      lat: (42 + rnd() * 9).toFixed(6),
      lon: (-4 + rnd() * 12).toFixed(6),
    };
  });
  const fors = Array.from({ length: programmes }, (_, i) => {
    const [type, prefix, durees] = pick(TYPES);
    return { id: 100 + i * 7, type, libelle: `${prefix} ${pick(TRADES)}${i % 3 ? ` option ${i}` : ''}`, duree: pick(durees) };
  });
  const records = Array.from({ length: actions }, (_, i) => {
    const e = etabs[int(etabs.length)]!;
    const f = fors[int(fors.length)]!;
    return {
      action_de_formation_af_identifiant_onisep: `AF.${20_000 + i}`,
      formation_for_libelle: f.libelle,
      for_url_et_id_onisep: `https://www.onisep.fr/http/redirection/formation/slug/FOR.${f.id}`,
      for_type: f.type,
      lieu_denseignement_ens_libelle: e.nom,
      ens_url_et_id_onisep: `https://www.onisep.fr/http/redirection/etablissement/slug/ENS.${e.ens}`,
      ens_code_uai: e.uai,
      ens_statut: rnd() < 0.7 ? 'public' : 'privé sous contrat',
      ens_code_postal: e.cp,
      ens_commune: e.commune,
      ens_latitude: e.lat,
      ens_longitude: e.lon,
      af_duree_cycle_standard: `${f.duree} an${f.duree > 1 ? 's' : ''}`,
      af_modalites_scolarite: rnd() < 0.6 ? MODES[0]! : pick(MODES),
    };
  });
  const years = ['2024', '2025'];
  const carto = Array.from({ length: gtas }, (_, i) => {
    const e = etabs[int(etabs.length)]!;
    return { gta: 1000 + i, etab_uai: e.uai, etab_nom: e.nom, tf: pick(['BTS', 'BUT', 'Licence', 'CPGE']), nm: `${pick(['BTS', 'BUT', 'Licence'])} - ${pick(TRADES)}`, annee: pick(years) };
  });
  mkdirSync(join(dir, 'onisep'), { recursive: true });
  mkdirSync(join(dir, 'parcoursup'), { recursive: true });
  writeFileSync(join(dir, 'onisep/ideo_actions_605340ddc19a9.json'), JSON.stringify(records));
  writeFileSync(join(dir, 'parcoursup/fr-esr-cartographie_formations_parcoursup.json'), JSON.stringify(carto));
  return { actions: records.length, gtas: carto.length, lycees: etabs.length };
}
