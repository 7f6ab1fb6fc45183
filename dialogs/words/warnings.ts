/**
 * The drafter's warnings and the guards' findings, in the card's language. They are produced
 * and stored in English — the stored text is also what an acknowledgement records, so it must
 * not change with the reader — and shown in the language of the card that displays them:
 * `shownIn(text, lang)` recognises a stored text by its English template and says it again in
 * `lang` with the same values. A text no template knows is shown as stored.
 */
import { catalogue, type Lang } from '../../models/words/catalogue';

const words = {
  en: {
    timeBarred:
      "invoice {{invoice}} is time-barred since {{on}}: only the debtor's acknowledgement can revive it, a letter does not",
    becomesTimeBarred:
      "invoice {{invoice}} becomes time-barred on {{on}}: only court action, enforcement or the debtor's acknowledgement interrupts it, not this letter",
    noAddress: '{{customer}} has no postal address: the letter cannot be posted as it stands',
    ecbRateMissing: 'ECB rate for {{half}} not entered; used {{used}} ({{pct}} %)',
    legalRateMissing: 'legal interest rate for {{half}} not entered; used {{used}} ({{pct}} %)',
    disputedInterest:
      '{{found}} counts interest on the disputed part of invoice {{invoice}}: interest runs only on what is owed and not disputed',
    amount: 'the amount {{found}} is not one the ledger supports',
    invoiceDisputed: 'invoice {{invoice}} is under dispute: a draft never presses it',
    notOpenInvoice: '{{invoice}} is not an open, undisputed invoice of {{customer}}',
    tableInvoice: '{{invoice}} in the table is not an open, undisputed invoice of {{customer}}',
    date: 'the date {{found}} is neither an invoice date, today nor the deadline',
    notInvoiceDate: '{{found}} is not a date of invoice {{invoice}} (issued {{issued}}, due {{due}})',
    rate: 'the rate {{found}} is not the penalty rate applied ({{rates}})',
    businessDays: 'the deadline is {{days}} business days, not {{written}}',
    fromReceipt: 'the time to pay is {{days}} days from receipt, not {{written}}',
    daysLate: 'no invoice is {{days}} days late',
    deadline: 'the deadline is {{deadline}} for this step',
    noticeThreat: 'a {{step}} may not threaten a formal notice',
    legalThreat: 'a {{step}} may not threaten legal action',
    insult: '"{{found}}" is not how Relance speaks to a customer',
    closing: 'the draft does not close courteously',
    bankIban: 'bank details that are not ours (COMPANY_IBAN): {{found}}',
    bankBic: 'bank details that are not ours (COMPANY_BIC): {{found}}',
    bankUnknown: 'bank details that are not configured: {{found}}',
    bankChange: 'announces a change of bank details ("{{found}}"): never in a draft',
    email: "an email address that is neither ours nor the contact's: {{found}}",
    url: "a link that is not the company's own: {{found}}",
    neverAsked: 'asks the reader for something never asked in a letter ("{{found}}")',
    instruction: 'an instruction to the reader the template does not give ("{{found}}")',
    settled: 'says the account needs no payment, but the ledger says money is owed: "{{found}}"',
  },
  fr: {
    timeBarred:
      'la facture {{invoice}} est prescrite depuis le {{on}} : seule une reconnaissance de dette du débiteur peut la faire revivre, pas un courrier',
    becomesTimeBarred:
      'la facture {{invoice}} sera prescrite le {{on}} : seule une action en justice, une mesure d’exécution ou une reconnaissance du débiteur interrompt la prescription, pas ce courrier',
    noAddress: '{{customer}} n’a pas d’adresse postale : le courrier ne peut pas être posté en l’état',
    ecbRateMissing: 'taux BCE du {{half}} non saisi ; celui du {{used}} est utilisé ({{pct}} %)',
    legalRateMissing:
      'taux d’intérêt légal du {{half}} non saisi ; celui du {{used}} est utilisé ({{pct}} %)',
    disputedInterest:
      '{{found}} compte des intérêts sur la part contestée de la facture {{invoice}} : les intérêts ne courent que sur ce qui est dû et non contesté',
    amount: 'le montant {{found}} ne correspond à rien dans le grand livre',
    invoiceDisputed: 'la facture {{invoice}} est en litige : un brouillon ne la réclame jamais',
    notOpenInvoice: '{{invoice}} n’est pas une facture ouverte et non contestée de {{customer}}',
    tableInvoice:
      '{{invoice}}, dans le tableau, n’est pas une facture ouverte et non contestée de {{customer}}',
    date: 'la date {{found}} n’est ni une date de facture, ni aujourd’hui, ni l’échéance',
    notInvoiceDate:
      '{{found}} n’est pas une date de la facture {{invoice}} (émise le {{issued}}, échue le {{due}})',
    rate: 'le taux {{found}} n’est pas le taux de pénalité appliqué ({{rates}})',
    businessDays: 'le délai est de {{days}} jours ouvrés, pas {{written}}',
    fromReceipt: 'le délai de paiement est de {{days}} jours à réception, pas {{written}}',
    daysLate: 'aucune facture n’a {{days}} jours de retard',
    deadline: 'l’échéance de cette étape est {{deadline}}',
    noticeThreat: 'une étape « {{step}} » ne peut pas menacer d’une mise en demeure',
    legalThreat: 'une étape « {{step}} » ne peut pas menacer de poursuites',
    insult: '« {{found}} » : Relance ne parle pas ainsi à un client',
    closing: 'le brouillon ne se termine pas par une formule de politesse',
    bankIban: 'des coordonnées bancaires qui ne sont pas les nôtres (COMPANY_IBAN) : {{found}}',
    bankBic: 'des coordonnées bancaires qui ne sont pas les nôtres (COMPANY_BIC) : {{found}}',
    bankUnknown: 'des coordonnées bancaires non configurées : {{found}}',
    bankChange: 'annonce un changement de coordonnées bancaires (« {{found}} ») : jamais dans un brouillon',
    email: 'une adresse email qui n’est ni la nôtre ni celle du contact : {{found}}',
    url: 'un lien qui n’est pas celui de l’entreprise : {{found}}',
    neverAsked: 'demande au lecteur ce qu’un courrier ne demande jamais (« {{found}} »)',
    instruction: 'une consigne au lecteur que le modèle ne donne pas (« {{found}} »)',
    settled: 'dit que le compte est soldé, alors que le grand livre indique une somme due : « {{found}} »',
  },
} as const;

const say = catalogue('warnings', words);
export type WarningKey = keyof typeof words.en;

/** A warning's stored (English) text. */
export function warning(key: WarningKey, vars: Record<string, string | number>): string {
  return say('en', key, vars);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English template as a pattern whose groups are its variables, in order. */
const PATTERNS = (Object.entries(words.en) as Array<[WarningKey, string]>).map(([key, template]) => {
  const names = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
  const source = template
    .split(/\{\{\w+\}\}/)
    .map(escapeRegExp)
    .join('(.+?)');
  return { key, names, re: new RegExp(`^${source}$`, 's') };
});

/** A stored warning or guard finding, said in `lang` (as stored when no template knows it). */
export function shownIn(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    return say(lang, p.key, Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]!])));
  }
  return text;
}
