/**
 * The rendering contract: every kind of reply, rendered by Block Kit (Slack), Adaptive Cards
 * (Teams and the web chat) and the terminal, carries the same facts — ranks 1..N in order,
 * the same amounts and invoice numbers, the "> 90" bucket beside its amount — with no raw
 * code and in one language. Real dialogs on the demo ledger, real renderers; the visible text
 * of each rendering is extracted and compared.
 */

import { replyActivity } from '../../../bot/render/adaptive-card';
import { replyBlocks } from '../../../bot/render/block-kit';
import { renderText } from '../../../bot/render/text';
import { respond } from '../../../dialogs/conversation';
import type { ActionPayload, Reply } from '../../../dialogs/reply';
import type { Lang, Turn } from '../../../dialogs/turn';
import { loadDemo } from '../../../integrations/demo/load';
import { cardProblems } from '../../helpers/adaptive-cards';
import { blockKitProblems } from '../../helpers/fake-slack';
import { NOW, openTestLedger } from '../../helpers/ledger';
import { cardLines, slackLines, textLines } from '../../helpers/visible-text';

jest.setTimeout(240_000);

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
});
afterAll(async () => {
  await ledger.close();
});

let seq = 0;
async function ask(staff: string, lang: Lang, x: { text?: string; action?: ActionPayload }): Promise<Reply> {
  const turn: Turn = { id: `web:contract:${++seq}`, channel: 'web', staff, lang, at: new Date(NOW), ...x };
  const [reply] = await respond(turn, ledger);
  return { ...reply!, lang: reply!.lang ?? lang };
}

interface Rendering {
  name: string;
  lines: string[];
}

function renderings(reply: Reply): Rendering[] {
  const lang = reply.lang ?? 'fr';
  const blocks = replyBlocks(reply, lang);
  expect(blockKitProblems(blocks)).toEqual([]);
  const activity = replyActivity(reply);
  const card = activity.attachments?.[0]?.content;
  if (card) expect(cardProblems(card)).toEqual([]);
  return [
    { name: 'text', lines: textLines(renderText(reply)) },
    { name: 'slack', lines: slackLines(blocks) },
    { name: 'card', lines: card ? cardLines(card) : [activity.text ?? ''] },
  ];
}

const ranks = (lines: string[]) =>
  lines
    .map((l) => /^\s*(\d{1,3})\. \S/.exec(l)?.[1])
    .filter((r): r is string => !!r)
    .map(Number);
// A thousands separator is one space followed by a digit: column padding ("2026   4 671,45 €",
// a date then an amount in an aligned table) is not part of a number.
const AMOUNT =
  /(?:[£$€]\s?\d(?:[\d,.]|[ \u00a0\u202f](?=\d))*\d|\d(?:[\d,.]|[ \u00a0\u202f](?=\d))*\d\s?(?:€|£|\$|[A-Z]{3}\b))/g;
const amounts = (lines: string[]) =>
  new Set(lines.flatMap((l) => l.match(AMOUNT) ?? []).map((a) => a.trim()));
const INVOICE = /\b(?:FA|INV|F)-\d{4}-\d{3,6}\b|\bFA-\d{3,6}\b/g;
const invoices = (lines: string[]) => new Set(lines.flatMap((l) => l.match(INVOICE) ?? []));
/** A code left raw (billing_error, promise_broken…): words joined by underscores, outside links. */
const RAW_CODE = /(?<![/\w])[a-z]+_[a-z_]+\b/;
const ENGLISH =
  /\b(overdue|registered|approved|reminder|letter|Next|more|Impossible: this|Good (morning|evening))\b/;
const FRENCH = /\b(en retard|suivants|relance recommandée|validé|Bonjour|échue|recommandé)\b/;

/** The facts every rendering must agree on, with the checks that hold for each alone. */
function sameFacts(reply: Reply): Rendering[] {
  const all = renderings(reply);
  const [text, ...others] = all;
  for (const r of all) {
    const where = `${r.name}: ${r.lines.join('\n')}`;
    // Each list is numbered in order from its first entry (1, or where its page starts).
    const runs = ranks(r.lines).reduce<number[][]>((acc, n, i, all) => {
      if (i === 0 || n <= all[i - 1]!) acc.push([]);
      acc.at(-1)!.push(n);
      return acc;
    }, []);
    expect({ where, runs }).toEqual({ where, runs: runs.map((run) => run.map((_, i) => run[0]! + i)) });
    expect({ where, raw: r.lines.find((l) => RAW_CODE.test(l.replace(/https?:\S+/g, ''))) }).toEqual({
      where,
      raw: undefined,
    });
    const other = reply.lang === 'en' ? FRENCH : ENGLISH;
    expect({ where, mixed: r.lines.find((l) => other.test(l)) }).toEqual({ where, mixed: undefined });
  }
  for (const r of others) {
    expect({ name: r.name, ranks: ranks(r.lines) }).toEqual({ name: r.name, ranks: ranks(text!.lines) });
    expect({ name: r.name, amounts: amounts(r.lines) }).toEqual({
      name: r.name,
      amounts: amounts(text!.lines),
    });
    expect({ name: r.name, invoices: invoices(r.lines) }).toEqual({
      name: r.name,
      invoices: invoices(text!.lines),
    });
  }
  return all;
}

