/** The case file laid out for print, in its reader's language: what integrations/pdf/report.ts renders. */
import type { ReportInput, ReportSection } from '../../integrations/pdf/report';
import { money } from '../i18n';
import { type CaseFile, shortDate } from './build';

const PROMISE_STATUS = {
  fr: {
    pending: 'en cours',
    kept: 'tenue',
    partially_kept: 'tenue en partie',
    broken: 'non tenue',
    cancelled: 'annulée',
  },
  en: {
    pending: 'pending',
    kept: 'kept',
    partially_kept: 'partly kept',
    broken: 'broken',
    cancelled: 'cancelled',
  },
} as const;
const DISPUTE_STATUS = {
  fr: {
    open: 'ouvert',
    resolved_in_our_favour: 'réglé en notre faveur',
    credit_note: 'avoir émis',
    withdrawn: 'retiré',
  },
  en: {
    open: 'open',
    resolved_in_our_favour: 'resolved in our favour',
    credit_note: 'credit note issued',
    withdrawn: 'withdrawn',
  },
} as const;

/** "1 234,56 € + 120,00 $": per currency, never summed across. */
export function penaltyTotalText(cf: CaseFile): string {
  return cf.totals.map((t) => money(t.interest, t.currency, cf.lang)).join(' + ') || money(0, 'EUR', cf.lang);
}

