/**
 * The facts a draft may state, read from the ledger at the moment of drafting: only what is
 * still owed and not disputed (a paid invoice is never chased, a disputed one never pressed),
 * penalties per period and the €40 indemnity per the rules, the statement of account, the
 * earlier reminders, the deadline. Both drafters write from these, and the fact guard checks
 * every figure of a draft against them.
 *
 * `buildDraftFacts` is pure (plain data in, facts out: what the golden tests render);
 * `loadDraftFacts` reads the ledger and calls it.
 */
import type { Company } from '../../integrations/config';
import type { Models } from '../../models';
import { NotFoundError, ValidationError } from '../../models/errors';
import { invoiceFacts } from '../../models/ledger/invoice-state';
import { customerLadder, stepsAhead, underPromise } from '../../models/ledger/ladder-state';
import { addBusinessDays } from '../../models/rules/calendar';
import { addDays, compareDates, fromStored, type LocalDate } from '../../models/rules/dates';
import {
  chaseable,
  creditedTotal,
  daysLate,
  type InvoiceFacts,
  outstanding,
} from '../../models/rules/invoice-facts';
import { limitationAlerts } from '../../models/rules/limitation';
import { FIXED_INDEMNITY, latePenalties, type PenaltyTerms } from '../../models/rules/penalties';
import type { Policy, StepKey } from '../../models/rules/policy';
import type { Lang } from '../turn';
import { warning } from '../words/warnings';
import type { Civility } from './salutation';

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

/** Business days given to pay, per kind. A formal notice counts calendar days from receipt (policy). */
export const DEADLINE_BUSINESS_DAYS: Partial<Record<DraftKind, number>> = {
  call_script: 5,
  reminder_letter: 8,
  second_reminder: 8,
};

/** Business days a registered letter is taken to take to arrive: the formal notice's deadline runs from then. */
export const POSTAL_BUSINESS_DAYS = 2;

/** Below this (EUR minor units, principal and penalties), the simplified small-claims procedure applies. */
export const SMALL_CLAIM_LIMIT = 500_000;

/** Roles of a contact who decides on payments: the manager call asks for them. */
const DECISION_ROLES =
  /direct|dirig|g[ée]rant|pr[ée]sident|\bdaf\b|\bcfo\b|\bceo\b|owner|founder|fondat|managing|finance director|chief/i;

export interface RateSegment {
  from: LocalDate;
  to: LocalDate;
  days: number;
  ratePct: number;
  /** What the interest ran on: owed and not disputed, minor units. */
  base: number;
}

export interface FactInvoice {
  number: string;
  issueDate: LocalDate;
  dueDate: LocalDate;
  /** Still owed and not disputed, minor units: what is asked for. */
  amount: number;
  currency: string;
  daysLate: number;
  /** Late-payment interest to date, minor units of the invoice currency. */
  interest: number;
  /** The €40 recovery indemnity (EUR minor units), 0 when not late or not B2B. */
  indemnity: number;
  /** Statement of account: the invoice amount incl. tax, paid, credit notes, disputed part. */
  original: number;
  paid: number;
  credited: number;
  disputed: number;
  segments: RateSegment[];
  /** The interest a writer would get by wrongly counting the disputed part (the guard's tell). */
  interestIfDisputedCounted: number | null;
}

export interface FactContact {
  name: string;
  civility: Civility | null;
  role: string | null;
  email?: string;
  phone?: string;
}

