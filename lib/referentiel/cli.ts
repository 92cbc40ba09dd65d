// `npm run referentiel -- <command>`: build the index from open data, resolve identifiers, print stats.
//   build [--from DIR] [--cache DIR] [--out FILE] [--require] [--auto]
//     without --from: downloads into the cache folder (default .cache/referentiel) first; the
//     environment variable REFERENTIEL_DOWNLOAD_ORIGIN serves every source from another origin.
//   resolve [--index FILE]        one identifier per line on stdin → one JSON line per input
//   stats [--index FILE]
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve as resolvePath } from 'node:path';
import { buildIndex, findSources, sourcesStamp, writeIndexFile } from './build';
import { downloadSources } from './download';
import { INDEX_VERSION } from './format';
import { createReferentiel, IndexError, type Referentiel } from './open-referentiel';
import { SourceError } from './table';
import { computeStats, IN_SCOPE_DIPLOMAS, OTHER_STANDARD_DIPLOMAS, type Coverage } from './stats';
import type { AmbiguityReason } from './query-types';

export const DEFAULT_OUT = 'public/referentiel.json';
export const CACHE_DIR = '.cache/referentiel';

interface Args {
  command: string;
  from?: string;
  cache: string;
  out: string;
  index: string;
  require: boolean;
  auto: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { command: argv[0] ?? '', cache: CACHE_DIR, out: DEFAULT_OUT, index: DEFAULT_OUT, require: false, auto: false };
  for (let i = 1; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (!x) throw new UsageError(`valeur manquante après ${k}`);
      return x;
    };
    if (k === '--from') a.from = v();
    else if (k === '--cache') a.cache = v();
    else if (k === '--out') a.out = v();
    else if (k === '--index') a.index = v();
    else if (k === '--require') a.require = true;
    else if (k === '--auto') a.auto = true;
    else throw new UsageError(`option inconnue : ${k}`);
  }
  return a;
}

class UsageError extends Error {}

const CHANGED_FORMAT =
  'la source a changé de format. Retrouver la colonne manquante sous son nouveau nom parmi les colonnes présentes et ' +
  'l’ajouter aux noms acceptés par le parser de cette source (lib/referentiel/ministry-parsers.ts ou catalogue-parsers.ts) ; ' +
  'en attendant, construire avec --from DIR depuis une copie au format précédent.';
const MALFORMED =
  'le fichier est tronqué ou corrompu. Le supprimer et relancer la construction pour le télécharger de nouveau, ou le remplacer à la main.';

const log = (s: string) => process.stderr.write(`referentiel: ${s}\n`);

function storedStamp(out: string): string | undefined {
  try {
    const ix = JSON.parse(readFileSync(out, 'utf8')) as { version?: number; stamp?: string };
    return ix.version === INDEX_VERSION ? ix.stamp : undefined;
  } catch {
    return undefined;
  }
}

async function build(a: Args): Promise<number> {
  let dir = a.from ?? (a.auto ? process.env.REFERENTIEL_SRC || undefined : undefined);
  if (!dir) {
    dir = a.cache;
    log(`téléchargement des sources dans ${dir}…`);
    const origin = process.env.REFERENTIEL_DOWNLOAD_ORIGIN || '';
    const r = await downloadSources(dir, { timeoutMs: a.auto ? 5_000 : 60_000, origin });
    if (r.downloaded.length) log(`téléchargé(s) : ${r.downloaded.join(', ')}`);
    if (r.cached.length) log(`déjà en cache : ${r.cached.join(', ')}`);
    if (r.offline) log(`pas de réseau : construction avec ce qui est en cache (${r.cached.length} fichier(s)).`);
    else for (const f of r.failed) log(`échec du téléchargement de ${f.file} : ${f.reason}`);
  }
  dir = resolvePath(dir);
  const { found, missing } = findSources(dir);
  if (a.require && missing.length) {
    log(`sources manquantes (--require) : ${missing.join(', ')}`);
    return 1;
  }
  if (a.auto && existsSync(a.out) && storedStamp(a.out) === sourcesStamp(found)) {
    log(`${a.out} est à jour (mêmes sources), construction sautée.`);
    return 0;
  }
  const t0 = performance.now();
  let index;
  try {
    index = buildIndex(dir).index;
  } catch (e) {
    if (e instanceof SourceError) {
      log(`fichier mal formé, construction arrêtée : ${join(dir, e.file)}:${e.line}:${e.column}: ${e.reason}`);
      log(`que faire : ${typeof e.column === 'string' ? CHANGED_FORMAT : MALFORMED}`);
      return 1;
    }
    throw e;
  }
  const bytes = writeIndexFile(index, a.out);
  log('sources utilisées :');
  for (const x of index.sources) log(`  ${x.name} — ${x.file} (${x.date}) : ${x.rows} lignes`);
  for (const m of missing) log(`source absente, partie vide : ${m}`);
  log(`${a.out} écrit (${(bytes / 1024).toFixed(0)} Ko, ${index.sources.length} fichier(s) source, ${Math.round(performance.now() - t0)} ms).`);
  return 0;
}

