/**
 * The ladder follows what really happened: the scheduler's promise check and escalation sweep
 * run every working morning for 60 working days of a scripted clock on the demo portfolio,
 * and every draft they make is approved (by its owner, or the manager where the policy wants
 * one) and sent — emails to the local outbox, registered letters posted with a number. Over
 * every customer: no step drafted twice for an invoice, never more than 3 reminders in any 30
 * days, no invoice under a pending promise in a letter, no hand-over before the formal
 * notice's deadline plus grace.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { approveAndSend, rejectDraft } from '../../../dialogs/communications/decisions';
import { recordPosted } from '../../../dialogs/communications/send';
import { sweepCustomer } from '../../../dialogs/communications/sweep';
import { acknowledgeWarnings } from '../../../dialogs/drafting/approval-gate';
import type { StoredDraft } from '../../../dialogs/drafting/drafts';
import { DEFAULT_COMPANY } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { outboxMailer } from '../../../integrations/email/mailer';
import { memoryLogger } from '../../../integrations/logger';
import type { JobContext } from '../../../jobs/deliveries';
import { promiseCheck } from '../../../jobs/promise-check';
import { ValidationError } from '../../../models/errors';
import { addBusinessDays } from '../../../models/rules/calendar';
import { addDays, fromStored } from '../../../models/rules/dates';
import { movableClock, NOW, openTestLedger } from '../../helpers/ledger';

jest.setTimeout(900_000);

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
const clock = movableClock(NOW);
const START = '2026-11-23';
const DAYS = 60;
const OWNER = 'marie';
const CUSTOMERS = 8;

beforeAll(async () => {
  ledger = await openTestLedger(clock);
  await loadDemo(ledger);
}, 120_000);
afterAll(async () => {
  await ledger.close();
});

it('drafts, approves and sends over 60 working days without repeating, over-reminding, pressing promises or handing over early', async () => {
  const { models, policy } = ledger;
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-sim-outbox-'));
  const services = { ...ledger, company: DEFAULT_COMPANY, mailer: outboxMailer(outbox) };
  const ctx: JobContext = {
    services: services as never,
    notifier: { deliver: async () => 'web' },
    logger: memoryLogger('silent').logger,
    digestTime: '08:30',
    touch: async () => {},
  };
  const initial = new Map(
    (await models.Invoice.find({}, { number: 1, ladder: 1 }).lean()).map((i) => [
      i.number,
      i.ladder?.step ? { step: i.ladder.step, on: fromStored(i.ladder.on!) } : null,
    ]),
  );
  const customers = (
    await models.Customer.find({ owner: OWNER }, { reference: 1 }).sort({ reference: 1 }).lean()
  )
    .map((c) => c.reference)
    .slice(0, CUSTOMERS);
  const nothingToChase = (err: unknown) => {
    if (!(err instanceof ValidationError)) throw err;
  };
  const problems: string[] = [];
  let day = START;
  let posted = 0;
  for (let n = 0; n < DAYS; n++, day = addBusinessDays(day, 1, policy.country)) {
    clock.set(`${day}T08:00:00Z`);
    // A dozen of Marie's customers keep the run short on a 2-core machine; each goes through
    // the sweep's own per-customer step, and the promise check runs as the scheduler runs it.
    await promiseCheck.run(ctx, { date: day, as: OWNER });
    for (const c of customers) await sweepCustomer(services, c, day).catch(nothingToChase);
    const fresh = await models.Draft.find({
      customer: { $in: customers },
      status: { $in: ['awaiting_approval', 'edited', 'blocked'] },
    }).lean<StoredDraft[]>();
    for (const d of fresh) {
      // What a letter presses must not be under a pending promise (until its date + grace).
      if (d.kind !== 'call_script') {
        const pending = await models.PaymentPromise.find({ customer: d.customer, status: 'pending' }).lean();
        for (const p of pending) {
          const until = addBusinessDays(
            fromStored(p.instalments.at(-1)!.date),
            policy.promiseGraceDays + 1,
            policy.country,
          );
          const covered = d.invoices.filter((i) => !p.invoices.length || p.invoices.includes(i));
          if (day < until && covered.length)
            problems.push(
              `${day}: ${d.step} for ${d.customer} presses ${covered} under a promise until ${until}`,
            );
        }
      }
      if (d.status === 'blocked') {
        await rejectDraft(
          services,
          d.key,
          { by: 'claire', via: 'system' },
          'blocked by a check in the simulation',
        );
        continue;
      }
      const approver = policy.managerApprovalSteps.includes(d.step as never) ? 'claire' : d.owner;
      await acknowledgeWarnings(services, d.key, approver);
      const out = await approveAndSend(services, d.key, { by: approver, via: 'system' }, d.versions.length);
      if (out.kind === 'to_post' && d.delivery !== 'none') {
        await recordPosted(
          services,
          d.key,
          d.step === 'handover' ? null : `1A${String(++posted).padStart(11, '0')}`,
          {
            by: d.owner,
            via: 'system',
          },
        );
      }
    }
  }

  const drafts = await models.Draft.find({ customer: { $in: customers } }).lean<StoredDraft[]>();
  const kept = drafts.filter((d) => d.status !== 'rejected' && d.status !== 'superseded');
  expect(kept.length).toBeGreaterThan(20);
  const steps = new Set(kept.map((d) => d.step));
  for (const step of [
    'preventive_reminder',
    'reminder_letter',
    'second_reminder',
    'formal_notice',
    'handover',
  ])
    expect(steps).toContain(step);
  // Everything approved went out (call scripts, for a broken promise, are approved and called).
  expect(
    kept.filter((d) => d.status !== 'sent' && d.delivery !== 'none').map((d) => [d.ref, d.status]),
  ).toEqual([]);

  // No step drafted twice for an invoice.
  const seen = new Map<string, string>();
  for (const d of kept)
    for (const inv of d.invoices) {
      const k = `${inv}:${d.step}`;
      if (seen.has(k)) problems.push(`${d.step} drafted twice for ${inv} (${seen.get(k)} and ${d.ref})`);
      seen.set(k, d.ref!);
    }

  // Never more than 3 reminders to a customer in any 30 days (each window holding one sent here).
  const reminders = await models.Activity.find(
    { customer: { $in: customers }, kind: { $in: ['letter', 'email'] } },
    { customer: 1, at: 1, key: 1 },
  ).lean();
  const byCustomer = new Map<string, Array<{ on: string; ours: boolean }>>();
  for (const r of reminders)
    byCustomer.set(r.customer!, [
      ...(byCustomer.get(r.customer!) ?? []),
      { on: fromStored(r.at), ours: !r.key.startsWith('demo:') },
    ]);
  for (const [customer, list] of byCustomer)
    for (const r of list.filter((x) => x.ours)) {
      for (let start = addDays(r.on, -29); start <= r.on; start = addDays(start, 1)) {
        const inWindow = list.filter((x) => x.on >= start && x.on <= addDays(start, 29)).length;
        if (inWindow > policy.reminderCap.max)
          problems.push(`${customer}: ${inWindow} reminders in the 30 days from ${start}`);
      }
    }

  // No hand-over before the formal notice's deadline (counted from its posting) plus grace.
  const noticeOn = new Map<string, string>();
  for (const [inv, l] of initial) if (l?.step === 'formal_notice') noticeOn.set(inv, l.on);
  for (const d of kept.filter((x) => x.step === 'formal_notice'))
    for (const inv of d.invoices) noticeOn.set(inv, d.sentOn!);
  const handovers = kept.filter((d) => d.step === 'handover');
  expect(handovers.length).toBeGreaterThan(0);
  for (const d of handovers)
    for (const inv of d.invoices) {
      const notice = noticeOn.get(inv);
      const created = fromStored(d.draftedAt!);
      if (!notice) problems.push(`hand-over of ${inv} without a formal notice`);
      else {
        const earliest = addBusinessDays(
          addBusinessDays(notice, 8, policy.country),
          policy.deadlineGraceDays,
          policy.country,
        );
        if (created < earliest) problems.push(`hand-over of ${inv} on ${created}, notice on ${notice}`);
      }
    }
  expect(problems).toEqual([]);
  expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).length).toBe(
    kept.filter((d) => d.proof?.kind === 'outbox').length,
  );
});
