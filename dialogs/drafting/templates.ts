/**
 * The template drafter: offline, deterministic, one well-written template per ladder step and
 * language, filled from the ledger facts only. Tone follows the step (domain.md): friendly
 * before the due date, courteous then firm, formal for the mise en demeure; legal action is
 * named only where the step allows it.
 */
import type { CallScript, DraftContent } from '../../prompts/draft';
import { money } from '../i18n';
import type { Lang } from '../turn';
import type { DraftFacts } from './facts';

/** "27 novembre 2026" / "27 November 2026": the date form letters use. */
export function letterDate(d: string, lang: Lang): string {
  return LETTER_DATE[lang].format(new Date(`${d}T00:00:00Z`));
}
const LETTER_DATE = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** "12,15" / "12.15": a rate as written in the language. */
export function rateText(pct: number, lang: Lang): string {
  const s = pct.toFixed(2);
  return lang === 'fr' ? s.replace('.', ',') : s;
}

interface Words {
  owed: string;
  interest: string;
  indemnity: string;
  deadline: string;
  numbers: string;
  rate: string;
  euro40: string;
  lang: Lang;
}

function wordsOf(f: DraftFacts): Words {
  const lang = f.lang;
  const join = (xs: string[]) => xs.join(lang === 'fr' ? ' et ' : ' and ');
  return {
    lang,
    owed: join(f.totals.map((t) => money(t.owed, t.currency, lang))),
    interest: join(f.totals.map((t) => money(t.interest, t.currency, lang))),
    indemnity: money(f.indemnityTotal, 'EUR', lang),
    deadline: f.deadline ? letterDate(f.deadline, lang) : '',
    numbers: f.invoices.map((i) => i.number).join(', '),
    rate: rateText(Math.max(...(f.rates.length ? f.rates : [0])), lang),
    euro40: money(4000, 'EUR', lang),
  };
}

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

function greeting(f: DraftFacts): string {
  const c = f.customer.contact?.name;
  if (f.lang === 'fr') return f.kind === 'formal_notice' || !c ? 'Madame, Monsieur,' : `Bonjour ${c},`;
  return f.kind === 'formal_notice' || !c ? 'Dear Sir or Madam,' : `Dear ${c},`;
}

function signature(f: DraftFacts): string {
  return `${f.sender.name}\n${f.company.name}`;
}

function howToPay(f: DraftFacts): string[] {
  if (!f.company.iban) return [];
  return f.lang === 'fr'
    ? [`Règlement par virement sur le compte ${f.company.iban}, en rappelant les numéros de facture.`]
    : [`Please pay by bank transfer to ${f.company.iban}, quoting the invoice numbers.`];
}

function contactLine(f: DraftFacts): string {
  const reach = f.sender.email ? ` (${f.sender.email})` : '';
  return f.lang === 'fr'
    ? `Si un point vous empêche de régler, ou si le règlement est déjà parti, merci de me le faire savoir${reach} : nous trouverons ensemble une solution.`
    : `If anything prevents payment, or if payment has already been sent, please let me know${reach} and we will sort it out together.`;
}

const FORMAL_CLOSING: Record<Lang, string> = {
  fr: 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
  en: 'Yours faithfully,',
};
const KIND_CLOSING: Record<Lang, string> = { fr: 'Cordialement,', en: 'Kind regards,' };

