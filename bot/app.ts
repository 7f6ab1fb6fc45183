/**
 * The composition root: builds every service from the configuration, mounts the channel
 * edges on the server, and knows the order to stop them in.
 */

import { finishInterruptedNotes } from '../dialogs/call-note/log-call';
import { liveCards } from '../dialogs/communications/live-cards';
import type { ChatServices } from '../dialogs/conversation';
import { draftReply } from '../dialogs/drafting/draft-dialog';
import { type Config, configWarnings } from '../integrations/config';
import { loadDemoIfEmpty } from '../integrations/demo/load';
import { createMailer } from '../integrations/email/mailer';
import { type Ledger, openLedger } from '../integrations/ledger';
import { linkSecretFor, linkSigner } from '../integrations/links';
import type { Logger } from '../integrations/logger';
import { connectDatabase, type Database } from '../integrations/mongodb/connect';
import { startScheduler } from '../integrations/scheduler/agenda';
import { deliveryHealth, type JobContext } from '../jobs/deliveries';
import { JOBS, runAll, runJob } from '../jobs/run';
import { type Clock, systemClock } from '../models/clock';
import { caseFileLinks, mountCaseFileApi } from './case-file-api';
import { draftLinks, mountFiles } from './files';
import { createHttpServer, type HttpServer } from './http-server';
import { mountIngestApi } from './ingest-api';
import { buildDrafter, buildNoteParser } from './llm-services';
import { firstReachable, type Notifier } from './notifier';
import { mountSlack, type SlackEdge, type SlackOptions } from './slack/slack-channel';
import { mountTeams } from './teams/teams-channel';
import { assertWebChatProtected } from './webchat/session';
import { mountWebChat } from './webchat/webchat-channel';

export interface RunningRelance {
  url: string;
  http: HttpServer;
  db: Database;
  ledger: Ledger;
  /** What the dialogs run on: the ledger and the configured note parser. */
  services: ChatServices;
  /** The Slack edge (null when off), for proactive messages. */
  slack: SlackEdge | null;
  /** The Teams edge (null when off), for proactive messages. */
  teams: (Notifier & { idle(): Promise<void> }) | null;
  /** The local web chat (null when off), for proactive messages to an open page. */
  webchat: (Notifier & { idle(): Promise<void> }) | null;
  /** What scheduled jobs run with (the ledger, the channels), to run one now. */
  jobs: Omit<JobContext, 'touch'>;
  /** Graceful stop: stop accepting, finish in-flight requests, then close the scheduler and database. */
  stop(): Promise<void>;
}

