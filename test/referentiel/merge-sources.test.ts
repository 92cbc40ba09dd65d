// Sources merge; none erases another (issue 12): a build from several catalogues at once keeps every
// link each of them gives alone. Fixtures in the official formats: test/fixtures/referentiel/rules.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../lib/referentiel/build';
import { createReferentiel, type Referentiel } from '../../lib/referentiel/open-referentiel';

const RULES = 'test/fixtures/referentiel/rules';
const NOW = new Date('2026-01-01');
const CATALOGUES = ['onisep/certif_info.csv', 'onisep/ideo_formations_initiales_5fa591127f501.json', 'onisep/ideo_actions_605340ddc19a9.json'];

/** A source folder with the BCN tables and only the given catalogues. */
function folderWith(catalogues: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ref-merge-'));
  cpSync(join(RULES, 'bcn'), join(dir, 'bcn'), { recursive: true });
  for (const c of catalogues) cpSync(join(RULES, c), join(dir, c));
  return dir;
}

function build(catalogues: string[]): Referentiel {
  const dir = folderWith(catalogues);
  try {
    return createReferentiel(buildIndex(dir, NOW).index, { now: NOW });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every link a referentiel holds, as comparable strings. */
function links(ref: Referentiel): Set<string> {
  const out = new Set<string>();
  for (const id of ref.keys().fors) {
    const p = ref.programme(id)!;
    for (const cfd of [...p.cfd, ...p.replaced]) out.add(`${id} → CFD ${cfd}`);
    for (const rncp of p.rncp) {
      out.add(`${id} → RNCP${rncp}`);
      for (const cfd of ref.rncpCfds(rncp)) out.add(`RNCP${rncp} → CFD ${cfd}`);
    }
    if (p.libelle) out.add(`${id} has a label`);
  }
  for (const uai of ['0693045K', '0751234J', '0170029P']) {
    for (const a of ref.actionsAt(uai)) out.add(`${a.af} → ${a.for} at ${uai} in ${a.duree} years, ${a.ens} → ${ref.ensUai(a.ens!)}`);
  }
  return out;
}

describe('sources merge', () => {
  it('a build from every catalogue keeps each link that each catalogue gives alone', () => {
    const all = links(build(CATALOGUES));
    for (const c of CATALOGUES) {
      const alone = [...links(build([c]))];
      expect(alone.length).toBeGreaterThan(0);
      expect(alone.filter((l) => !all.has(l)), `links of ${c} lost when all sources are built together`).toEqual([]);
    }
  });

  it('FOR.1399: the CFD Certif Info gives survives an Idéo actions file and an Idéo formation without code_scolarite', () => {
    const ref = build(CATALOGUES);
    expect(ref.programme('FOR.1399')).toMatchObject({ cfd: ['50021203'], durees: [2] });
    expect(ref.resolveInput('FOR.1399')).toMatchObject({ cfd: ['50021203'], mefstat11: ['23220021203'], ambiguous: false });
    expect(ref.resolveInput('FOR.1399').error).toBeUndefined();
    expect(ref.resolveInput('AF.7004')).toMatchObject({ cfd: ['50021203'], uai: '0170029P', mefstat11: ['23220021203'] });
  });
});