function preventive(f: DraftFacts, w: Words): DraftContent {
  const fr = f.lang === 'fr';
  const one = f.invoices.length === 1;
  return {
    subject: fr
      ? `Rappel : ${one ? `facture ${w.numbers}` : 'factures'} à échéance le ${w.deadline}`
      : `Reminder: ${one ? `invoice ${w.numbers}` : 'invoices'} due on ${w.deadline}`,
    greeting: greeting(f),
    paragraphs: [
      fr
        ? `Pour faciliter votre organisation, nous vous rappelons que ${one ? `la facture ${w.numbers}` : `les factures ${w.numbers}`}, d’un montant total de ${w.owed}, ${one ? 'arrive' : 'arrivent'} à échéance le ${w.deadline}.`
        : `To help with your planning, this is a reminder that ${one ? `invoice ${w.numbers}` : `invoices ${w.numbers}`}, for a total of ${w.owed}, ${one ? 'falls' : 'fall'} due on ${w.deadline}.`,
      ...howToPay(f),
      fr
        ? 'Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message. Si la facture vous pose la moindre question, je reste à votre disposition.'
        : 'If payment is already scheduled, please disregard this message. If you have any question about the invoice, I am happy to help.',
    ],
    invoices: rows(f),
    deadline: f.deadline,
    closing: KIND_CLOSING[f.lang],
    signature: signature(f),
    toneNotes: fr
      ? 'Ton de service, avant échéance : aucune pénalité mentionnée.'
      : 'Service tone, before the due date: no penalties mentioned.',
    script: null,
  };
}

function penaltiesSentence(f: DraftFacts, w: Words): string {
  const fr = f.lang === 'fr';
  const source =
    f.rateSource === 'contract'
      ? fr
        ? 'nos conditions générales de vente'
        : 'our terms of sale'
      : fr
        ? 'l’article L441-10 du Code de commerce'
        : 'Article L441-10 of the French Commercial Code';
  if (f.customer.consumer)
    return fr
      ? `Conformément à ${source}, tout retard de paiement entraîne des pénalités au taux de ${w.rate} % l’an.`
      : `Under ${source}, late payment bears interest at ${w.rate}% a year.`;
  return fr
    ? `Conformément à ${source}, tout retard de paiement entraîne de plein droit des pénalités au taux de ${w.rate} % l’an, soit ${w.interest} à ce jour, ainsi qu’une indemnité forfaitaire pour frais de recouvrement de ${w.euro40} par facture (article D441-5), soit ${w.indemnity}.`
    : `Under ${source}, late payment automatically bears interest at ${w.rate}% a year, ${w.interest} to date, plus a fixed recovery indemnity of ${w.euro40} per invoice (Article D441-5), ${w.indemnity}.`;
}

function reminderLetter(f: DraftFacts, w: Words): DraftContent {
  const fr = f.lang === 'fr';
  return {
    subject: fr ? `Relance : factures échues — ${w.owed}` : `Reminder: overdue invoices — ${w.owed}`,
    greeting: greeting(f),
    paragraphs: [
      fr
        ? `Sauf erreur de notre part, les factures ci-dessous sont échues et restent impayées à ce jour, pour un montant de ${w.owed}.`
        : `According to our records, the invoices below are past due and remain unpaid, for a total of ${w.owed}.`,
      fr
        ? `Nous vous remercions de bien vouloir procéder à leur règlement au plus tard le ${w.deadline}, soit sous ${f.deadlineBusinessDays} jours ouvrés.`
        : `We would be grateful if you could settle them by ${w.deadline}, within ${f.deadlineBusinessDays} business days.`,
      penaltiesSentence(f, w),
      ...howToPay(f),
      contactLine(f),
    ],
    invoices: rows(f),
    deadline: f.deadline,
    closing: fr ? FORMAL_CLOSING.fr : KIND_CLOSING.en,
    signature: signature(f),
    toneNotes: fr
      ? 'Courtois et ferme : montant, factures, pénalités dues ; aucune menace de procédure.'
      : 'Courteous and firm: amount, invoices, penalties due; no threat of proceedings.',
    script: null,
  };
}

