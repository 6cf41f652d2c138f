#!/usr/bin/env node
// `npm run typecheck`: type-checks every workspace (each has its own tsconfig.json).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const projects = ['protocol', 'gateway', 'webclient', 'scripts', 'tests', 'bench'].filter((p) => existsSync(join(root, p, 'tsconfig.json')));

/** Returns the projects with type errors (their errors are printed). */
export function typecheck() {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  return projects.filter((p) => spawnSync(process.execPath, [tsc, '-p', join(root, p)], { stdio: 'inherit' }).status !== 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = typecheck();
  console.log(failed.length ? `typecheck: errors in ${failed.join(', ')}` : `typecheck: ${projects.join(', ')} ok`);
  process.exit(failed.length ? 1 : 0);
}
