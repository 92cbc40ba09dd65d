// Starts the mock InserJeunes API on the port the e2e build points at, for the whole run.
import { findChromium } from './chromium';
import { startMockApi } from '../mock-api/server';

export const E2E_MOCK_PORT = 7357;

export default async function globalSetup(): Promise<() => Promise<void>> {
  findChromium(); // fails the run at once, with install instructions, when Chromium is missing
  const mock = await startMockApi({ port: E2E_MOCK_PORT });
  return () => mock.close();
}
