/**
 * The Notifier port's implementation (the port is `jobs/notifier.ts`): each channel edge is a
 * Notifier; `firstReachable` tries them in order — Slack, then Teams (the person's stored
 * personal conversation), then an open web chat — and says which one delivered.
 */
import type { ChannelNotifier, Notifier } from '../jobs/notifier';

export type { ChannelNotifier, Notifier };

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
