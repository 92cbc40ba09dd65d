// `npm run -s browsers [-- chromium firefox]`: makes sure the end-to-end tests have their browsers (see find-or-install.ts).
import { BrowserMissing, SPECS, findOrInstall, realHost, type BrowserName } from './find-or-install';

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(a in SPECS));
if (unknown.length) {
  console.error(`browsers : navigateur inconnu « ${unknown.join(', ')} » (connus : ${Object.keys(SPECS).join(', ')}).`);
  process.exit(2);
}
const browsers = (asked.length ? asked : ['chromium']) as BrowserName[];

try {
  for (const browser of browsers) realHost.log(`${SPECS[browser].label} : ${await findOrInstall(browser, realHost)}`);
} catch (e) {
  if (!(e instanceof BrowserMissing)) throw e;
  console.error(`\n${e.message}\n`);
  process.exit(1);
}
