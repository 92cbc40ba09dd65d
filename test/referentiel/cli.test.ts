import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input?: string) =>
  spawnSync('npx', ['tsx', 'lib/referentiel/cli.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, REFERENTIEL_SRC: '' } });

describe('referentiel CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ref-cli-'));
  const out = join(dir, 'referentiel.json');

  it('build, --auto skip, resolve on stdin, stats', () => {
    const b = run(['build', '--from', 'test/fixtures/referentiel', '--out', out]);
    expect(b.status).toBe(0);
    expect(b.stderr).toMatch(/écrit/);
    const mtime = statSync(out).mtimeMs;
    const auto = run(['build', '--auto', '--from', 'test/fixtures/referentiel', '--out', out]);
    expect(auto.stderr).toMatch(/à jour/);
    expect(statSync(out).mtimeMs).toBe(mtime);

    const lines = Array.from({ length: 3000 }, (_, i) => ['FOR.3651', '0693045A', 'FOR.578+1'][i % 3]).join('\n');
    const res = execFileSync('npx', ['tsx', 'lib/referentiel/cli.ts', 'resolve', '--index', out], { input: lines, encoding: 'utf8' });
    const rows = res.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3000);
    expect(rows[0]).toMatchObject({ input: 'FOR.3651', kind: 'FOR', cfd: ['40034403'], mefstat11: ['23830034403'], ambiguous: false });
    expect(rows[1].error).toMatch(/lettre de contrôle/);
    expect(rows[2].mefstat11).toEqual(['32111033107']);

    const s = run(['stats', '--index', out]);
    expect(s.stdout).toMatch(/mefs: 26/);
    expect(s.stdout).toMatch(/Codes RNCP menant à un CFD : \d+ \/ \d+/);
  }, 60_000);

  it('resolve puts the final year users mean first and says the length was assumed; stats lists what stays ambiguous and why', () => {
    const rules = join(dir, 'rules.json');
    expect(run(['build', '--from', 'test/fixtures/referentiel/rules', '--out', rules]).status).toBe(0);
    const res = execFileSync('npx', ['tsx', 'lib/referentiel/cli.ts', 'resolve', '--index', rules], { input: 'FOR.320\nFOR.320+1\n', encoding: 'utf8' });
    const [assumed, told] = res.trim().split('\n').map((l) => JSON.parse(l));
    expect(assumed).toMatchObject({ mefstat11: ['23220034307', '23110034307', '23330034307'], ambiguous: false, duree: 2, dureeSource: 'standard' });
    expect(told).toMatchObject({ mefstat11: ['23110034307'], duree: 1, dureeSource: 'page' });
    const s = run(['stats', '--index', rules]).stdout;
    expect(s).toMatch(/menant à exactement une dernière année : 8 \/ 9 \(88\.9 %\), dont 5 à la durée habituelle/);
    expect(s).toMatch(/FOR\.3679 BTSA « .* » — plusieurs diplômes \(CFD\) que la BCN ne relie pas/);
    expect(s).not.toMatch(/FOR\.9010|FOR\.9002/); // a title and a BT: outside the population
  }, 120_000);

  it('a malformed source: exit 1, message names file:line:column, no output', () => {
    const bad = mkdtempSync(join(tmpdir(), 'ref-bad-'));
    execFileSync('cp', ['-r', 'test/fixtures/referentiel/.', bad]);
    execFileSync('cp', ['test/fixtures/referentiel/variants/n_mef_malformed.csv', join(bad, 'bcn/n_mef.csv')]);
    const r = run(['build', '--from', bad, '--out', join(bad, 'o.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bcn\/n_mef\.csv:4:10/);
    expect(() => statSync(join(bad, 'o.json'))).toThrow();
  }, 30_000);
});
