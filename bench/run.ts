/**
 * `npm run bench -- <name>`: runs bench/<name>.ts, which prints its figures beside their targets.
 * Benchmarks are measurements, not tests: they never fail a build.
 */
import fs from 'node:fs';
import path from 'node:path';

const name = process.argv[2];
const available = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}>\n`);
  process.exit(2);
}
require(path.join(__dirname, `${name}.ts`));
