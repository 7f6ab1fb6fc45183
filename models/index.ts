/**
 * The ledger's models, registered on one connection (tests and processes may hold several).
 */
import type { Connection, Model } from 'mongoose';
import { type Activity, ActivitySchema } from './schemas/activity';
import { type CallLog, CallLogSchema } from './schemas/call-log';
import { type CardRef, CardRefSchema } from './schemas/card-ref';
import {
  type ConversationRef,
  ConversationRefSchema,
  type ProcessedEvent,
  ProcessedEventSchema,
} from './schemas/channel';
import { type Customer, CustomerSchema } from './schemas/customer';
import { type Delivery, DeliverySchema, type JobState, JobStateSchema } from './schemas/delivery';
import { type DigestRecord, DigestRecordSchema } from './schemas/digest';
import { type Dispute, DisputeSchema } from './schemas/dispute';
import { type Draft, DraftSchema } from './schemas/draft';
import { type Invoice, InvoiceSchema } from './schemas/invoice';
import { type Payment, PaymentSchema } from './schemas/payment';
import { type PolicyDoc, PolicySchema } from './schemas/policy';
import { type PaymentPromise, PaymentPromiseSchema } from './schemas/promise';
import { type Staff, StaffSchema } from './schemas/staff';
import { type CustomerSummary, CustomerSummarySchema } from './schemas/summary';
import { type WebChatMessage, WebChatMessageSchema } from './schemas/transcript';
import {
  type UsedLoginLink,
  UsedLoginLinkSchema,
  type WebChatToken,
  WebChatTokenSchema,
} from './schemas/webchat';

export interface Models {
  Staff: Model<Staff>;
  Customer: Model<Customer>;
  Invoice: Model<Invoice>;
  Payment: Model<Payment>;
  PaymentPromise: Model<PaymentPromise>;
  Dispute: Model<Dispute>;
  Activity: Model<Activity>;
  Policy: Model<PolicyDoc>;
  CustomerSummary: Model<CustomerSummary>;
  DigestRecord: Model<DigestRecord>;
  CallLog: Model<CallLog>;
  Draft: Model<Draft>;
  ConversationRef: Model<ConversationRef>;
  ProcessedEvent: Model<ProcessedEvent>;
  Delivery: Model<Delivery>;
  JobState: Model<JobState>;
  CardRef: Model<CardRef>;
  WebChatToken: Model<WebChatToken>;
  UsedLoginLink: Model<UsedLoginLink>;
  WebChatMessage: Model<WebChatMessage>;
}

export function registerModels(conn: Connection): Models {
  const model = <T>(name: string, schema: import('mongoose').Schema) =>
    (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema);
  return {
    Staff: model<Staff>('Staff', StaffSchema),
    Customer: model<Customer>('Customer', CustomerSchema),
    Invoice: model<Invoice>('Invoice', InvoiceSchema),
    Payment: model<Payment>('Payment', PaymentSchema),
    PaymentPromise: model<PaymentPromise>('PaymentPromise', PaymentPromiseSchema),
    Dispute: model<Dispute>('Dispute', DisputeSchema),
    Activity: model<Activity>('Activity', ActivitySchema),
    Policy: model<PolicyDoc>('Policy', PolicySchema),
    CustomerSummary: model<CustomerSummary>('CustomerSummary', CustomerSummarySchema),
    DigestRecord: model<DigestRecord>('DigestRecord', DigestRecordSchema),
    CallLog: model<CallLog>('CallLog', CallLogSchema),
    Draft: model<Draft>('Draft', DraftSchema),
    ConversationRef: model<ConversationRef>('ConversationRef', ConversationRefSchema),
    ProcessedEvent: model<ProcessedEvent>('ProcessedEvent', ProcessedEventSchema),
    Delivery: model<Delivery>('Delivery', DeliverySchema),
    JobState: model<JobState>('JobState', JobStateSchema),
    CardRef: model<CardRef>('CardRef', CardRefSchema),
    WebChatToken: model<WebChatToken>('WebChatToken', WebChatTokenSchema),
    UsedLoginLink: model<UsedLoginLink>('UsedLoginLink', UsedLoginLinkSchema),
    WebChatMessage: model<WebChatMessage>('WebChatMessage', WebChatMessageSchema),
  };
}

/** Builds every declared index (once at start; the embedded engine and a real server alike). */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const m of Object.values(models)) await (m as Model<unknown>).init();
}
