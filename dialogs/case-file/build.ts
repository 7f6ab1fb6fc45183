/**
 * The case file ("dossier de recouvrement") handed to a collection agency or a commissaire de
 * justice: who is owed by whom, every open invoice with what was paid, credited and is still
 * owed, the penalties and indemnities to a chosen date, the documented trail in date order,
 * the letters sent with their proof, promises and what became of them, disputes and how they
 * ended, the formal notice, what an injonction de payer request needs, and the documents to
 * attach. Plain data, built from the ledger; the PDF, the CSV and the ZIP are renderings of it.
 */
import type { Company } from '../../integrations/config';
import type { Models } from '../../models';
import { NotFoundError } from '../../models/errors';
import { invoiceFacts } from '../../models/ledger/invoice-state';
import { compareDates, fromStored, type LocalDate, localDate } from '../../models/rules/dates';
import { creditedTotal, daysLate, outstanding } from '../../models/rules/invoice-facts';
import { FIXED_INDEMNITY, latePenalties } from '../../models/rules/penalties';
import type { Policy } from '../../models/rules/policy';
import type { Lang } from '../turn';

/** Below this principal (EUR minor units) the simplified small-claims procedure applies. */
export const SMALL_CLAIM_LIMIT = 500_000;

/** 27/11/2026: day first in both languages (the file goes to a French agency or court). */
export const shortDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export interface CaseInvoice {
  number: string;
  issueDate: LocalDate;
  dueDate: LocalDate;
  currency: string;
  /** Original amount including tax, minor units. */
  amount: number;
  paid: number;
  credited: number;
  remaining: number;
  disputed: number;
  daysLate: number;
  /** Late-payment interest to `asOf` on what is owed and not disputed. */
  interest: number;
  /** €40 (EUR minor units) when late between businesses, else 0. */
  indemnity: number;
  ratesPct: number[];
  payments: Array<{ date: LocalDate; amount: number; reference: string }>;
  credits: Array<{ date: LocalDate; amount: number; reference: string }>;
}

export interface CaseTotals {
  currency: string;
  amount: number;
  paid: number;
  credited: number;
  remaining: number;
  disputed: number;
  interest: number;
}

export interface TrailEntry {
  /** ISO instant, for ordering. */
  at: string;
  date: LocalDate;
  kind: string;
  channel: string;
  author: string;
  outcome: string | null;
  summary: string;
  invoices: string[];
}

export interface SentLetter {
  id: string;
  step: string;
  kind: string;
  sentOn: LocalDate | null;
  subject: string;
  text: string;
  /** "smtp <message-id>", "registered 1A 234…", … or null when the ledger holds none. */
  proof: string | null;
  /** The draft's content and facts, to print the letter again as it was sent. */
  content: unknown;
  inputs: unknown;
}

export interface CasePromise {
  givenOn: LocalDate;
  invoices: string[];
  status: string;
  instalments: Array<{
    date: LocalDate;
    amount: number;
    currency: string;
    status: string;
    paidToward: number;
  }>;
}

export interface CaseDispute {
  openedOn: LocalDate;
  invoices: string[];
  reason: string;
  detail: string;
  status: string;
  resolvedOn: LocalDate | null;
}

export interface CaseFile {
  asOf: LocalDate;
  lang: Lang;
  creditor: Company;
  debtor: {
    reference: string;
    name: string;
    legalId: string | null;
    consumer: boolean;
    addressLines: string[];
    contacts: Array<{ name: string; role?: string; email?: string; phone?: string }>;
    owner: { handle: string; name: string; email?: string };
    salesRep: string | null;
  };
  invoices: CaseInvoice[];
  totals: CaseTotals[];
  /** EUR minor units, whatever the invoices' currency. */
  indemnityTotal: number;
  trail: TrailEntry[];
  letters: SentLetter[];
  promises: CasePromise[];
  disputes: CaseDispute[];
  formalNotice: { date: LocalDate; proof: string | null; summary: string } | null;
  injonction: {
    procedure: 'small_claims' | 'injonction_de_payer';
    court: string;
    claims: Array<{ currency: string; principal: number; interest: number }>;
    indemnities: number;
    interestFrom: LocalDate | null;
  };
  documents: string[];
  warnings: string[];
}

type LooseDraft = {
  _id: unknown;
  step: string;
  kind: string;
  status: string;
  inputs: unknown;
  versions?: Array<{ n: number; content: unknown }>;
  approvedVersion?: number;
  sentAt?: Date;
  sentOn?: string;
  proof?: { kind?: string; id?: string; number?: string; reference?: string } | null;
};

