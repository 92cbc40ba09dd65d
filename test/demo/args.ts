// The demo's command line: `npm run demo [-- options]`, `npm run screenshots`.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';

export interface DemoOptions {
  /** Only the README's pictures, into `test/demo/screenshots/`; never a window. */
  screenshotsOnly: boolean;
  /** A visible browser window to browse the pages by hand, instead of pictures. */
  headed: boolean;
  /** Where the pictures go. */
  outDir: string;
  /** Fixture pages (`site/case`) to show instead of all of them. */
  only: string[];
}

export const DEMO_OUT = resolve('.output/demo');
export const README_OUT = resolve('test/demo/screenshots');

export const USAGE = `Usage : npm run demo [-- --headed | --headless] [--only site/cas,...] [--out DOSSIER]
        npm run screenshots

  --headed        ouvre une fenêtre de Chromium pour naviguer à la main (par défaut quand un écran est disponible)
  --headless      sans fenêtre : une capture par page dans ${DEMO_OUT}
  --only          seulement ces pages, par exemple --only onisep/action,parcoursup/carte
  --out           dossier des captures
  --screenshots-only  régénère les images du README dans ${README_OUT}`;

export class UsageError extends Error {}

/** `display` is the value of $DISPLAY or $WAYLAND_DISPLAY: without one, a window cannot open. */
export function parseDemoArgs(argv: readonly string[], display: string | undefined): DemoOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'screenshots-only': { type: 'boolean', default: false },
        headed: { type: 'boolean' },
        headless: { type: 'boolean' },
        only: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) throw new UsageError('');
  if (v.headed && v.headless) throw new UsageError('--headed et --headless ne vont pas ensemble.');
  const screenshotsOnly = v['screenshots-only'] ?? false;
  if (screenshotsOnly && v.headed) throw new UsageError('--screenshots-only prend des captures sans fenêtre : retirez --headed.');
  if (screenshotsOnly && v.only?.length) throw new UsageError('--screenshots-only produit toujours les mêmes images : retirez --only.');
  if (v.headed && !display) throw new UsageError('--headed demande un écran (variable DISPLAY) : aucun ici. Lancez sans --headed pour des captures.');
  const headed = !screenshotsOnly && (v.headed ?? (!v.headless && !!display));
  const only = (v.only ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return {
    screenshotsOnly,
    headed,
    outDir: v.out ? resolve(v.out) : screenshotsOnly ? README_OUT : DEMO_OUT,
    only,
  };
}
