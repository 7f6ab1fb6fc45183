/**
 * The limitation flag as the digest and the customer card show it: which invoice, when it
 * becomes time-barred, and what actually interrupts limitation — never a formal notice.
 */
import type { CustomerLimitationAlert } from '../models/ledger/limitation-watch';
import { letterDate } from './drafting/typography';
import { money } from './i18n';
import type { Fact, Section } from './reply';
import type { Lang } from './turn';

export function limitationFact(a: CustomerLimitationAlert, lang: Lang, withCustomer = false): Fact {
  const fr = lang === 'fr';
  const when = letterDate(a.expiresOn, lang);
  const value =
    a.status === 'expired'
      ? fr
        ? `prescrite depuis le ${when}`
        : `time-barred since ${when}`
      : fr
        ? `prescrite le ${when} (dans ${a.daysLeft} jours)`
        : `time-barred on ${when} (in ${a.daysLeft} days)`;
  // The amount at stake beside the date: what a time-barred invoice would lose.
  return {
    label: withCustomer ? `${a.invoice} (${a.customer})` : a.invoice,
    value: `${value} — ${money(a.amount, a.currency, lang)}`,
  };
}

/** A section for the card or the digest, or nothing when no invoice is close. */
export function limitationSection(
  alerts: CustomerLimitationAlert[],
  lang: Lang,
  withCustomer = false,
): Section[] {
  if (alerts.length === 0) return [];
  const fr = lang === 'fr';
  return [
    {
      title: fr ? 'Prescription proche' : 'Limitation approaching',
      blocks: [
        { kind: 'facts', facts: alerts.map((a) => limitationFact(a, lang, withCustomer)) },
        {
          kind: 'text',
          text: fr
            ? 'Seule une action en justice, une mesure d’exécution ou une reconnaissance de dette par le débiteur interrompt la prescription (C. civ. 2240 à 2244) ; une mise en demeure ne l’interrompt pas.'
            : 'Only court action, an enforcement measure or the debtor’s acknowledgement of the debt interrupts limitation (French Civil Code 2240–2244); a formal notice does not.',
        },
      ],
    },
  ];
}
