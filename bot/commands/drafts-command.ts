/**
 * The communications from the command line, doing what the buttons do (same permissions, same
 * sending): `drafts [--as handle] [--status S] [--json]`, `approve <id> --as <handle>`,
 * `reject <id> --as <handle> --reason TEXT`, `posted <draft> <number>`, `outbox [--json]`.
 */
import type { Command } from 'commander';
import { approveAndSend, rejectDraft } from '../../dialogs/communications/decisions';
import { isManager } from '../../dialogs/communications/permissions';
import { draftsAwaiting, statusesOf } from '../../dialogs/communications/queue';
import { recordPosted, type SendOutcome } from '../../dialogs/communications/send';
import { acknowledgeWarnings, unacknowledgedWarnings } from '../../dialogs/drafting/approval-gate';
import { draftReply } from '../../dialogs/drafting/draft-dialog';
import { type DraftServices, findDraft, type StoredDraft } from '../../dialogs/drafting/drafts';
import type { Config } from '../../integrations/config';
import { createMailer, readOutbox } from '../../integrations/email/mailer';
import type { Ledger } from '../../integrations/ledger';
import type { Logger } from '../../integrations/logger';
import { ValidationError } from '../../models/errors';
import { DRAFT_STATUSES } from '../../models/schemas/draft';
import { renderText } from '../render/text';
import { cliTurn } from './cli-turn';
import { cliCards } from './live-cards';
import { cliContext, withLedger } from './shared';

/** What the buttons have, from the terminal: the mailer, and the cards to keep up to date. */
function draftServices(ledger: Ledger, config: Config, logger: Logger): DraftServices {
  return {
    ...ledger,
    company: config.company,
    mailer: createMailer(config.email),
    emailFrom: config.email.from,
    cards: cliCards(ledger, config, logger),
  };
}

const OUTCOME: Record<SendOutcome['kind'], string> = {
  sent: 'approved and sent',
  failed: 'approved, not sent: the mail server failed (it will be retried)',
  superseded: 'not approved: its facts changed, the draft is superseded',
  to_post: 'approved: to post (record its number with `relance posted`)',
  nothing: 'approved',
  already: 'approved',
};

function print(d: StoredDraft, lang: 'fr' | 'en', line: string): void {
  process.stdout.write(`${line}\n\n${renderText(draftReply(d, lang))}`);
}

export function registerDraftsCommands(program: Command): void {
  program
    .command('drafts')
    .description('the drafts and communications: waiting for approval, approved, sent… (a manager: the team)')
    .option('--as <handle>', "whose portfolio (a manager's: the team's); default: everyone's")
    .option('--status <S>', `only this status (${DRAFT_STATUSES.join(', ')}, or open)`)
    .option('--json', 'print {"drafts": [...]} as JSON')
    .action(async (opts: { as?: string; status?: string; json?: boolean }) => {
      const statuses = opts.status ? statusesOf(opts.status) : DRAFT_STATUSES;
      if (!statuses)
        throw new ValidationError(`unknown status "${opts.status}"`, [
          { path: '--status', message: `expected one of ${DRAFT_STATUSES.join(', ')}, open` },
        ]);
      await withLedger(async (ledger) => {
        const turn = opts.as ? await cliTurn(ledger, opts.as) : null;
        const owner = turn && !(await isManager(ledger, turn.staff)) ? turn.staff : undefined;
        const rows = await draftsAwaiting(ledger, { owner, statuses });
        if (opts.json) {
          const drafts = rows.map((d) => ({
            id: d.id,
            customer: d.customer,
            step: d.step,
            status: d.status,
            version: d.version,
            invoices: d.invoices,
            created: d.created.toISOString(),
            decided: d.decided?.toISOString() ?? null,
            sent: d.sent?.toISOString() ?? null,
          }));
          process.stdout.write(`${JSON.stringify({ drafts }, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) process.stdout.write('No draft.\n');
        for (const d of rows)
          process.stdout.write(
            `${d.id}  ${d.customer.padEnd(8)} ${d.step.padEnd(20)} ${d.status.padEnd(18)} v${d.version}  ${d.created.toISOString().slice(0, 10)}${d.overdue ? '  overdue' : ''}  ${d.invoices.join(',')}\n`,
          );
      });
    });

  program
    .command('approve <id>')
    .description('approve a draft as a person would press Approve (same permissions), then send it')
    .requiredOption('--as <handle>', 'who approves')
    .option('--acknowledge-warnings', "the drafter's warnings were read (the card's Acknowledge warnings)")
    .action(async (id: string, opts: { as: string; acknowledgeWarnings?: boolean }) => {
      await withLedger(async (ledger, { config, logger }) => {
        const turn = await cliTurn(ledger, opts.as);
        const s = draftServices(ledger, config, logger);
        try {
          const found = await findDraft(s, id);
          if (found && opts.acknowledgeWarnings && unacknowledgedWarnings(found).length > 0)
            await acknowledgeWarnings(s, found.key, turn.staff);
          const out = await approveAndSend(s, id, { by: turn.staff, via: 'cli' });
          print(out.draft, turn.lang, OUTCOME[out.kind]);
          if (out.kind === 'superseded' || out.kind === 'failed') process.exitCode = 1;
        } finally {
          s.mailer?.close();
        }
      });
    });

  program
    .command('reject <id>')
    .description('reject a draft, with its reason')
    .requiredOption('--as <handle>', 'who rejects')
    .requiredOption('--reason <TEXT>', 'why')
    .action(async (id: string, opts: { as: string; reason: string }) => {
      await withLedger(async (ledger, { config, logger }) => {
        const turn = await cliTurn(ledger, opts.as);
        const d = await rejectDraft(
          draftServices(ledger, config, logger),
          id,
          { by: turn.staff, via: 'cli' },
          opts.reason,
        );
        print(d, turn.lang, 'rejected');
      });
    });

  program
    .command('posted <draft> <number>')
    .description('a letter to post was posted: its registered-mail number records it sent today')
    .option('--as <handle>', 'who posted it (default: the draft’s approver)')
    .action(async (id: string, number: string, opts: { as?: string }) => {
      await withLedger(async (ledger, { config, logger }) => {
        const s = draftServices(ledger, config, logger);
        const by = opts.as ? (await cliTurn(ledger, opts.as)).staff : undefined;
        const found = await ledger.models.Draft.findOne({
          $or: [{ ref: id.toUpperCase() }, { key: id }],
        }).lean();
        const d = await recordPosted(s, id, number, { by: by ?? found?.decidedBy ?? 'relance', via: 'cli' });
        print(d, ledger.policy.defaultLocale, `recorded as sent on ${d.sentOn}`);
      });
    });

  program
    .command('outbox')
    .description('the mails written to the local outbox (when SMTP_URL is not set)')
    .option('--json', 'print them as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { config } = cliContext();
      const mails = await readOutbox(config.email.outboxDir);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ dir: config.email.outboxDir, mails }, null, 2)}\n`);
        return;
      }
      if (mails.length === 0) process.stdout.write(`The outbox (${config.email.outboxDir}) is empty.\n`);
      for (const m of mails)
        process.stdout.write(
          `${m.date ?? ''}  ${m.reference ?? ''}  to ${m.to ?? '?'}  "${m.subject ?? ''}"  [${m.attachments.join(', ')}]\n  ${m.file}\n`,
        );
    });
}
