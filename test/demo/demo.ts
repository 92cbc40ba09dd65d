// `npm run demo [-- options]` and `npm run screenshots`: see args.ts for the options, run.ts for the work.
import { USAGE, UsageError, parseDemoArgs } from './args';
import { isProblem, runDemo } from './run';

async function main(): Promise<number> {
  let options;
  try {
    options = parseDemoArgs(process.argv.slice(2), process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(`demo : ${e.message}\n`);
    console.error(USAGE);
    return e.message ? 2 : 0;
  }
  const results = await runDemo(options);
  const problems = results.filter(isProblem);
  if (problems.length) {
    console.error(`\n${problems.length} page(s) où l’extension n’a rien montré de juste : voir les lignes marquées ✗.`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`demo : ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
