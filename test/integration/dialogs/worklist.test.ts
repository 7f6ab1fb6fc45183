import { renderText } from '../../../bot/render/text';
import { respond } from '../../../dialogs/conversation';
import { answerDigest } from '../../../dialogs/digest';
import { parseRequest } from '../../../dialogs/requests';
import type { Lang, Turn } from '../../../dialogs/turn';
import { answerWorklist, type WorklistEntry } from '../../../dialogs/worklist';
import { loadDemo } from '../../../integrations/demo/load';
import { importFile } from '../../../integrations/import/importer';
import type { TeamDigest } from '../../../models/ledger/digest';
import { csvFile, importOpts, NOW, openTestLedger } from '../../helpers/ledger';
import { cleanEnv, runTs } from '../../helpers/process';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
});
afterAll(async () => {
  await ledger.close();
});

let turnSeq = 0;
function turn(staff: string, text: string, lang: Lang = 'en'): Turn {
  return { id: `test:${++turnSeq}`, channel: 'web', staff, lang, text, at: new Date(NOW) };
}

async function ask(
  staff: string,
  text: string,
  lang: Lang = 'en',
): Promise<{ title: string; entries: WorklistEntry[]; text: string }> {
  const t = turn(staff, text, lang);
  const req = parseRequest(text, {
    lang,
    today: ledger.today(),
    timeZone: ledger.policy.timeZone,
    now: ledger.clock.now(),
  });
  if (req?.kind !== 'worklist') throw new Error(`not a worklist request: ${text}`);
  const { reply, entries } = await answerWorklist(req, t, ledger);
  return { title: reply.title ?? '', entries, text: renderText(reply) };
}

describe('"who should I call today?"', () => {
  it("ranks a controller's own customers, best first, each with a reason, amounts, contact and actions", async () => {
    const { title, entries, text } = await ask('marie', 'who should I call today?');
    expect(title).toBe('Calls for Marie Lambert, today');
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.every((e) => e.owner === 'marie')).toBe(true);
    expect(entries.map((e) => e.rank)).toEqual(entries.map((_, i) => i + 1));
    for (let i = 1; i < entries.length; i++)
      expect(entries[i - 1]!.score).toBeGreaterThanOrEqual(entries[i]!.score);
    // The demo has promises broken last week: they come first, said as such.
    expect(entries[0]!.reasonCode).toBe('promise_broken');
    expect(entries[0]!.reason).toMatch(/^Broken promise: €[\d,.]+ was due on \w{3} \d{1,2} Nov/);
    expect(entries.every((e) => e.contact?.phone)).toBe(true);
    expect(text).toContain('Call script');
    expect(text).toContain('Log outcome');
  });

  it('answers in French when asked in French', async () => {
    const { title, entries, text } = await ask('marie', "qui dois-je appeler aujourd'hui ?", 'en');
    expect(title).toBe("Appels pour Marie Lambert, aujourd'hui");
    expect(entries[0]!.reason).toMatch(/^Promesse non tenue : [\d\s]+,\d\d € attendus le/);
    expect(text).toContain("Script d'appel");
  });

  it('understands top N, a colleague, a minimum amount and another day', async () => {
    expect((await ask('marie', 'top 3')).entries).toHaveLength(3);
    const tom = await ask('marie', 'calls for Tom');
    expect(tom.title).toBe('Calls for Tom Fletcher, today');
    expect(tom.entries.length).toBeGreaterThan(0);
    expect(tom.entries.every((e) => e.owner === 'tom')).toBe(true);
    const big = await ask('marie', 'only over 10k');
    expect(big.entries.length).toBeGreaterThan(0);
    expect(big.entries.every((e) => Object.values(e.overdue).some((v) => v >= 1_000_000))).toBe(true);
    const tomorrow = await ask('marie', 'mes appels de demain', 'fr');
    expect(tomorrow.title).toBe('Appels pour Marie Lambert, le mar. 24 nov.');
  });

  it("gives a manager the team's list", async () => {
    const { title, entries } = await ask('claire', 'who should I call today?');
    expect(title).toBe('Calls for the team, today');
    expect(new Set(entries.map((e) => e.owner))).toEqual(new Set(['marie', 'tom']));
    const asked = await ask('claire', "qui appeler dans l'équipe ?", 'fr');
    expect(asked.title).toBe("Appels pour l'équipe, aujourd'hui");
  });

  it("tells a controller who asks for the team's list to ask for their own", async () => {
    const { entries, text } = await ask('marie', 'calls for the team');
    expect(entries).toEqual([]);
    expect(text).toContain('Only a manager');
  });

  it('drops a customer snoozed from the list, and records the snooze once', async () => {
    const before = await ask('marie', 'top 20');
    const first = before.entries[0]!;
    const press: Turn = {
      ...turn('marie', ''),
      text: undefined,
      action: { type: 'snooze', customer: first.customer, until: '2026-11-25' },
    };
    const [reply] = await respond(press, ledger);
    expect(reply!.summary).toBe(`${first.name} is snoozed until Wed 25 Nov.`);
    await respond(press, ledger); // the same button press delivered twice
    expect(await ledger.models.Activity.countDocuments({ key: `${press.id}:snooze` })).toBe(1);
    const after = await ask('marie', 'top 20');
    expect(after.entries.map((e) => e.customer)).not.toContain(first.customer);
  });

  it('follows the ledger: a customer whose overdue invoices are paid leaves the list', async () => {
    const { entries } = await ask('marie', 'top 20');
    const target = entries.find((e) => e.reasonCode === 'money_at_risk' || e.reasonCode === 'ladder_call')!;
    const open = await ledger.models.Invoice.find({
      customer: target.customer,
      status: { $in: ['open', 'partially_paid'] },
    }).lean();
    const rows = open.map(
      (inv, i) =>
        `PAYTEST-${i},${target.customer},2026-11-23,${inv.currency},${((inv.amount - (inv.amountPaid ?? 0)) / 100).toFixed(2)},${inv.number}`,
    );
    const report = await importFile(
      'payments',
      csvFile(
        'p.csv',
        `reference,customer_reference,date,currency,amount,invoice_numbers\n${rows.join('\n')}\n`,
      ),
      importOpts(ledger),
    );
    expect(report.rejected).toEqual([]);
    const after = await ask('marie', 'top 20');
    expect(after.entries.map((e) => e.customer)).not.toContain(target.customer);
  });
});

