// `npm run mock-api [-- --port N --latency MS --failure MODE]`: starts the mock API alone, prints
// its URL and example requests, and stops on SIGINT/SIGTERM.

import { parseArgs } from 'node:util';
import { EXAMPLE_PATHS } from './dataset';
import { MOCK_FAILURES, startMockApi, type MockFailure } from './server';

export const DEFAULT_PORT = 7357;

function fail(message: string): never {
  console.error(`mock-api: ${message}`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string', default: '0' },
      failure: { type: 'string', default: 'none' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port: ${values.port}`);
  const latencyMs = Number(values.latency);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) fail(`invalid --latency: ${values.latency}`);
  if (!MOCK_FAILURES.includes(values.failure as MockFailure)) fail(`--failure must be one of ${MOCK_FAILURES.join(', ')}`);

  const api = await startMockApi({ port, host: values.host, latencyMs, failure: values.failure as MockFailure });
  console.log(`Mock InserJeunes API: ${api.url}`);
  if (latencyMs > 0 || values.failure !== 'none') console.log(`  latency ${latencyMs} ms, failure ${values.failure}`);
  console.log('Examples:');
  for (const { path, what } of EXAMPLE_PATHS) console.log(`  ${api.url}${path}  (${what})`);
  console.log(`Control: POST ${api.origin}/__mock/config, GET ${api.origin}/__mock/requests, POST ${api.origin}/__mock/reset`);

  const stop = (signal: string) => {
    console.log(`mock-api: ${signal}, stopping`);
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
