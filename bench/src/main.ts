// `npm run bench`: runs every suite in ./suites (or those named on the command line,
// e.g. `npm run bench -- ox`) and prints each suite's table. Speed and memory targets live
// here, never in timed tests.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchSuite {
  /** Human title printed above the results. */
  title: string;
  /** Runs the measurements and prints its own table; throws on failure. */
  run(): Promise<void>;
}

const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const wanted = process.argv.slice(2);
const files = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.ts')))
  .sort();

let failures = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(suitesDir, file)).href)) as { suite: BenchSuite };
  console.log(`\n## ${mod.suite.title} (${file})`);
  try {
    await mod.suite.run();
  } catch (err) {
    failures++;
    console.error(`bench ${file} failed:`, err);
  }
}
process.exit(failures ? 1 : 0);
