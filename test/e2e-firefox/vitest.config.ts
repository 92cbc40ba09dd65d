// The Firefox end-to-end suite: Debian's Firefox ESR with the Firefox e2e build (API → mock on 127.0.0.1:7358).
// Vitest runs it rather than Playwright's runner: puppeteer pages do not plug into Playwright's
// fixtures and auto-waiting expect, and vitest's expect.poll gives the same retrying assertions.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e-firefox/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['test/e2e-firefox/global-setup.ts'],
    // One Firefox for the whole suite: files one after the other, in one process.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 60_000,
    // beforeAll may wait for another run's mock to free the port (firefox.ts), then starts Firefox.
    hookTimeout: 150_000,
    // Under a loaded machine a panel may take several seconds; the extension's own deadline is 15 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/e2e-firefox.json' },
  },
});
