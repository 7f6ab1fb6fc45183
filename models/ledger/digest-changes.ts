/**
 * "What changed since your last digest": each delivered digest records a small snapshot of the
 * person's portfolio (which invoices were overdue, the last payment seen, each promise's status,
 * the open disputes, the drafts waiting, the invoices handed over); the next digest compares
 * the ledger as it is at delivery with it. Set differences, not clocks: a change is listed once,
 * exactly, whatever the hour the digests were read and whichever process wrote the change.
 */
import { Types } from 'mongoose';
import type { Models } from '../index';
import { addDays, daysBetween, fromStored, type LocalDate } from '../rules/dates';
import type { CustomerPicture } from '../rules/scoring';
import { OPEN_DRAFT_STATUSES } from '../schemas/draft';

export interface DigestSnapshot {
  /** Invoice numbers overdue (something still owed past its due date). */
  overdue: string[];
  /** The newest payment's id when the digest was delivered: later ids are payments received since. */
  paymentsAfter: string | null;
  /** Promise id → status. */
  promises: Record<string, string>;
  /** Open dispute ids. */
  disputes: string[];
  /** Draft keys waiting for a decision. */
  drafts: string[];
  /** Invoices handed over (to an agency, a commissaire de justice…). */
  handovers: string[];
}

export interface CustomerLine {
  customer: string;
  name: string;
}
export interface PromiseLine extends CustomerLine {
  amount: number;
  currency: string;
  date: LocalDate;
}
export interface InvoiceLine extends CustomerLine {
  invoice: string;
  amount: number;
  currency: string;
  dueDate: LocalDate;
}
export interface PaymentLine extends CustomerLine {
  reference: string;
  amount: number;
  currency: string;
  date: LocalDate;
}
export interface DisputeLine extends CustomerLine {
  invoices: string[];
  reason: string;
  detail: string;
  reviewOn: LocalDate;
}
export interface DraftLine extends CustomerLine {
  key: string;
  step: string;
  status: string;
  /** When it was drafted (its wait for approval counts from then). */
  since: Date;
  /** Business days waiting and whether that is overdue (the personal digest sets them). */
  ageBusinessDays?: number;
  overdue?: boolean;
}

export interface DigestChanges {
  /** The day of the digest compared with. */
  since: LocalDate;
  newOverdue: InvoiceLine[];
  payments: PaymentLine[];
  promisesMade: PromiseLine[];
  promisesKept: PromiseLine[];
  promisesBroken: PromiseLine[];
  disputesOpened: DisputeLine[];
  disputesClosed: DisputeLine[];
  /** Drafts that started waiting since (all those waiting are in `PortfolioState.drafts`). */
  draftsNew: DraftLine[];
  handovers: InvoiceLine[];
}

type PromiseDoc = {
  _id: Types.ObjectId;
  customer: string;
  status: string;
  instalments: Array<{ date: Date; amount: number; currency: string }>;
  givenOn: Date;
  judgedAt?: Date | null;
};

/** The person's portfolio as the digest reads it at delivery: its snapshot and its lines. */
export interface PortfolioState {
  snapshot: DigestSnapshot;
  promises: PromiseDoc[];
  openDisputes: Array<DisputeLine & { id: string }>;
  drafts: DraftLine[];
  /** Broken promises still to follow up: no promise given nor contact made since the breach. */
  brokenStanding: Array<PromiseLine & { judgedOn: LocalDate }>;
}

/** A breach older than this is no longer news (the summaries keep 30 days of judged promises). */
const BROKEN_HORIZON_DAYS = 30;

const nameOf = (pictures: Map<string, CustomerPicture>, ref: string) => pictures.get(ref)?.name ?? ref;

function promiseLine(p: PromiseDoc, pictures: Map<string, CustomerPicture>): PromiseLine {
  const last = p.instalments.at(-1)!;
  return {
    customer: p.customer,
    name: nameOf(pictures, p.customer),
    amount: p.instalments.reduce((n, i) => n + i.amount, 0),
    currency: last.currency,
    date: fromStored(last.date),
  };
}

