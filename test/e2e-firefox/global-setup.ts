// Fails the Firefox run at once, with instructions, when Firefox or the Firefox e2e build is missing.
import { assertFirefoxBuild, findFirefox } from './firefox';

export default function globalSetup(): void {
  findFirefox();
  assertFirefoxBuild();
}
