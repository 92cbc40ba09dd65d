// Starts the mock InserJeunes API on the port the e2e build points at, for the whole run.
import { findChromium } from './chromium';
import { startMockApi } from '../mock-api/server';

export const E2E_MOCK_PORT = 7357;

/**
 * Each worker has its own mock (see fixtures.ts); this one serves the build's default URL, for pages
 * opened before a test sets its own. Another run already serving it on this machine is fine.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  findChromium(); // fails the run at once, with install instructions, when Chromium is missing
  try {
    const mock = await startMockApi({ port: E2E_MOCK_PORT });
    return () => mock.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return async () => undefined;
  }
}