type DisputeDoc = { customer: string; invoices: string[]; reason: string; detail: string; reviewOn: Date };

function disputeLine(d: DisputeDoc, pictures: Map<string, CustomerPicture>): DisputeLine {
  return {
    customer: d.customer,
    name: nameOf(pictures, d.customer),
    invoices: d.invoices,
    reason: d.reason,
    detail: d.detail,
    reviewOn: fromStored(d.reviewOn),
  };
}

function invoiceLines(pictures: CustomerPicture[], on: LocalDate, wanted?: Set<string>): InvoiceLine[] {
  return pictures.flatMap((c) =>
    c.open
      .filter((o) => o.outstanding > 0 && daysBetween(o.dueDate, on) > 0 && (!wanted || wanted.has(o.number)))
      .map((o) => ({
        customer: c.reference,
        name: c.name,
        invoice: o.number,
        amount: o.outstanding,
        currency: o.currency,
        dueDate: o.dueDate,
      })),
  );
}

/**
 * The open invoices of `owner`'s customers handed over to a collection partner (the hand-over
 * state on the customer, set when a manager approves the hand-over: models/ledger/handover.ts).
 */
export async function handedOver(models: Models, owner: string): Promise<string[]> {
  const refs = await models.Customer.distinct('reference', { owner, 'handover.since': { $exists: true } });
  if (refs.length === 0) return [];
  const rows = await models.Invoice.find(
    { customer: { $in: refs }, status: { $in: ['open', 'partially_paid'] } },
    { number: 1 },
  ).lean();
  return rows.map((r) => r.number);
}

