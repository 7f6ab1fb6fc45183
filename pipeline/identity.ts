/**
 * Who is this, as each platform knows them: the one staff look-up of every channel (active
 * people only — someone who left the team is a stranger to every edge alike).
 */
import { staffLang } from '../dialogs/i18n';
import type { DialogServices } from '../dialogs/services';
import type { Lang } from '../dialogs/turn';

/** The platform's id of a person. */
export type PlatformUser =
  | { slackUserId: string }
  | { teamsUserId: string }
  /** The web chat (server-side session) and the CLI name the handle. */
  | { handle: string };

export interface KnownStaff {
  handle: string;
  name: string;
  role: string;
  /** Their profile language (or the team's default). */
  lang: Lang;
}

export async function resolveStaff(services: DialogServices, who: PlatformUser): Promise<KnownStaff | null> {
  const filter =
    'slackUserId' in who
      ? { slackUserId: who.slackUserId }
      : 'teamsUserId' in who
        ? { teamsUserId: who.teamsUserId }
        : { handle: who.handle.toLowerCase() };
  const s = await services.models.Staff.findOne(
    { ...filter, active: { $ne: false } },
    { handle: 1, name: 1, role: 1, language: 1 },
  ).lean();
  return s
    ? { handle: s.handle, name: s.name, role: s.role, lang: staffLang(s, services.policy.defaultLocale) }
    : null;
}
