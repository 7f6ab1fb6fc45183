/**
 * A person's home page (Slack's App Home tab): today's calls and the drafts waiting for them,
 * each with the button that opens it. Channel-neutral like every other reply.
 */

import type { StepKey } from '../models/rules/policy';
import { OPEN_DRAFT_STATUSES } from '../models/schemas/draft';
import type { DraftFacts } from './drafting/facts';
import { day, STEP_LABELS } from './i18n';
import type { ListEntry, Reply, Section } from './reply';
import type { DialogServices } from './services';
import type { Turn } from './turn';
import { say } from './words/conversation';
import { answerWorklist } from './worklist';

/** How many calls and drafts the page shows; the rest is one question away. */
const HOME_CALLS = 5;
const HOME_DRAFTS = 10;

export async function homeReply(turn: Turn, services: DialogServices): Promise<Reply> {
  const today = services.today();
  const calls = await answerWorklist(
    { kind: 'worklist', date: today, top: HOME_CALLS, lang: turn.lang },
    turn,
    services,
  );
  const drafts = await services.models.Draft.find({
    owner: turn.staff,
    status: { $in: [...OPEN_DRAFT_STATUSES] },
  })
    .sort({ updatedAt: -1 })
    .limit(HOME_DRAFTS)
    .lean();
  const entries: ListEntry[] = drafts.map((d, i) => {
    const facts = d.inputs as DraftFacts;
    return {
      rank: i + 1,
      title: `${facts.customer.name} (${d.customer}) — ${STEP_LABELS[turn.lang][facts.step as StepKey]}`,
      why: say(turn.lang, d.status === 'blocked' ? 'homeBlocked' : 'homeAwaiting'),
      facts: [],
      actions: [{ label: say(turn.lang, 'open'), payload: { type: 'show_draft', draft: d.key } }],
    };
  });
  const draftsSection: Section = {
    title: say(turn.lang, 'homeDrafts', { count: entries.length }),
    blocks: [
      entries.length ? { kind: 'list', entries } : { kind: 'text', text: say(turn.lang, 'homeNoDraft') },
    ],
  };
  return {
    summary: say(turn.lang, 'homeSummary'),
    title: say(turn.lang, 'homeTitle', { day: day(today, turn.lang) }),
    sections: [
      { title: calls.reply.title, blocks: calls.reply.sections.flatMap((s) => s.blocks) },
      draftsSection,
    ],
  };
}
