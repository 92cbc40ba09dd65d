// Makes sure Chromium is there, and starts the mock InserJeunes API on the port the e2e build points at, for the whole run.
import { findOrInstallChromium } from '../browsers/find-or-install';
import { startMockApi } from '../mock-api/server';

export const E2E_MOCK_PORT = 7357;

/**
 * Each worker has its own mock (see fixtures.ts); this one serves the build's default URL, for pages
 * opened before a test sets its own. Another run already serving it on this machine is fine.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await findOrInstallChromium(); // installs it when missing, or fails the run at once saying what to run
  try {
    const mock = await startMockApi({ port: E2E_MOCK_PORT });
    return () => mock.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return async () => undefined;
  }
}
