/**
 * From approval to the debtor, through the one dialog entry point (as the web chat, Slack and
 * Teams call it) and a real local SMTP server: the approved version is what is mailed (PDF
 * included), once; a mail server down means "approved, not sent" and one send when it is back,
 * even with two instances retrying; a payment imported meanwhile supersedes it; older versions,
 * and a controller's formal notice, are refused; a registered letter's number typed in chat
 * records it sent and the next step counts from that day.
 */
import { renderText } from '../../../bot/render/text';
import { respond } from '../../../dialogs/conversation';
import { requestDraft, type StoredDraft } from '../../../dialogs/drafting/drafts';
import { formalNoticeDeadline } from '../../../dialogs/drafting/facts';
import type { ActionPayload, Reply } from '../../../dialogs/reply';
import type { Turn } from '../../../dialogs/turn';
import { DEFAULT_COMPANY } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { smtpMailer } from '../../../integrations/email/mailer';
import { importFile } from '../../../integrations/import/importer';
import { memoryLogger } from '../../../integrations/logger';
import { retryEmails } from '../../../jobs/communications';
import type { JobContext } from '../../../jobs/deliveries';
import { customerLadder } from '../../../models/ledger/ladder-state';
import { addBusinessDays } from '../../../models/rules/calendar';
import { fromStored } from '../../../models/rules/dates';
import { csvFile, importOpts, movableClock, NOW, openTestLedger } from '../../helpers/ledger';
import { accountingEmail, expectLetterMail, type FakeSmtp, startFakeSmtp } from '../../helpers/smtp';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
let smtp: FakeSmtp;
const clock = movableClock(NOW);
let services: TestLedger & { company: typeof DEFAULT_COMPANY; mailer: ReturnType<typeof smtpMailer> };

beforeAll(async () => {
  smtp = await startFakeSmtp();
  ledger = await openTestLedger(clock);
  await loadDemo(ledger);
  services = {
    ...ledger,
    company: DEFAULT_COMPANY,
    mailer: smtpMailer(smtp.url),
    emailFrom: 'relance@tissages.example',
  } as never;
}, 60_000);
afterAll(async () => {
  services.mailer.close();
  await smtp.stop();
  await ledger.close();
});

let seq = 0;
const turn = (x: { text?: string; action?: ActionPayload }, staff = 'marie'): Turn => ({
  id: `web:sending:${++seq}`,
  channel: 'web',
  staff,
  lang: 'en',
  at: clock.now(),
  ...x,
});
const say = async (t: Turn): Promise<Reply> => (await respond(t, services as never))[0]!;
/** The drafter's warnings read (approval waits for it). */
const ack = (key: string, staff = 'marie') =>
  say(turn({ action: { type: 'acknowledge_warnings', draft: key } }, staff));
const stored = (key: string) => ledger.models.Draft.findOne({ key }).lean<StoredDraft>();

/** A reminder letter drafted for the first customer of `owner` that has one to write. */
async function reminderFor(owner: string, skip: string[] = []): Promise<StoredDraft> {
  const customers = await ledger.models.Customer.find({ owner }, { reference: 1 })
    .sort({ reference: 1 })
    .lean();
  for (const c of customers) {
    if (skip.includes(c.reference)) continue;
    try {
      return await requestDraft(services, {
        key: `test:${c.reference}:${++seq}`,
        customer: c.reference,
        step: 'reminder_letter',
        by: owner,
      });
    } catch {
      // nothing to chase there
    }
  }
  throw new Error(`no customer of ${owner} to write to`);
}

const SENTENCE = 'We can agree a three-month instalment plan if you call us this week.';

