/**
 * A team's collection policy: the graduated ladder (../shared/domain.md), reminder caps,
 * promise grace, the large-invoice threshold for pre-due calls, and the business calendar.
 * Defaults follow the domain reference; a team can change every figure.
 */

export const STEP_KEYS = [
  'pre_due_call',
  'preventive_reminder',
  'first_call',
  'reminder_letter',
  'second_reminder',
  'manager_call',
  'formal_notice',
  'handover',
] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export type Channel =
  | 'phone'
  | 'email'
  | 'letter_email'
  | 'registered_letter'
  | 'registered_letter_ar'
  | 'manager_phone'
  | 'agency';
export type Tone = 'service' | 'friendly' | 'courteous' | 'courteous_firm' | 'firm' | 'formal' | 'handover';

export interface LadderStep {
  key: StepKey;
  /** Days relative to `from` (negative: before). */
  offsetDays: number;
  from: 'due' | 'issue';
  channel: Channel;
  tone: Tone;
  /** Only for invoices at or above the large-invoice threshold. */
  onlyLarge?: boolean;
  /** Counts toward the reminder cap (letters and emails; calls are dialogue, not reminders). */
  countsAsReminder: boolean;
}

export interface Policy {
  ladder: LadderStep[];
  /** At most `max` reminders to one customer within `withinDays`: escalate instead of repeating. */
  reminderCap: { max: number; withinDays: number };
  /** Business days between two steps on the same invoice, at least. */
  minBusinessDaysBetweenSteps: number;
  /** Business days after a promised date before it is judged. */
  promiseGraceDays: number;
  /** Per currency, minor units: invoices at or above get a pre-due check call. */
  largeInvoiceThreshold: Record<string, number>;
  /** Working days and public holidays (ISO 3166 country). */
  country: string;
  timeZone: string;
  defaultLocale: 'fr' | 'en';
  /** Days before the limitation date when an invoice is flagged. */
  limitationWarningDays: number;
  /** Business days after a dispute is logged before its review is due. */
  disputeReviewBusinessDays: number;
  /** Business days after a step's own deadline (a formal notice's 8 days) before the next step is due. */
  deadlineGraceDays: number;
  /** Steps whose approval needs a manager (a controller approves the others for their portfolio). */
  managerApprovalSteps: StepKey[];
  /** Business days (team calendar) a draft may wait for approval before it is flagged overdue. */
  approvalOverdueBusinessDays: number;
  /** Days a formal notice gives to pay, counted from its receipt (8 to 15). */
  formalNoticeDays: number;
  /**
   * Units of a currency for one euro ({ GBP: 0.8650 }): the €40 indemnity's equivalent stated
   * in a letter in that currency. Absent: the letter says the equivalent is at the day's rate.
   */
  eurExchangeRates: Record<string, number>;
  /** Who a hand-over goes to (the agency or commissaire de justice); null: not named. */
  handoverPartner: string | null;
  /**
   * The sales rep brought in before the formal notice: told once, `offsetDays` after the due
   * date of the oldest invoice still chased, and asked for a visit or a call.
   */
  salesRepStep: { enabled: boolean; offsetDays: number };
  /**
   * The credit insurer's threat-of-loss declaration, due `afterDueDays` after an invoice's due
   * date (null: no insurer, nothing flagged); customers are flagged `warningDays` before.
   */
  insurerDeclaration: { afterDueDays: number | null; warningDays: number };
}

/** Defaults of the sales-rep step and of the insurer's deadline (README, .env.example). */
export const SALES_REP_STEP_DEFAULT = { enabled: true, offsetDays: 30 } as const;
export const INSURER_DECLARATION_DEFAULT = { afterDueDays: null, warningDays: 15 } as const;

/** The formal notice's deadline bounds (domain practice: 8 to 15 days from receipt). */
export const FORMAL_NOTICE_DAYS = { min: 8, max: 15, default: 15 } as const;

export const DEFAULT_LADDER: LadderStep[] = [
  {
    key: 'pre_due_call',
    offsetDays: 1,
    from: 'issue',
    channel: 'phone',
    tone: 'service',
    onlyLarge: true,
    countsAsReminder: false,
  },
  {
    key: 'preventive_reminder',
    offsetDays: -5,
    from: 'due',
    channel: 'email',
    tone: 'friendly',
    countsAsReminder: true,
  },
  {
    key: 'first_call',
    offsetDays: 3,
    from: 'due',
    channel: 'phone',
    tone: 'courteous',
    countsAsReminder: false,
  },
  {
    key: 'reminder_letter',
    offsetDays: 10,
    from: 'due',
    channel: 'letter_email',
    tone: 'courteous_firm',
    countsAsReminder: true,
  },
  {
    key: 'second_reminder',
    offsetDays: 20,
    from: 'due',
    channel: 'registered_letter',
    tone: 'firm',
    countsAsReminder: true,
  },
  {
    key: 'manager_call',
    offsetDays: 30,
    from: 'due',
    channel: 'manager_phone',
    tone: 'firm',
    countsAsReminder: false,
  },
  {
    key: 'formal_notice',
    offsetDays: 45,
    from: 'due',
    channel: 'registered_letter_ar',
    tone: 'formal',
    countsAsReminder: true,
  },
  {
    key: 'handover',
    offsetDays: 60,
    from: 'due',
    channel: 'agency',
    tone: 'handover',
    countsAsReminder: false,
  },
];

export function defaultPolicy(overrides: Partial<Policy> = {}): Policy {
  return {
    ladder: DEFAULT_LADDER,
    reminderCap: { max: 3, withinDays: 30 },
    minBusinessDaysBetweenSteps: 3,
    promiseGraceDays: 2,
    largeInvoiceThreshold: { EUR: 1_000_000, USD: 1_000_000, GBP: 1_000_000 },
    country: 'FR',
    timeZone: 'Europe/Paris',
    defaultLocale: 'fr',
    limitationWarningDays: 180,
    disputeReviewBusinessDays: 5,
    deadlineGraceDays: 2,
    managerApprovalSteps: ['formal_notice', 'handover'],
    approvalOverdueBusinessDays: 2,
    formalNoticeDays: FORMAL_NOTICE_DAYS.default,
    eurExchangeRates: {},
    handoverPartner: null,
    salesRepStep: { ...SALES_REP_STEP_DEFAULT },
    insurerDeclaration: { ...INSURER_DECLARATION_DEFAULT },
    ...overrides,
  };
}

export function isCallChannel(channel: Channel): boolean {
  return channel === 'phone' || channel === 'manager_phone';
}