function load(file: string): Referentiel {
  if (!existsSync(file)) throw new UsageError(`${file} introuvable : lancer d’abord « npm run referentiel -- build »`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new IndexError(`Référentiel ${file} illisible, tronqué ou corrompu (${(e as Error).message}). Le reconstruire avec « npm run referentiel -- build ».`);
  }
  return createReferentiel(parsed);
}

async function resolveStdin(a: Args): Promise<number> {
  const ref = load(a.index);
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let buf: string[] = [];
  const flush = async () => {
    if (!buf.length) return;
    const chunk = buf.join('');
    buf = [];
    if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
  };
  for await (const line of rl) {
    if (!line.trim()) continue;
    buf.push(JSON.stringify(ref.resolveInput(line.trim())) + '\n');
    if (buf.length >= 2000) await flush();
  }
  await flush();
  return 0;
}

const REASONS: Record<AmbiguityReason, string> = {
  'sans-cfd': 'aucun CFD connu',
  'sans-derniere-annee': 'aucune dernière année dans N_MEF',
  'plusieurs-diplomes': 'plusieurs diplômes (CFD) que la BCN ne relie pas',
  'plusieurs-codes': 'plusieurs MEFSTAT11 de même durée',
  'plusieurs-durees': 'plusieurs durées, aucune connue ni habituelle',
};

function coverageLines(title: string, c: Coverage, listAll: boolean): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `${title} : ${c.total} formations (FOR)`,
    `  menant à exactement une dernière année : ${c.exactlyOne} / ${c.total} (${pct(c.exactlyOneShare)}), dont ${c.assumedLength} à la durée habituelle du diplôme (durée supposée)`,
    `  menant à au moins une dernière année : ${c.reaching} / ${c.total}`,
    ...(c.famille ? [`  2de commune (toute la famille de métiers) : ${c.famille}`] : []),
    `  par diplôme : ${Object.entries(c.byDiploma).map(([d, x]) => `${d} ${x.exactlyOne}/${x.total}`).join(', ')}`,
    `  sans exactement une dernière année : ${c.unresolved.length}`,
    ...Object.entries(c.byReason).map(([r, n]) => `    ${REASONS[r as AmbiguityReason]} : ${n}`),
  ];
  if (listAll) {
    for (const u of c.unresolved) {
      lines.push(`    ${u.for} ${u.diplome} « ${u.libelle} » — ${REASONS[u.reason]} (CFD ${u.cfd.join(' ') || '—'} → ${u.mefstat11.join(' ') || '—'})`);
    }
  }
  return lines;
}

function stats(a: Args): number {
  const ref = load(a.index);
  const s = computeStats(ref);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `Référentiel version ${ref.version}, construit le ${ref.builtAt}`,
    'Sources :',
    ...ref.sources.map((x) => `  ${x.name} — ${x.file} (${x.date}, ${x.licence}) : ${x.rows} lignes`),
    ...(ref.missing.length ? [`Sources absentes : ${ref.missing.join(', ')}`] : []),
    'Tables :',
    ...Object.entries(s.counts).map(([k, v]) => `  ${k}: ${v}`),
    ...coverageLines(`Champ (${[...new Set(Object.values(IN_SCOPE_DIPLOMAS))].join(', ')})`, s.programmes, true),
    ...coverageLines(`Hors champ, avec une durée habituelle (${[...new Set(Object.values(OTHER_STANDARD_DIPLOMAS))].join(', ')})`, s.otherProgrammes, false),
    `CFD du champ ayant une dernière année dans N_MEF, avec un seul MEFSTAT11 sans durée donnée : ${s.cfdUnambiguous} / ${s.cfdTotal} (${pct(s.cfdUnambiguousShare)})`,
    `Codes RNCP menant à un CFD : ${s.rncpReaching} / ${s.rncpTotal} (${pct(s.rncpReachingShare)})`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const a = parseArgs(argv);
    if (a.command === 'build') return await build(a);
    if (a.command === 'resolve') return await resolveStdin(a);
    if (a.command === 'stats') return stats(a);
    throw new UsageError('usage : referentiel build [--from DIR] [--out FILE] [--require] [--auto] | resolve [--index FILE] | stats [--index FILE]');
  } catch (e) {
    if (e instanceof SourceError) log(`fichier mal formé, construction arrêtée : ${e.message}`);
    else if (e instanceof UsageError || (e as Error).name === 'IndexError') log((e as Error).message);
    else throw e;
    return 1;
  }
}

if (process.argv[1] && /referentiel[/\\]cli\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
