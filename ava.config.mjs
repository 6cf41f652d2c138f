// One ava configuration for the whole suite: co-located unit tests (`*/src/**/*.test.ts`)
// and the integration, security and end-to-end tests under `tests/`.
// TypeScript runs through tsx; each test file gets its own process (native modules, child
// processes such as Prosody), two at a time on these 2-core machines.
import { fileURLToPath } from 'node:url';

export default {
  // Node clients in tests trust the test certificate that the harness gives Prosody.
  environmentVariables: {
    NODE_EXTRA_CA_CERTS: fileURLToPath(new URL('tests/fixtures/tls/localhost.crt', import.meta.url)),
  },
  files: [
    'protocol/src/**/*.test.ts',
    'gateway/src/**/*.test.ts',
    'webclient/src/**/*.test.ts',
    'tests/**/*.test.ts',
  ],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  concurrency: 2,
  timeout: '120s',
};