describe('sending what was approved', () => {
  it('mails the approved version once: To, Reply-To, subject, body and the PDF with the edit', async () => {
    const shown = await say(turn({ text: 'draft a reminder letter for Textiles Dubois' }));
    const key = (await ledger.models.Draft.findOne({ customer: 'FR004' }).sort({ createdAt: -1 }).lean())!
      .key;
    expect(renderText(shown)).toContain('by email, with the letter as a PDF and a statement of account');
    const before = (await stored(key))!;
    const body = `${SENTENCE}\n\n${(before.versions[0]!.content as { paragraphs: string[] }).paragraphs.join('\n\n')}`;
    await say(
      turn({ action: { type: 'edit_draft', draft: key, subject: 'Relance : vos factures échues', body } }),
    );
    await ack(key);
    const done = await say(turn({ action: { type: 'approve_draft', draft: key, version: 2 } }));
    expect(renderText(done)).toContain('Status: sent');
    await smtp.waitFor(1);
    // A second press of the same button: refused, nothing sent again.
    const again = await say(turn({ action: { type: 'approve_draft', draft: key, version: 2 } }));
    expect(renderText(again)).toMatch(/already sent/);
    expect(smtp.received).toHaveLength(1);

    const customer = (await ledger.models.Customer.findOne({ reference: 'FR004' }).lean())!;
    const to = accountingEmail(customer);
    await expectLetterMail(smtp.received[0]!, {
      to,
      replyTo: 'marie.lambert@relance.demo',
      subject: 'Relance : vos factures échues',
      sentence: SENTENCE,
    });
    expect(smtp.received[0]!.raw).toMatch(/^From: relance@tissages\.example/m);

    const sent = (await stored(key))!;
    expect(sent).toMatchObject({
      status: 'sent',
      approvedVersion: 2,
      proof: { kind: 'smtp', to },
    });
    expect(sent.proof?.id).toMatch(/^<.+>$/);
    // Every transition is in the trail, and the letter sent is the reminder the ladder counts.
    const trail = await ledger.models.Activity.find({ 'data.draft': key }).sort({ at: 1, _id: 1 }).lean();
    expect(trail.map((a) => a.outcome)).toEqual(['drafted', 'edited', 'approved', 'sending', 'sent']);
    expect(trail.at(-1)).toMatchObject({ kind: 'email', channel: 'email', author: 'marie' });
    const inv = await ledger.models.Invoice.findOne({ number: sent.invoices[0] }).lean();
    expect(inv?.ladder?.step).toBe('reminder_letter');
    expect(fromStored(inv!.ladder!.on!)).toBe(ledger.today());
  });

  it('SMTP down: "approved, not sent", then sent once when it is back, with two instances retrying', async () => {
    const d = await reminderFor('marie', ['FR004']);
    await smtp.stop();
    await ack(d.key);
    const shown = await say(turn({ action: { type: 'approve_draft', draft: d.key, version: 1 } }));
    expect(renderText(shown)).toContain('approved, not sent');
    expect((await stored(d.key))!.status).toBe('failed');
    expect(await ledger.models.Delivery.countDocuments({ key: `email:${d.key}`, status: 'failed' })).toBe(1);
    await smtp.start();
    const count = smtp.received.length;
    const told: Array<{ staff: string; text: string }> = [];
    const ctx: JobContext = {
      services: services as never,
      notifier: {
        deliver: async (staff, reply) => {
          told.push({ staff, text: renderText(reply) });
          return 'web';
        },
      },
      logger: memoryLogger('silent').logger,
      digestTime: '08:30',
      touch: async () => {},
    };
    // Before its wait is over nothing is retried.
    expect(await retryEmails(ctx)).toEqual({ retried: 0, sent: 0 });
    clock.set(new Date(clock.now().getTime() + 61_000).toISOString());
    const [a, b] = await Promise.all([retryEmails(ctx), retryEmails(ctx)]);
    expect(a.sent + b.sent).toBe(1);
    await smtp.waitFor(count + 1);
    clock.set(new Date(clock.now().getTime() + 3 * 3600_000).toISOString());
    await retryEmails(ctx);
    expect(smtp.received).toHaveLength(count + 1);
    expect((await stored(d.key))!.status).toBe('sent');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ staff: 'marie' });
    expect(told[0]!.text).toContain('le serveur de messagerie est revenu');
  });

  it('a payment imported between approval and send: nothing sent, superseded, the approver told', async () => {
    const d = await reminderFor('tom');
    await smtp.stop();
    await ack(d.key, 'tom');
    await say(turn({ action: { type: 'approve_draft', draft: d.key, version: 1 } }, 'tom'));
    expect((await stored(d.key))!.status).toBe('failed');
    const inv = (d.inputs as { invoices: Array<{ number: string; amount: number; currency: string }> })
      .invoices[0]!;
    const amount = (inv.amount / 100).toFixed(2);
    const report = await importFile(
      'payments',
      csvFile(
        'payments.csv',
        `reference,customer_reference,date,currency,amount,invoice_numbers\nPAY-T-1,${d.customer},${ledger.today()},${inv.currency},${amount},${inv.number}\n`,
      ),
      importOpts(ledger),
    );
    expect(report.rejected).toEqual([]);
    await smtp.start();
    const count = smtp.received.length;
    const told: string[] = [];
    const ctx: JobContext = {
      services: services as never,
      notifier: {
        deliver: async (_s, reply) => {
          told.push(renderText(reply));
          return 'web';
        },
      },
      logger: memoryLogger('silent').logger,
      digestTime: '08:30',
      touch: async () => {},
    };
    clock.set(new Date(clock.now().getTime() + 10 * 60_000).toISOString());
    await retryEmails(ctx);
    expect(smtp.received).toHaveLength(count);
    const after = (await stored(d.key))!;
    expect(after.status).toBe('superseded');
    expect(after.supersededReason).toContain(`${inv.number} paid`);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('no longer holds and was not sent');
    expect(told[0]).toContain('Draft it again');
  });

  it('refuses approving v1 when v3 exists, shows the current one, and sends nothing', async () => {
    const d = await reminderFor('marie', ['FR004']);
    const content = d.versions[0]!.content as { paragraphs: string[] };
    for (const extra of ['Thank you for your attention.', 'Thank you for your prompt attention.'])
      await say(
        turn({
          action: { type: 'edit_draft', draft: d.key, body: [extra, ...content.paragraphs].join('\n\n') },
        }),
      );
    const count = smtp.received.length;
    const reply = await say(turn({ action: { type: 'approve_draft', draft: d.key, version: 1 } }));
    const text = renderText(reply);
    expect(text).toContain('a newer version exists (you pressed v1, the draft is at v3)');
    expect(text).toContain('Version: 3');
    expect(text).toContain('Thank you for your prompt attention.');
    expect((await stored(d.key))!.status).toBe('edited');
    expect(smtp.received).toHaveLength(count);
  });

  it("refuses a controller's approval of a formal notice, takes a manager's, and the number typed in chat records it sent", async () => {
    const shown = await say(turn({ text: 'formal notice for Textiles Dubois' }));
    expect(renderText(shown)).toContain('registered letter to post');
    const d = (await ledger.models.Draft.findOne({
      customer: 'FR004',
      step: 'formal_notice',
    }).lean<StoredDraft>())!;
    const trailBefore = await ledger.models.Activity.countDocuments({ 'data.draft': d.key });
    const refused = await say(turn({ action: { type: 'approve_draft', draft: d.key, version: 1 } }));
    expect(renderText(refused)).toContain("needs a manager's approval");
    const unchanged = (await stored(d.key))!;
    expect(unchanged.status).toBe('awaiting_approval');
    expect(unchanged.decidedBy).toBeUndefined();
    expect(await ledger.models.Activity.countDocuments({ 'data.draft': d.key })).toBe(trailBefore);

    const count = smtp.received.length;
    // The manager decides in the chat as a controller would: acknowledge, then approve.
    expect(renderText(await ack(d.key, 'claire'))).toContain('acknowledged by claire');
    const approved = await say(
      turn({ action: { type: 'approve_draft', draft: d.key, version: 1 } }, 'claire'),
    );
    expect(renderText(approved)).toContain('Status: approved, to post');
    expect((await stored(d.key))!).toMatchObject({ status: 'approved', decidedBy: 'claire' });
    expect(smtp.received).toHaveLength(count);

    // The next working day the letter is posted; its number typed in chat records it.
    clock.set('2026-11-24T09:00:00Z');
    const posted = await say(turn({ text: 'recommandé 1A 123 456 7890 1 posté pour Dubois' }));
    expect(renderText(posted)).toContain('registered mail no. 1A12345678901');
    const sent = (await stored(d.key))!;
    expect(sent).toMatchObject({ status: 'sent', sentOn: '2026-11-24', proof: { kind: 'registered' } });
    const trail = await ledger.models.Activity.findOne({ key: `${d.key}#sent` }).lean();
    expect(trail).toMatchObject({ kind: 'letter', channel: 'registered_letter', author: 'marie' });

    // The notice's deadline counts from the day it was posted; the hand-over only after it + grace.
    const deadline = formalNoticeDeadline('2026-11-24', ledger.policy);
    const ladder = await customerLadder(ledger.models, ledger.policy, 'FR004', '2026-11-24');
    for (const number of sent.invoices) {
      const inv = ladder.invoices.find((i) => i.number === number)!;
      expect(inv.history).toMatchObject({
        lastStep: 'formal_notice',
        lastStepOn: '2026-11-24',
        lastStepDeadline: deadline,
      });
      expect(inv.written.next?.step.key).toBe('handover');
      expect(inv.written.next!.on >= addBusinessDays(deadline, 2, 'FR')).toBe(true);
    }
  });
});
