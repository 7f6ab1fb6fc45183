/**
 * The channel boundary, enforced: dialogs/, models/ and prompts/ never import a channel SDK,
 * the HTTP server, or anything under bot/. The engine never imports the product.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/process';

const CHANNEL_MODULES = [/^@slack\//, /^botbuilder/, /^botframework-/, /^restify/, /^@microsoft\/agents-/];

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

/** Every import in `dirs` (under root) that reaches a channel SDK or the `forbiddenDir`. */
function violations(root: string, dirs: string[], forbiddenDir: string, modules = CHANNEL_MODULES): string[] {
  const forbidden = path.join(root, forbiddenDir) + path.sep;
  return dirs.flatMap((d) =>
    sourceFiles(path.join(root, d)).flatMap((file) =>
      importsOf(file)
        .filter((spec) =>
          spec.startsWith('.')
            ? path.resolve(path.dirname(file), spec).startsWith(forbidden) ||
              path.resolve(path.dirname(file), spec) === forbidden.slice(0, -1)
            : modules.some((m) => m.test(spec)),
        )
        .map((spec) => `${path.relative(root, file)} imports ${spec}`),
    ),
  );
}

describe('the channel boundary', () => {
  it('keeps dialogs/, models/ and prompts/ free of channel SDKs, restify and bot/', () => {
    expect(violations(ROOT, ['dialogs', 'models', 'prompts'], 'bot')).toEqual([]);
  });

  it('keeps botbuilder inside the Bot Framework edges of bot/ (Teams, web chat, their shared turn)', () => {
    const edges = ['bot/teams', 'bot/webchat', 'bot/bot-framework'].map((d) => path.join(ROOT, d) + path.sep);
    const bf = [/^botbuilder/, /^botframework-/];
    const outside = ['bot', 'integrations', 'dialogs', 'models', 'prompts']
      .flatMap((d) => sourceFiles(path.join(ROOT, d)))
      .filter((file) => !edges.some((e) => file.startsWith(e)))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => bf.some((m) => m.test(spec)))
          .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
      );
    expect(outside).toEqual([]);
  });

  it('keeps the embedded MongoDB engine free of the product', () => {
    const engine = 'integrations/mongodb/engine';
    const outside = sourceFiles(path.join(ROOT, engine)).flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            spec.startsWith('.') &&
            !path.resolve(path.dirname(file), spec).startsWith(path.join(ROOT, engine)),
        )
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  it('catches each kind of forbidden import (so the check above can fail)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-boundary-'));
    fs.mkdirSync(path.join(root, 'dialogs'), { recursive: true });
    fs.mkdirSync(path.join(root, 'bot'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'dialogs', 'bad.ts'),
      [
        "import { App } from '@slack/bolt';",
        "import type { TurnContext } from 'botbuilder';",
        "const restify = require('restify');",
        "import { render } from '../bot/slack-render';",
        "export { x } from '../bot';",
        "import { fine } from '../models/money';",
      ].join('\n'),
    );
    expect(violations(root, ['dialogs'], 'bot')).toEqual([
      'dialogs/bad.ts imports @slack/bolt',
      'dialogs/bad.ts imports botbuilder',
      'dialogs/bad.ts imports restify',
      'dialogs/bad.ts imports ../bot/slack-render',
      'dialogs/bad.ts imports ../bot',
    ]);
  });
});
