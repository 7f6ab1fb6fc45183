/**
 * The template drafter: offline, deterministic, one template per ladder step and language,
 * filled from the ledger facts only, written as a French credit manager signs them. Tone
 * follows the step (domain.md): friendly before the due date, courteous then firm, formal for
 * the mise en demeure; legal action is named only where the step allows it. Every letter
 * carries the statement of account (the table, see letter.ts) and how to pay.
 */
import type { CallScript, DraftContent } from '../../prompts/draft';
import { money } from '../i18n';
import type { Lang } from '../turn';
import type { DraftFacts, FactContact } from './facts';
import { SMALL_CLAIM_LIMIT } from './facts';
import { personName, salutation } from './salutation';
import { frenchTypography, letterDate, periodText, rateText } from './typography';

export { letterDate, rateText } from './typography';

type Two = { fr: string; en: string };
const pick = (f: DraftFacts, t: Two) => t[f.lang];

/** "a, b et c" / "a, b and c". */
function listOf(xs: string[], lang: Lang): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${xs.at(-1)}`;
}

const amount = (f: DraftFacts, minor: number, currency: string) => money(minor, currency, f.lang);
/** "de Relance", "d’Imprimerie Dubois": French elision before a vowel or a mute h. */
export const deName = (name: string) => (/^[aeiouyhàâéèêëîïôûü]/i.test(name) ? `d’${name}` : `de ${name}`);
const date = (f: DraftFacts, d: string) => letterDate(d, f.lang);
const owed = (f: DraftFacts) =>
  listOf(
    f.totals.map((t) => amount(f, t.owed, t.currency)),
    f.lang,
  );
const interestTotal = (f: DraftFacts) =>
  listOf(
    f.totals.map((t) => amount(f, t.interest, t.currency)),
    f.lang,
  );
const plural = (f: DraftFacts) => f.invoices.length > 1;
const isLetter = (f: DraftFacts) => f.kind !== 'preventive_reminder' && f.kind !== 'call_script';

function rows(f: DraftFacts): DraftContent['invoices'] {
  return f.invoices.map((i) => ({
    number: i.number,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    amount: i.amount,
    currency: i.currency,
    daysLate: i.daysLate,
  }));
}

function signature(f: DraftFacts): string {
  return `${f.sender.name}\n${f.company.name}`;
}

/** "01 84 60 12 35" → "+33 1 84 60 12 35": a French number as dialled from abroad. */
export function phoneFor(f: DraftFacts, phone: string | undefined): string | undefined {
  if (!phone || !f.customer.foreign || f.country !== 'FR') return phone;
  const m = phone.replace(/[\s.]/g, '').match(/^0(\d)(\d{8})$/);
  return m ? `+33 ${m[1]} ${m[2]!.replace(/(\d{2})(?=\d)/g, '$1 ')}` : phone;
}

/** " (x@y, 01 …)": how to reach someone. */
function reach(f: DraftFacts, c: { email?: string; phone?: string }): string {
  const parts = [c.email, phoneFor(f, c.phone)].filter(Boolean) as string[];
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** How to pay: the bank details and the reference to quote, or whom to ask for them. */
function howToPay(f: DraftFacts): string {
  const ref = f.paymentReference;
  const { iban, bic } = f.company;
  if (iban)
    return pick(f, {
      fr: `Règlement par virement sur notre compte IBAN ${iban}${bic ? `, BIC ${bic}` : ''}, en indiquant la référence « ${ref} ».`,
      en: `Please pay by bank transfer to our account IBAN ${iban}${bic ? `, BIC ${bic}` : ''}, quoting the reference "${ref}".`,
    });
  const address = f.company.addressLines.join(', ');
  return pick(f, {
    fr: `Pour le règlement, ${f.accountant.name}${reach(f, f.accountant)} vous communiquera nos coordonnées bancaires ; vous pouvez aussi adresser un chèque à l’ordre de ${f.company.name}, ${address}, en indiquant la référence « ${ref} ».`,
    en: `For payment, ${f.accountant.name}${reach(f, f.accountant)} will give you our bank details; you may also send a cheque payable to ${f.company.name}, ${address}, quoting the reference "${ref}".`,
  });
}

function contactLine(f: DraftFacts): string {
  return pick(f, {
    fr: `Si un point vous empêche de régler, ou si le règlement est déjà parti, merci de me le faire savoir${reach(f, f.sender)} : nous trouverons ensemble une solution.`,
    en: `If anything prevents payment, or if payment has already been sent, please let me know${reach(f, f.sender)} and we will sort it out together.`,
  });
}

/** The statement of account below, and the disputed parts left out of what is asked. */
function statementLines(f: DraftFacts): string[] {
  const lines = [
    pick(f, {
      fr: `Le relevé de compte ci-dessous détaille, pour chaque facture, le montant TTC, les règlements et avoirs reçus, le solde dû et le retard.`,
      en: `The statement of account below shows, for each invoice, the amount including tax, the payments and credit notes received, the balance due and the days late.`,
    }),
  ];
  const partly = f.invoices.filter((i) => i.disputed > 0);
  if (partly.length)
    lines.push(
      listOf(
        partly.map((i) =>
          pick(f, {
            fr: `la part contestée de la facture ${i.number} (${amount(f, i.disputed, i.currency)})`,
            en: `the disputed part of invoice ${i.number} (${amount(f, i.disputed, i.currency)})`,
          }),
        ),
        f.lang,
      ).replace(/^./, (c) => c.toUpperCase()) +
        pick(f, {
          fr: ` est en cours d’examen : elle n’est pas réclamée ici et ne porte pas de pénalités.`,
          en: ` is being reviewed: it is not claimed here and bears no interest.`,
        }),
    );
  return lines;
}

/** "12,15 % l’an" or "13,15 % du 16 mai au 30 juin 2025, puis de 12,15 % depuis le 1er juillet 2025". */
export function ratesByPeriod(f: DraftFacts): string {
  const ps = f.ratePeriods;
  if (ps.length === 0) return '';
  if (ps.length === 1)
    return pick(f, {
      fr: `${rateText(ps[0]!.ratePct, 'fr')} l’an`,
      en: `${rateText(ps[0]!.ratePct, 'en')} a year`,
    });
  const parts = ps.map((p, i) => {
    const rate = rateText(p.ratePct, f.lang);
    const last = i === ps.length - 1 && p.to === f.asOf;
    if (last)
      return pick(f, { fr: `${rate} depuis le ${date(f, p.from)}`, en: `${rate} since ${date(f, p.from)}` });
    return `${rate} ${periodText(p.from, p.to, f.lang)}`;
  });
  return pick(f, {
    fr: `${parts.slice(0, -1).join(', puis de ')}, puis de ${parts.at(-1)}`,
    en: `${parts.slice(0, -1).join(', then ')}, then ${parts.at(-1)}`,
  });
}

const CURRENCY_NAMES: Record<string, Two> = {
  GBP: { fr: 'livre sterling', en: 'pounds sterling' },
  USD: { fr: 'dollar américain', en: 'US dollars' },
  CHF: { fr: 'franc suisse', en: 'Swiss francs' },
};
const currencyName = (f: DraftFacts, c: string) =>
  CURRENCY_NAMES[c]?.[f.lang] ??
  new Intl.DisplayNames([f.lang === 'fr' ? 'fr' : 'en-GB'], { type: 'currency' }).of(c) ??
  c;

/** " (soit 34,80 £ par facture …)": the euro indemnity in the debt's currency. */
function indemnityEquivalent(f: DraftFacts): string {
  return f.indemnityEquivalents
    .map((e) => {
      const name = currencyName(f, e.currency);
      if (e.rate === null || e.per === null || e.total === null)
        return pick(f, {
          fr: ` (payable en euros, ou sa contre-valeur en ${name} au cours du jour du paiement)`,
          en: ` (payable in euros, or its equivalent in ${name} at the exchange rate on the day of payment)`,
        });
      const rate = f.lang === 'fr' ? e.rate.toFixed(4).replace('.', ',') : e.rate.toFixed(4);
      return pick(f, {
        fr: ` (soit ${amount(f, e.per, e.currency)} par facture et ${amount(f, e.total, e.currency)} au total, au cours de ${rate} ${name} pour un euro)`,
        en: ` (${amount(f, e.per, e.currency)} per invoice, ${amount(f, e.total, e.currency)} in all, at ${rate} ${name} to the euro)`,
      });
    })
    .join('');
}

/** What the rates rest on, as the letter cites it. */
function rateSource(f: DraftFacts): string {
  const governed = f.customer.foreign || f.lang === 'en';
  if (f.rateSource === 'contract')
    return pick(f, {
      fr: `nos conditions générales de vente${governed ? ', soumises au droit français' : ''}`,
      en: 'our terms of sale, governed by French law',
    });
  return pick(f, {
    fr: `${governed ? 'nos conditions générales de vente, soumises au droit français, et ' : ''}l’article L441-10 du Code de commerce`,
    en: 'our terms of sale, governed by French law, and Article L441-10 of the French Commercial Code',
  });
}

/** The B2B penalties and €40 indemnity, or a consumer's legal interest (from the formal notice only). */
function penaltiesSentence(f: DraftFacts): string | null {
  if (f.customer.consumer) {
    if (f.kind === 'formal_notice')
      return pick(f, {
        fr: 'Conformément à l’article 1231-6 du Code civil, la présente mise en demeure fait courir les intérêts au taux légal sur les sommes dues.',
        en: 'Under Article 1231-6 of the French Civil Code, this formal notice starts interest running at the legal rate on the amounts due.',
      });
    if (f.kind === 'handover' && f.formalNoticeOn && f.ratePeriods.length)
      return pick(f, {
        fr: `Depuis notre mise en demeure du ${date(f, f.formalNoticeOn)}, les sommes dues portent intérêts au taux légal (article 1231-6 du Code civil), au taux de ${ratesByPeriod(f)}, soit ${interestTotal(f)} au ${date(f, f.asOf)}.`,
        en: `Since our formal notice of ${date(f, f.formalNoticeOn)}, the amounts due bear interest at the legal rate (Article 1231-6 of the French Civil Code), at ${ratesByPeriod(f)}, ${interestTotal(f)} as at ${date(f, f.asOf)}.`,
      });
    return null;
  }
  const rates = ratesByPeriod(f);
  const euro40 = amount(f, 4000, 'EUR');
  const indemnity = amount(f, f.indemnityTotal, 'EUR');
  return pick(f, {
    fr: `Conformément à ${rateSource(f)}, tout retard de paiement entraîne de plein droit, sans qu’un rappel soit nécessaire, des pénalités au taux de ${rates}, calculées sur les sommes dues et non contestées, soit ${interestTotal(f)} au ${date(f, f.asOf)}, ainsi qu’une indemnité forfaitaire pour frais de recouvrement de ${euro40} par facture (article D441-5 du Code de commerce), soit ${indemnity}${indemnityEquivalent(f)}.`,
    en: `Under ${rateSource(f)}, late payment automatically bears interest, without any reminder being needed, at ${rates} on the amounts owed and not disputed, ${interestTotal(f)} as at ${date(f, f.asOf)}, plus a fixed indemnity for recovery costs of ${euro40} per invoice (Article D441-5 of the French Commercial Code), ${indemnity}${indemnityEquivalent(f)}.`,
  });
}

function deadlineSentence(f: DraftFacts, ask: Two): string {
  return pick(f, {
    fr: `${ask.fr} au plus tard le ${date(f, f.deadline!)}, soit sous ${f.deadlineBusinessDays} jours ouvrés.`,
    en: `${ask.en} by ${date(f, f.deadline!)}, within ${f.deadlineBusinessDays} business days.`,
  });
}

/** The previous reminders with their dates, as a formal notice cites them. */
function remindersList(f: DraftFacts): string {
  const label = (r: DraftFacts['previousReminders'][number]) => {
    const on = date(f, r.on);
    if (r.channel === 'phone') return pick(f, { fr: `notre appel du ${on}`, en: `our call of ${on}` });
    if (r.step === 'formal_notice')
      return pick(f, { fr: `notre mise en demeure du ${on}`, en: `our formal notice of ${on}` });
    if (r.step === 'second_reminder')
      return pick(f, {
        fr: `notre deuxième relance par lettre recommandée du ${on}`,
        en: `our second reminder by registered letter of ${on}`,
      });
    if (r.channel === 'email')
      return pick(f, { fr: `notre relance par e-mail du ${on}`, en: `our reminder email of ${on}` });
    return pick(f, { fr: `notre lettre de relance du ${on}`, en: `our reminder letter of ${on}` });
  };
  // Written reminders are what a formal notice cites; calls only when there is no letter.
  const written = f.previousReminders.filter((r) => r.channel !== 'phone');
  const cited = written.length ? written : f.previousReminders;
  if (cited.length <= 4) return listOf(cited.map(label), f.lang);
  const last = cited.at(-1)!;
  return pick(f, {
    fr: `nos ${cited.length} relances écrites, du ${date(f, cited[0]!.on)} au ${date(f, last.on)}, dont en dernier ${label(last)}`,
    en: `our ${cited.length} written reminders, from ${date(f, cited[0]!.on)} to ${date(f, last.on)}, the last being ${label(last)}`,
  });
}

function letter(
  f: DraftFacts,
  subject: string,
  paragraphs: Array<string | null>,
  toneNotes: Two,
): DraftContent {
  const s = salutation(f.customer.contact, f.lang, isLetter(f));
  return {
    subject,
    greeting: s.greeting,
    paragraphs: paragraphs.filter((p): p is string => !!p),
    invoices: rows(f),
    deadline: f.deadline,
    closing: s.closing,
    signature: signature(f),
    toneNotes: pick(f, toneNotes),
    script: null,
  };
}

function preventive(f: DraftFacts): DraftContent {
  const one = f.invoices.length === 1 ? f.invoices[0]! : null;
  const each = f.invoices.map((i) =>
    pick(f, {
      fr: `– facture ${i.number} du ${date(f, i.issueDate)} : ${amount(f, i.amount, i.currency)}, échéance le ${date(f, i.dueDate)}`,
      en: `– invoice ${i.number} of ${date(f, i.issueDate)}: ${amount(f, i.amount, i.currency)}, due on ${date(f, i.dueDate)}`,
    }),
  );
  return letter(
    f,
    one
      ? pick(f, {
          fr: `Rappel : facture ${one.number} à échéance le ${date(f, one.dueDate)}`,
          en: `Reminder: invoice ${one.number} due on ${date(f, one.dueDate)}`,
        })
      : pick(f, {
          fr: `Rappel : factures à échéance prochaine — ${owed(f)}`,
          en: `Reminder: invoices falling due soon — ${owed(f)}`,
        }),
    [
      one
        ? pick(f, {
            fr: `Pour faciliter votre organisation, nous vous rappelons que la facture ${one.number} du ${date(f, one.issueDate)}, d’un montant de ${amount(f, one.amount, one.currency)}, arrive à échéance le ${date(f, one.dueDate)}.`,
            en: `To help with your planning, this is a reminder that invoice ${one.number} of ${date(f, one.issueDate)}, for ${amount(f, one.amount, one.currency)}, falls due on ${date(f, one.dueDate)}.`,
          })
        : pick(f, {
            fr: `Pour faciliter votre organisation, voici les factures qui arrivent à échéance dans les prochains jours, pour un total de ${owed(f)} :\n${each.join(' ;\n')}.`,
            en: `To help with your planning, these invoices fall due in the next few days, for a total of ${owed(f)}:\n${each.join(';\n')}.`,
          }),
      howToPay(f),
      pick(f, {
        fr: `Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message. Pour toute question sur ${one ? 'cette facture' : 'ces factures'}, je reste à votre disposition${reach(f, f.sender)}.`,
        en: `If payment is already scheduled, please disregard this message. If you have any question about ${one ? 'the invoice' : 'these invoices'}, I am happy to help${reach(f, f.sender)}.`,
      }),
    ],
    {
      fr: 'Ton de service, avant échéance : chaque facture avec sa propre échéance, aucune pénalité mentionnée.',
      en: 'Service tone, before the due date: each invoice with its own due date, no penalties mentioned.',
    },
  );
}

function reminderLetter(f: DraftFacts): DraftContent {
  const many = plural(f);
  return letter(
    f,
    pick(f, {
      fr: `Relance : ${many ? 'factures échues' : 'facture échue'} — ${owed(f)}`,
      en: `Reminder: ${many ? 'overdue invoices' : 'overdue invoice'} — ${owed(f)}`,
    }),
    [
      pick(f, {
        fr: `Sauf erreur de notre part, ${many ? 'les factures ci-dessous sont échues et restent impayées' : 'la facture ci-dessous est échue et reste impayée'} à ce jour, pour un solde de ${owed(f)}.`,
        en: `According to our records, ${many ? 'the invoices below are past due and remain unpaid' : 'the invoice below is past due and remains unpaid'}, for a balance of ${owed(f)}.`,
      }),
      ...statementLines(f),
      deadlineSentence(f, {
        fr: `Nous vous remercions de bien vouloir procéder au règlement du solde`,
        en: `We would be grateful if you could settle the balance`,
      }),
      penaltiesSentence(f),
      howToPay(f),
      contactLine(f),
    ],
    {
      fr: 'Courtois et ferme : montant, factures, pénalités dues ; aucune menace de procédure.',
      en: 'Courteous and firm: amount, invoices, penalties due; no threat of proceedings.',
    },
  );
}

function secondReminder(f: DraftFacts): DraftContent {
  const last = f.previousReminders.filter((r) => r.channel !== 'phone').at(-1);
  return letter(
    f,
    pick(f, {
      fr: `Deuxième relance — ${plural(f) ? 'factures impayées' : 'facture impayée'} — ${owed(f)}`,
      en: `Second reminder — ${plural(f) ? 'unpaid invoices' : 'unpaid invoice'} — ${owed(f)}`,
    }),
    [
      pick(f, {
        fr: `Malgré ${last ? `notre relance du ${date(f, last.on)}` : 'notre précédente relance'}, ${plural(f) ? 'les factures ci-dessous restent impayées' : 'la facture ci-dessous reste impayée'}, pour un solde de ${owed(f)}.`,
        en: `Despite ${last ? `our reminder of ${date(f, last.on)}` : 'our previous reminder'}, ${plural(f) ? 'the invoices below remain unpaid' : 'the invoice below remains unpaid'}, for a balance of ${owed(f)}.`,
      }),
      ...statementLines(f),
      penaltiesSentence(f),
      deadlineSentence(f, {
        fr: 'Nous vous demandons de régler le solde',
        en: 'We ask you to pay the balance',
      }).replace(
        /\.$/,
        pick(f, {
          fr: '. À défaut, nous serons contraints de vous adresser une mise en demeure.',
          en: '. Failing that, we will have to send you a formal notice.',
        }),
      ),
      howToPay(f),
      contactLine(f),
    ],
    {
      fr: 'Ferme, par lettre recommandée : annonce la mise en demeure comme étape suivante, sans menace judiciaire.',
      en: 'Firm, by registered letter: announces the formal notice as the next step, no threat of court action.',
    },
  );
}

/** Principal, penalties "arrêtées au …, à parfaire", indemnities and the total, per currency. */
function demandLines(f: DraftFacts): string {
  const fr = f.lang === 'fr';
  const eur = f.totals.find((t) => t.currency === 'EUR');
  const b2b = !f.customer.consumer;
  const lines = [
    fr ? `– en principal : ${owed(f)}` : `– principal: ${owed(f)}`,
    ...(b2b
      ? [
          fr
            ? `– pénalités de retard arrêtées au ${date(f, f.asOf)}, à parfaire jusqu’au complet paiement : ${interestTotal(f)}`
            : `– late-payment interest calculated to ${date(f, f.asOf)}, continuing to accrue until payment in full: ${interestTotal(f)}`,
          fr
            ? `– indemnités forfaitaires pour frais de recouvrement (${amount(f, 4000, 'EUR')} par facture) : ${amount(f, f.indemnityTotal, 'EUR')}${indemnityEquivalent(f)}`
            : `– fixed indemnities for recovery costs (${amount(f, 4000, 'EUR')} per invoice): ${amount(f, f.indemnityTotal, 'EUR')}${indemnityEquivalent(f)}`,
        ]
      : []),
  ];
  const totals = f.totals.map((t) =>
    amount(
      f,
      t.owed + (b2b ? t.interest : 0) + (b2b && t.currency === 'EUR' ? f.indemnityTotal : 0),
      t.currency,
    ),
  );
  if (b2b && !eur && f.indemnityTotal) totals.push(amount(f, f.indemnityTotal, 'EUR'));
  const total = listOf(totals, f.lang);
  const tail = b2b
    ? fr
      ? `soit un total de ${total}, à parfaire.`
      : `a total of ${total}, to which interest continues to be added.`
    : fr
      ? `soit un total de ${total}, augmenté des intérêts au taux légal à compter de la réception de la présente.`
      : `a total of ${total}, plus interest at the legal rate from receipt of this letter.`;
  return `${lines.join(fr ? ' ;\n' : ';\n')}${fr ? ' ;' : ';'}\n${tail}`;
}

/** What happens next, precisely: the French procedure, or for a debtor abroad words they know. */
function consequence(f: DraftFacts): string {
  const eur = f.totals.find((t) => t.currency === 'EUR');
  const claim = eur ? eur.owed + (f.customer.consumer ? 0 : eur.interest) : null;
  const small = claim !== null && f.totals.length === 1 && claim < SMALL_CLAIM_LIMIT;
  const court = f.customer.consumer
    ? { fr: 'tribunal judiciaire', en: 'Judicial Court (tribunal judiciaire)' }
    : { fr: 'tribunal de commerce', en: 'Commercial Court (tribunal de commerce)' };
  if (f.lang === 'en' && f.customer.foreign)
    return 'Failing payment in full within that time, we will instruct our solicitors and our debt collection partner to recover the debt through the courts, without further notice; the costs of recovery and of the proceedings may then be added to the amount you owe.';
  if (small)
    return pick(f, {
      fr: `À défaut de règlement intégral dans ce délai, nous confierons, sans autre avis, le recouvrement de cette créance à un commissaire de justice selon la procédure simplifiée de recouvrement des petites créances (article L125-1 du Code des procédures civiles d’exécution) ; à défaut d’accord dans ce cadre, nous présenterons une requête en injonction de payer au ${court.fr} compétent.`,
      en: `Failing payment in full within that time, we will instruct a commissaire de justice (French judicial officer), without further notice, to recover this debt under the simplified procedure for small claims (Article L125-1 of the French Code of Civil Enforcement Procedures); failing agreement in that procedure, we will apply to the competent ${court.en} for an order for payment (injonction de payer).`,
    });
  return pick(f, {
    fr: `À défaut de règlement intégral dans ce délai, nous présenterons, sans autre avis, une requête en injonction de payer au président du ${court.fr} compétent, les frais de procédure étant mis à votre charge dans les conditions prévues par la loi.`,
    en: `Failing payment in full within that time, we will apply, without further notice, to the President of the competent ${court.en} for an order for payment (requête en injonction de payer), the costs of the proceedings being charged to you as the law provides.`,
  });
}

function formalNotice(f: DraftFacts): DraftContent {
  const numbers = listOf(
    f.invoices.map((i) => i.number),
    f.lang,
  );
  const reminders = remindersList(f);
  const days = f.deadlineDaysFromReceipt;
  return letter(
    f,
    pick(f, {
      fr: `Mise en demeure de payer — ${owed(f)}`,
      en: `Formal notice to pay (mise en demeure)${f.customer.foreign ? ' — letter before action' : ''} — ${owed(f)}`,
    }),
    [
      pick(f, {
        fr: `Malgré ${reminders ? reminders : 'nos relances'}, ${plural(f) ? 'les factures ci-dessous demeurent impayées' : 'la facture ci-dessous demeure impayée'} à ce jour.`,
        en: `Despite ${reminders ? reminders : 'our reminders'}, ${plural(f) ? 'the invoices below remain unpaid' : 'the invoice below remains unpaid'}.`,
      }),
      pick(f, {
        fr: `Par la présente, nous vous mettons en demeure de nous régler, dans un délai de ${days} jours à compter de la réception de ce courrier, les sommes suivantes :\n${demandLines(f)}`,
        en: `We hereby give you formal notice (mise en demeure) to pay us, within ${days} days of receiving this letter, the following amounts:\n${demandLines(f)}`,
      }),
      f.customer.consumer
        ? penaltiesSentence(f)
        : pick(f, {
            fr: `Les pénalités sont dues en application de ${rateSource(f)}, au taux de ${ratesByPeriod(f)}, sur les sommes dues et non contestées ; l’indemnité forfaitaire est due pour chaque facture payée en retard (article D441-5 du Code de commerce).`,
            en: `The interest is due under ${rateSource(f)}, at ${ratesByPeriod(f)}, on the amounts owed and not disputed; the fixed indemnity is due for each invoice paid late (Article D441-5 of the French Commercial Code).`,
          }),
      ...statementLines(f).slice(1),
      pick(f, {
        fr: 'La présente lettre vaut mise en demeure au sens de l’article 1344 du Code civil.',
        en: 'This letter is a formal notice (mise en demeure) within the meaning of Article 1344 of the French Civil Code.',
      }),
      consequence(f),
      howToPay(f),
      pick(f, {
        fr: `Si vous rencontrez une difficulté, nous restons disposés à examiner une proposition d’échéancier, à condition que vous nous contactiez avant l’expiration de ce délai. Votre contact au service comptabilité clients : ${f.accountant.name}${reach(f, f.accountant)}.`,
        en: `If you are facing difficulties, we remain willing to consider a proposal for payment by instalments, provided you contact us before this time runs out. Your contact in our accounts receivable department: ${f.accountant.name}${reach(f, f.accountant)}.`,
      }),
      pick(f, {
        fr: `Pièces jointes : ${plural(f) ? 'copie des factures' : 'copie de la facture'} ${numbers} ; relevé de compte au ${date(f, f.asOf)}.`,
        en: `Enclosures: ${plural(f) ? 'copies of invoices' : 'copy of invoice'} ${numbers}; statement of account as at ${date(f, f.asOf)}.`,
      }),
    ],
    {
      fr: 'Formel, en LRAR : les mots « mise en demeure », principal, pénalités arrêtées et à parfaire, indemnités, total, relances antérieures, délai à compter de la réception, conséquence, pièces jointes.',
      en: 'Formal, by registered letter with acknowledgement of receipt: "formal notice", principal, interest to date and accruing, indemnities, total, earlier reminders, time from receipt, consequence, enclosures.',
    },
  );
}

function handover(f: DraftFacts): DraftContent {
  return letter(
    f,
    pick(f, {
      fr: `Transmission de votre dossier au recouvrement — ${owed(f)}`,
      en: `Your account handed over for collection — ${owed(f)}`,
    }),
    [
      pick(f, {
        fr: `Malgré ${f.formalNoticeOn ? `notre mise en demeure du ${date(f, f.formalNoticeOn)}` : 'nos relances'}, ${plural(f) ? 'les factures ci-dessous restent impayées' : 'la facture ci-dessous reste impayée'} : ${owed(f)} en principal.`,
        en: `Despite ${f.formalNoticeOn ? `our formal notice of ${date(f, f.formalNoticeOn)}` : 'our reminders'}, ${plural(f) ? 'the invoices below remain unpaid' : 'the invoice below remains unpaid'}: ${owed(f)} in principal.`,
      }),
      ...statementLines(f),
      penaltiesSentence(f),
      f.lang === 'en' && f.customer.foreign
        ? 'We inform you that your account is handed over today to our debt collection partner, who will contact you; our solicitors may then start court proceedings to recover the debt.'
        : pick(f, {
            fr: 'Nous vous informons que votre dossier est transmis ce jour à notre partenaire de recouvrement, qui prendra contact avec vous. Une procédure judiciaire pourra ensuite être engagée par l’intermédiaire d’un commissaire de justice.',
            en: 'We inform you that your account is handed over today to our collection partner, who will contact you. Court proceedings may then be started through a commissaire de justice (French judicial officer).',
          }),
      pick(f, {
        fr: 'Un règlement immédiat de la totalité reste possible et mettrait fin à ces démarches.',
        en: 'Immediate payment in full remains possible and would end these steps.',
      }),
      howToPay(f),
    ],
    { fr: 'Information de transmission, factuelle.', en: 'Notice of hand-over, factual.' },
  );
}

/** "3 factures échues, 12 345,67 € au total, la plus ancienne (FA-1) échue le 3 octobre 2026". */
function summaryOfDebt(f: DraftFacts): string {
  const oldest = f.invoices[0]!;
  if (!plural(f))
    return pick(f, {
      fr: `la facture ${oldest.number} de ${amount(f, oldest.amount, oldest.currency)}, échue le ${date(f, oldest.dueDate)}`,
      en: `invoice ${oldest.number} for ${amount(f, oldest.amount, oldest.currency)}, due on ${date(f, oldest.dueDate)}`,
    });
  return pick(f, {
    fr: `${f.invoices.length} factures échues, ${owed(f)} au total, la plus ancienne (${oldest.number}) échue le ${date(f, oldest.dueDate)}`,
    en: `${f.invoices.length} overdue invoices, ${owed(f)} in total, the oldest (${oldest.number}) due on ${date(f, oldest.dueDate)}`,
  });
}

function whoToAsk(f: DraftFacts): { contact: FactContact | null; label: string } {
  const contact = (f.step === 'manager_call' ? f.customer.decisionMaker : null) ?? f.customer.contact;
  const name = personName(contact, f.lang);
  const role = contact?.role ? ` (${contact.role})` : '';
  return {
    contact,
    label: name
      ? `${name}${role}`
      : pick(f, { fr: 'le service comptabilité fournisseurs', en: 'accounts payable' }),
  };
}

function objectionsFor(f: DraftFacts, preDue: boolean): CallScript['objections'] {
  const callBack = date(f, f.callBackOn);
  const oldest = f.invoices[0]!;
  const email = f.customer.contact?.email;
  const o = (objection: Two, answer: Two) => ({ objection: pick(f, objection), answer: pick(f, answer) });
  const sixty = f.customer.consumer
    ? []
    : [
        o(
          { fr: 'Nous payons à 60 jours.', en: 'We pay at 60 days.' },
          {
            fr: `Nos conditions, acceptées à la commande, prévoient un règlement à ${f.customer.paymentTermsDays} jours : la facture ${oldest.number} ${preDue ? 'arrive à échéance' : 'était due'} le ${date(f, oldest.dueDate)}. La loi plafonne d’ailleurs les délais à 60 jours à compter de la date de facture (article L441-10 du Code de commerce). Pouvez-vous la mettre en paiement à cette date ?`,
            en: `Our terms, accepted with the order, are ${f.customer.paymentTermsDays} days: invoice ${oldest.number} ${preDue ? 'falls due' : 'was due'} on ${date(f, oldest.dueDate)}. French law caps payment terms at 60 days from the invoice date anyway (Article L441-10 of the French Commercial Code). Can you release it for that date?`,
          },
        ),
      ];
  const statement = o(
    { fr: 'Envoyez-moi un relevé.', en: 'Send me a statement.' },
    {
      fr: `Je vous l’envoie aujourd’hui par e-mail${email ? ` à ${email}` : ''}, et je vous rappelle le ${callBack} pour convenir de la date de règlement.`,
      en: `I will email it to you today${email ? ` at ${email}` : ''} and call you back on ${callBack} to agree the payment date.`,
    },
  );
  if (preDue)
    return [
      o(
        { fr: 'Nous ne l’avons pas reçue.', en: 'We never received it.' },
        {
          fr: 'Je vous la renvoie aujourd’hui par e-mail : à quelle adresse ?',
          en: 'I will email it to you today: which address should I use?',
        },
      ),
      o(
        { fr: 'Il manque un bon de commande.', en: 'A purchase order number is missing.' },
        {
          fr: 'Donnez-moi la référence attendue, je vous envoie une facture complétée.',
          en: 'Tell me the reference you need and I will send a completed invoice.',
        },
      ),
      ...sixty,
      statement,
    ];
  return [
    o(
      { fr: 'Nous n’avons pas reçu la facture.', en: 'We never received the invoice.' },
      {
        fr: `Je vous la renvoie aujourd’hui par e-mail ; pouvez-vous me confirmer un règlement d’ici le ${date(f, f.deadline!)} ?`,
        en: `I will email it today; can you confirm payment by ${date(f, f.deadline!)}?`,
      },
    ),
    o(
      { fr: 'Notre trésorerie est tendue.', en: 'Cash is tight right now.' },
      {
        fr: 'Je comprends. Quel montant pouvez-vous régler dès cette semaine ? Nous pouvons étudier un échéancier pour le reste.',
        en: 'I understand. How much can you pay this week? We can look at instalments for the rest.',
      },
    ),
    o(
      { fr: 'Il y a un problème sur la livraison.', en: 'There was a problem with the delivery.' },
      {
        fr: 'Décrivez-moi précisément le problème et la facture concernée : je le transmets aujourd’hui. Les autres factures restent dues.',
        en: 'Tell me exactly what the problem is and on which invoice: I will pass it on today. The other invoices remain due.',
      },
    ),
    o(
      { fr: 'Le chèque est parti.', en: 'The cheque is in the post.' },
      {
        fr: `Merci. Pour le rapprocher dès réception : quel montant, envoyé à quelle date, sur quelle banque, et avec quel numéro de chèque ou de remise ? Si nous ne l’avons pas reçu, je vous rappelle le ${callBack}.`,
        en: `Thank you. So that we can match it when it arrives: for what amount, posted on what date, drawn on which bank, and with what cheque or remittance number? If it has not arrived, I will call you back on ${callBack}.`,
      },
    ),
    o(
      { fr: 'Le virement est déjà parti.', en: 'The transfer has already been made.' },
      {
        fr: 'Merci ! Pouvez-vous me donner la date, le montant et la référence du virement ?',
        en: 'Thank you! Could you give me the date, the amount and the reference of the transfer?',
      },
    ),
    o(
      {
        fr: 'La personne qui valide les paiements est absente.',
        en: 'The person who approves payments is away.',
      },
      {
        fr: `Qui la remplace pendant son absence, et quand revient-elle ? Je vous envoie le relevé aujourd’hui pour une validation dès son retour, et je vous rappelle le ${callBack}.`,
        en: `Who stands in for them, and when are they back? I will send you the statement today so it can be approved on their return, and I will call you back on ${callBack}.`,
      },
    ),
    o(
      {
        fr: 'Nous attendons le paiement de notre propre client.',
        en: 'We are waiting to be paid by our own customer.',
      },
      {
        fr: 'Je comprends, mais notre facture ne dépend pas de ce règlement. Quel montant pouvez-vous nous verser dès maintenant ? Nous pouvons convenir d’un échéancier pour le reste.',
        en: 'I understand, but our invoice does not depend on that payment. How much can you pay us now? We can agree instalments for the rest.',
      },
    ),
    ...sixty,
    statement,
    o(
      {
        fr: 'Nous sommes en procédure collective (sauvegarde, redressement ou liquidation judiciaire).',
        en: 'We have gone into administration (or liquidation).',
      },
      {
        fr: 'Merci de me le dire. Pouvez-vous me donner la date du jugement d’ouverture et les coordonnées du mandataire judiciaire ? Nous lui déclarerons notre créance ; je ne vous demande pas de payer les factures antérieures au jugement. Je préviens mon responsable aujourd’hui.',
        en: 'Thank you for telling me. Could you give me the date it started and the administrator’s or liquidator’s details? We will file our claim with them; I am not asking you to pay invoices dated before it started. I will tell my manager today.',
      },
    ),
  ];
}

function callScript(f: DraftFacts): DraftContent {
  const fr = f.lang === 'fr';
  const preDue = f.step === 'pre_due_call';
  const manager = f.step === 'manager_call';
  const promise = preDue ? null : f.brokenPromise;
  const { contact, label: who } = whoToAsk(f);
  const hello = pick(f, {
    fr: `Bonjour${personName(contact, 'fr') ? ` ${personName(contact, 'fr')}` : ''}`,
    en: `Hello${personName(contact, 'en') ? ` ${personName(contact, 'en')}` : ''}`,
  });
  const me = manager
    ? pick(f, {
        fr: `${f.sender.name}, responsable du crédit client chez ${f.company.name}`,
        en: `this is ${f.sender.name}, credit manager at ${f.company.name}`,
      })
    : pick(f, {
        fr: `${f.sender.name}, de ${f.company.name}`,
        en: `this is ${f.sender.name} from ${f.company.name}`,
      });
  const facts = f.invoices.map((i) =>
    preDue
      ? pick(f, {
          fr: `Facture ${i.number} du ${date(f, i.issueDate)} : ${amount(f, i.amount, i.currency)}, échéance le ${date(f, i.dueDate)}.`,
          en: `Invoice ${i.number} of ${date(f, i.issueDate)}: ${amount(f, i.amount, i.currency)}, due on ${date(f, i.dueDate)}.`,
        })
      : pick(f, {
          fr: `Facture ${i.number} du ${date(f, i.issueDate)} : ${amount(f, i.amount, i.currency)}, échue le ${date(f, i.dueDate)} (${i.daysLate} jours de retard).`,
          en: `Invoice ${i.number} of ${date(f, i.issueDate)}: ${amount(f, i.amount, i.currency)}, due on ${date(f, i.dueDate)} (${i.daysLate} days late).`,
        }),
  );
  facts.push(fr ? `Total : ${owed(f)}.` : `Total: ${owed(f)}.`);
  if (promise)
    facts.push(
      pick(f, {
        fr: `Promesse non tenue : ${amount(f, promise.amount, promise.currency)} promis le ${date(f, promise.givenOn)} pour le ${date(f, promise.date)}.`,
        en: `Broken promise: ${amount(f, promise.amount, promise.currency)} promised on ${date(f, promise.givenOn)} for ${date(f, promise.date)}.`,
      }),
    );
  if (manager) {
    const p = penaltiesSentence(f);
    if (p) facts.push(p);
  }
  const opening = preDue
    ? pick(f, {
        fr: `${hello}, ${me}. Je vous appelle au sujet de ${plural(f) ? 'nos factures' : 'notre facture'} ${listOf(
          f.invoices.map((i) => `${i.number} (échéance le ${date(f, i.dueDate)})`),
          'fr',
        )}, simplement pour m’assurer ${plural(f) ? 'qu’elles vous sont bien parvenues' : 'qu’elle vous est bien parvenue'}.`,
        en: `${hello}, ${me}. I am calling about our ${plural(f) ? 'invoices' : 'invoice'} ${listOf(
          f.invoices.map((i) => `${i.number} (due on ${date(f, i.dueDate)})`),
          'en',
        )}, just to make sure ${plural(f) ? 'they' : 'it'} reached you.`,
      })
    : promise
      ? pick(f, {
          fr: `${hello}, ${me}. Le ${date(f, promise.givenOn)}, vous nous aviez annoncé un règlement de ${amount(f, promise.amount, promise.currency)} pour le ${date(f, promise.date)} ; nous ne l’avons pas reçu à ce jour. Que s’est-il passé ?`,
          en: `${hello}, ${me}. On ${date(f, promise.givenOn)} you told us ${amount(f, promise.amount, promise.currency)} would be paid by ${date(f, promise.date)}; we have not received it. What happened?`,
        })
      : manager
        ? pick(f, {
            fr: `${hello}, ${me}. Je me permets de vous appeler personnellement au sujet de votre compte : ${summaryOfDebt(f)}. Auriez-vous quelques minutes ?`,
            en: `${hello}, ${me}. I am calling you personally about your account: ${summaryOfDebt(f)}. Do you have a few minutes?`,
          })
        : pick(f, {
            fr: `${hello}, ${me}. Je vous appelle au sujet de ${summaryOfDebt(f)} : auriez-vous quelques minutes ?`,
            en: `${hello}, ${me}. I am calling about ${summaryOfDebt(f)}: do you have a few minutes?`,
          });
  const questions = preDue
    ? pick2(f, [
        [
          'L’avez-vous bien reçue, et est-elle conforme à la commande et à la livraison ?',
          'Did you receive it, and does it match the order and the delivery?',
        ],
        ['Est-elle enregistrée pour un paiement à l’échéance ?', 'Is it booked for payment on the due date?'],
        [
          'Faut-il un numéro de commande ou une autre pièce pour la valider ?',
          'Do you need a purchase order number or anything else to approve it?',
        ],
      ])
    : promise
      ? pick2(f, [
          ['Qu’est-ce qui a empêché le règlement annoncé ?', 'What prevented the payment you announced?'],
          [
            'Quelle date pouvez-vous tenir, et pour quel montant ?',
            'What date can you keep, and for what amount?',
          ],
          [
            'Qui valide le paiement chez vous, et est-ce déjà fait ?',
            'Who approves the payment on your side, and has it been approved?',
          ],
        ])
      : pick2(f, [
          [
            manager
              ? 'Qu’est-ce qui bloque ces règlements chez vous ?'
              : 'Avez-vous bien reçu ces factures ?',
            manager ? 'What is holding these payments up on your side?' : 'Did you receive these invoices?',
          ],
          [
            'Y a-t-il un point qui bloque le règlement (livraison, prix, quantité) ?',
            'Is anything holding up payment (delivery, price, quantity)?',
          ],
          [
            'Quand le paiement peut-il partir, par quel moyen, et qui le valide chez vous ?',
            'When can payment be made, by what means, and who approves it on your side?',
          ],
        ]);
  const waiver =
    manager && !f.customer.consumer && f.totals.some((t) => t.interest > 0)
      ? [
          pick(f, {
            fr: `La remise gracieuse des pénalités de retard (${interestTotal(f)}) contre le règlement du principal au plus tard le ${date(f, f.deadline!)}.`,
            en: `Waiving the late-payment interest (${interestTotal(f)}) against payment of the principal by ${date(f, f.deadline!)}.`,
          }),
        ]
      : [];
  const script: CallScript = {
    opening,
    facts,
    questions,
    objections: objectionsFor(f, preDue),
    proposals: preDue
      ? []
      : [
          pick(f, {
            fr: 'Un échéancier en deux ou trois versements, le premier cette semaine.',
            en: 'Instalments: two or three payments, the first one this week.',
          }),
          ...waiver,
        ],
    closing: preDue
      ? pick(f, {
          fr: 'Je récapitule : la facture est enregistrée pour un règlement de [montant] le [date], par [virement / chèque], validé par [nom]. Merci et bonne journée.',
          en: 'To sum up: the invoice is booked for payment of [amount] on [date], by [transfer / cheque], approved by [name]. Thank you, and have a good day.',
        })
      : pick(f, {
          fr: 'Je récapitule : vous réglez [montant] le [date], par [virement / chèque], validé par [nom]. Je vous le confirme par e-mail aujourd’hui. Merci pour votre aide.',
          en: 'To sum up: you will pay [amount] on [date], by [transfer / cheque], approved by [name]. I will confirm this by email today. Thank you for your help.',
        }),
  };
  const phone = phoneFor(f, f.sender.phone ?? f.company.phone);
  const callMe = phone
    ? pick(f, { fr: `Merci de me rappeler au ${phone}.`, en: `Please call me back on ${phone}.` })
    : pick(f, {
        fr: `Merci de me rappeler${f.sender.email ? ` ou de m’écrire à ${f.sender.email}` : ''}.`,
        en: `Please call me back${f.sender.email ? ` or email me at ${f.sender.email}` : ''}.`,
      });
  return {
    subject: pick(f, {
      fr: `Script d’appel — ${f.customer.name} — ${who}`,
      en: `Call script — ${f.customer.name} — ${who}`,
    }),
    greeting: pick(f, { fr: `Demander ${who}.`, en: `Ask for ${who}.` }),
    paragraphs: [
      preDue
        ? pick(f, {
            fr: 'Objectif : vérifier que la facture est reçue, conforme et enregistrée pour un paiement à l’échéance.',
            en: 'Goal: check the invoice was received, matches the order and is booked for payment on the due date.',
          })
        : promise
          ? pick(f, {
              fr: `Objectif : comprendre pourquoi le règlement promis pour le ${date(f, promise.date)} n’est pas arrivé, et obtenir un nouvel engagement daté pour ${owed(f)}.`,
              en: `Goal: find out why the payment promised for ${date(f, promise.date)} has not arrived, and get a new dated commitment for ${owed(f)}.`,
            })
          : pick(f, {
              fr: `Objectif : obtenir un engagement daté (montant, date, moyen de paiement, personne qui valide) pour ${owed(f)}${manager ? ' ; à défaut, annoncer la mise en demeure' : ''}.`,
              en: `Goal: a dated commitment (amount, date, means of payment, who approves) for ${owed(f)}${manager ? '; failing that, announce the formal notice' : ''}.`,
            }),
      pick(f, {
        fr: `Standard : « Bonjour, ${f.sender.name}, de ${f.company.name}. Pourriez-vous me passer ${who}, s’il vous plaît ? C’est au sujet ${preDue ? 'd’une facture' : 'd’un règlement'}. » Ne donner aucun montant au standard.`,
        en: `Switchboard: "Good morning, ${f.sender.name} from ${f.company.name}. Could you put me through to ${who}, please? It is about ${preDue ? 'an invoice' : 'a payment'}." Give no amount to the switchboard.`,
      }),
      pick(f, {
        fr: `Avant de parler du compte, vérifier l’interlocuteur : « Je suis bien avec ${personName(contact, 'fr') ?? 'la personne qui s’occupe des règlements'} ? C’est bien vous qui suivez les règlements ${deName(f.customer.name)} ? »`,
        en: `Before discussing the account, check who you are speaking to: "Am I speaking to ${personName(contact, 'en') ?? 'the person in charge of payments'}? Do you handle payments for ${f.customer.name}?"`,
      }),
      pick(f, {
        fr: `Message vocal : « Bonjour, ${f.sender.name}, de ${f.company.name}, au sujet du compte ${f.customer.reference}. ${callMe} Bonne journée. » Aucun montant ni détail sur un répondeur.`,
        en: `Voicemail: "Hello, this is ${f.sender.name} from ${f.company.name}, about account ${f.customer.reference}. ${callMe} Thank you." No amounts or details on a voicemail.`,
      }),
    ],
    invoices: rows(f),
    deadline: f.deadline,
    closing: pick(f, {
      fr: 'Rester courtois, écouter, noter la raison, le montant, la date, le moyen de paiement et qui valide.',
      en: 'Stay courteous, listen, note the reason, the amount, the date, the means of payment and who approves.',
    }),
    signature: signature(f),
    toneNotes: preDue
      ? pick(f, { fr: 'Appel de service, avant échéance.', en: 'Service call, before the due date.' })
      : manager
        ? pick(f, {
            fr: 'Ferme, relationnel : appel du responsable au décideur ; seul ce script propose la remise des pénalités.',
            en: 'Firm, relationship: the manager calls the decision-maker; only this script offers to waive the interest.',
          })
        : promise
          ? pick(f, {
              fr: 'Ferme et courtois : partir de la promesse non tenue.',
              en: 'Firm and courteous: start from the broken promise.',
            })
          : pick(f, {
              fr: 'Courtois : écouter et trouver la raison.',
              en: 'Courteous: listen and find the reason.',
            }),
    script,
  };
}

function pick2(f: DraftFacts, pairs: Array<[string, string]>): string[] {
  return pairs.map(([fr, en]) => (f.lang === 'fr' ? fr : en));
}

/** French typography over every sentence a person reads (not the signature). */
function typeset(d: DraftContent): DraftContent {
  const t = frenchTypography;
  return {
    ...d,
    subject: t(d.subject),
    greeting: t(d.greeting),
    paragraphs: d.paragraphs.map(t),
    closing: t(d.closing),
    toneNotes: d.toneNotes === null ? null : t(d.toneNotes),
    script: d.script
      ? {
          opening: t(d.script.opening),
          facts: d.script.facts.map(t),
          questions: d.script.questions.map(t),
          objections: d.script.objections.map((o) => ({ objection: t(o.objection), answer: t(o.answer) })),
          proposals: d.script.proposals.map(t),
          closing: t(d.script.closing),
        }
      : null,
  };
}

/** The template draft for the facts' step and language. */
export function templateDraft(f: DraftFacts): DraftContent {
  const d = (() => {
    switch (f.kind) {
      case 'preventive_reminder':
        return preventive(f);
      case 'reminder_letter':
        return reminderLetter(f);
      case 'second_reminder':
        return secondReminder(f);
      case 'formal_notice':
        return formalNotice(f);
      case 'handover':
        return handover(f);
      case 'call_script':
        return callScript(f);
    }
  })();
  return f.lang === 'fr' ? typeset(d) : d;
}