function secondReminder(f: DraftFacts, w: Words): DraftContent {
  const fr = f.lang === 'fr';
  return {
    subject: fr
      ? `Deuxième relance — factures impayées — ${w.owed}`
      : `Second reminder — unpaid invoices — ${w.owed}`,
    greeting: greeting(f),
    paragraphs: [
      fr
        ? `Malgré notre précédente relance, les factures ci-dessous restent impayées, pour un montant de ${w.owed}.`
        : `Despite our previous reminder, the invoices below remain unpaid, for a total of ${w.owed}.`,
      penaltiesSentence(f, w),
      fr
        ? `Nous vous demandons de régler ces sommes au plus tard le ${w.deadline}, soit sous ${f.deadlineBusinessDays} jours ouvrés. À défaut, nous serons contraints de vous adresser une mise en demeure.`
        : `We ask you to pay these amounts by ${w.deadline}, within ${f.deadlineBusinessDays} business days. Failing that, we will have to send you a formal notice.`,
      ...howToPay(f),
      contactLine(f),
    ],
    invoices: rows(f),
    deadline: f.deadline,
    closing: FORMAL_CLOSING[f.lang],
    signature: signature(f),
    toneNotes: fr
      ? 'Ferme, par lettre recommandée : annonce la mise en demeure comme étape suivante, sans menace judiciaire.'
      : 'Firm, by registered letter: announces the formal notice as the next step, no threat of court action.',
    script: null,
  };
}

function formalNotice(f: DraftFacts, w: Words): DraftContent {
  const fr = f.lang === 'fr';
  return {
    subject: fr
      ? `Mise en demeure de payer — ${w.owed}`
      : `Formal notice to pay (mise en demeure) — ${w.owed}`,
    greeting: greeting(f),
    paragraphs: [
      fr
        ? `Malgré nos relances, les factures ci-dessous demeurent impayées à ce jour, pour un montant en principal de ${w.owed}.`
        : `Despite our reminders, the invoices below remain unpaid, for a principal amount of ${w.owed}.`,
      fr
        ? `Par la présente, nous vous mettons en demeure de nous régler la somme de ${w.owed} dans un délai de ${f.deadlineBusinessDays} jours ouvrés, soit au plus tard le ${w.deadline}.`
        : `We hereby give you formal notice (mise en demeure) to pay us ${w.owed} within ${f.deadlineBusinessDays} business days, that is by ${w.deadline} at the latest.`,
      penaltiesSentence(f, w),
      fr
        ? `À défaut de règlement dans ce délai, nous transmettrons le dossier à un commissaire de justice afin d’engager une procédure de recouvrement judiciaire, sans autre avis, les frais restant à votre charge dans les conditions prévues par la loi.`
        : `Failing payment within this time, we will hand the file to a commissaire de justice (judicial officer) to start court recovery proceedings without further notice, the costs being borne by you as the law provides.`,
      ...howToPay(f),
    ],
    invoices: rows(f),
    deadline: f.deadline,
    closing: FORMAL_CLOSING[f.lang],
    signature: signature(f),
    toneNotes: fr
      ? 'Formel : les mots « mise en demeure », montant, références, délai, conséquence.'
      : 'Formal: the words "formal notice (mise en demeure)", amount, references, deadline, consequence.',
    script: null,
  };
}

function handover(f: DraftFacts, w: Words): DraftContent {
  const fr = f.lang === 'fr';
  return {
    subject: fr
      ? `Transmission de votre dossier au recouvrement — ${w.owed}`
      : `Your account handed over for collection — ${w.owed}`,
    greeting: greeting(f),
    paragraphs: [
      fr
        ? `Malgré notre mise en demeure, les factures ci-dessous restent impayées : ${w.owed} en principal.`
        : `Despite our formal notice, the invoices below remain unpaid: ${w.owed} in principal.`,
      penaltiesSentence(f, w),
      fr
        ? 'Nous vous informons que votre dossier est transmis ce jour à notre partenaire de recouvrement, qui prendra contact avec vous. Une procédure judiciaire pourra être engagée par un commissaire de justice.'
        : 'We inform you that your account is handed over today to our collection partner, who will contact you. Court proceedings may be started by a commissaire de justice (judicial officer).',
      fr
        ? 'Un règlement immédiat de la totalité reste possible et mettrait fin à ces démarches.'
        : 'Immediate payment in full remains possible and would end these steps.',
      ...howToPay(f),
    ],
    invoices: rows(f),
    deadline: null,
    closing: FORMAL_CLOSING[f.lang],
    signature: signature(f),
    toneNotes: fr ? 'Information de transmission, factuelle.' : 'Notice of hand-over, factual.',
    script: null,
  };
}

