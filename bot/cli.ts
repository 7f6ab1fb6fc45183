/**
 * `npm run relance -- <command> [options]`: the operators' entry point, the second (smaller)
 * composition root. Each command lives in bot/commands/ and registers itself here.
 *
 * Commands are loaded lazily: only the module of the command asked for is imported (all of
 * them for `--help` or an unknown command, so that commander can list or suggest them). A
 * command module pulls in what it runs on — the dialogs, mongoose, the channels' SDKs — and
 * importing all of them cost about 2 s of CPU per process, for `relance config` too.
 */
import { Command, CommanderError } from 'commander';
import { exitWithError } from './commands/shared';

type Register = (program: Command) => void;

/** Every command name, and how to load the module that registers it. */
export const COMMANDS: Array<{ names: string[]; load: () => Promise<Register> }> = [
  { names: ['config'], load: async () => (await import('./commands/config-command')).registerConfigCommand },
  { names: ['db'], load: async () => (await import('./commands/db-command')).registerDbCommand },
  { names: ['import'], load: async () => (await import('./commands/import-command')).registerImportCommand },
  { names: ['demo'], load: async () => (await import('./commands/demo-command')).registerDemoCommand },
  {
    names: ['worklist'],
    load: async () => (await import('./commands/worklist-command')).registerWorklistCommand,
  },
  { names: ['digest'], load: async () => (await import('./commands/digest-command')).registerDigestCommand },
  {
    names: ['parse-note'],
    load: async () => (await import('./commands/parse-note-command')).registerParseNoteCommand,
  },
  { names: ['draft'], load: async () => (await import('./commands/draft-command')).registerDraftCommand },
  {
    names: ['drafts', 'approve', 'reject', 'posted', 'outbox'],
    load: async () => (await import('./commands/drafts-command')).registerDraftsCommands,
  },
  {
    names: ['case-file'],
    load: async () => (await import('./commands/case-file-command')).registerCaseFileCommand,
  },
  {
    names: ['slack-manifest'],
    load: async () => (await import('./commands/slack-manifest-command')).registerSlackManifestCommand,
  },
  {
    names: ['jobs', 'run-job'],
    load: async () => (await import('./commands/jobs-command')).registerJobsCommands,
  },
  {
    names: ['webchat-link'],
    load: async () => (await import('./commands/webchat-link-command')).registerWebChatLinkCommand,
  },
];

/** The command named on the command line (its first word that is not an option), if any. */
function commandAsked(argv: string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}

export async function buildProgram(argv: string[] = process.argv): Promise<Command> {
  const program = new Command('relance')
    .description('Relance, the collections assistant: operator commands')
    .showHelpAfterError()
    .exitOverride();
  const asked = commandAsked(argv);
  const known = COMMANDS.find((c) => asked !== undefined && c.names.includes(asked));
  for (const c of known ? [known] : COMMANDS) (await c.load())(program);
  return program;
}

if (require.main === module) {
  buildProgram()
    .then((program) => program.parseAsync(process.argv))
    .catch((err) => {
      // --help and --version exit through commander with code 0.
      if (err instanceof CommanderError) process.exit(err.exitCode);
      exitWithError(err);
    });
}
