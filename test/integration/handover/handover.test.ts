/**
 * The hand-over on the demo portfolio, over the wire to the embedded engine: a controller may
 * not approve it; a manager's approval marks the customer "with agency / commissaire de
 * justice" (who, who approved, since when, an Activity); the customer leaves every call list
 * (its owner's, the other controller's, the manager's) and the morning sweep drafts nothing
 * for it; the digests show it apart with what it owes; a payment imported later through the
 * CSV import still settles it, and the digest and the case file say so. A manager takes it back.
 */
import { caseFileFiles } from '../../../dialogs/case-file/bundle';
import { respond } from '../../../dialogs/conversation';
import { answerDigest } from '../../../dialogs/digest';
import { withCompany } from '../../../dialogs/drafting/draft-dialog';
import { requestDraft } from '../../../dialogs/drafting/drafts';
import type { Reply } from '../../../dialogs/reply';
import { DEFAULT_COMPANY } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { importFile } from '../../../integrations/import/importer';
import { memoryLogger } from '../../../integrations/logger';
import { jobNamed, runJob } from '../../../jobs/run';
import { takeBack } from '../../../models/ledger/handover';
import { invoiceFacts } from '../../../models/ledger/invoice-state';
import { worklist } from '../../../models/ledger/worklist';
import { outstanding } from '../../../models/rules/invoice-facts';
import { csvFile, importOpts, NOW, openTestLedger } from '../../helpers/ledger';

jest.setTimeout(180_000);

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
let customer: string;
const PARTNER = 'Cabinet Recouvra (commissaire de justice)';
let turnSeq = 0;
const turn = (staff: string, extra: Record<string, unknown>) => ({
  id: `web:handover:${++turnSeq}`,
  channel: 'web' as const,
  staff,
  lang: 'en' as const,
  at: new Date(NOW),
  ...extra,
});
const text = (r: unknown) => JSON.stringify(r);
const services = () => ({ ...ledger, company: DEFAULT_COMPANY });
const onList = async (owners: string[] | null, audience?: 'owner' | 'team') =>
  (await worklist(ledger.models, ledger.policy, { owners, asOf: ledger.today(), now: null, audience })).map(
    (s) => s.customer.reference,
  );

beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
  ledger.policy.handoverPartner = PARTNER;
  // Marie's first call today: the customer the team would have called.
  customer = (await onList(['marie']))[0]!;
}, 120_000);
afterAll(async () => {
  await ledger.close();
});