export function caseFileReport(cf: CaseFile): ReportInput {
  const fr = cf.lang === 'fr';
  const m = (n: number, c: string) => money(n, c, cf.lang);
  const d = cf.debtor;
  const c = cf.creditor;
  const sections: ReportSection[] = [
    {
      heading: fr ? '1. Créancier' : '1. Creditor',
      paragraphs: [
        c.name,
        ...c.addressLines,
        ...(c.legalId ? [`SIREN / TVA : ${c.legalId}`] : []),
        [c.phone, c.email].filter(Boolean).join(' — '),
        fr
          ? `Dossier suivi par ${d.owner.name}${d.owner.email ? ` (${d.owner.email})` : ''}`
          : `Handled by ${d.owner.name}${d.owner.email ? ` (${d.owner.email})` : ''}`,
      ].filter(Boolean),
    },
    {
      heading: fr ? '2. Débiteur' : '2. Debtor',
      paragraphs: [
        `${d.name} (${fr ? 'réf. client' : 'customer ref.'} ${d.reference})`,
        `SIREN / TVA : ${d.legalId ?? (fr ? 'inconnu' : 'unknown')}`,
        ...d.addressLines,
        d.consumer
          ? fr
            ? 'Particulier (consommateur)'
            : 'Individual (consumer)'
          : fr
            ? 'Professionnel'
            : 'Business',
        ...d.contacts.map((x) => [x.name, x.role, x.phone, x.email].filter(Boolean).join(' — ')),
        ...(d.salesRep ? [`${fr ? 'Commercial' : 'Sales rep'} : ${d.salesRep}`] : []),
      ],
    },
    {
      heading: fr
        ? `3. Factures ouvertes au ${shortDate(cf.asOf)}`
        : `3. Open invoices at ${shortDate(cf.asOf)}`,
      table: {
        headers: fr
          ? [
              'Facture',
              'Date',
              'Échéance',
              'Montant TTC',
              'Payé',
              'Avoirs',
              'Reste dû',
              'Retard',
              'Pénalités',
              'Indemnité',
            ]
          : [
              'Invoice',
              'Date',
              'Due',
              'Amount',
              'Paid',
              'Credits',
              'Remaining',
              'Late',
              'Penalties',
              'Indemnity',
            ],
        widths: [0.13, 0.09, 0.09, 0.11, 0.1, 0.09, 0.11, 0.07, 0.11, 0.1],
        right: [3, 4, 5, 6, 7, 8, 9],
        rows: cf.invoices.map((i) => [
          i.number + (i.disputed > 0 ? (fr ? ' (litige)' : ' (disputed)') : ''),
          shortDate(i.issueDate),
          shortDate(i.dueDate),
          m(i.amount, i.currency),
          m(i.paid, i.currency),
          m(i.credited, i.currency),
          m(i.remaining, i.currency),
          i.daysLate > 0 ? `${i.daysLate} ${fr ? 'j' : 'd'}` : '—',
          m(i.interest, i.currency),
          m(i.indemnity, 'EUR'),
        ]),
        totals: cf.totals.map((t, n) => [
          `Total ${t.currency}`,
          '',
          '',
          m(t.amount, t.currency),
          m(t.paid, t.currency),
          m(t.credited, t.currency),
          m(t.remaining, t.currency),
          '',
          m(t.interest, t.currency),
          n === 0 ? m(cf.indemnityTotal, 'EUR') : '',
        ]),
      },
      after: [
        fr
          ? `Total des pénalités de retard arrêtées au ${shortDate(cf.asOf)} : ${penaltyTotalText(cf)}, à parfaire jusqu'au complet paiement ; indemnités forfaitaires de recouvrement (40 € par facture, art. D441-5) : ${m(cf.indemnityTotal, 'EUR')}.`
          : `Late-payment penalties to ${shortDate(cf.asOf)}: ${penaltyTotalText(cf)}, running until paid in full; fixed recovery indemnities (€40 per invoice, art. D441-5): ${m(cf.indemnityTotal, 'EUR')}.`,
        ...cf.invoices
          .filter((i) => i.payments.length + i.credits.length > 0)
          .map(
            (i) =>
              `${i.number} : ${[
                ...i.payments.map(
                  (p) =>
                    `${fr ? 'paiement' : 'payment'} ${p.reference} ${shortDate(p.date)} ${m(p.amount, i.currency)}`,
                ),
                ...i.credits.map(
                  (x) =>
                    `${fr ? 'avoir' : 'credit note'} ${x.reference} ${shortDate(x.date)} ${m(x.amount, i.currency)}`,
                ),
              ].join(' ; ')}`,
          ),
        ...cf.warnings,
      ],
    },
    {
      heading: fr ? '4. Historique des actions (ordre chronologique)' : '4. Trail of actions (date order)',
      table: {
        headers: fr
          ? ['Date', 'Action', 'Par', 'Résultat', 'Détail']
          : ['Date', 'Action', 'By', 'Outcome', 'Detail'],
        widths: [0.1, 0.16, 0.1, 0.12, 0.52],
        rows: cf.trail.map((t) => [
          shortDate(t.date),
          `${t.kind} (${t.channel})`,
          t.author,
          t.outcome ?? '',
          t.invoices.length ? `${t.summary} [${t.invoices.join(', ')}]` : t.summary,
        ]),
      },
    },
    {
      heading: fr ? '5. Courriers et e-mails envoyés' : '5. Letters and e-mails sent',
      paragraphs: cf.letters.length
        ? cf.letters.flatMap((l) => [
            `${l.sentOn ? shortDate(l.sentOn) : '?'} — ${l.subject} — ${fr ? 'preuve d’envoi' : 'proof of sending'} : ${l.proof ?? (fr ? 'aucune enregistrée' : 'none recorded')}`,
            l.text,
            '',
          ])
        : [
            fr
              ? 'Aucun courrier envoyé par Relance (voir l’historique).'
              : 'No letter sent through Relance (see the trail).',
          ],
    },
    {
      heading: fr ? '6. Promesses de paiement' : '6. Payment promises',
      paragraphs: cf.promises.length
        ? cf.promises.map(
            (p) =>
              `${fr ? 'Donnée le' : 'Given on'} ${shortDate(p.givenOn)} (${p.invoices.join(', ')}) : ${p.instalments
                .map(
                  (i) =>
                    `${m(i.amount, i.currency)} ${fr ? 'au' : 'by'} ${shortDate(i.date)} — ${PROMISE_STATUS[cf.lang][i.status as keyof (typeof PROMISE_STATUS)['fr']] ?? i.status}`,
                )
                .join(
                  ' ; ',
                )} — ${PROMISE_STATUS[cf.lang][p.status as keyof (typeof PROMISE_STATUS)['fr']] ?? p.status}`,
          )
        : [fr ? 'Aucune.' : 'None.'],
    },
    {
      heading: fr ? '7. Litiges' : '7. Disputes',
      paragraphs: cf.disputes.length
        ? cf.disputes.map(
            (x) =>
              `${shortDate(x.openedOn)} (${x.invoices.join(', ')}) : ${x.reason} — ${x.detail} — ${DISPUTE_STATUS[cf.lang][x.status as keyof (typeof DISPUTE_STATUS)['fr']] ?? x.status}${x.resolvedOn ? ` (${shortDate(x.resolvedOn)})` : ''}`,
          )
        : [fr ? 'Aucun.' : 'None.'],
    },
    {
      heading: fr ? '8. Mise en demeure' : '8. Formal notice',
      paragraphs: cf.formalNotice
        ? [
            `${shortDate(cf.formalNotice.date)} — ${cf.formalNotice.summary}`,
            `${fr ? 'Preuve de dépôt' : 'Posting proof'} : ${cf.formalNotice.proof ?? (fr ? 'aucune enregistrée' : 'none recorded')}`,
          ]
        : [fr ? 'Aucune mise en demeure envoyée.' : 'No formal notice sent.'],
    },
    {
      heading: fr
        ? '9. Éléments pour la requête en injonction de payer'
        : '9. For the order-for-payment request',
      paragraphs: [
        `${fr ? 'Créancier' : 'Creditor'} : ${c.name}${c.legalId ? `, ${c.legalId}` : ''}, ${c.addressLines.join(', ')}`,
        `${fr ? 'Débiteur' : 'Debtor'} : ${d.name}, SIREN ${d.legalId ?? '?'}, ${d.addressLines.join(', ')}`,
        ...cf.injonction.claims.map(
          (x) =>
            `${fr ? 'Principal (hors litige)' : 'Principal (undisputed)'} : ${m(x.principal, x.currency)} ; ${fr ? 'pénalités' : 'penalties'} : ${m(x.interest, x.currency)}`,
        ),
        `${fr ? 'Indemnités forfaitaires' : 'Fixed indemnities'} : ${m(cf.injonction.indemnities, 'EUR')}`,
        cf.injonction.interestFrom
          ? fr
            ? `Intérêts dus depuis le ${shortDate(cf.injonction.interestFrom)} (lendemain de l'échéance, art. L441-10)`
            : `Interest due from ${shortDate(cf.injonction.interestFrom)} (the day after the due date, art. L441-10)`
          : '',
        `${fr ? 'Juridiction' : 'Court'} : ${cf.injonction.court}`,
        cf.injonction.procedure === 'small_claims'
          ? fr
            ? 'Créance inférieure à 5 000 € : procédure simplifiée de recouvrement des petites créances par commissaire de justice possible.'
            : 'Claim under €5,000: the simplified small-claims procedure run by a commissaire de justice is available.'
          : fr
            ? 'Requête en injonction de payer (articles 1405 et suivants du Code de procédure civile).'
            : 'Request for an order for payment (articles 1405 ff. of the Code of civil procedure).',
        cf.formalNotice
          ? `${fr ? 'Mise en demeure du' : 'Formal notice of'} ${shortDate(cf.formalNotice.date)}`
          : '',
      ].filter(Boolean),
    },
    {
      heading: fr ? '10. Pièces à joindre' : '10. Documents to attach',
      paragraphs: cf.documents.map((x) => `- ${x}`),
    },
  ];
  return {
    company: c,
    title: fr ? 'Dossier de recouvrement' : 'Collection case file',
    subtitle: `${d.name} — ${fr ? 'arrêté au' : 'as of'} ${shortDate(cf.asOf)}`,
    sections,
    pageWord: 'Page',
  };
}
