#!/usr/bin/env node
// `npm test`: the whole suite. Type-checks every workspace, then runs every ava test
// (unit, integration, security, end-to-end) and ends with one summary line:
//   "test: N passed, N failed, N skipped"
// Extra arguments go to ava (e.g. `npm test -- tests/foundation/health.test.ts`).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebPackages, ensureNodeVersion, ensureNpmDependencies, ensureProsody, ensureWebclientBuilt, TEST_PACKAGES } from './lib/bootstrap.mjs';
import { projects, typecheck } from './typecheck.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureNodeVersion();
await ensureNpmDependencies(root);
ensureProsody();
ensureDebPackages(TEST_PACKAGES, 'the test suite');
ensureWebclientBuilt(root);

const failedProjects = typecheck();
if (failedProjects.length) {
  console.error(`test: type errors in ${failedProjects.join(', ')}`);
  console.log('test: 0 passed, 1 failed');
  process.exit(1);
}
console.log(`typecheck: ${projects.join(', ')} ok`);

const ava = join(root, 'node_modules/ava/entrypoints/cli.mjs');
const args = [ava, '--tap', ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
let passed = 0, failed = 0, skipped = 0, todo = 0, buffer = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk;
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    if (/^ok \d+/.test(line)) {
      if (/# SKIP/i.test(line)) skipped++;
      else if (/# TODO/i.test(line)) todo++;
      else passed++;
    } else if (/^not ok \d+/.test(line)) {
      if (/# TODO/i.test(line)) todo++;
      else failed++;
    }
  }
});
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
if (code !== 0 && failed === 0) failed = 1; // ava itself failed (crash, no tests found...)
if (passed === 0 && failed === 0) failed = 1; // a suite that ran nothing is not a pass
console.log(`\ntest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${todo ? `, ${todo} todo` : ''}`);
process.exit(failed > 0 ? 1 : 0);