export interface DraftFacts {
  asOf: LocalDate;
  step: StepKey;
  kind: DraftKind;
  lang: Lang;
  company: Company;
  /** The team's country: the letter's law, holidays and what "abroad" means. */
  country: string;
  customer: {
    reference: string;
    name: string;
    consumer: boolean;
    /** Outside the team's country: the letter says which law governs. */
    foreign: boolean;
    address: { lines: string[]; postalCode?: string; city?: string; country?: string } | null;
    contact: FactContact | null;
    /** Who decides on payments, when known (the manager call asks for them). */
    decisionMaker: FactContact | null;
    paymentTermsDays: number;
  };
  /** Who signs: the customer's owner, the manager for a manager call. */
  sender: { name: string; email?: string; phone?: string; manager: boolean };
  /** The customer's usual contact for its account (the owner), named in letters. */
  accountant: { name: string; email?: string; phone?: string };
  invoices: FactInvoice[];
  /** Per currency: owed and interest; never summed across currencies. */
  totals: Array<{ currency: string; owed: number; interest: number }>;
  /** Indemnities are in euros whatever the invoice currency. */
  indemnityTotal: number;
  /** The €40 and the total indemnity in another invoice currency, when the policy has the rate. */
  indemnityEquivalents: Array<{
    currency: string;
    rate: number | null;
    per: number | null;
    total: number | null;
  }>;
  /** Penalty rates applied (percent); the contract's, the legal default or the legal interest rate. */
  rates: number[];
  /** The rates by period, across invoices: what the letter states when there are several. */
  ratePeriods: Array<{ ratePct: number; from: LocalDate; to: LocalDate }>;
  rateSource: 'contract' | 'legal' | 'legal_interest';
  warnings: string[];
  deadline: LocalDate | null;
  deadlineBusinessDays: number | null;
  /** A formal notice: days to pay from receipt (policy, 8 to 15). */
  deadlineDaysFromReceipt: number | null;
  /** Written reminders and calls already made on these invoices, oldest first. */
  previousReminders: Array<{ on: LocalDate; step: StepKey; channel: string }>;
  /** The formal notice already sent (consumers' legal interest runs from it). */
  formalNoticeOn: LocalDate | null;
  /** The latest promise on these invoices that was broken, if any. */
  brokenPromise: { givenOn: LocalDate; date: LocalDate; amount: number; currency: string } | null;
  /** A call-back when a cheque is "in the post": two business days on. */
  callBackOn: LocalDate;
  /** The reference to quote with the payment. */
  paymentReference: string;
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

/** Everything the facts are built from, as plain data. */
export interface DraftInput {
  asOf: LocalDate;
  policy: Policy;
  company: Company;
  step: StepKey;
  lang?: Lang;
  customer: {
    reference: string;
    name: string;
    language?: string | null;
    consumer?: boolean | null;
    penaltyRatePct?: number | null;
    paymentTermsDays?: number | null;
    contacts: Array<{
      name: string;
      civility?: string | null;
      role?: string | null;
      email?: string | null;
      phone?: string | null;
      usual?: boolean | null;
    }>;
    address?: {
      lines?: string[] | null;
      postalCode?: string | null;
      city?: string | null;
      country?: string | null;
    } | null;
  };
  /** Open invoices with something owed (disputed ones included: they are left out here). */
  invoices: InvoiceFacts[];
  disputes: Array<{ invoices: string[]; reason: string; detail?: string | null }>;
  /** The trail: letters, emails and calls with their ladder step. */
  activities: Array<{
    invoices: string[];
    kind: string;
    channel: string;
    on: LocalDate;
    step?: string | null;
  }>;
  promises: Array<{
    invoices: string[];
    status: string;
    givenOn: LocalDate;
    date: LocalDate;
    amount: number;
    currency: string;
  }>;
  owner: { name: string; email?: string | null; phone?: string | null } | null;
  manager: { name: string; email?: string | null; phone?: string | null } | null;
}

const REMINDER_STEPS: readonly string[] = ['reminder_letter', 'second_reminder', 'formal_notice'];
const CALL_STEPS: readonly string[] = ['first_call', 'manager_call'];

/** Which invoices a step covers: before the due date only those within the step's window. */
function invoicesFor(input: DraftInput, step: StepKey, open: InvoiceFacts[]): InvoiceFacts[] {
  const { asOf, policy } = input;
  const ladderStep = policy.ladder.find((l) => l.key === step);
  if (step === 'preventive_reminder') {
    // Due from today up to the step's offset ahead (D-5 → due within 5 days).
    const until = addDays(asOf, -(ladderStep?.offsetDays ?? -5));
    return open.filter((i) => i.dueDate >= asOf && i.dueDate <= until);
  }
  if (step === 'pre_due_call') {
    const from = ladderStep?.offsetDays ?? 1;
    return open.filter(
      (i) =>
        i.dueDate >= asOf &&
        addDays(i.issueDate, from) <= asOf &&
        i.amount >= (policy.largeInvoiceThreshold[i.currency] ?? Number.POSITIVE_INFINITY),
    );
  }
  return open.filter((i) => i.dueDate < asOf && daysLate(i, asOf, policy.country) > 0);
}

function contactOf(c: DraftInput['customer']['contacts'][number] | undefined): FactContact | null {
  if (!c) return null;
  return {
    name: c.name,
    civility: c.civility === 'mr' || c.civility === 'ms' ? c.civility : null,
    role: c.role ?? null,
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
  };
}

export function buildDraftFacts(input: DraftInput): DraftFacts {
  const { asOf, policy, company, step, customer } = input;
  const kind = kindOfStep(step);
  const chaseableOpen = input.invoices
    .filter((i) => chaseable(i) > 0)
    .sort((a, b) => compareDates(a.dueDate, b.dueDate));
  let chosen = invoicesFor(input, step, chaseableOpen);
  const preDue = step === 'pre_due_call' || step === 'preventive_reminder';
  if (chosen.length === 0)
    throw new ValidationError(
      step === 'preventive_reminder'
        ? `${customer.reference} has no invoice falling due within the preventive reminder's window`
        : step === 'pre_due_call'
          ? `${customer.reference} has no large invoice still to fall due: a pre-due call has nothing to cover`
          : `${customer.reference} has no overdue, undisputed invoice: a ${step} has nothing to chase`,
    );
  const touches = (xs: string[], inv: string[]) => xs.some((x) => inv.includes(x));
  const written = (a: DraftInput['activities'][number]) =>
    (a.kind === 'letter' || a.kind === 'email') && (!a.step || REMINDER_STEPS.includes(a.step));
  if (kind === 'formal_notice') {
    // A formal notice follows reminders: an invoice never reminded is not put on notice.
    chosen = chosen.filter((i) => input.activities.some((a) => written(a) && a.invoices.includes(i.number)));
    if (chosen.length === 0)
      throw new ValidationError(
        `${customer.reference}: no overdue invoice has been reminded in writing yet; a formal notice comes after a reminder`,
      );
  }
  const numbers = chosen.map((i) => i.number);
  const previousReminders = input.activities
    .filter(
      (a) =>
        touches(a.invoices, numbers) &&
        (written(a) || (a.kind === 'call' && !!a.step && CALL_STEPS.includes(a.step))) &&
        compareDates(a.on, asOf) <= 0,
    )
    .map((a) => ({ on: a.on, step: (a.step ?? 'reminder_letter') as StepKey, channel: a.channel }))
    .filter((r, i, all) => all.findIndex((x) => x.on === r.on && x.step === r.step) === i)
    .sort((a, b) => compareDates(a.on, b.on));
  const formalNoticeOn =
    input.activities
      .filter((a) => a.step === 'formal_notice' && touches(a.invoices, numbers))
      .map((a) => a.on)
      .sort()
      .at(-1) ?? null;

  const consumer = !!customer.consumer;
  const b2b = !consumer;
  const terms: PenaltyTerms = {
    contractualRatePct: b2b ? (customer.penaltyRatePct ?? undefined) : undefined,
    b2b,
    formalNoticeOn: formalNoticeOn ?? undefined,
  };
  const warnings = new Set<string>();
  const invoices: FactInvoice[] = chosen.map((facts) => {
    const p = latePenalties(facts, asOf, policy.country, terms);
    for (const w of p.warnings) warnings.add(w);
    const late = daysLate(facts, asOf, policy.country);
    const counted =
      facts.disputedAmount > 0
        ? latePenalties({ ...facts, disputedAmount: 0 }, asOf, policy.country, terms).interest.amount
        : null;
    return {
      number: facts.number,
      issueDate: facts.issueDate,
      dueDate: facts.dueDate,
      amount: chaseable(facts),
      currency: facts.currency,
      daysLate: late,
      interest: p.interest.amount,
      indemnity: b2b && late > 0 ? FIXED_INDEMNITY.amount : 0,
      original: facts.amount,
      paid: facts.paidTotal,
      credited: creditedTotal(facts),
      disputed: Math.min(facts.disputedAmount, outstanding(facts)),
      segments: p.segments.map(({ from, to, days, ratePct, base }) => ({ from, to, days, ratePct, base })),
      interestIfDisputedCounted: counted !== null && counted !== p.interest.amount ? counted : null,
    };
  });
  const totals = new Map<string, { currency: string; owed: number; interest: number }>();
  for (const i of invoices) {
    const t = totals.get(i.currency) ?? { currency: i.currency, owed: 0, interest: 0 };
    t.owed += i.amount;
    t.interest += i.interest;
    totals.set(i.currency, t);
  }
  const indemnityTotal = invoices.reduce((n, i) => n + i.indemnity, 0);
  const otherCurrencies = [...totals.keys()].filter((c) => c !== 'EUR');
  const indemnityEquivalents = indemnityTotal
    ? otherCurrencies.map((currency) => {
        const rate = policy.eurExchangeRates[currency] ?? null;
        return {
          currency,
          rate,
          per: rate === null ? null : Math.round(FIXED_INDEMNITY.amount * rate),
          total: rate === null ? null : Math.round(indemnityTotal * rate),
        };
      })
    : [];

  // Rates by period across invoices: one line per rate, from its first day to its last.
  const periods = new Map<number, { ratePct: number; from: LocalDate; to: LocalDate }>();
  for (const s of invoices.flatMap((i) => i.segments)) {
    const p = periods.get(s.ratePct);
    if (!p) periods.set(s.ratePct, { ratePct: s.ratePct, from: s.from, to: s.to });
    else {
      if (s.from < p.from) p.from = s.from;
      if (s.to > p.to) p.to = s.to;
    }
  }
  const ratePeriods = [...periods.values()].sort((a, b) => compareDates(a.from, b.from));

  for (const a of limitationAlerts(chosen, asOf, { consumer, warningDays: policy.limitationWarningDays }))
    warnings.add(
      warning(a.status === 'expired' ? 'timeBarred' : 'becomesTimeBarred', {
        invoice: a.invoice,
        on: a.expiresOn,
      }),
    );
  const letterKinds: DraftKind[] = ['reminder_letter', 'second_reminder', 'formal_notice', 'handover'];
  if (letterKinds.includes(kind) && !customer.address?.lines?.length)
    warnings.add(warning('noAddress', { customer: customer.reference }));

  const days = preDue || kind === 'formal_notice' ? null : (DEADLINE_BUSINESS_DAYS[kind] ?? null);
  const deadline = preDue
    ? invoices[0]!.dueDate
    : kind === 'formal_notice'
      ? formalNoticeDeadline(asOf, policy)
      : days !== null
        ? addBusinessDays(asOf, days, policy.country)
        : null;
  const contacts = customer.contacts;
  const usual = contacts.find((c) => c.usual) ?? contacts[0];
  const decider =
    (usual?.role && DECISION_ROLES.test(usual.role) ? usual : undefined) ??
    contacts.find((c) => c.role && DECISION_ROLES.test(c.role));
  const managerCall = step === 'manager_call';
  const signer = managerCall && input.manager ? input.manager : input.owner;
  const broken = input.promises
    .filter((p) => p.status === 'broken' && touches(p.invoices, numbers))
    .sort((a, b) => compareDates(a.date, b.date))
    .at(-1);
  const customerCountry = (customer.address?.country ?? policy.country).toUpperCase();
  return {
    asOf,
    step,
    kind,
    lang: input.lang ?? (customer.language === 'en' ? 'en' : 'fr'),
    company,
    country: policy.country,
    customer: {
      reference: customer.reference,
      name: customer.name,
      consumer,
      foreign: customerCountry !== policy.country.toUpperCase(),
      address: customer.address?.lines?.length
        ? {
            lines: customer.address.lines,
            postalCode: customer.address.postalCode ?? undefined,
            city: customer.address.city ?? undefined,
            country: customer.address.country ?? undefined,
          }
        : null,
      contact: contactOf(usual),
      decisionMaker: contactOf(decider),
      paymentTermsDays: customer.paymentTermsDays ?? 30,
    },
    sender: {
      name: signer?.name ?? company.name,
      ...((signer?.email ?? company.email) ? { email: (signer?.email ?? company.email)! } : {}),
      ...((signer?.phone ?? company.phone) ? { phone: (signer?.phone ?? company.phone)! } : {}),
      manager: managerCall && !!input.manager,
    },
    accountant: {
      name: input.owner?.name ?? company.name,
      ...((input.owner?.email ?? company.email) ? { email: (input.owner?.email ?? company.email)! } : {}),
      ...((input.owner?.phone ?? company.phone) ? { phone: (input.owner?.phone ?? company.phone)! } : {}),
    },
    invoices,
    totals: [...totals.values()],
    indemnityTotal,
    indemnityEquivalents,
    rates: [...new Set(invoices.flatMap((i) => i.segments.map((s) => s.ratePct)))],
    ratePeriods,
    rateSource: consumer ? 'legal_interest' : terms.contractualRatePct !== undefined ? 'contract' : 'legal',
    warnings: [...warnings],
    deadline,
    deadlineBusinessDays: days,
    deadlineDaysFromReceipt: kind === 'formal_notice' ? policy.formalNoticeDays : null,
    previousReminders,
    formalNoticeOn,
    brokenPromise: broken
      ? { givenOn: broken.givenOn, date: broken.date, amount: broken.amount, currency: broken.currency }
      : null,
    callBackOn: addBusinessDays(asOf, 2, policy.country),
    paymentReference:
      invoices.length === 1 ? `${customer.reference} ${invoices[0]!.number}` : customer.reference,
    disputes: input.disputes.map((d) => ({
      invoice: d.invoices.join(', '),
      reason: d.reason,
      detail: d.detail ?? '',
    })),
  };
}

/**
 * The day a formal notice's time runs out: its presumed receipt (two business days after
 * sending) plus the policy's days. Computed at drafting and again at approval (the day it goes).
 */
export function formalNoticeDeadline(sentOn: LocalDate, policy: Policy): LocalDate {
  return addDays(addBusinessDays(sentOn, POSTAL_BUSINESS_DAYS, policy.country), policy.formalNoticeDays);
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
  const [ladder, disputes, owner, manager, activities, promises] = await Promise.all([
    customerLadder(models, policy, customer.reference, asOf),
    models.Dispute.find({ customer: customer.reference, status: 'open' }).lean(),
    models.Staff.findOne({ handle: customer.owner }).lean(),
    models.Staff.findOne({ role: 'manager', active: { $ne: false } })
      .sort({ handle: 1 })
      .lean(),
    models.Activity.find({ customer: customer.reference, kind: { $in: ['letter', 'email', 'call'] } }).lean(),
    models.PaymentPromise.find({ customer: customer.reference, status: 'broken' }).lean(),
  ]);
  const ahead = stepsAhead(ladder);
  const step = req.step ?? ahead.due ?? ahead.soonest;
  if (!step)
    throw new ValidationError(`nothing to chase for ${customer.reference}: no open, undisputed invoice`);
  // Only the invoices asked for (the sweep names those the step is due on); a letter leaves
  // out invoices under a pending promise, until its date plus grace.
  const letter = kindOfStep(step) !== 'call_script';
  const open = ladder.invoices.filter(
    (i) =>
      (req.invoices ? req.invoices.includes(i.number) : true) && !(letter && underPromise(i, policy, asOf)),
  );
  return buildDraftFacts({
    asOf,
    policy,
    company,
    step,
    lang: req.lang,
    customer: {
      ...customer,
      contacts: customer.contacts,
      address: customer.address ?? null,
    },
    invoices: open.map((i) => i.facts),
    disputes: disputes.map((d) => ({ invoices: d.invoices, reason: d.reason, detail: d.detail })),
    activities: activities.map((a) => ({
      invoices: a.invoices,
      kind: a.kind,
      channel: a.channel,
      on: fromStored(a.at),
      step: (a.data as { step?: string } | undefined)?.step ?? null,
    })),
    promises: promises.flatMap((p) =>
      p.instalments
        .filter((i) => i.status === 'broken' || p.status === 'broken')
        .map((i) => ({
          invoices: p.invoices,
          status: 'broken',
          givenOn: fromStored(p.givenOn),
          date: fromStored(i.date),
          amount: i.amount,
          currency: i.currency,
        })),
    ),
    owner: owner ? { name: owner.name, email: owner.email } : null,
    manager: manager ? { name: manager.name, email: manager.email } : null,
  });
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