/** The amount shown for the "> 90" bucket, read as each renderer lays it out. */
function over90(r: Rendering): string | undefined {
  const at = r.lines.findIndex((l) => /> 90/.test(l));
  if (at < 0) return undefined;
  const header = r.lines[at]!;
  if (r.name === 'card') return header.split(/ {2,}/)[1]; // one row per bucket: label, amount
  // Columns: the header line, then the amounts under it (right-aligned in the same column).
  const cols = header.trim().split(/ {2,}/);
  const values = r.lines[at + 1]!.trim().split(/ {2,}/);
  expect(values.length).toBe(cols.length);
  return values[cols.findIndex((c) => /> 90/.test(c))];
}

describe('one rendering contract for every reply', () => {
  it.each(['fr', 'en'] as const)('numbers the worklist 1..N in every channel (%s)', async (lang) => {
    const reply = await ask('marie', lang, { action: { type: 'worklist', date: '2026-11-23' } });
    const [text] = sameFacts(reply);
    expect(ranks(text!.lines)).toEqual(Array.from({ length: ranks(text!.lines).length }, (_, i) => i + 1));
    expect(ranks(text!.lines).length).toBeGreaterThan(3);
    // The number to call is tap-to-call in Teams and the web chat.
    expect(JSON.stringify(replyActivity(reply))).toMatch(/"url":"tel:\+\d{10,14}"/);
  });

  it("names each customer's owner on the team's list", async () => {
    const reply = await ask('claire', 'en', { action: { type: 'worklist', date: '2026-11-23' } });
    for (const r of sameFacts(reply)) {
      const owners = r.lines.join('\n').match(/Owner:?\s+(Marie Lambert|Tom Fletcher)/g) ?? [];
      expect({ name: r.name, owners: owners.length }).toEqual({
        name: r.name,
        owners: ranks(r.lines).length,
      });
    }
  });

  it.each(['fr', 'en'] as const)(
    'keeps the aged balance a table with "> 90" beside its amount (%s)',
    async (lang) => {
      for (const reply of [
        await ask('marie', lang, { action: { type: 'show_customer', customer: 'FR002' } }),
        await ask('marie', lang, { action: { type: 'digest_details', staff: 'marie', date: '2026-11-23' } }),
      ]) {
        const all = sameFacts(reply);
        const shown = all.map(over90);
        expect(shown[0]).toMatch(AMOUNT);
        expect(shown).toEqual([shown[0], shown[0], shown[0]]);
      }
    },
  );

  it('says the same of a not-understood message, a customer card and the team digest', async () => {
    sameFacts(await ask('marie', 'en', { text: 'what is the weather?' }));
    sameFacts(await ask('marie', 'fr', { text: 'fiche FR004' }));
    sameFacts(await ask('claire', 'fr', { text: 'résumé' }));
    sameFacts(await ask('claire', 'en', { text: 'digest' }));
  });

  it("shows a draft, its decision with who, day and time, and a second press refused in the card's language", async () => {
    const draft = await ask('marie', 'fr', { action: { type: 'draft_next', customer: 'FR004' } });
    sameFacts(draft);
    const payload = (type: string, r: Reply) =>
      r.sections
        .flatMap((s) => s.blocks)
        .flatMap((b) => (b.kind === 'actions' ? b.actions : []))
        .find((a) => a.payload.type === type)?.payload;
    const ack = payload('acknowledge_warnings', draft);
    const read = ack ? await ask('marie', 'fr', { action: ack }) : draft;
    const approve = payload('approve_draft', read)!;
    const decided = await ask('marie', 'fr', { action: approve });
    for (const r of sameFacts(decided))
      expect({ name: r.name, decision: r.lines.join('\n') }).toEqual({
        name: r.name,
        decision: expect.stringMatching(/Décision\s*:?\s+validé — marie, lun\. 23 nov\. à 09:15/),
      });
    const again = await ask('marie', 'fr', { action: approve });
    expect(again.summary).toMatch(/^Impossible : ce brouillon est déjà (validé|envoyé)/);
    sameFacts(again);
  });

  it('confirms a call note in the same words everywhere', async () => {
    sameFacts(await ask('marie', 'fr', { text: 'Textiles Dubois : M. Garnier promet 2 000 € vendredi' }));
    sameFacts(
      await ask('marie', 'en', { text: 'Ashford: spoke to the bookkeeper, will pay £1,500 on Friday' }),
    );
  });
});
