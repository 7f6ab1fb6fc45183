/**
 * The trust guard: what a draft may not say whoever wrote it, the checks a phishing letter or a
 * confused model would fail. Its problems join the fact guard (statements and payment details
 * the ledger and the configuration contradict) and the tone guard (instructions to the reader):
 * - the account's state: "account settled", "no payment needed", "déjà réglé"… while the ledger
 *   says money is owed (conditional sentences — "if you have already paid" — are fine);
 * - payment details: an IBAN other than COMPANY_IBAN, a BIC other than COMPANY_BIC, a RIB, a URL not on the company's
 *   own domain (COMPANY_EMAIL's), an email address that is neither ours nor the contact's;
 * - "our bank details changed", "nouveau RIB": never, in any draft;
 * - instructions to the reader the template for the same facts does not give (click, log in,
 *   download, send us…), and requests for passwords, card numbers or gift cards: never.
 */
import type { DraftContent } from '../../prompts/draft';
import { fold } from '../call-note/lexicon';
import type { DraftFacts } from './facts';
import { type GuardProblem, textsOf } from './guards';
import { templateDraft } from './templates';

/** The draft's own sentences (the objections of a call script are the customer's words, not ours). */
function ownTexts(d: DraftContent): string[] {
  const objections = new Set(d.script?.objections.map((o) => o.objection) ?? []);
  return textsOf(d).filter((t) => !objections.has(t));
}

const allText = (d: DraftContent) => [...textsOf(d), d.toneNotes ?? ''].join('\n');

const sentences = (texts: string[]) => texts.flatMap((t) => t.split(/(?<=[.!?;])\s+|\n+/)).filter(Boolean);

