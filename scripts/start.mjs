#!/usr/bin/env node
// `npm start`: installs what is missing (npm dependencies; Prosody with apt when allowed, or
// says exactly what to run), then runs Sealpost locally: Prosody, the gateway and the web
// client, configured by SEALPOST_* variables (README.md). Ctrl-C stops everything.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeVersion, ensureNpmDependencies, ensureProsody, ensureWebclientBuilt } from './lib/bootstrap.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureNodeVersion();
await ensureNpmDependencies(root);
ensureProsody();
ensureWebclientBuilt(root);
const { register } = await import('tsx/esm/api');
register();
await import('./stack/runLocal.ts');
