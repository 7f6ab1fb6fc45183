/**
 * A person's home page (Slack's App Home tab): today's calls and the drafts waiting for them
 * (a manager: the team's) with their age, step and owner, overdue approvals flagged, each with
 * the button that opens it. Channel-neutral like every other reply.
 */

import { isManager } from './communications/permissions';
import { draftsAwaiting, overdueNote, queueEntry } from './communications/queue';
import { w } from './communications/words';
import { day } from './i18n';
import type { Reply, Section } from './reply';
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
  // The drafts queue (a manager: the team's, each with its owner), oldest first, overdue flagged.
  const team = await isManager(services, turn.staff);
  const drafts = await draftsAwaiting(services, { owner: team ? undefined : turn.staff });
  const draftsSection: Section = {
    title: w(turn.lang, team ? 'homeTeamDrafts' : 'homeDrafts', {
      count: drafts.length,
      overdue: overdueNote(drafts, turn.lang),
    }),
    blocks: [
      drafts.length
        ? {
            kind: 'list',
            entries: drafts.slice(0, HOME_DRAFTS).map((d, i) => queueEntry(d, i, turn.lang, team)),
          }
        : { kind: 'text', text: w(turn.lang, 'queueEmpty') },
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