export async function buildCaseFile(
  models: Models,
  policy: Policy,
  company: Company,
  reference: string,
  asOf: LocalDate,
  lang: Lang = 'fr',
): Promise<CaseFile> {
  const customer = await models.Customer.findOne({ reference }).lean();
  if (!customer) throw new NotFoundError(`customer ${reference} not found`);
  const docs = await models.Invoice.find({
    customer: reference,
    status: { $in: ['open', 'partially_paid'] },
  }).lean();
  const activities = await models.Activity.find({ customer: reference }).sort({ at: 1, _id: 1 }).lean();
  const drafts = await models.Draft.find({ customer: reference, status: 'sent' }).lean();
  const promises = await models.PaymentPromise.find({ customer: reference }).sort({ givenOn: 1 }).lean();
  const disputes = await models.Dispute.find({ customer: reference }).sort({ createdAt: 1 }).lean();
  const owner = await models.Staff.findOne({ handle: customer.owner }).lean();
  const tz = policy.timeZone;
  const day = (d: Date) => localDate(d, tz);
  const b2b = !customer.consumer;
  const terms = { contractualRatePct: customer.penaltyRatePct ?? undefined, b2b };
  const warnings = new Set<string>();

  const invoices: CaseInvoice[] = docs
    .map((doc) => ({ doc, facts: invoiceFacts(doc) }))
    .filter(({ facts }) => outstanding(facts) > 0)
    .sort(
      (a, b) =>
        compareDates(a.facts.dueDate, b.facts.dueDate) || a.facts.number.localeCompare(b.facts.number),
    )
    .map(({ doc, facts }) => {
      const remaining = outstanding(facts);
      const disputed = Math.min(remaining, facts.disputedAmount);
      // Interest runs on what is owed and not disputed: the disputed part is taken off the base.
      const p =
        remaining > disputed
          ? latePenalties({ ...facts, amount: facts.amount - disputed }, asOf, policy.country, terms)
          : null;
      for (const w of p?.warnings ?? []) warnings.add(w);
      const late = daysLate(facts, asOf, policy.country);
      return {
        number: facts.number,
        issueDate: facts.issueDate,
        dueDate: facts.dueDate,
        currency: facts.currency,
        amount: facts.amount,
        paid: facts.paidTotal,
        credited: creditedTotal(facts),
        remaining,
        disputed,
        daysLate: late,
        interest: p?.interest.amount ?? 0,
        indemnity: b2b && late > 0 ? FIXED_INDEMNITY.amount : 0,
        ratesPct: [...new Set(p?.segments.map((s) => s.ratePct) ?? [])],
        payments: (doc.allocations ?? []).map((a) => ({
          date: fromStored(a.date),
          amount: a.amount,
          reference: a.payment,
        })),
        credits: (doc.credits ?? []).map((c) => ({
          date: fromStored(c.date),
          amount: c.amount,
          reference: c.reference,
        })),
      };
    });

  const totals = new Map<string, CaseTotals>();
  for (const i of invoices) {
    const t = totals.get(i.currency) ?? {
      currency: i.currency,
      amount: 0,
      paid: 0,
      credited: 0,
      remaining: 0,
      disputed: 0,
      interest: 0,
    };
    t.amount += i.amount;
    t.paid += i.paid;
    t.credited += i.credited;
    t.remaining += i.remaining;
    t.disputed += i.disputed;
    t.interest += i.interest;
    totals.set(i.currency, t);
  }

  const trail: TrailEntry[] = activities
    .filter((a) => a.kind !== 'digest')
    .map((a) => ({
      at: a.at.toISOString(),
      date: day(a.at),
      kind: a.kind,
      channel: a.channel,
      author: a.author,
      outcome: a.outcome ?? null,
      summary: a.summary,
      invoices: a.invoices ?? [],
    }))
    .sort((a, b) => a.at.localeCompare(b.at));

  const letters = (drafts as unknown as LooseDraft[])
    .map((d) => sentLetter(d, day))
    .sort((a, b) => (a.sentOn ?? '').localeCompare(b.sentOn ?? ''));

  const notice = letters.filter((l) => l.step === 'formal_notice').at(-1);
  const noticeActivity = activities
    .filter((a) => (a.data as { step?: string } | undefined)?.step === 'formal_notice')
    .at(-1);
  const formalNotice = notice
    ? { date: notice.sentOn ?? asOf, proof: notice.proof, summary: notice.subject }
    : noticeActivity
      ? {
          date: day(noticeActivity.at),
          proof: noticeActivity.outcome ?? null,
          summary: noticeActivity.summary,
        }
      : null;
  if (!formalNotice)
    warnings.add(
      lang === 'fr'
        ? 'Aucune mise en demeure envoyée : elle précède la requête en injonction de payer.'
        : 'No formal notice sent yet: it comes before a request for an order for payment.',
    );

  const eur = totals.get('EUR');
  const claims = [...totals.values()].map((t) => ({
    currency: t.currency,
    principal: t.remaining - t.disputed,
    interest: t.interest,
  }));
  const small = (eur?.remaining ?? 0) - (eur?.disputed ?? 0) <= SMALL_CLAIM_LIMIT && totals.size <= 1;
  const indemnityTotal = invoices.reduce((n, i) => n + i.indemnity, 0);
  const firstLate = invoices.find((i) => i.daysLate > 0);

  const contacts = customer.contacts.map((c) => ({
    name: c.name,
    role: c.role ?? undefined,
    email: c.email ?? undefined,
    phone: c.phone ?? undefined,
  }));
  const a = customer.address;
  const addressLines = a
    ? [...(a.lines ?? []), [a.postalCode, a.city].filter(Boolean).join(' '), a.country ?? ''].filter(Boolean)
    : [];
  if (!customer.legalId)
    warnings.add(
      lang === 'fr'
        ? 'SIREN du débiteur inconnu : à obtenir (extrait Kbis) avant toute requête.'
        : "The debtor's SIREN is unknown: obtain it (Kbis extract) before any request.",
    );

  return {
    asOf,
    lang,
    creditor: company,
    debtor: {
      reference: customer.reference,
      name: customer.name,
      legalId: customer.legalId ?? null,
      consumer: customer.consumer,
      addressLines,
      contacts,
      owner: {
        handle: customer.owner,
        name: owner?.name ?? customer.owner,
        email: owner?.email ?? undefined,
      },
      salesRep: customer.salesRep ?? null,
    },
    invoices,
    totals: [...totals.values()],
    indemnityTotal,
    trail,
    letters,
    promises: promises.map((p) => ({
      givenOn: fromStored(p.givenOn),
      invoices: p.invoices,
      status: p.status,
      instalments: p.instalments.map((i) => ({
        date: fromStored(i.date),
        amount: i.amount,
        currency: i.currency,
        status: i.status,
        paidToward: i.paidToward,
      })),
    })),
    disputes: disputes.map((d) => ({
      openedOn: day(d.createdAt),
      invoices: d.invoices,
      reason: d.reason,
      detail: d.detail ?? '',
      status: d.status,
      resolvedOn: d.resolvedAt ? day(d.resolvedAt) : null,
    })),
    formalNotice,
    injonction: {
      procedure: small && b2b ? 'small_claims' : 'injonction_de_payer',
      court: customer.consumer
        ? lang === 'fr'
          ? 'Tribunal judiciaire du domicile du débiteur'
          : "The judicial court of the debtor's domicile"
        : lang === 'fr'
          ? 'Tribunal de commerce du siège du débiteur'
          : "The commercial court of the debtor's registered office",
      claims,
      indemnities: indemnityTotal,
      interestFrom: firstLate ? firstLate.dueDate : null,
    },
    documents: documentsToAttach(invoices, letters, formalNotice !== null, lang),
    warnings: [...warnings],
  };
}

