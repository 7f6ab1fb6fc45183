/**
 * The facts a draft may state, read from the ledger at the moment of drafting: only what is
 * still owed and not disputed (a paid invoice is never chased, a disputed one never pressed),
 * penalties and the €40 indemnity per the rules, the deadline in business days. Both drafters
 * write from these, and the fact guard checks every figure of a draft against them.
 */
import type { Company } from '../../integrations/config';
import type { Models } from '../../models';
import { NotFoundError, ValidationError } from '../../models/errors';
import { invoiceFacts } from '../../models/ledger/invoice-state';
import { customerLadder, stepsAhead, underPromise } from '../../models/ledger/ladder-state';
import { addBusinessDays } from '../../models/rules/calendar';
import type { LocalDate } from '../../models/rules/dates';
import { chaseable, daysLate } from '../../models/rules/invoice-facts';
import { FIXED_INDEMNITY, latePenalties } from '../../models/rules/penalties';
import type { Policy, StepKey } from '../../models/rules/policy';
import type { Lang } from '../turn';

export const DRAFT_KINDS = [
  'preventive_reminder',
  'call_script',
  'reminder_letter',
  'second_reminder',
  'formal_notice',
  'handover',
] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export function kindOfStep(step: StepKey): DraftKind {
  switch (step) {
    case 'pre_due_call':
    case 'first_call':
    case 'manager_call':
      return 'call_script';
    default:
      return step;
  }
}

/** Business days given to pay, per kind (a formal notice: 8 business days, within the 8–15 days practice). */
export const DEADLINE_BUSINESS_DAYS: Partial<Record<DraftKind, number>> = {
  call_script: 5,
  reminder_letter: 8,
  second_reminder: 8,
  formal_notice: 8,
};

export interface FactInvoice {
  number: string;
  issueDate: LocalDate;
  dueDate: LocalDate;
  /** Still owed and not disputed, minor units. */
  amount: number;
  currency: string;
  daysLate: number;
  /** Late-payment interest to date, minor units of the invoice currency. */
  interest: number;
  /** The €40 recovery indemnity (EUR minor units), 0 when not late or not B2B. */
  indemnity: number;
}

export interface DraftFacts {
  asOf: LocalDate;
  step: StepKey;
  kind: DraftKind;
  lang: Lang;
  company: Company;
  customer: {
    reference: string;
    name: string;
    consumer: boolean;
    address: { lines: string[]; postalCode?: string; city?: string; country?: string } | null;
    contact: { name: string; email?: string; phone?: string } | null;
  };
  sender: { name: string; email?: string };
  invoices: FactInvoice[];
  /** Per currency: owed and interest; never summed across currencies. */
  totals: Array<{ currency: string; owed: number; interest: number }>;
  /** Indemnities are in euros whatever the invoice currency. */
  indemnityTotal: number;
  /** Penalty rates applied (percent); the contract's or the legal default. */
  rates: number[];
  rateSource: 'contract' | 'legal';
  warnings: string[];
  deadline: LocalDate | null;
  deadlineBusinessDays: number | null;
  /** Invoices left out because disputed: context for the writer, never pressed. */
  disputes: Array<{ invoice: string; reason: string; detail: string }>;
}

export interface DraftRequest {
  customer: string;
  step?: StepKey;
  lang?: Lang;
  /** Only these invoices (the sweep names those whose step is due); default: all that fit the step. */
  invoices?: string[];
}

