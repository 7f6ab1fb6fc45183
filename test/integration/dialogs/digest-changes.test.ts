/**
 * The digest records itself when delivered, and the next one opens with what changed since —
 * exactly what this test changes between two mornings, on a scripted clock. It reflects the
 * ledger when it is delivered: a promise given after a breach takes the customer off the
 * broken promises. Every count opens its list. Manager-call steps are the manager's calls.
 */
import { renderText } from '../../../bot/render/text';
import { respond } from '../../../dialogs/conversation';
import { answerDigest } from '../../../dialogs/digest';
import type { Action, Reply } from '../../../dialogs/reply';
import type { Lang, Turn } from '../../../dialogs/turn';
import { importFile } from '../../../integrations/import/importer';
import { openDispute, recordPromise } from '../../../models/ledger/commitments';
import type { PersonalDigest } from '../../../models/ledger/digest';
import { markHandedOver } from '../../../models/ledger/handover';
import { refreshPromises } from '../../../models/ledger/promises';
import { markDirty } from '../../../models/ledger/summaries';
import { toStored } from '../../../models/rules/dates';
import { csvFile, importOpts, movableClock, openTestLedger } from '../../helpers/ledger';

const MONDAY = '2026-11-23T08:00:00Z'; // 09:00 in Paris
const clock = movableClock(MONDAY);
let ledger: Awaited<ReturnType<typeof openTestLedger>>;

async function load(kind: 'staff' | 'customers' | 'invoices' | 'payments', csv: string) {
  const report = await importFile(kind, csvFile(`${kind}.csv`, csv), importOpts(ledger));
  expect(report.rejected).toEqual([]);
}

const customerRow = (ref: string, name: string, limit = '50000') =>
  `${ref},${name},fr,Europe/Paris,marie,${limit},EUR,30,no,Jeanne Martin,Comptable,jeanne@${ref.toLowerCase()}.example,+33 1 23 45 67 89,1 rue de la Paix,75002,Paris,FR`;

beforeAll(async () => {
  ledger = await openTestLedger(clock);
  await load(
    'staff',
    'handle,name,email,role,time_zone,slack_user_id,teams_user_id\n' +
      'marie,Marie Lambert,marie@relance.test,credit_controller,Europe/Paris,,\n' +
      'claire,Claire Moreau,claire@relance.test,manager,Europe/Paris,,\n',
  );
  await load(
    'customers',
    'reference,name,language,time_zone,owner,credit_limit,currency,payment_terms_days,strategic,contact_name,contact_role,contact_email,contact_phone,address,postal_code,city,country\n' +
      [
        customerRow('C1', 'Alpha SARL', '1000'),
        customerRow('C2', 'Bravo SAS'),
        customerRow('C3', 'Charlie SA'),
        customerRow('C4', 'Delta SARL'),
        customerRow('C5', 'Echo SAS'),
        customerRow('C6', 'Foxtrot SA'),
        customerRow('C7', 'Golf SAS'),
      ].join('\n') +
      '\n',
  );
  await load(
    'invoices',
    'number,customer_reference,issue_date,due_date,currency,amount,amount_paid\n' +
      'INV-A1,C1,2026-10-10,2026-11-10,EUR,1000.00,0\n' +
      'INV-A2,C1,2026-10-23,2026-11-23,EUR,500.00,0\n' +
      'INV-B1,C2,2026-10-02,2026-11-02,EUR,2000.00,0\n' +
      'INV-C1,C3,2026-09-15,2026-10-15,EUR,3000.00,0\n' +
      'INV-D1,C4,2026-09-01,2026-10-01,EUR,4000.00,0\n' +
      'INV-E1,C5,2026-10-05,2026-11-05,EUR,600.00,0\n' +
      'INV-F1,C6,2026-10-03,2026-11-03,EUR,700.00,0\n' +
      'INV-G1,C7,2026-09-20,2026-10-20,EUR,225.20,0\n',
  );
  const m = ledger.models;
  // Golf: the second reminder went out, the manager call (D+30) is due.
  await m.Invoice.updateOne(
    { number: 'INV-G1' },
    { $set: { ladder: { step: 'second_reminder', on: toStored('2026-11-09') } } },
  );
  const promise = (customer: string, invoice: string, date: string, amount: number, givenOn: string) =>
    recordPromise(m, {
      operationKey: `test:promise:${customer}:${givenOn}`,
      customer,
      owner: 'marie',
      invoices: [invoice],
      instalments: [{ date, amount, currency: 'EUR' }],
      givenOn,
      recordedBy: 'marie',
    });
  await promise('C2', 'INV-B1', '2026-11-24', 200_000, '2026-11-20'); // will be kept
  await promise('C3', 'INV-C1', '2026-11-19', 300_000, '2026-11-12'); // will break
  await promise('C4', 'INV-D1', '2026-11-13', 400_000, '2026-11-05'); // broke last week
  await refreshPromises(m, ['C4'], '2026-11-18', ledger.policy);
  await openDispute(m, {
    operationKey: 'test:dispute:F1',
    customer: 'C6',
    owner: 'marie',
    invoice: 'INV-F1',
    reason: 'price',
    detail: 'tarif du devis',
    reviewOn: '2026-11-27',
    recordedBy: 'marie',
  });
  await markDirty(
    m,
    ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].map((customer) => ({ customer })),
  );
});
afterAll(async () => {
  await ledger.close();
});

