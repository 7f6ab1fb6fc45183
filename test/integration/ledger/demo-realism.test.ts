/**
 * The demo looks like a real team's file: calls and letters on working days only (no weekend,
 * no French public holiday), the reminder cap (3 per customer in 30 days) kept in its history,
 * disputes reviewed after they were opened, and a few customers over their credit limit —
 * flagged on the customer card and in the digest.
 */
import { renderText } from '../../../bot/render/text';
import { customerCard } from '../../../dialogs/customer';
import { answerDigest } from '../../../dialogs/digest';
import { loadDemo } from '../../../integrations/demo/load';
import { demoPortfolio } from '../../../integrations/demo/portfolio';
import type { PersonalDigest } from '../../../models/ledger/digest';
import { isBusinessDay } from '../../../models/rules/calendar';
import { addDays } from '../../../models/rules/dates';
import { defaultPolicy } from '../../../models/rules/policy';
import { NOW, openTestLedger } from '../../helpers/ledger';

const policy = defaultPolicy();
const REMINDER_STEPS = new Set(policy.ladder.filter((s) => s.countsAsReminder).map((s) => s.key as string));
// A Monday, the day after New Year's week-end, just after Easter Monday, after 14 July.
const TODAYS = ['2026-11-23', '2027-01-04', '2027-03-30', '2026-07-15'];
const SEEDS = [42, 7, 2026];

describe.each(TODAYS.flatMap((today) => SEEDS.map((seed) => [today, seed] as const)))(
  'the demo of %s (seed %d)',
  (today, seed) => {
    const demo = demoPortfolio(today, seed);

    it('has calls and letters on working days only, none after today', () => {
      const contacts = demo.activities.filter((a) => ['call', 'letter', 'promise', 'email'].includes(a.kind));
      expect(contacts.length).toBeGreaterThan(50);
      for (const a of contacts) {
        expect({ ...a, working: isBusinessDay(a.on, 'FR') }).toMatchObject({ working: true });
        expect(a.on <= today).toBe(true);
      }
      for (const d of demo.disputes) expect(isBusinessDay(d.openedOn, 'FR')).toBe(true);
      for (const p of demo.promises) {
        expect(isBusinessDay(p.givenOn, 'FR')).toBe(true);
        for (const i of p.instalments) expect(isBusinessDay(i.date, 'FR')).toBe(true);
      }
    });

    it('keeps at most 3 reminders per customer in any 30 days', () => {
      const byCustomer = new Map<string, string[]>();
      for (const a of demo.activities)
        if (a.step && REMINDER_STEPS.has(a.step))
          byCustomer.set(a.customer, [...(byCustomer.get(a.customer) ?? []), a.on]);
      expect([...byCustomer.values()].flat().length).toBeGreaterThan(20);
      for (const [customer, dates] of byCustomer)
        for (const start of dates) {
          const end = addDays(start, policy.reminderCap.withinDays - 1);
          const inWindow = dates.filter((d) => d >= start && d <= end);
          expect({ customer, start, reminders: inWindow.length <= policy.reminderCap.max }).toEqual({
            customer,
            start,
            reminders: true,
          });
        }
    });

    it('reviews each dispute after it was opened', () => {
      expect(demo.disputes.length).toBeGreaterThan(2);
      for (const d of demo.disputes) expect(d.reviewOn > d.openedOn).toBe(true);
    });

    it('has a few customers over their credit limit, not most', () => {
      const paid = new Map<string, number>();
      for (const p of demo.payments)
        paid.set(p.invoice_numbers!, (paid.get(p.invoice_numbers!) ?? 0) + Number(p.amount));
      const over = demo.customers.filter((c) => {
        const owed = demo.invoices
          .filter((i) => i.customer_reference === c.reference)
          .reduce((n, i) => n + Math.max(0, Number(i.amount) - (paid.get(i.number!) ?? 0)), 0);
        return owed > Number(c.credit_limit);
      });
      expect(over.length).toBeGreaterThanOrEqual(2);
      expect(over.length).toBeLessThanOrEqual(demo.customers.length / 4);
    });
  },
);

describe('credit-limit breaches, loaded', () => {
  let ledger: Awaited<ReturnType<typeof openTestLedger>>;
  beforeAll(async () => {
    ledger = await openTestLedger(NOW);
    await loadDemo(ledger);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('are highlighted in the digest and on the customer card', async () => {
    const over: string[] = [];
    for (const staff of ['marie', 'tom']) {
      const { reply, digest } = await answerDigest(staff, ledger.today(), 'en', ledger);
      const d = digest as PersonalDigest;
      over.push(...d.overLimit.map((o) => o.customer));
      if (d.overLimit.length)
        expect(renderText(reply)).toContain(`⚠ Over credit limit: ${d.overLimit.length}`);
    }
    expect(over.length).toBeGreaterThanOrEqual(2);
    const card = renderText(await customerCard(over[0]!, 'en', ledger));
    expect(card).toContain('⚠ Over its credit limit');
    expect(card).toMatch(/⚠ Credit limit exceeded: .+ owed against a limit of .+ \(\d+ %\)/);
    const within = await ledger.models.Customer.findOne({ reference: { $nin: over } }).lean();
    expect(renderText(await customerCard(within!.reference, 'en', ledger))).not.toContain('⚠');
  });
});