export async function loadDraftFacts(
  models: Models,
  policy: Policy,
  company: Company,
  asOf: LocalDate,
  req: DraftRequest,
): Promise<DraftFacts> {
  const customer = await models.Customer.findOne({ reference: req.customer }).lean();
  if (!customer) throw new NotFoundError(`customer ${req.customer} not found`);
  const [ladder, disputes, owner] = await Promise.all([
    customerLadder(models, policy, customer.reference, asOf),
    models.Dispute.find({ customer: customer.reference, status: 'open' }).lean(),
    models.Staff.findOne({ handle: customer.owner }).lean(),
  ]);
  const ahead = stepsAhead(ladder);
  const step = req.step ?? ahead.due ?? ahead.soonest;
  if (!step)
    throw new ValidationError(`nothing to chase for ${customer.reference}: no open, undisputed invoice`);
  const kind = kindOfStep(step);
  const preDue = step === 'pre_due_call' || step === 'preventive_reminder';
  // A letter leaves out invoices under a pending promise (until its date plus grace).
  const chosen = ladder.invoices.filter(
    (i) =>
      (req.invoices ? req.invoices.includes(i.number) : true) &&
      (preDue ? i.facts.dueDate >= asOf : i.facts.dueDate < asOf) &&
      (kind === 'call_script' || !underPromise(i, policy, asOf)),
  );
  if (chosen.length === 0)
    throw new ValidationError(
      preDue
        ? `${customer.reference} has no invoice still to fall due: a ${step} has nothing to cover`
        : `${customer.reference} has no overdue, undisputed invoice free of a pending promise: a ${step} has nothing to chase`,
    );

  const b2b = !customer.consumer;
  const terms = { contractualRatePct: customer.penaltyRatePct ?? undefined, b2b };
  const rates = new Set<number>();
  const warnings = new Set<string>();
  const invoices: FactInvoice[] = chosen.map(({ facts }) => {
    const p = latePenalties(facts, asOf, policy.country, terms);
    for (const s of p.segments) rates.add(s.ratePct);
    for (const w of p.warnings) warnings.add(w);
    const late = daysLate(facts, asOf, policy.country);
    return {
      number: facts.number,
      issueDate: facts.issueDate,
      dueDate: facts.dueDate,
      amount: chaseable(facts),
      currency: facts.currency,
      daysLate: late,
      interest: p.interest.amount,
      indemnity: b2b && late > 0 ? FIXED_INDEMNITY.amount : 0,
    };
  });
  const totals = new Map<string, { currency: string; owed: number; interest: number }>();
  for (const i of invoices) {
    const t = totals.get(i.currency) ?? { currency: i.currency, owed: 0, interest: 0 };
    t.owed += i.amount;
    t.interest += i.interest;
    totals.set(i.currency, t);
  }
  // Before the due date the deadline is the due date itself; after it, business days from today.
  const days = preDue ? null : (DEADLINE_BUSINESS_DAYS[kind] ?? null);
  const deadline = preDue
    ? invoices[0]!.dueDate
    : days !== null
      ? addBusinessDays(asOf, days, policy.country)
      : null;
  const contact = customer.contacts.find((c) => c.usual) ?? customer.contacts[0] ?? null;
  return {
    asOf,
    step,
    kind,
    lang: req.lang ?? (customer.language === 'en' ? 'en' : 'fr'),
    company,
    customer: {
      reference: customer.reference,
      name: customer.name,
      consumer: customer.consumer,
      address: customer.address?.lines?.length
        ? {
            lines: customer.address.lines,
            postalCode: customer.address.postalCode ?? undefined,
            city: customer.address.city ?? undefined,
            country: customer.address.country ?? undefined,
          }
        : null,
      contact: contact
        ? { name: contact.name, email: contact.email ?? undefined, phone: contact.phone ?? undefined }
        : null,
    },
    sender: { name: owner?.name ?? company.name, email: owner?.email ?? company.email },
    invoices,
    totals: [...totals.values()],
    indemnityTotal: invoices.reduce((n, i) => n + i.indemnity, 0),
    rates: [...rates],
    rateSource:
      customer.penaltyRatePct !== undefined && customer.penaltyRatePct !== null ? 'contract' : 'legal',
    warnings: [...warnings],
    deadline,
    deadlineBusinessDays: days,
    disputes: disputes.map((d) => ({
      invoice: d.invoices.join(', '),
      reason: d.reason,
      detail: d.detail ?? '',
    })),
  };
}

/** What may be chased: open invoices with something owed and not disputed, oldest due first. */
export async function chaseableInvoices(models: Models, customer: string) {
  const docs = await models.Invoice.find({ customer, status: { $in: ['open', 'partially_paid'] } }).lean();
  return docs
    .map((doc) => ({ doc, facts: invoiceFacts(doc) }))
    .filter((i) => chaseable(i.facts) > 0)
    .sort((a, b) => (a.facts.dueDate < b.facts.dueDate ? -1 : 1));
}

/** The customer's next ladder step, or null when nothing is left to chase. */
export async function nextStepFor(models: Models, policy: Policy, customer: string, asOf: LocalDate) {
  const { due, soonest } = stepsAhead(await customerLadder(models, policy, customer, asOf));
  return due ?? soonest;
}

/** The step due for this customer on `asOf` (pauses and reminder caps applied), or null. */
export async function dueStepFor(models: Models, policy: Policy, customer: string, asOf: LocalDate) {
  return stepsAhead(await customerLadder(models, policy, customer, asOf)).due;
}
