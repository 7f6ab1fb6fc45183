/**
 * `relance jobs`: the scheduled jobs, their next and last run, last result and the health of
 * deliveries. `relance run-job <name> [--as handle] [--date YYYY-MM-DD]`: runs one now, as
 * the scheduler would (the same delivery keys: nothing already sent is sent again). From the
 * command line, messages go out through Slack and Teams when configured, else to the inbox.
 */
import { webApi } from '@slack/bolt';
import type { Command } from 'commander';
import { z } from 'zod';
import type { ChatServices } from '../../dialogs/conversation';
import type { Config } from '../../integrations/config';
import { createMailer } from '../../integrations/email/mailer';
import type { Ledger } from '../../integrations/ledger';
import type { Logger } from '../../integrations/logger';
import { nextRuns } from '../../integrations/scheduler/agenda';
import { deliveryHealth, type JobContext } from '../../jobs/deliveries';
import { JOBS, jobNamed, listJobs, runJob } from '../../jobs/run';
import { ValidationError } from '../../models/errors';
import { buildDrafter, buildNoteParser } from '../llm-services';
import { firstReachable } from '../notifier';
import { slackNotifier } from '../slack/slack-channel';
import { teamsAdapter, teamsNotifier } from '../teams/teams-channel';
import { cliCards } from './live-cards';
import { exitWithError, withLedger } from './shared';

function jobContext(ledger: Ledger, config: Config, logger: Logger): JobContext {
  const services: ChatServices = {
    ...ledger,
    noteParser: buildNoteParser(config),
    drafter: buildDrafter(config),
    company: config.company,
    // Approved emails the mail server failed to take are retried from here too.
    mailer: createMailer(config.email),
    emailFrom: config.email.from,
    cards: cliCards(ledger, config, logger),
  };
  const slack = config.slack.botToken
    ? slackNotifier(
        new webApi.WebClient(
          config.slack.botToken,
          config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
        ),
        services,
      )
    : null;
  const teams = config.teams.appId ? teamsNotifier(teamsAdapter(config), services, config) : null;
  return {
    services,
    notifier: firstReachable([
      { name: 'slack', notifier: slack },
      { name: 'teams', notifier: teams },
    ]),
    logger,
    digestTime: config.scheduler.digestTime,
    touch: async () => {},
  };
}

const RunOptions = z.object({
  as: z.string().min(1).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .optional(),
  json: z.boolean().optional(),
});

export function registerJobsCommands(program: Command): void {
  program
    .command('jobs')
    .description('list the scheduled jobs: next run, last run, last result, and deliveries retrying')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      try {
        await withLedger(async (ledger, { config, logger }) => {
          const ctx = jobContext(ledger, config, logger);
          const jobs = await listJobs(ctx, await nextRuns(ledger.db.connection));
          const deliveries = await deliveryHealth(ctx);
          if (opts.json) {
            process.stdout.write(`${JSON.stringify({ jobs, deliveries }, null, 2)}\n`);
            return;
          }
          const at = (d: Date | null) => (d ? d.toISOString().replace('.000Z', 'Z') : '—');
          for (const j of jobs)
            process.stdout.write(
              `${j.name.padEnd(18)} next ${at(j.nextDue ?? j.nextRun)}  last ${at(j.lastRun)}  ${j.lastError ? `FAILED ${j.lastError}` : (j.lastResult ?? '')}\n`,
            );
          process.stdout.write(
            `deliveries: ${deliveries.failing} retrying, ${deliveries.abandoned} abandoned, ${deliveries.uncertain} uncertain, ${deliveries.inbox} in inbox\n`,
          );
        });
      } catch (err) {
        exitWithError(err);
      }
    });

  program
    .command('run-job <name>')
    .description(`run one job now: ${JOBS.map((j) => j.name).join(', ')}`)
    .option('--as <handle>', 'only for this staff member')
    .option('--date <YYYY-MM-DD>', 'as of this date (the digest of that day, promises judged as of it…)')
    .option('--json', 'print JSON')
    .action(async (name: string, raw: unknown) => {
      try {
        const job = jobNamed(name);
        if (!job)
          throw new ValidationError(
            `unknown job "${name}": expected one of ${JOBS.map((j) => j.name).join(', ')}`,
          );
        const parsed = RunOptions.safeParse(raw);
        if (!parsed.success) throw parsed.error;
        const { json, ...opts } = parsed.data;
        await withLedger(async (ledger, { config, logger }) => {
          if (opts.as && !(await ledger.models.Staff.exists({ handle: opts.as })))
            throw new ValidationError(`unknown staff member "${opts.as}"`);
          const result = await runJob(jobContext(ledger, config, logger), job, opts);
          process.stdout.write(json ? `${JSON.stringify({ job: name, result })}\n` : `${name}: ${result}\n`);
        });
      } catch (err) {
        exitWithError(err);
      }
    });
}