export async function portfolioState(
  models: Models,
  owner: string,
  pictures: CustomerPicture[],
  on: LocalDate,
  previous: DigestSnapshot | null,
): Promise<PortfolioState> {
  const byRef = new Map(pictures.map((c) => [c.reference, c]));
  const since = new Date(`${addDays(on, -90)}T00:00:00Z`);
  const previousPromises = Object.keys(previous?.promises ?? {}).map((id) => new Types.ObjectId(id));
  const [promises, disputes, drafts, lastPayment, handovers] = await Promise.all([
    models.PaymentPromise.find(
      {
        owner,
        $or: [{ status: 'pending' }, { judgedAt: { $gte: since } }, { _id: { $in: previousPromises } }],
      },
      { customer: 1, status: 1, instalments: 1, givenOn: 1, judgedAt: 1 },
    ).lean<PromiseDoc[]>(),
    models.Dispute.find({ owner, status: 'open' }).lean(),
    // Drafts waiting for a person (the drafts queue's statuses).
    models.Draft.find(
      { owner, status: { $in: [...OPEN_DRAFT_STATUSES] } },
      { key: 1, customer: 1, step: 1, status: 1, draftedAt: 1, createdAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean(),
    models.Payment.findOne({}, { _id: 1 }).sort({ _id: -1 }).lean(),
    handedOver(models, owner),
  ]);
  const brokenStanding = promises
    .filter((p) => (p.status === 'broken' || p.status === 'partially_kept') && p.judgedAt)
    .filter((p) => {
      const judged = fromStored(p.judgedAt!);
      if (daysBetween(judged, on) > BROKEN_HORIZON_DAYS) return false;
      // A promise given since the breach replaces it, and a contact since is the follow-up:
      // either way the breach is in hand (the worklist's broken-promise band says the same).
      const contact = byRef.get(p.customer)?.lastContact?.on;
      if (contact && contact >= judged) return false;
      return !promises.some((q) => q !== p && q.customer === p.customer && fromStored(q.givenOn) >= judged);
    })
    .map((p) => ({ ...promiseLine(p, byRef), judgedOn: fromStored(p.judgedAt!) }));
  return {
    snapshot: {
      overdue: invoiceLines(pictures, on).map((i) => i.invoice),
      paymentsAfter: lastPayment ? String(lastPayment._id) : null,
      promises: Object.fromEntries(promises.map((p) => [String(p._id), p.status])),
      disputes: disputes.map((d) => String(d._id)),
      drafts: drafts.map((d) => d.key),
      handovers,
    },
    promises,
    openDisputes: disputes.map((d) => ({ id: String(d._id), ...disputeLine(d, byRef) })),
    drafts: drafts.map((d) => ({
      key: d.key,
      customer: d.customer,
      name: nameOf(byRef, d.customer),
      step: d.step,
      status: d.status,
      since: d.draftedAt ?? (d as { createdAt?: Date }).createdAt ?? new Date(0),
    })),
    brokenStanding,
  };
}

const BROKEN = new Set(['broken', 'partially_kept']);

/** What changed between the snapshot of the previous digest and the ledger now. */
export async function changesSince(
  models: Models,
  previous: { on: LocalDate; snapshot: DigestSnapshot },
  state: PortfolioState,
  pictures: CustomerPicture[],
  on: LocalDate,
): Promise<DigestChanges> {
  const before = previous.snapshot;
  const byRef = new Map(pictures.map((c) => [c.reference, c]));
  const wasOverdue = new Set(before.overdue);
  const nowOverdue = new Set(state.snapshot.overdue.filter((n) => !wasOverdue.has(n)));
  const openNow = new Set(state.snapshot.disputes);
  const closedIds = before.disputes.filter((id) => !openNow.has(id)).map((id) => new Types.ObjectId(id));
  const wasHanded = new Set(before.handovers);
  const handedNow = new Set(state.snapshot.handovers.filter((n) => !wasHanded.has(n)));
  const [payments, closed, handedDocs] = await Promise.all([
    models.Payment.find({
      customer: { $in: pictures.map((c) => c.reference) },
      ...(before.paymentsAfter ? { _id: { $gt: new Types.ObjectId(before.paymentsAfter) } } : {}),
    })
      .sort({ _id: 1 })
      .lean(),
    closedIds.length ? models.Dispute.find({ _id: { $in: closedIds } }).lean() : Promise.resolve([]),
    handedNow.size ? models.Invoice.find({ number: { $in: [...handedNow] } }).lean() : Promise.resolve([]),
  ]);
  const made: PromiseLine[] = [];
  const kept: PromiseLine[] = [];
  const broken: PromiseLine[] = [];
  for (const p of state.promises) {
    const was = before.promises[String(p._id)];
    if (was === undefined && p.status !== 'cancelled') made.push(promiseLine(p, byRef));
    if (was === p.status) continue;
    if (p.status === 'kept') kept.push(promiseLine(p, byRef));
    if (BROKEN.has(p.status) && !BROKEN.has(was ?? '')) broken.push(promiseLine(p, byRef));
  }
  const wasOpen = new Set(before.disputes);
  const wasDraft = new Set(before.drafts);
  return {
    since: previous.on,
    newOverdue: invoiceLines(pictures, on, nowOverdue),
    // A first snapshot without a watermark saw no payment at all: everything is new.
    payments: payments.map((p) => ({
      customer: p.customer,
      name: nameOf(byRef, p.customer),
      reference: p.reference,
      amount: p.amount,
      currency: p.currency,
      date: fromStored(p.date),
    })),
    promisesMade: made,
    promisesKept: kept,
    promisesBroken: broken,
    disputesOpened: state.openDisputes.filter((d) => !wasOpen.has(d.id)).map(({ id: _, ...d }) => d),
    disputesClosed: closed.map((d) => disputeLine(d, byRef)),
    draftsNew: state.drafts.filter((d) => !wasDraft.has(d.key)),
    handovers: handedDocs.map((i) => ({
      customer: i.customer,
      name: nameOf(byRef, i.customer),
      invoice: i.number,
      amount: i.amount,
      currency: i.currency,
      dueDate: fromStored(i.dueDate),
    })),
  };
}