function callScript(f: DraftFacts, w: Words): DraftContent {
  const fr = f.lang === 'fr';
  const preDue = f.step === 'pre_due_call';
  const firm = f.step === 'manager_call';
  const who = f.customer.contact?.name ?? (fr ? 'le service comptable' : 'accounts payable');
  const facts = f.invoices.map((i) =>
    preDue
      ? fr
        ? `Facture ${i.number} du ${letterDate(i.issueDate, 'fr')} : ${money(i.amount, i.currency, 'fr')}, échéance le ${letterDate(i.dueDate, 'fr')}.`
        : `Invoice ${i.number} of ${letterDate(i.issueDate, 'en')}: ${money(i.amount, i.currency, 'en')}, due on ${letterDate(i.dueDate, 'en')}.`
      : fr
        ? `Facture ${i.number} du ${letterDate(i.issueDate, 'fr')} : ${money(i.amount, i.currency, 'fr')}, échue le ${letterDate(i.dueDate, 'fr')} (${i.daysLate} jours de retard).`
        : `Invoice ${i.number} of ${letterDate(i.issueDate, 'en')}: ${money(i.amount, i.currency, 'en')}, due on ${letterDate(i.dueDate, 'en')} (${i.daysLate} days late).`,
  );
  facts.push(fr ? `Total : ${w.owed}.` : `Total: ${w.owed}.`);
  if (firm && !f.customer.consumer) facts.push(penaltiesSentence(f, w));
  const script: CallScript = preDue
    ? {
        opening: fr
          ? `Bonjour, ${f.sender.name} de ${f.company.name}. Je vous appelle simplement pour m’assurer que notre facture vous est bien parvenue.`
          : `Hello, this is ${f.sender.name} from ${f.company.name}. I am calling just to make sure our invoice reached you.`,
        facts,
        questions: fr
          ? [
              'L’avez-vous bien reçue, et est-elle conforme à la commande et à la livraison ?',
              'Est-elle enregistrée pour un paiement à l’échéance ?',
              'Faut-il un numéro de commande ou une autre pièce pour la valider ?',
            ]
          : [
              'Did you receive it, and does it match the order and the delivery?',
              'Is it booked for payment on the due date?',
              'Do you need a purchase order number or anything else to approve it?',
            ],
        objections: fr
          ? [
              {
                objection: 'Nous ne l’avons pas reçue.',
                answer: 'Je vous la renvoie aujourd’hui par e-mail : à quelle adresse ?',
              },
              {
                objection: 'Il manque un bon de commande.',
                answer: 'Donnez-moi la référence attendue, je vous envoie une facture complétée.',
              },
            ]
          : [
              {
                objection: 'We never received it.',
                answer: 'I will email it to you today: which address should I use?',
              },
              {
                objection: 'A purchase order number is missing.',
                answer: 'Tell me the reference you need and I will send a completed invoice.',
              },
            ],
        proposals: [],
        closing: fr
          ? `Parfait, je note donc un règlement prévu pour le ${w.deadline}. Merci et bonne journée.`
          : `Great, so I note payment is planned for ${w.deadline}. Thank you, and have a good day.`,
      }
    : {
        opening: fr
          ? `Bonjour, ${f.sender.name} de ${f.company.name}. Je vous appelle au sujet ${f.invoices.length === 1 ? 'de la facture' : 'des factures'} ${w.numbers}, qui ${f.invoices.length === 1 ? 'reste' : 'restent'} impayée${f.invoices.length === 1 ? '' : 's'} : auriez-vous quelques minutes ?`
          : `Hello, this is ${f.sender.name} from ${f.company.name}. I am calling about ${f.invoices.length === 1 ? 'invoice' : 'invoices'} ${w.numbers}, still unpaid: do you have a few minutes?`,
        facts,
        questions: fr
          ? [
              'Avez-vous bien reçu ces factures ?',
              'Y a-t-il un point qui bloque le règlement (livraison, prix, quantité) ?',
              'Quand le paiement peut-il partir, et qui le valide chez vous ?',
            ]
          : [
              'Did you receive these invoices?',
              'Is anything holding up payment (delivery, price, quantity)?',
              'When can payment be made, and who approves it on your side?',
            ],
        objections: fr
          ? [
              {
                objection: 'Nous n’avons pas reçu la facture.',
                answer: `Je vous la renvoie aujourd’hui par e-mail ; pouvez-vous me confirmer un règlement d’ici le ${w.deadline} ?`,
              },
              {
                objection: 'Notre trésorerie est tendue.',
                answer:
                  'Je comprends. Quel montant pouvez-vous régler dès cette semaine ? Nous pouvons étudier un échéancier pour le reste.',
              },
              {
                objection: 'Il y a un problème sur la livraison.',
                answer:
                  'Décrivez-moi précisément le problème et la facture concernée : je le transmets aujourd’hui. Les autres factures restent dues.',
              },
              {
                objection: 'Le paiement est déjà parti.',
                answer: 'Merci ! Pouvez-vous me donner la date et la référence du virement ?',
              },
            ]
          : [
              {
                objection: 'We never received the invoice.',
                answer: `I will email it today; can you confirm payment by ${w.deadline}?`,
              },
              {
                objection: 'Cash is tight right now.',
                answer:
                  'I understand. How much can you pay this week? We can look at instalments for the rest.',
              },
              {
                objection: 'There was a problem with the delivery.',
                answer:
                  'Tell me exactly what the problem is and on which invoice: I will pass it on today. The other invoices remain due.',
              },
              {
                objection: 'Payment has already been sent.',
                answer: 'Thank you! Could you give me the date and reference of the transfer?',
              },
            ],
        proposals: fr
          ? [
              'Un échéancier en deux ou trois versements, le premier cette semaine.',
              ...(f.customer.consumer
                ? []
                : [
                    `La remise gracieuse des pénalités de retard contre le règlement du principal au plus tard le ${w.deadline}.`,
                  ]),
            ]
          : [
              'Instalments: two or three payments, the first one this week.',
              ...(f.customer.consumer
                ? []
                : [`Waiving the late-payment interest against payment of the principal by ${w.deadline}.`]),
            ],
        closing: fr
          ? `Je note donc un règlement de ${w.owed} au plus tard le ${w.deadline} ; je vous envoie un récapitulatif par e-mail. Merci pour votre aide.`
          : `So I note payment of ${w.owed} by ${w.deadline} at the latest; I will send you a summary by email. Thank you for your help.`,
      };
  return {
    subject: fr
      ? `Script d’appel — ${f.customer.name} (${who})`
      : `Call script — ${f.customer.name} (${who})`,
    greeting: fr ? `Demander ${who}.` : `Ask for ${who}.`,
    paragraphs: [
      fr
        ? `Objectif : ${preDue ? 'vérifier que la facture est reçue et conforme' : `obtenir une date de règlement ferme pour ${w.owed}`}.`
        : `Goal: ${preDue ? 'check the invoice was received and is approved' : `a firm payment date for ${w.owed}`}.`,
    ],
    invoices: rows(f),
    deadline: f.deadline ?? f.invoices[0]!.dueDate,
    closing: fr
      ? 'Rester courtois, écouter, noter la raison et la date promise.'
      : 'Stay courteous, listen, note the reason and the promised date.',
    signature: signature(f),
    toneNotes: preDue
      ? fr
        ? 'Appel de service, avant échéance.'
        : 'Service call, before the due date.'
      : firm
        ? fr
          ? 'Ferme, relationnel : appel du responsable.'
          : 'Firm, relationship: manager call.'
        : fr
          ? 'Courtois : écouter et trouver la raison.'
          : 'Courteous: listen and find the reason.',
    script,
  };
}

/** The template draft for the facts' step and language. */
export function templateDraft(f: DraftFacts): DraftContent {
  const w = wordsOf(f);
  switch (f.kind) {
    case 'preventive_reminder':
      return preventive(f, w);
    case 'reminder_letter':
      return reminderLetter(f, w);
    case 'second_reminder':
      return secondReminder(f, w);
    case 'formal_notice':
      return formalNotice(f, w);
    case 'handover':
      return handover(f, w);
    case 'call_script':
      return callScript(f, w);
  }
}
