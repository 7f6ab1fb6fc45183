/**
 * Reaching a person outside any conversation turn (the scheduler's digests and reminders):
 * each channel edge is a Notifier; `firstReachable` tries them in order — Slack, then Teams
 * (stored conversation reference), then an open web chat — and says which one delivered.
 */
import type { Reply } from '../dialogs/reply';

export interface Notifier {
  /** Sends a reply to a person; false when they cannot be reached on this channel. */
  notify(staff: string, reply: Reply): Promise<boolean>;
}

export interface ChannelNotifier {
  /** The channel that delivered, or null when none could reach the person. */
  deliver(staff: string, reply: Reply): Promise<string | null>;
}

export function firstReachable(
  channels: Array<{ name: string; notifier: Notifier | null }>,
): ChannelNotifier {
  const live = channels.filter((c): c is { name: string; notifier: Notifier } => c.notifier !== null);
  return {
    async deliver(staff, reply) {
      for (const c of live) if (await c.notifier.notify(staff, reply)) return c.name;
      return null;
    },
  };
}