describe('the hand-over', () => {
  it('needs a manager, then takes the customer off every call list and the ladder', async () => {
    expect(await onList(null, 'team')).toContain(customer);
    const draft = await requestDraft(withCompany(services()), {
      key: `test:handover:${customer}`,
      customer,
      step: 'handover',
      by: 'marie',
    });
    // A controller cannot approve a hand-over: nothing changes.
    const refused = await respond(
      turn('marie', { action: { type: 'approve_draft', draft: draft.key } }),
      services(),
    );
    expect(text(refused[0]!)).toMatch(/manager/i);
    expect((await ledger.models.Customer.findOne({ reference: customer }).lean())!.handover).toBeUndefined();

    // The draft's warning (an ECB half-year not entered) is acknowledged first, as on its card.
    await respond(turn('claire', { action: { type: 'acknowledge_warnings', draft: draft.key } }), services());
    const approved = await respond(
      turn('claire', { action: { type: 'approve_draft', draft: draft.key } }),
      services(),
    );
    expect(draft.status).toBe('awaiting_approval');
    expect(text(approved[0]!)).toMatch(/to post|approved/i);
    const stored = (await ledger.models.Customer.findOne({ reference: customer }).lean())!;
    expect(stored.handover).toMatchObject({ partner: PARTNER, approvedBy: 'claire', draft: draft.key });
    expect(stored.handover!.since.toISOString()).toBe(new Date(NOW).toISOString());
    const trail = await ledger.models.Activity.findOne({ customer, outcome: 'handed_over' }).lean();
    expect(trail).toMatchObject({ author: 'claire', kind: 'escalation' });
    expect(trail!.summary).toContain(PARTNER);

    // Off every controller's call list, and the manager's.
    for (const who of [['marie'], ['tom'], null] as const) {
      expect(await onList(who as string[] | null)).not.toContain(customer);
      expect(await onList(who as string[] | null, 'team')).not.toContain(customer);
    }
    const worklistReply = await respond(turn('marie', { text: 'who should I call today?' }), services());
    expect(text(worklistReply[0]!)).not.toContain(`(${customer})`);

    // The morning sweep drafts nothing for it (other customers still get theirs).
    const context = {
      services: services(),
      notifier: { deliver: async () => 'test' },
      logger: memoryLogger('silent').logger,
      digestTime: '08:30',
      touch: async () => {},
    };
    await runJob(context, jobNamed('escalation-sweep')!, { date: ledger.today() });
    expect(await ledger.models.Draft.countDocuments({ key: { $regex: '^sweep:' } })).toBeGreaterThan(0);
    expect(await ledger.models.Draft.countDocuments({ customer, key: { $regex: '^sweep:' } })).toBe(0);
  });

  it('shows it apart in the digests with what it owes, and a payment imported later still settles it', async () => {
    const open = await ledger.models.Invoice.find({ customer, status: { $in: ['open', 'partially_paid'] } })
      .sort({ dueDate: 1 })
      .lean();
    const owed = (list: typeof open) =>
      list
        .filter((i) => i.currency === open[0]!.currency)
        .reduce((n, i) => n + outstanding(invoiceFacts(i)), 0);
    const name = (await ledger.models.Customer.findOne({ reference: customer }).lean())!.name;
    const section = (r: Reply) =>
      r.sections.find((s) => s.title === 'Handed over (agency / commissaire de justice)');
    const marie = (await answerDigest('marie', ledger.today(), 'en', services())).reply;
    const mine = section(marie)!;
    expect(text(mine)).toContain(`${name} (${customer})`);
    expect(text(mine)).toContain(PARTNER);
    const fmt = (n: number) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: open[0]!.currency }).format(n / 100);
    expect(text(mine)).toContain(fmt(owed(open)));
    // Apart: not among today's calls.
    expect(text(marie.sections.find((s) => /calls/i.test(s.title ?? ''))!)).not.toContain(`(${customer})`);
    const team = (await answerDigest('claire', ledger.today(), 'en', services())).reply;
    expect(text(section(team)!)).toContain(`(${customer})`);
    const tom = (await answerDigest('tom', ledger.today(), 'en', services())).reply;
    expect(text(section(tom) ?? {})).not.toContain(`(${customer})`);

    // The customer pays its oldest invoice: imported through the real CSV import.
    const first = open[0]!;
    const amount = outstanding(invoiceFacts(first));
    const file = csvFile(
      'payments.csv',
      `reference,customer_reference,date,currency,amount,invoice_numbers\nVIR-HANDOVER-1,${customer},${ledger.today()},${first.currency},${(amount / 100).toFixed(2)},${first.number}\n`,
    );
    const report = await importFile('payments', file, importOpts(ledger));
    expect(report.rejected).toEqual([]);
    const paid = (await ledger.models.Invoice.findOne({ number: first.number }).lean())!;
    expect(outstanding(invoiceFacts(paid))).toBe(0);
    const after = (await answerDigest('marie', ledger.today(), 'en', services())).reply;
    expect(text(section(after)!)).toContain(fmt(owed(open) - amount));
    const files = await caseFileFiles(
      { models: ledger.models, policy: ledger.policy, company: DEFAULT_COMPANY },
      { customer, asOf: ledger.today() },
    );
    expect(files.caseFile.invoices.map((i) => i.number)).not.toContain(first.number);
  });

  it('a manager takes it back: on the call lists again, both events in the trail', async () => {
    expect(
      await takeBack(ledger.models, {
        customer,
        by: 'claire',
        at: new Date(NOW),
        key: 'test:back',
        lang: 'fr',
      }),
    ).toBe(true);
    expect((await ledger.models.Customer.findOne({ reference: customer }).lean())!.handover).toBeUndefined();
    expect(await ledger.models.Activity.countDocuments({ customer, outcome: 'taken_back' })).toBe(1);
    expect(await onList(['marie'])).toContain(customer);
  });
});
