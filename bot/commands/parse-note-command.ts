/**
 * `relance parse-note [--json]`: one JSON object per line on stdin —
 * {"text": "...", "now": "2026-11-23T09:15:00+01:00", "as": "<handle>"} — and one line out per
 * input with what Relance understood. Read-only: nothing is recorded. The way to check the
 * parser on a team's own messages (the LLM's when one is configured, unless --offline).
 */
import readline from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadNoteDirectory } from '../../dialogs/call-note/directory';
import type { CallNote } from '../../dialogs/call-note/note';
import { classify, intentName } from '../../dialogs/intent';
import { localDate } from '../../models/rules/dates';
import { buildNoteParser } from '../llm-services';
import { withLedger } from './shared';

const Input = z.object({
  text: z.string().trim().min(1, 'the note is empty'),
  now: z.iso.datetime({ offset: true }).optional(),
  as: z.string().min(1).optional(),
});

export function registerParseNoteCommand(program: Command): void {
  program
    .command('parse-note')
    .description('read call notes (JSON lines on stdin) and print what Relance understands; records nothing')
    .option('--json', 'print one JSON object per note (the default prints one readable line)')
    .option('--offline', 'use the offline rules even when an LLM is configured')
    .action(async (opts: { json?: boolean; offline?: boolean }) => {
      let failures = 0;
      await withLedger(async (ledger, { config, logger }) => {
        const parser = buildNoteParser(config, { offline: opts.offline });
        // Read once: the customers and balances a note is matched against, whatever its `now`.
        const directory = await loadNoteDirectory(ledger.models, ledger.today());
        const languages = new Map(
          (await ledger.models.Staff.find({}, { handle: 1, language: 1 }).lean()).map((s) => [
            s.handle,
            s.language,
          ]),
        );
        const lines = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
        let n = 0;
        for await (const line of lines) {
          n++;
          if (!line.trim()) continue;
          const input = parseLine(line);
          if ('error' in input) {
            failures++;
            process.stdout.write(`${JSON.stringify({ line: n, error: input.error })}\n`);
            continue;
          }
          const now = input.now ? new Date(input.now) : ledger.clock.now();
          const spoken = input.as ? languages.get(input.as) : undefined;
          const lang = spoken === 'en' || spoken === 'fr' ? spoken : ledger.policy.defaultLocale;
          const { note, fallback } = await parser.read(input.text, {
            now,
            timeZone: ledger.policy.timeZone,
            country: ledger.policy.country,
            lang,
            directory,
          });
          if (fallback)
            logger.warn({ line: n, reason: fallback }, 'LLM not used for this note: offline rules');
          // Intent first: what the chat would do with this message (record a call note, answer a request…).
          const today = localDate(now, ledger.policy.timeZone);
          const kind = classify(input.text, { lang, today, timeZone: ledger.policy.timeZone, now });
          const out = { ...note, intent: intentName(kind, note, input.text) };
          process.stdout.write(`${opts.json ? JSON.stringify(out) : readable(out)}\n`);
        }
      });
      if (failures > 0) process.exitCode = 1;
    });
}

function parseLine(line: string): z.infer<typeof Input> | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { error: 'not JSON: expected {"text": "...", "now"?: "...", "as"?: "..."}' };
  }
  const parsed = Input.safeParse(raw);
  if (parsed.success) return parsed.data;
  return { error: parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') };
}

function readable(n: CallNote & { intent: string }): string {
  if (n.intent !== 'call_note') return `(not a call note: ${n.intent})`;
  const parts = [n.customer ?? '(customer?)', n.outcome ?? '(outcome?)'];
  if (n.contact) parts.push(`contact ${n.contact}`);
  for (const p of n.promises)
    parts.push(
      `promise ${p.rest ? 'the balance' : `${p.amount} ${p.currency} (minor units)`} by ${p.date ?? '?'}`,
    );
  for (const d of n.disputes)
    parts.push(`dispute ${d.invoice} (${d.reason}${d.detail ? `: ${d.detail}` : ''})`);
  if (n.callback) parts.push(`call back ${n.callback}`);
  if (n.question) parts.push(`QUESTION: ${n.question}`);
  return parts.join(' · ');
}
