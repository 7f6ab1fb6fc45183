/**
 * The Notifier port: how jobs (and any turn that must tell someone else) reach a person outside
 * a conversation turn. The product says whom to tell and what; the implementations live in
 * `bot/` (Slack, Teams, the web chat) — jobs never know a channel.
 */
import type { Reply } from '../dialogs/reply';

/** One channel's way of reaching a person. */
export interface Notifier {
  /** Sends a reply to a person's personal conversation; false when they cannot be reached on this channel. */
  notify(staff: string, reply: Reply): Promise<boolean>;
}

/** Every channel together: the one the jobs are given. */
export interface ChannelNotifier {
  /** The channel that delivered, or null when none could reach the person. */
  deliver(staff: string, reply: Reply): Promise<string | null>;
}