const SETTLED = [
  /\baccount (?:is |has been )?(?:now )?(?:settled|closed|cleared|clear|up to date|paid(?: in full)?)\b/,
  /\bno (?:further )?(?:payment|action) (?:is |will be )?(?:needed|required|necessary|due|expected)\b/,
  /\bnothing (?:is |remains )?(?:left )?(?:to pay|due|owed|outstanding)\b/,
  /\byou owe (?:us )?nothing\b/,
  /\b(?:fully|already) (?:paid|settled)\b/,
  /\bbalance (?:is |stands at )?(?:zero|nil|0(?:[.,]00)?)\b/,
  /\bcompte (?:est |a ete )?(?:desormais |maintenant )?(?:solde|regle|a jour|apure|cloture)/,
  /\baucun (?:paiement|reglement|versement) (?:n'est |ne sera )?(?:necessaire|requis|du|attendu)/,
  /\baucune action (?:n'est )?(?:requise|necessaire)/,
  /\b(?:plus )?rien (?:n'est du|a (?:payer|regler)|de plus a regler)/,
  /\bvous ne (?:nous )?devez (?:plus )?rien/,
  /\b(?:deja|integralement|entierement|totalement) (?:regle|paye|solde)e?s?\b/,
  /\bsolde (?:est )?(?:nul|a zero)\b/,
];
const CONDITIONAL = /\b(?:if|unless|whether|in case|si|sauf|au cas|lorsque|once|des que)\b|\?\s*$/;

const BANK_CHANGE = [
  /\b(?:bank|banking|account|payment) details (?:have |has )?(?:changed|been (?:changed|updated))/,
  /\b(?:new|updated|changed) (?:bank|banking|account|payment) (?:details|account|information)\b/,
  /\bchanged (?:our |my )?(?:bank|banks|account)\b/,
  /\bnew iban\b/,
  /\bcoordonnees bancaires (?:ont |a )?(?:change|ete modifiees|evolue)/,
  /\b(?:nouvel(?:le)?s?|nouveaux?) (?:coordonnees bancaires|rib|iban|compte bancaire)/,
  /\bchangement (?:de|des) (?:coordonnees bancaires|rib|banque|compte)/,
];

/** Things a collections letter asks the reader to do; the kinds the template uses are allowed. */
const INSTRUCTIONS: RegExp[] = [
  /\b(?:click|cliquez|cliquer|tap)\b/,
  /\b(?:log ?in|sign in|connectez-vous|identifiez-vous|scan|scannez|qr code)\b/,
  /\b(?:visit|go to|rendez-vous sur|allez sur|consultez le site)\b/,
  /\b(?:download|telecharge[zr]?|open the attachment|ouvrez la piece jointe)\b/,
  /\b(?:send us|send your|reply with|envoyez-nous|envoyez votre|transmettez-nous|communiquez-nous)\b/,
  /\b(?:disregard|ignore this|ne (?:pas )?tenez pas compte|ne pas tenir compte|ignorez)\b/,
  /\b(?:forward this|transferez ce|faites suivre)\b/,
];
const NEVER_ASKED =
  /\b(?:password|mot de passe|card number|numero de (?:carte|cb)|cvv|pin code|code pin|gift card|carte cadeau|bitcoin|crypto)/;

// Groups may be separated by spaces, including the no-break spaces of French typography.
const IBAN = /\b[A-Z]{2}\d{2}(?:[ \u00a0\u202f]?[A-Z0-9]{4}){2,7}(?:[ \u00a0\u202f]?[A-Z0-9]{1,4})?\b/g;
const BIC = /\b(?:BIC|SWIFT)\b\s*(?:code\s*)?:?\s*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b/gi;
const RIB = /\b\d{5}[ \u00a0\u202f]?\d{5}[ \u00a0\u202f]?[A-Z0-9]{11}[ \u00a0\u202f]?\d{2}\b/g;
const URL_LIKE =
  /\b(?:https?:\/\/|www\.)[^\s<>"')]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|fr|net|org|io|co|uk|eu|info|biz|pay|link|me|app|online|site|xyz)\b(?:\/[^\s<>"')]*)?/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

const squash = (s: string) => s.replace(/\s+/g, '').toUpperCase();
const domainOf = (email: string | undefined) => email?.split('@')[1]?.toLowerCase();

function hostOf(url: string): string {
  const withScheme = /^https?:\/\//i.test(url) ? url : `http://${url}`;
  try {
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

const problem = (
  guard: GuardProblem['guard'],
  kind: string,
  found: string,
  message: string,
): GuardProblem => ({
  guard,
  kind,
  found,
  message,
});

export function trustProblems(d: DraftContent, f: DraftFacts): GuardProblem[] {
  const out: GuardProblem[] = [];
  const own = sentences(ownTexts(d));
  const owed = f.totals.some((t) => t.owed > 0);

  if (owed)
    for (const s of own) {
      const folded = fold(s);
      if (CONDITIONAL.test(folded)) continue;
      if (SETTLED.some((re) => re.test(folded)))
        out.push(
          problem(
            'facts',
            'account_state',
            s,
            `says the account needs no payment, but the ledger says money is owed: "${s}"`,
          ),
        );
    }

  const text = allText(d);
  const folded = fold(text);
  for (const re of BANK_CHANGE) {
    const m = re.exec(folded);
    if (m)
      out.push(
        problem(
          'tone',
          'bank_change',
          m[0],
          `announces a change of bank details ("${m[0]}"): never in a draft`,
        ),
      );
  }

  const iban = f.company.iban ? squash(f.company.iban) : null;
  const legalId = f.company.legalId ? squash(f.company.legalId) : null;
  for (const m of text.matchAll(IBAN)) {
    const found = squash(m[0]);
    // A VAT number (FR12 3456 7890 1) has the same shape as an IBAN: ours is not bank details.
    if (found !== iban && !legalId?.includes(found))
      out.push(
        problem('facts', 'bank_details', m[0], `bank details that are not ours (COMPANY_IBAN): ${m[0]}`),
      );
  }
  const bic = f.company.bic ? squash(f.company.bic) : null;
  for (const m of text.matchAll(BIC))
    if (squash(m[1]!) !== bic)
      out.push(
        problem('facts', 'bank_details', m[0], `bank details that are not ours (COMPANY_BIC): ${m[0]}`),
      );
  for (const m of text.matchAll(RIB))
    out.push(problem('facts', 'bank_details', m[0], `bank details that are not configured: ${m[0]}`));

  const ourDomain = domainOf(f.company.email);
  const emails = new Set(
    [f.company.email, f.sender.email, f.customer.contact?.email].filter(Boolean).map((e) => e!.toLowerCase()),
  );
  const withoutEmails = text.replace(EMAIL, (e) => {
    if (!emails.has(e.toLowerCase()))
      out.push(
        problem(
          'facts',
          'contact_details',
          e,
          `an email address that is neither ours nor the contact's: ${e}`,
        ),
      );
    return ' ';
  });
  for (const m of withoutEmails.matchAll(URL_LIKE)) {
    const host = hostOf(m[0]);
    const ours = ourDomain !== undefined && (host === ourDomain || host.endsWith(`.${ourDomain}`));
    if (!ours) out.push(problem('facts', 'url', m[0], `a link that is not the company's own: ${m[0]}`));
  }

  const never = NEVER_ASKED.exec(folded);
  if (never)
    out.push(
      problem(
        'tone',
        'instruction',
        never[0],
        `asks the reader for something never asked in a letter ("${never[0]}")`,
      ),
    );
  const template = fold(allText(templateDraft(f)));
  for (const re of INSTRUCTIONS) {
    const m = re.exec(folded);
    if (m && !re.test(template))
      out.push(
        problem(
          'tone',
          'instruction',
          m[0],
          `an instruction to the reader the template does not give ("${m[0]}")`,
        ),
      );
  }
  return out;
}