export async function startRelance(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
  options: { slack?: SlackOptions; scheduler?: { lockLifetimeMs?: number } } = {},
): Promise<RunningRelance> {
  // Closed in reverse order of opening.
  const closers: Array<{ name: string; close: () => Promise<void> }> = [];
  const closeAll = async () => {
    for (const c of closers.reverse()) {
      try {
        await c.close();
      } catch (err) {
        logger.warn({ err, what: c.name }, 'error while closing');
      }
    }
  };
  // Refused before anything opens: channel credentials with a web chat open to anyone.
  assertWebChatProtected(config);
  for (const w of configWarnings(config)) logger.warn({ variable: w.variable }, w.message);
  const http = createHttpServer(logger);
  try {
    const db = await connectDatabase(config.mongo, logger);
    closers.push({ name: 'database', close: () => db.close() });
    http.addReadinessCheck({
      name: 'mongodb',
      check: async () => ({ ok: await db.ping(), detail: db.kind }),
    });
    const ledger = await openLedger(db, config, clock);
    // A newcomer on the embedded defaults sees a living portfolio; a real database is never
    // seeded, nor a data directory that recovered empty (its data is lost, not new).
    if (config.mongo.demoData && db.createdEmpty) {
      const loaded = await loadDemoIfEmpty(ledger);
      if (loaded) logger.info(loaded, 'loaded the demo portfolio into the new, empty database');
    } else if (
      config.mongo.demoData &&
      db.kind === 'embedded' &&
      (await ledger.models.Customer.estimatedDocumentCount()) === 0
    ) {
      logger.warn(
        { dataDir: config.mongo.dataDir },
        'the data directory holds no customers but is not new: the demo portfolio is not loaded into it (`npm run relance -- demo` loads it on demand)',
      );
    }
    mountIngestApi(http, ledger, { ledger: config.ingestApiKey, staff: config.ingestAdminKey }, logger);
    // Links in chat point at this server (PUBLIC_URL, else where it listens).
    let base = config.publicUrl ?? `http://${config.host}:${config.port}`;
    // Without LINK_SECRET, the data directory keeps one: links outlive a restart.
    const signer = linkSigner(linkSecretFor(config.linkSecret, config.mongo.dataDir), () => base);
    const mailer = createMailer(config.email);
    closers.push({ name: 'mailer', close: async () => mailer.close() });
    mountCaseFileApi(http, ledger, config.company, signer);
    const links = draftLinks(signer);
    // Every card of a draft follows its life; each edge gives the port its updater once mounted.
    const cards = liveCards(
      ledger,
      (d, lang) => draftReply(d, lang, { links }),
      (err, what) => logger.warn({ err }, what),
    );
    const services: ChatServices = {
      ...ledger,
      noteParser: buildNoteParser(config),
      drafter: buildDrafter(config),
      company: config.company,
      mailer,
      emailFrom: config.email.from,
      links,
      cards,
      caseFileLinks: caseFileLinks(signer),
    };
    mountFiles(http, services, signer);
    // A call note confirmed just before a crash is recorded now, not lost nor doubled.
    const finished = await finishInterruptedNotes(services);
    if (finished > 0)
      logger.warn({ notes: finished }, 'finished recording call notes a stop had interrupted');

    const slack = await mountSlack(http, services, config, logger, options.slack);
    if (slack) closers.push({ name: 'slack', close: () => slack.stop() });
    const teams = mountTeams(http, services, config, logger);
    const webchat = await mountWebChat(http, services, config, logger);
    if (slack) cards.attach('slack', slack.cards);
    if (teams) cards.attach('teams', teams.cards);
    if (webchat) cards.attach('web', webchat.cards);

    // Messages Relance starts reach people on Slack, else Teams, else an open web chat (else the inbox).
    const notifier = firstReachable([
      { name: 'slack', notifier: slack },
      { name: 'teams', notifier: teams },
      { name: 'web', notifier: webchat },
    ]);
    const jobs = {
      services,
      notifier,
      logger: logger.child({ component: 'scheduler' }),
      digestTime: config.scheduler.digestTime,
    };
    http.addReadinessCheck({
      name: 'communications',
      // An approved email the mail server refused is retried: reported, not fatal.
      check: async () => {
        const [failed, toPost] = await Promise.all([
          services.models.Draft.countDocuments({ status: 'failed' }),
          services.models.Draft.countDocuments({ status: 'approved', delivery: 'post' }),
        ]);
        return {
          ok: true,
          detail: `${failed} approved, not sent (retrying), ${toPost} to post, mail ${mailer.kind}`,
        };
      },
    });
    http.addReadinessCheck({
      name: 'deliveries',
      // Failing deliveries are reported, not fatal: a channel outage must not take the server out.
      check: async () => {
        const h = await deliveryHealth(jobs);
        return {
          ok: true,
          detail: `${h.failing} retrying, ${h.abandoned} abandoned, ${h.uncertain} uncertain, ${h.inbox} in inbox`,
        };
      },
    });

    const url = await http.listen(config.port, config.host);
    if (!config.publicUrl) base = url;
    if (config.scheduler.enabled) {
      const scheduler = await startScheduler(
        JOBS,
        (job, touch) => runJob({ ...jobs, touch }, job),
        // After downtime: today's missed digests, promise checks and call-backs, once.
        () => runAll({ ...jobs, touch: async () => {} }),
        db.connection,
        {
          processEveryMs: config.scheduler.processEveryMs,
          onError: (err) => jobs.logger.error({ err }, 'agenda error'),
          ...options.scheduler,
        },
      );
      closers.push({ name: 'scheduler', close: () => scheduler.stop() });
    }
    logger.info({ url, env: config.env }, 'Relance is listening');
    if (webchat) logger.info({ url: `${url}${webchat.path}` }, `Local web chat: open ${url}${webchat.path}`);
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await http.close();
        await closeAll();
        logger.info('Relance stopped');
      })();
      return stopping;
    };
    return { url, http, db, ledger, services, slack, teams, webchat, jobs, stop };
  } catch (err) {
    await http.close();
    await closeAll();
    throw err;
  }
}
