/** Words and formats shared by the dialogs, in French and English. */
import { DateTime } from 'luxon';
import type { Bucket } from '../models/rules/aging';
import type { LocalDate } from '../models/rules/dates';
import { formatMoney, formatTotals, type Totals } from '../models/rules/money';
import type { StepKey } from '../models/rules/policy';
import type { Lang } from './turn';

export function money(amount: number, currency: string, lang: Lang): string {
  return formatMoney({ amount, currency }, lang);
}

export function totals(t: Totals, lang: Lang): string {
  return formatTotals(t, lang);
}

/** "lun. 23 nov." / "Mon 23 Nov". */
export function day(d: LocalDate, lang: Lang): string {
  return DateTime.fromISO(d)
    .setLocale(lang === 'fr' ? 'fr' : 'en-GB')
    .toFormat('ccc d LLL');
}

export function longDay(d: LocalDate, lang: Lang): string {
  return DateTime.fromISO(d)
    .setLocale(lang === 'fr' ? 'fr' : 'en-GB')
    .toFormat(lang === 'fr' ? 'cccc d LLLL yyyy' : 'cccc d LLLL yyyy');
}

export const BUCKET_LABELS: Record<Lang, Record<Bucket | 'total', string>> = {
  fr: {
    not_due: 'Non échu',
    d1_30: '1–30 j',
    d31_60: '31–60 j',
    d61_90: '61–90 j',
    d90_plus: '> 90 j',
    total: 'Total',
  },
  en: {
    not_due: 'Not due',
    d1_30: '1–30 d',
    d31_60: '31–60 d',
    d61_90: '61–90 d',
    d90_plus: '> 90 d',
    total: 'Total',
  },
};

export const STEP_LABELS: Record<Lang, Record<StepKey, string>> = {
  fr: {
    pre_due_call: 'appel avant échéance',
    preventive_reminder: 'rappel préventif',
    first_call: 'premier appel',
    reminder_letter: 'lettre de relance',
    second_reminder: 'deuxième relance (recommandé)',
    manager_call: 'appel du responsable',
    formal_notice: 'mise en demeure',
    handover: 'transmission au recouvrement',
  },
  en: {
    pre_due_call: 'pre-due check call',
    preventive_reminder: 'preventive reminder',
    first_call: 'first call',
    reminder_letter: 'reminder letter',
    second_reminder: 'second reminder (registered)',
    manager_call: 'manager call',
    formal_notice: 'formal notice',
    handover: 'hand-over to collection',
  },
};

export function daysLate(n: number, lang: Lang): string {
  return lang === 'fr' ? `${n} j de retard` : `${n} days late`;
}

/** Outcomes recorded on activities, and dispute reasons, as people say them. */
export const OUTCOME_LABELS: Record<Lang, Record<string, string>> = {
  fr: {
    no_answer: 'pas de réponse',
    voicemail: 'messagerie',
    reached: 'joint',
    wrong_number: 'mauvais numéro',
    refused: 'refus',
    call_back_requested: 'rappel demandé',
    sent: 'envoyée',
    promised: 'promesse',
    price: 'prix',
    quantity: 'quantité',
    quality: 'qualité',
    not_received: 'non reçu',
    already_paid: 'déjà payé',
    billing_error: 'erreur de facturation',
    other: 'autre',
  },
  en: {
    no_answer: 'no answer',
    voicemail: 'voicemail',
    reached: 'reached',
    wrong_number: 'wrong number',
    refused: 'refused',
    call_back_requested: 'call-back requested',
    sent: 'sent',
    promised: 'promised',
    price: 'price',
    quantity: 'quantity',
    quality: 'quality',
    not_received: 'not received',
    already_paid: 'already paid',
    billing_error: 'billing error',
    other: 'other',
  },
};

/** A person's language for what Relance says to them (their profile's, else the team's). */
export function staffLang(person: { language?: string | null } | null | undefined, fallback: Lang): Lang {
  return person?.language === 'fr' || person?.language === 'en' ? person.language : fallback;
}
