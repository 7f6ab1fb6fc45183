/**
 * Telling the approver what became of a communication outside their turn: an email the mail
 * server took on a retry ("sent"), or a draft superseded because its facts changed (why, and a
 * fresh draft offered). Each told once (a delivery key per draft and outcome).
 */
import { changesText, retryUnsent } from '../dialogs/communications/send';
import { draftReply, withCompany } from '../dialogs/drafting/draft-dialog';
import type { StoredDraft } from '../dialogs/drafting/drafts';
import { staffLang } from '../dialogs/i18n';
import type { Reply } from '../dialogs/reply';
import { type DeliveryOutcome, deliverOnce, type JobContext } from './deliveries';

async function tell(ctx: JobContext, d: StoredDraft, what: 'sent' | 'superseded'): Promise<DeliveryOutcome> {
  const staff = d.decidedBy && d.decidedBy !== 'relance' ? d.decidedBy : d.owner;
  return deliverOnce(ctx, {
    key: `communication:${d.key}:${what}`,
    job: 'communication',
    staff,
    compose: async () => {
      const person = await ctx.services.models.Staff.findOne({ handle: staff }, { language: 1 }).lean();
      const lang = staffLang(person, ctx.services.policy.defaultLocale);
      const fr = lang === 'fr';
      const card = draftReply(d, lang, ctx.services);
      const name = (d.inputs as { customer: { name: string } }).customer.name;
      const lead =
        what === 'sent'
          ? fr
            ? `Le courrier validé pour ${name} est parti : le serveur de messagerie est revenu.`
            : `The approved letter to ${name} has gone out: the mail server is back.`
          : fr
            ? `Le brouillon pour ${name} n’est plus valable et n’a pas été envoyé : ${changesText((d.changes as never) ?? [], 'fr')}. Un nouveau brouillon peut être préparé.`
            : `The draft for ${name} no longer holds and was not sent: ${changesText((d.changes as never) ?? [], 'en')}. A fresh draft can be made.`;
      const reply: Reply = {
        ...card,
        summary: lead,
        sections: [{ blocks: [{ kind: 'text', text: lead }] }, ...card.sections],
      };
      return reply;
    },
  });
}

export const tellSuperseded = (ctx: JobContext, d: StoredDraft) => tell(ctx, d, 'superseded');

/**
 * Emails the mail server failed to take, whose wait is over: sent once, the approver told. And
 * the draft cards left out of date (decided from the command line, a channel that failed).
 */
export async function retryEmails(ctx: JobContext) {
  const out = await retryUnsent(withCompany(ctx.services), async (d, outcome) => {
    await tell(ctx, d, outcome.kind === 'sent' ? 'sent' : 'superseded');
  });
  await ctx.services.cards?.refreshStale();
  return out;
}
