/**
 * The two drafters behind one interface. The template drafter is the default (offline,
 * deterministic). The LLM drafter writes from the same facts; its draft must pass the fact and
 * tone guards — if not, it is regenerated once with the problems named, then replaced by the
 * template draft, and the outcome says why. Nothing that failed a guard is ever offered.
 */
import type { StructuredLlm } from '../../integrations/llm/structured';
import { DRAFT_PROMPT, DraftContent } from '../../prompts/draft';
import { fillPrompt } from '../../prompts/load';
import { STEP_LABELS } from '../i18n';
import type { DraftFacts, DraftKind } from './facts';
import { factGuard, type GuardResult, toneGuard } from './guards';
import { templateDraft } from './templates';
import { trustProblems } from './trust-guard';

export interface DraftOutcome {
  content: DraftContent;
  /** "template" or the LLM's label. */
  source: string;
  guards: { facts: GuardResult; tone: GuardResult };
  /** Why the LLM's draft was not used, when it was tried. */
  fallback?: string;
}

export interface Drafter {
  draft(facts: DraftFacts): Promise<DraftOutcome>;
}

export function checkDraft(content: DraftContent, facts: DraftFacts): DraftOutcome['guards'] {
  // The trust guard's problems join the guard they belong to (trust-guard.ts).
  const trust = trustProblems(content, facts);
  const joined = (g: GuardResult, guard: 'facts' | 'tone'): GuardResult => {
    const more = trust.filter((p) => p.guard === guard);
    return more.length === 0 ? g : { ...g, ok: false, problems: [...g.problems, ...more] };
  };
  return {
    facts: joined(factGuard(content, facts), 'facts'),
    tone: joined(toneGuard(content, facts), 'tone'),
  };
}

export const templateDrafter: Drafter = {
  draft: async (facts) => {
    const content = templateDraft(facts);
    return { content, source: 'template', guards: checkDraft(content, facts) };
  },
};

const TONES: Record<DraftKind, string> = {
  preventive_reminder:
    'friendly and helpful: a service reminder before the due date; no penalties, no pressure',
  call_script: 'courteous: listen, find the reason, agree a dated commitment',
  reminder_letter: 'courteous and firm: amount, invoices, the penalties due; no threat of any procedure',
  second_reminder:
    'firm: sent by registered letter; it may announce a formal notice as the next step, never court action',
  formal_notice: 'formal: a mise en demeure by registered letter with acknowledgement of receipt',
  handover: 'factual: the file is handed over to a collection partner',
};

const STEP_RULES: Partial<Record<DraftKind, string>> = {
  formal_notice:
    'It must contain the words "mise en demeure" (in English: "formal notice (mise en demeure)"); cite the previous reminders with their dates; demand the principal, the penalties "arrêtées au <today>, à parfaire jusqu’au complet paiement" and the €40 indemnity per invoice (B2B), with the total; give the deadline as deadlineDaysFromReceipt days from receipt of the letter (no date); name the consequence (requête en injonction de payer au tribunal de commerce; below €5,000 the simplified procedure by a commissaire de justice; for a consumer the tribunal judiciaire and legal interest from this notice, art. 1231-6 Code civil); list the enclosures; name the accounting contact and leave the door open to a payment plan. Never say it interrupts limitation.',
  preventive_reminder: 'Do not mention penalties or indemnities: the invoices are not due yet.',
  reminder_letter:
    'Mention the penalty rate and the €40 indemnity per invoice as due by law; do not mention a formal notice or any court.',
};

export function llmDrafter(llm: StructuredLlm): Drafter {
  return {
    async draft(facts) {
      const system = fillPrompt(DRAFT_PROMPT, {
        company: facts.company.name,
        language: facts.lang === 'fr' ? 'French' : 'English',
        step: STEP_LABELS.en[facts.step],
        kind: facts.kind,
        tone: TONES[facts.kind],
        stepRules: STEP_RULES[facts.kind] ?? '',
      });
      let feedback = '';
      let reason = '';
      for (let attempt = 1; attempt <= 2; attempt++) {
        let content: DraftContent;
        try {
          content = await llm.generate({
            name: 'draft',
            schema: DraftContent,
            system,
            user: `${JSON.stringify(promptData(facts), null, 2)}${feedback}`,
          });
        } catch (err) {
          reason = (err as Error).message;
          break; // the LLM itself failed: no point asking again, use the template
        }
        const guards = checkDraft(content, facts);
        if (guards.facts.ok && guards.tone.ok) return { content, source: llm.label, guards };
        const problems = [...guards.facts.problems, ...guards.tone.problems].map((p) => p.message);
        reason = `the LLM draft failed the ${guards.facts.ok ? 'tone' : 'fact'} guard: ${problems[0]}`;
        feedback = `\n\nYour previous draft was rejected: ${problems.join('; ')}. Write it again from the data only.`;
      }
      const fallback = await templateDrafter.draft(facts);
      return { ...fallback, fallback: reason };
    },
  };
}

/** The data the model writes from; what a debtor wrote is set apart as quoted data. */
function promptData(f: DraftFacts) {
  return {
    today: f.asOf,
    language: f.lang,
    customer: {
      reference: f.customer.reference,
      name: f.customer.name,
      contact: f.customer.contact?.name ?? null,
    },
    sender: f.sender.name,
    company: { name: f.company.name, iban: f.company.iban ?? null },
    invoices: f.invoices,
    totals: f.totals,
    indemnityTotalEUR: f.indemnityTotal,
    penaltyRatesPct: f.rates,
    penaltyRatesByPeriod: f.ratePeriods,
    previousReminders: f.previousReminders,
    brokenPromise: f.brokenPromise,
    deadlineDaysFromReceipt: f.deadlineDaysFromReceipt,
    paymentReference: f.paymentReference,
    bic: f.company.bic ?? null,
    accountingContact: f.accountant,
    indemnityEquivalents: f.indemnityEquivalents,
    penaltyRateSource: f.rateSource,
    consumer: f.customer.consumer,
    deadline: f.deadline,
    deadlineBusinessDays: f.deadlineBusinessDays,
    quoted_data: {
      disputed_invoices_not_to_mention: f.disputes.map((d) => ({
        invoice: d.invoice,
        reason: d.reason,
        customer_said: d.detail,
      })),
    },
  };
}