let seq = 0;
function turn(staff: string, text: string | undefined, lang: Lang = 'en', action?: Turn['action']): Turn {
  return { id: `digest:${++seq}`, channel: 'web', staff, lang, text, action, at: clock.now() };
}

/** The digest Marie gets when she asks for it in chat (which records it as delivered). */
async function askDigest(at: string): Promise<{ reply: Reply; digest: PersonalDigest }> {
  clock.set(at);
  const [reply] = await respond(turn('marie', 'my digest'), ledger);
  // The same digest as data (read-only), to check the lists exactly.
  const { digest } = await answerDigest('marie', ledger.today(), 'en', ledger);
  return { reply: reply!, digest: digest as PersonalDigest };
}

const refs = (lines: Array<{ customer: string }>) => lines.map((l) => l.customer).sort();

function actionsOf(reply: Reply): Action[] {
  return reply.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'actions' ? b.actions : [])));
}

describe('the digest tells what changed since the last one', () => {
  let monday: PersonalDigest;

  it('records the first digest when delivered, once per person and day', async () => {
    const { reply, digest } = await askDigest(MONDAY);
    monday = digest;
    expect(digest.changes).toBeNull(); // nothing to compare with yet
    expect(await ledger.models.DigestRecord.countDocuments({ staff: 'marie', on: '2026-11-23' })).toBe(1);
    await askDigest('2026-11-23T08:05:00Z');
    expect(await ledger.models.DigestRecord.countDocuments({ staff: 'marie' })).toBe(1);
    // The essentials: total outstanding and overdue per currency, and a credit-limit breach.
    const text = renderText(reply);
    expect(text).toContain('Total outstanding: €12,025.20');
    expect(text).toContain('⚠ Over credit limit: 1');
    expect(digest.overLimit.map((o) => o.customer)).toEqual(['C1']);
    expect(refs(digest.promisesBroken)).toEqual(['C4']);
  });

  it('takes a customer off the broken promises once a new promise is given', async () => {
    clock.set('2026-11-23T09:00:00Z');
    await recordPromise(ledger.models, {
      operationKey: 'test:promise:C4:again',
      customer: 'C4',
      owner: 'marie',
      invoices: ['INV-D1'],
      instalments: [{ date: '2026-11-30', amount: 400_000, currency: 'EUR' }],
      givenOn: '2026-11-23',
      recordedBy: 'marie',
    });
    await markDirty(ledger.models, [{ customer: 'C4' }]);
    const { reply, digest } = await askDigest('2026-11-23T10:00:00Z');
    expect(digest.promisesBroken).toEqual([]);
    expect(renderText(reply)).toContain('Promises broken: 0');
  });

  it('the next morning lists exactly what changed, each count opening its list', async () => {
    // Tuesday: Bravo pays, Charlie's promise is judged broken, a promise from Alpha, a dispute
    // opened at Echo and Foxtrot's closed, a draft waiting, Delta handed over, INV-A2 now late.
    clock.set('2026-11-24T07:00:00Z');
    const m = ledger.models;
    await load(
      'payments',
      'reference,customer_reference,date,currency,amount,invoice_numbers\nVIR-B1,C2,2026-11-24,EUR,2000.00,INV-B1\n',
    );
    await refreshPromises(m, ['C2', 'C3', 'C4'], '2026-11-24', ledger.policy);
    await recordPromise(m, {
      operationKey: 'test:promise:C1:tuesday',
      customer: 'C1',
      owner: 'marie',
      invoices: ['INV-A1'],
      instalments: [{ date: '2026-11-27', amount: 100_000, currency: 'EUR' }],
      givenOn: '2026-11-24',
      recordedBy: 'marie',
    });
    await openDispute(m, {
      operationKey: 'test:dispute:E1',
      customer: 'C5',
      owner: 'marie',
      invoice: 'INV-E1',
      reason: 'quality',
      detail: 'palettes abîmées',
      reviewOn: '2026-12-01',
      recordedBy: 'marie',
    });
    await m.Dispute.updateOne(
      { operationKey: 'test:dispute:F1' },
      { $set: { status: 'withdrawn', resolvedAt: clock.now() } },
    );
    await m.Draft.create({
      key: 'test:draft:C1',
      customer: 'C1',
      owner: 'marie',
      step: 'reminder_letter',
      kind: 'letter',
      lang: 'fr',
      status: 'awaiting_approval',
      inputs: {},
      requestedBy: 'relance',
      draftedAt: clock.now(),
    });
    // Delta's hand-over approved by the manager: with the agency from now on.
    await markHandedOver(m, {
      lang: 'fr',
      customer: 'C4',
      partner: 'Cabinet Recouvra',
      by: 'claire',
      at: new Date('2026-11-24T10:00:00Z'),
      draft: 'test:handover:C4',
    });
    await markDirty(
      m,
      ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'].map((customer) => ({ customer })),
    );

    const { reply, digest } = await askDigest('2026-11-24T08:00:00Z');
    const c = digest.changes!;
    expect(c.since).toBe('2026-11-23');
    expect(c.newOverdue.map((i) => i.invoice)).toEqual(['INV-A2']);
    expect(c.payments.map((p) => p.reference)).toEqual(['VIR-B1']);
    expect(refs(c.promisesMade)).toEqual(['C1']);
    expect(refs(c.promisesKept)).toEqual(['C2']);
    expect(refs(c.promisesBroken)).toEqual(['C3']);
    expect(refs(c.disputesOpened)).toEqual(['C5']);
    expect(refs(c.disputesClosed)).toEqual(['C6']);
    expect(c.draftsNew.map((d) => d.key)).toEqual(['test:draft:C1']);
    expect(c.handovers.map((h) => h.invoice)).toEqual(['INV-D1']);
    // Broken since Monday's digest and still standing: Charlie.
    expect(refs(digest.promisesBroken)).toEqual(['C3']);
    expect(digest.drafts.map((d) => d.key)).toEqual(['test:draft:C1']);
    expect(monday.snapshot.overdue).not.toContain('INV-A2');

    const text = renderText(reply);
    expect(text).toContain('Since your last digest (Mon 23 Nov)');
    expect(text).toContain('Payments received: 1');
    expect(text).toContain('Handed over: 1');

    // Each count is a button that opens its list.
    const lists = actionsOf(reply).filter((a) => a.payload.type === 'digest_list');
    const keys = lists.map((a) => (a.payload.type === 'digest_list' ? a.payload.list : ''));
    expect(keys).toEqual(
      expect.arrayContaining([
        'new_overdue',
        'payments',
        'promises_made',
        'promises_kept',
        'promises_broken_since',
        'disputes_opened',
        'disputes_closed',
        'drafts_new',
        'handovers',
        'promises_broken',
        'drafts',
        'over_limit',
      ]),
    );
    const open = async (list: string) => {
      const a = lists.find((x) => x.payload.type === 'digest_list' && x.payload.list === list)!;
      const [r] = await respond(turn('marie', undefined, 'en', a.payload), ledger);
      return renderText(r!);
    };
    expect(await open('payments')).toContain('Bravo SAS (C2) — €2,000.00 (VIR-B1, Tue 24 Nov)');
    expect(await open('drafts')).toContain('Alpha SARL (C1)');
    expect(await open('over_limit')).toContain(
      '⚠ Alpha SARL (C1) — €1,500.00 against a credit limit of €1,000.00',
    );
    expect(await open('handovers')).toContain('Delta SARL (C4) — INV-D1');
  });

  it('a third digest the same week starts from the second: nothing is listed twice', async () => {
    const { digest } = await askDigest('2026-11-25T08:00:00Z');
    const c = digest.changes!;
    expect(c.since).toBe('2026-11-24');
    expect(c.payments).toEqual([]);
    expect(c.promisesMade).toEqual([]);
    expect(c.disputesOpened).toEqual([]);
    expect(c.draftsNew).toEqual([]);
    expect(c.handovers).toEqual([]);
    expect(c.newOverdue.map((i) => i.invoice)).toEqual([]);
  });

  it('lists a draft waiting with its age, flagged once its approval is overdue', async () => {
    const tuesday = await answerDigest('marie', '2026-11-24', 'en', ledger, true);
    expect((tuesday.digest as PersonalDigest).drafts[0]).toMatchObject({
      key: 'test:draft:C1',
      ageBusinessDays: 0,
      overdue: false,
    });
    expect(renderText(tuesday.reply)).not.toContain('approval overdue');
    // Drafted on Tuesday 24: Monday 30 is 4 working days later, past the policy's 2.
    const monday = await answerDigest('marie', '2026-11-30', 'en', ledger, true);
    expect((monday.digest as PersonalDigest).drafts[0]).toMatchObject({ ageBusinessDays: 4, overdue: true });
    expect(renderText(monday.reply)).toMatch(
      /Alpha SARL \(C1\)[^\n]*\n[^\n]*for 4 working day\(s\) · ⚠ approval overdue/,
    );
  });

  it('`relance digest` style reading records nothing', async () => {
    const before = await ledger.models.DigestRecord.countDocuments();
    await answerDigest('marie', '2026-11-26', 'en', ledger, true);
    expect(await ledger.models.DigestRecord.countDocuments()).toBe(before);
  });
});

