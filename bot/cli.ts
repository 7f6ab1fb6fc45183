/**
 * `npm run relance -- <command> [options]`: the operators' entry point, the second (smaller)
 * composition root. Each command lives in bot/commands/ and registers itself here.
 */
import { Command, CommanderError } from 'commander';
import { registerCaseFileCommand } from './commands/case-file-command';
import { registerConfigCommand } from './commands/config-command';
import { registerDbCommand } from './commands/db-command';
import { registerDemoCommand } from './commands/demo-command';
import { registerDigestCommand } from './commands/digest-command';
import { registerDraftCommand } from './commands/draft-command';
import { registerDraftsCommands } from './commands/drafts-command';
import { registerImportCommand } from './commands/import-command';
import { registerJobsCommands } from './commands/jobs-command';
import { registerParseNoteCommand } from './commands/parse-note-command';
import { exitWithError } from './commands/shared';
import { registerSlackManifestCommand } from './commands/slack-manifest-command';
import { registerWebChatLinkCommand } from './commands/webchat-link-command';
import { registerWorklistCommand } from './commands/worklist-command';

export function buildProgram(): Command {
  const program = new Command('relance')
    .description('Relance, the collections assistant: operator commands')
    .showHelpAfterError()
    .exitOverride();
  registerConfigCommand(program);
  registerDbCommand(program);
  registerImportCommand(program);
  registerDemoCommand(program);
  registerWorklistCommand(program);
  registerDigestCommand(program);
  registerParseNoteCommand(program);
  registerDraftCommand(program);
  registerDraftsCommands(program);
  registerCaseFileCommand(program);
  registerSlackManifestCommand(program);
  registerJobsCommands(program);
  registerWebChatLinkCommand(program);
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err) => {
      // --help and --version exit through commander with code 0.
      if (err instanceof CommanderError) process.exit(err.exitCode);
      exitWithError(err);
    });
}
