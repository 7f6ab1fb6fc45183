/** The team's policy: the stored document, or the defaults from the configuration. */
import type { Models } from '../index';
import {
  defaultPolicy,
  FORMAL_NOTICE_DAYS,
  type LadderStep,
  type Policy,
  type StepKey,
} from '../rules/policy';

export async function loadPolicy(models: Models, defaults: Partial<Policy> = {}): Promise<Policy> {
  const base = defaultPolicy(defaults);
  const doc = await models.Policy.findOne({ key: 'default' }).lean();
  if (!doc) return base;
  return {
    ...base,
    ladder: (doc.ladder as LadderStep[] | undefined)?.length ? (doc.ladder as LadderStep[]) : base.ladder,
    reminderCap: {
      max: doc.reminderCap?.max ?? base.reminderCap.max,
      withinDays: doc.reminderCap?.withinDays ?? base.reminderCap.withinDays,
    },
    minBusinessDaysBetweenSteps: doc.minBusinessDaysBetweenSteps ?? base.minBusinessDaysBetweenSteps,
    promiseGraceDays: doc.promiseGraceDays ?? base.promiseGraceDays,
    largeInvoiceThreshold: {
      ...base.largeInvoiceThreshold,
      ...((doc.largeInvoiceThreshold as Record<string, number>) ?? {}),
    },
    country: doc.country ?? base.country,
    timeZone: doc.timeZone ?? base.timeZone,
    defaultLocale: (doc.defaultLocale as 'fr' | 'en') ?? base.defaultLocale,
    limitationWarningDays: doc.limitationWarningDays ?? base.limitationWarningDays,
    disputeReviewBusinessDays: doc.disputeReviewBusinessDays ?? base.disputeReviewBusinessDays,
    deadlineGraceDays: doc.deadlineGraceDays ?? base.deadlineGraceDays,
    managerApprovalSteps: (doc.managerApprovalSteps as StepKey[] | undefined) ?? base.managerApprovalSteps,
    approvalOverdueBusinessDays: doc.approvalOverdueBusinessDays ?? base.approvalOverdueBusinessDays,
    formalNoticeDays: Math.min(
      FORMAL_NOTICE_DAYS.max,
      Math.max(FORMAL_NOTICE_DAYS.min, doc.formalNoticeDays ?? base.formalNoticeDays),
    ),
    eurExchangeRates: {
      ...base.eurExchangeRates,
      ...((doc.eurExchangeRates as Record<string, number>) ?? {}),
    },
    handoverPartner: doc.handoverPartner ?? base.handoverPartner,
    salesRepStep: {
      enabled: doc.salesRepStep?.enabled ?? base.salesRepStep.enabled,
      offsetDays: doc.salesRepStep?.offsetDays ?? base.salesRepStep.offsetDays,
    },
    insurerDeclaration: {
      afterDueDays: doc.insurerDeclaration?.afterDueDays ?? base.insurerDeclaration.afterDueDays,
      warningDays: doc.insurerDeclaration?.warningDays ?? base.insurerDeclaration.warningDays,
    },
  };
}
