import { describe, expect, it } from 'vitest';
import { DEMO_OUT, README_OUT, UsageError, parseDemoArgs } from './args';

describe('demo command line', () => {
  it('takes pictures of every page into .output/demo when no screen is there', () => {
    expect(parseDemoArgs([], undefined)).toEqual({ screenshotsOnly: false, headed: false, outDir: DEMO_OUT, only: [] });
  });

  it('opens a window when a screen is there, unless told --headless', () => {
    expect(parseDemoArgs([], ':0').headed).toBe(true);
    expect(parseDemoArgs(['--headless'], ':0').headed).toBe(false);
  });

  it('--screenshots-only writes the README pictures, never in a window', () => {
    expect(parseDemoArgs(['--screenshots-only'], ':0')).toEqual({ screenshotsOnly: true, headed: false, outDir: README_OUT, only: [] });
  });

  it('splits --only on commas and repeats, and resolves --out', () => {
    const o = parseDemoArgs(['--only', 'onisep/action, parcoursup/carte', '--only=affelnet/liste-offres', '--out', 'x/y'], undefined);
    expect(o.only).toEqual(['onisep/action', 'parcoursup/carte', 'affelnet/liste-offres']);
    expect(o.outDir).toMatch(/\/x\/y$/);
  });

  it.each([
    [['--headed'], undefined, /écran/],
    [['--headed', '--headless'], ':0', /ne vont pas ensemble/],
    [['--screenshots-only', '--headed'], ':0', /--headed/],
    [['--screenshots-only', '--only', 'onisep/action'], undefined, /--only/],
    [['--nope'], undefined, /nope/],
    [['page'], undefined, /page/],
  ])('refuses %j', (argv, display, message) => {
    expect(() => parseDemoArgs(argv, display)).toThrow(UsageError);
    expect(() => parseDemoArgs(argv, display)).toThrow(message);
  });

  it('--help is a usage error without a message (exit 0)', () => {
    expect(() => parseDemoArgs(['--help'], undefined)).toThrow(new UsageError(''));
  });
});
