/**
 * What the sales rep reads when Relance brings them in: the customer's situation (what is owed
 * per currency, the invoices with their days late, the last contacts, who follows the account)
 * and the ask — a visit or a call, and a reply in this chat, which the owner then confirms.
 */
import type { SalesRepAsk } from '../../models/ledger/sales-rep';
import type { Totals } from '../../models/rules/money';
import { words } from '../handover/words';
import { day, money, totals } from '../i18n';
import type { Fact, Reply } from '../reply';
import type { Lang } from '../turn';

export function repAskReply(
  ask: SalesRepAsk,
  owner: string,
  contacts: Array<{ on: string; summary: string }>,
  lang: Lang,
): Reply {
  const w = words(lang);
  const owed: Totals = {};
  for (const i of ask.invoices) owed[i.currency] = (owed[i.currency] ?? 0) + i.remaining;
  const facts: Fact[] = [
    { label: w.repOwed, value: totals(owed, lang) },
    {
      label: w.repInvoices,
      value: ask.invoices
        .map((i) => w.repInvoiceLine(i.number, money(i.remaining, i.currency, lang), i.daysLate))
        .join('\n'),
    },
    {
      label: w.repContacts,
      value: contacts.length
        ? contacts.map((c) => `${day(c.on, lang)} — ${c.summary}`).join('\n')
        : w.repNoContact,
    },
    { label: w.repOwner, value: owner },
  ];
  const title = w.repTitle(ask.name, ask.customer);
  return {
    title,
    summary: `${title}: ${totals(owed, lang)}`,
    sections: [
      { blocks: [{ kind: 'text', text: w.repAsk(owner, ask.name) }] },
      {
        blocks: [
          { kind: 'facts', facts },
          {
            kind: 'actions',
            actions: [
              { label: w.repShowCustomer, payload: { type: 'show_customer', customer: ask.customer } },
            ],
          },
        ],
      },
    ],
  };
}