describe("manager-call steps are the manager's", () => {
  it("are on the manager's list with the controller named, not on the controller's", async () => {
    clock.set('2026-11-23T11:00:00Z');
    const ask = async (staff: string) => {
      const [reply] = await respond(turn(staff, 'who should I call today?'), ledger);
      return renderText(reply!);
    };
    const marie = await ask('marie');
    expect(marie).not.toContain('Golf SAS');
    const claire = await ask('claire');
    expect(claire).toContain('Golf SAS (C7)');
    expect(claire).toContain("Due today: manager call (INV-G1) · Marie Lambert's customer");
  });

  it("lead the manager's digest, as a count that opens the list", async () => {
    clock.set('2026-11-23T11:00:00Z');
    const [digest] = await respond(turn('claire', 'my digest'), ledger);
    const text = renderText(digest!);
    expect(text).toContain('Your calls (manager calls): 1');
    expect(text).toContain("Golf SAS (C7)\n    Due today: manager call (INV-G1) · Marie Lambert's customer");
    const button = actionsOf(digest!).find(
      (a) => a.payload.type === 'digest_list' && a.payload.list === 'manager_calls',
    )!;
    expect(button.label).toBe('Your calls (manager calls) (1)');
    const [list] = await respond(turn('claire', undefined, 'en', button.payload), ledger);
    expect(renderText(list!)).toContain('Golf SAS (C7)');
    // A controller cannot open a colleague's lists.
    const [refused] = await respond(
      turn('marie', undefined, 'en', {
        type: 'digest_list',
        staff: 'claire',
        date: '2026-11-23',
        list: 'approvals',
      }),
      ledger,
    );
    expect(renderText(refused!)).toContain("That digest is a colleague's.");
  });
});
