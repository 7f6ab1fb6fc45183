/**
 * The architecture's "nevers", enforced (README, Architecture): the product's rooms never import
 * a channel SDK, restify or `bot/`; `prompts/` never imports the code that uses it; `models/`
 * imports nothing of the rest; `integrations/` never reaches into the conversations or jobs;
 * `dialogs/` never imports the jobs or the turn pipeline (they call it, not the reverse); the
 * embedded engine imports nothing of the product; botbuilder stays in the Bot Framework edges
 * and Slack's SDK in the Slack edge.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/process';

const CHANNEL_MODULES = [
  /^@slack\//,
  /^botbuilder/,
  /^botframework-/,
  /^restify/,
  /^@microsoft\/agents-/,
  /^adaptivecards/,
];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const re =
    /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of src.matchAll(re)) found.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return found;
}

/** True when the relative import `spec` of `file` lands in (or is) the folder `dir`. */
function reaches(file: string, spec: string, dir: string): boolean {
  const target = path.resolve(path.dirname(file), spec);
  return target === dir || target.startsWith(dir + path.sep);
}

/**
 * Every import in `dirs` (under root) that reaches one of the `forbiddenDirs` or a package
 * matching `modules`; files under `except` are not checked.
 */
function violations(
  root: string,
  dirs: string[],
  forbiddenDirs: string[],
  modules: RegExp[] = CHANNEL_MODULES,
  except: string[] = [],
): string[] {
  const forbidden = forbiddenDirs.map((d) => path.join(root, d));
  const skipped = except.map((d) => path.join(root, d) + path.sep);
  return dirs.flatMap((d) =>
    sourceFiles(path.join(root, d))
      .filter((file) => !skipped.some((e) => file.startsWith(e)))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) =>
            spec.startsWith('.')
              ? forbidden.some((dir) => reaches(file, spec, dir))
              : modules.some((m) => m.test(spec)),
          )
          .map((spec) => `${path.relative(root, file)} imports ${spec}`),
      ),
  );
}

describe('the architecture boundary', () => {
  it('keeps dialogs/, jobs/, pipeline/, models/ and prompts/ free of channel SDKs, restify and bot/', () => {
    expect(violations(ROOT, ['dialogs', 'jobs', 'pipeline', 'models', 'prompts'], ['bot'])).toEqual([]);
  });

  it('keeps prompts/ to prompt texts and their schemas: it never imports the code that uses them', () => {
    expect(violations(ROOT, ['prompts'], ['dialogs', 'jobs', 'pipeline', 'integrations', 'bot'])).toEqual([]);
  });

  it('keeps models/ (data and pure rules) free of everything above it', () => {
    expect(
      violations(ROOT, ['models'], ['dialogs', 'jobs', 'pipeline', 'prompts', 'integrations', 'bot']),
    ).toEqual([]);
  });

  it('keeps integrations/ (the outside world) out of the conversations, the jobs and the pipeline', () => {
    expect(violations(ROOT, ['integrations'], ['dialogs', 'jobs', 'pipeline', 'bot'])).toEqual([]);
  });

  it('keeps dialogs/ below the jobs and the turn pipeline (they call the dialogs, never the reverse)', () => {
    expect(violations(ROOT, ['dialogs'], ['jobs', 'pipeline'], [])).toEqual([]);
  });

  it('keeps the jobs off the turn pipeline: they reach people through the Notifier port only', () => {
    expect(violations(ROOT, ['jobs'], ['pipeline'], [])).toEqual([]);
  });

  it('keeps botbuilder inside the Bot Framework edges of bot/ (Teams, web chat, their shared turn)', () => {
    const bf = [/^botbuilder/, /^botframework-/];
    expect(
      violations(ROOT, ['bot', 'integrations', 'dialogs', 'jobs', 'pipeline', 'models', 'prompts'], [], bf, [
        'bot/teams',
        'bot/webchat',
        'bot/bot-framework',
      ]),
    ).toEqual([]);
  });

  it("keeps Slack's SDK inside the Slack edge (and the CLI that builds its notifier)", () => {
    expect(
      violations(
        ROOT,
        ['bot', 'integrations'],
        [],
        [/^@slack\//],
        ['bot/slack', 'bot/commands', 'bot/render'],
      ),
    ).toEqual([]);
    // The Block Kit renderer types its output with @slack/types (types only, no client).
    expect(violations(ROOT, ['bot/render'], [], [/^@slack\/(?!types$)/])).toEqual([]);
  });

  it('keeps the embedded MongoDB engine free of the product', () => {
    const engine = 'integrations/mongodb/engine';
    const product = ['bot', 'dialogs', 'jobs', 'pipeline', 'models', 'prompts', 'integrations'];
    const outside = sourceFiles(path.join(ROOT, engine)).flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            spec.startsWith('.') &&
            product.some((d) => reaches(file, spec, path.join(ROOT, d))) &&
            !reaches(file, spec, path.join(ROOT, engine)),
        )
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  it('catches each kind of forbidden import (so the checks above can fail)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-boundary-'));
    for (const d of ['dialogs', 'bot', 'prompts', 'bot/slack'])
      fs.mkdirSync(path.join(root, d), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'dialogs', 'bad.ts'),
      [
        "import { App } from '@slack/bolt';",
        "import type { TurnContext } from 'botbuilder';",
        "const restify = require('restify');",
        "import { render } from '../bot/slack-render';",
        "export { x } from '../bot';",
        "import { fine } from '../models/money';",
        "import { botany } from '../botany/x';",
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(root, 'prompts', 'p.ts'),
      "import { CallNote } from '../dialogs/call-note/note';\n",
    );
    fs.writeFileSync(path.join(root, 'bot', 'slack', 'ok.ts'), "import { App } from '@slack/bolt';\n");
    fs.writeFileSync(path.join(root, 'bot', 'x.ts'), "import { App } from '@slack/bolt';\n");
    expect(violations(root, ['dialogs'], ['bot'])).toEqual([
      'dialogs/bad.ts imports @slack/bolt',
      'dialogs/bad.ts imports botbuilder',
      'dialogs/bad.ts imports restify',
      'dialogs/bad.ts imports ../bot/slack-render',
      'dialogs/bad.ts imports ../bot',
    ]);
    expect(violations(root, ['prompts'], ['dialogs'])).toEqual([
      'prompts/p.ts imports ../dialogs/call-note/note',
    ]);
    expect(violations(root, ['bot'], [], [/^@slack\//], ['bot/slack'])).toEqual([
      'bot/x.ts imports @slack/bolt',
    ]);
  });
});