describe('the morning digest', () => {
  it("shows a controller's essentials first and the details behind a button", async () => {
    const [reply] = await respond(turn('marie', 'digest'), ledger);
    const text = renderText(reply!);
    expect(reply!.title).toBe('Good morning Marie — Monday 23 November 2026');
    expect(text).toMatch(/Overdue: €[\d,.]+/);
    expect(text).toContain('Promises broken: 2');
    expect(text).toContain("Today's calls");
    expect(text).toContain('[Details] [Full call list]');
    expect(text).not.toContain('Aged balance');
    const [details] = await respond(
      {
        ...turn('marie', ''),
        text: undefined,
        action: { type: 'digest_details', staff: 'marie', date: '2026-11-23' },
      },
      ledger,
    );
    const full = renderText(details!);
    expect(full).toContain('Aged balance');
    expect(full).toMatch(/Not due\s+1–30 d\s+31–60 d\s+61–90 d\s+> 90 d\s+Total/);
  });

  it('gives a manager the team view with DSO, overdue ratio and promises kept', async () => {
    const { reply, digest } = await answerDigest('claire', '2026-11-23', 'fr', ledger);
    const team = digest as TeamDigest;
    expect(team.kind).toBe('team');
    expect(team.controllers.map((c) => c.handle)).toEqual(['marie', 'tom']);
    expect(Object.keys(team.measures.dsoDays).sort()).toEqual(['EUR', 'GBP']);
    expect(team.measures.promisesKeptPct).toBeGreaterThan(0);
    const text = renderText(reply);
    expect(text).toContain('Point équipe — lundi 23 novembre 2026');
    expect(text).toContain('Promesses tenues (90 j)');
    expect(team.largestRisks.length).toBe(5);
  });
});

describe('npm run relance -- worklist --json', () => {
  it('prints entries with reference, rank, score, reason code and text, amounts per currency, days late, contact', async () => {
    const dir = csvFile('x', '').replace(/\/x$/, '');
    // The CLI's clock is injected: the demo and the list are dated from the same fixed instant.
    const env = cleanEnv({ DATA_DIR: `${dir}/data`, RELANCE_NOW: NOW });
    expect((await runTs('bot/cli.ts', ['demo'], env)).code).toBe(0);
    const out = await runTs('bot/cli.ts', ['worklist', '--as', 'tom', '--top', '4', '--json'], env);
    expect(out.code).toBe(0);
    const entries = JSON.parse(out.stdout) as WorklistEntry[];
    expect(entries).toHaveLength(4);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(
        [
          'contact',
          'customer',
          'daysLate',
          'lastContact',
          'name',
          'overdue',
          'owner',
          'rank',
          'reason',
          'reasonCode',
          'score',
        ].sort(),
      );
      expect(e.reason).not.toBe('');
    }
    const unknown = await runTs('bot/cli.ts', ['worklist', '--as', 'nobody'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown staff member "nobody"');
    // Three child processes, each opening the embedded engine: generous on a loaded 2-core machine.
  }, 120_000);
});
