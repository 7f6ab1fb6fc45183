/**
 * The product compiled once to JavaScript for the child processes the tests start: `node
 * --import tsx` compiles every module again in each child (seconds on a loaded 2-core
 * machine), so the CLI and server tests run a CommonJS copy made with @swc/core instead.
 * The copy is keyed by the sources' paths, sizes and modification times: an edit makes a new
 * one, and two jest workers building the same copy at once both end up using the first.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformFileSync } from '@swc/core';

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['bot', 'dialogs', 'jobs', 'pipeline', 'integrations', 'models', 'prompts', 'test/helpers'];
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'relance-compiled');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(p);
    return [p];
  });
}

let built: string | undefined;

/** The folder holding the compiled copy of the product (built on first use). */
export function compiledRoot(): string {
  if (built) return built;
  const files = [...SOURCES.flatMap((d) => filesUnder(path.join(ROOT, d))), path.join(ROOT, 'package.json')];
  const hash = createHash('sha1');
  for (const f of files) {
    const st = fs.statSync(f);
    hash.update(`${path.relative(ROOT, f)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  const out = path.join(CACHE, hash.digest('hex').slice(0, 16));
  if (!fs.existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const f of files) {
      const rel = path.relative(ROOT, f);
      const ts = /\.ts$/.test(rel) && !rel.endsWith('.d.ts');
      const target = path.join(tmp, ts ? rel.replace(/\.ts$/, '.js') : rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (!ts) {
        fs.copyFileSync(f, target);
        continue;
      }
      const { code } = transformFileSync(f, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      });
      fs.writeFileSync(target, code);
    }
    try {
      fs.renameSync(tmp, out);
    } catch {
      // Another worker got there first: its copy is the same.
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  built = out;
  return out;
}

/** The compiled file for a product entry point such as `bot/cli.ts`. */
export function compiledEntry(entry: string): string {
  return path.join(compiledRoot(), entry.replace(/\.ts$/, '.js'));
}
