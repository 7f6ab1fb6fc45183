/** Pieces the schemas share: money, dated amounts, the enums of the domain. */
import { Schema } from 'mongoose';

export const CURRENCY = { type: String, required: true, match: /^[A-Z]{3}$/ } as const;
export const MINOR_UNITS = {
  type: Number,
  required: true,
  validate: { validator: Number.isSafeInteger, message: 'amounts are integer minor units' },
} as const;

export const MoneySchema = new Schema({ amount: MINOR_UNITS, currency: CURRENCY }, { _id: false });

export const LANGUAGES = ['fr', 'en'] as const;
export const ROLES = ['credit_controller', 'manager', 'admin'] as const;
export const DISPUTE_REASONS = [
  'price',
  'quantity',
  'quality',
  'not_received',
  'already_paid',
  'billing_error',
  'other',
] as const;
export const DISPUTE_STATUSES = ['open', 'resolved_in_our_favour', 'credit_note', 'withdrawn'] as const;
export const PROMISE_STATUSES = ['pending', 'kept', 'partially_kept', 'broken', 'cancelled'] as const;
export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'written_off'] as const;
export const ACTIVITY_KINDS = [
  'call',
  'letter',
  'email',
  'promise',
  'dispute',
  'approval',
  'escalation',
  'import',
  'payment',
  'note',
  'callback',
  'digest',
  /** A communication's life: drafted, approved, sending, failed, superseded, rejected, posted. */
  'communication',
] as const;
export const CHANNELS = ['phone', 'email', 'letter', 'registered_letter', 'chat', 'system', 'visit'] as const;