function sentLetter(d: LooseDraft, day: (d: Date) => LocalDate): SentLetter {
  const version = d.versions?.find((v) => v.n === d.approvedVersion) ??
    d.versions?.at(-1) ?? { n: 0, content: {} };
  const c = (version.content ?? {}) as {
    subject?: string;
    greeting?: string;
    paragraphs?: string[];
    closing?: string;
  };
  const proof = d.proof
    ? [d.proof.kind, d.proof.number ?? d.proof.id ?? d.proof.reference].filter(Boolean).join(' ')
    : null;
  return {
    id: String(d._id),
    step: d.step,
    kind: d.kind,
    sentOn: d.sentOn ?? (d.sentAt ? day(d.sentAt) : null),
    subject: c.subject ?? d.step,
    text: [c.greeting, ...(c.paragraphs ?? []), c.closing].filter(Boolean).join('\n'),
    proof,
    content: version.content,
    inputs: d.inputs,
  };
}

function documentsToAttach(
  invoices: CaseInvoice[],
  letters: SentLetter[],
  notice: boolean,
  lang: Lang,
): string[] {
  const fr = lang === 'fr';
  return [
    ...invoices.map((i) =>
      fr
        ? `Facture ${i.number} du ${shortDate(i.issueDate)}`
        : `Invoice ${i.number} of ${shortDate(i.issueDate)}`,
    ),
    fr ? 'Bons de commande correspondants' : 'The matching purchase orders',
    fr ? 'Bons de livraison signés' : 'The signed delivery notes',
    fr ? 'Conditions générales de vente acceptées' : 'The accepted terms of sale',
    fr ? 'Relevé de compte client' : 'Statement of account',
    ...letters.map((l) =>
      fr
        ? `Courrier « ${l.subject} » du ${l.sentOn ? shortDate(l.sentOn) : '?'}`
        : `Letter "${l.subject}" of ${l.sentOn ? shortDate(l.sentOn) : '?'}`,
    ),
    ...(notice
      ? [fr ? 'Mise en demeure et accusé de réception' : 'Formal notice and its acknowledgement of receipt']
      : []),
  ];
}
