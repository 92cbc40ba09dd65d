// Finding programmes by their words: a typed search (popup, Onisep slugs) and a page title matched to
// the one programme it names. An inverted index from words to labels, built on first use.
import type { ProgrammeRow, ReferentielIndex } from './format';
import type { SearchHit } from './query-types';
import { words } from './text';

interface Entry {
  for?: string;
  cfd: string[];
  libelle: string;
  words: Set<string>;
}

const STOP = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'a', 'au', 'aux', 'option', 'specialite']);
const split = (s: string) => (s ? s.split(' ') : []);

export interface LabelSearch {
  search(text: string, limit?: number): SearchHit[];
  matchLabel(text: string): SearchHit | undefined;
}

/** `cfdsOf` gives a programme's diplomas as the referentiel answers them (renovated ones merged). */
export function createLabelSearch(
  ix: ReferentielIndex,
  isOpen: (fermeture: string) => boolean,
  cfdsOf: (p: ProgrammeRow) => string[],
): LabelSearch {
  let built: { entries: Entry[]; byWord: Map<string, number[]> } | undefined;
  const searchIndex = () => (built ??= buildSearchIndex(ix, isOpen, cfdsOf));

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
    let best: { hit: SearchHit; precision: number } | undefined;
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
        const better = !best || precision > best.precision || (precision === best.precision && !!e.for && !best.hit.for);
        if (better) {
          tie = false;
          best = { hit: { ...(e.for ? { for: e.for } : {}), cfd: e.cfd, libelle: e.libelle, score: precision }, precision };
        } else if (precision === best!.precision && !!e.for === !!best!.hit.for && e.cfd.join() !== best!.hit.cfd.join()) {
          tie = true;
        }
      }
    }
    return best && !tie ? best.hit : undefined;
  }

  return { search, matchLabel };
}

function buildSearchIndex(ix: ReferentielIndex, isOpen: (fermeture: string) => boolean, cfdsOf: (p: ProgrammeRow) => string[]) {
  const entries: Entry[] = [];
  const coveredCfds = new Set<string>();
  for (const p of ix.programmes) {
    if (!p[1]) continue;
    entries.push({ for: `FOR.${p[0]}`, cfd: cfdsOf(p), libelle: p[1], words: new Set(words(p[1])) });
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
}
