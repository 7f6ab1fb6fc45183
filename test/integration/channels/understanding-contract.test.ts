/**
 * Issue #26's scripted conversations through the Slack, Teams and web chat edges, with the same
 * assertions on each (the dialog-level script is test/integration/dialogs/understanding.test.ts):
 * thanks are answered and never recorded, an ambiguous note asks "which one?" with one button
 * per candidate and continues when one is pressed, an instalment plan is stored as three
 * instalments, "drafts to approve" lists the drafts, and what is not understood is said so in
 * English to English text. Absence is asserted after the edge's own `idle()`, never a sleep;
 * the clock is the injected one (NOW).
 */
import type { RunningRelance } from '../../../bot/app';
import { fromStored } from '../../../models/rules/dates';
import {
  type Driver,
  posted,
  type Shown,
  slackButtons,
  slackDriver,
  startChannels,
  stopChannels,
  teamsDriver,
  until,
  webDriver,
} from '../../helpers/channel-drivers';

jest.setTimeout(120_000);
let relance: RunningRelance;
beforeAll(async () => {
  ({ relance } = await startChannels());
}, 60_000);
afterAll(stopChannels);

/** The labels of the buttons a message shows, as the platform renders them. */
function labels(m: Shown): string[] {
  const blocks = (m.raw as { blocks?: unknown }).blocks;
  if (blocks) return slackButtons(blocks).map((b) => b.label);
  return [...JSON.stringify(m.raw).matchAll(/"type":"Action\.Submit","title":"([^"]+)"/g)].map((x) => x[1]!);
}
function labelLike(m: Shown, re: RegExp): string {
  const found = labels(m).find((l) => re.test(l));
  if (!found) throw new Error(`no button like ${re} in ${labels(m).join(' | ')}`);
  return found;
}

/** Says `text` and returns the first message Relance posted that matches, once the edge is idle. */
async function ask(d: Driver, text: string, match: RegExp): Promise<Shown> {
  const mark = d.mark();
  await d.say('marie', text);
  const answer = await posted(d, mark, match);
  await d.idle();
  return answer;
}

const recorded = async () => ({
  logs: await relance.ledger.models.CallLog.countDocuments({}),
  calls: await relance.ledger.models.Activity.countDocuments({ kind: 'call' }),
});

// The Dubois candidate each edge presses: a different one, so each edge records its own note.
const CANDIDATE = { slack: 'FR020', teams: 'FR022', web: 'FR025' } as const;

describe.each([slackDriver, teamsDriver, webDriver])('understanding what people type, on $name', (d) => {
  it('answers thanks and records nothing', async () => {
    const before = await recorded();
    for (const text of ['merci', 'thanks!']) {
      const reply = await ask(d, text, /./);
      expect(reply.text).not.toMatch(/À enregistrer|To record/);
      expect(labels(reply).some((l) => /^Confirm/.test(l))).toBe(false);
    }
    expect(await recorded()).toEqual(before);
  });

  it('asks which customer an ambiguous note is about, one button per candidate, and continues on a press', async () => {
    const asking = d.mark();
    const question = await ask(d, 'Dubois paiera 2 000 € vendredi', /Quel client|Which customer/);
    const candidates = labels(question).filter((l) => /\(FR\d{3}\)$/.test(l));
    expect(candidates.map((l) => l.match(/\((FR\d{3})\)$/)![1]).sort()).toEqual([
      'FR004',
      'FR020',
      'FR022',
      'FR025',
    ]);
    const ref = CANDIDATE[d.name];
    const calls = () => relance.ledger.models.Activity.countDocuments({ customer: ref, kind: 'call' });
    const before = await calls();

    await d.press('marie', question, candidates.find((l) => l.endsWith(`(${ref})`))!);
    // The confirmation comes as a new message or as the question's card updated in place.
    const confirmation = await posted(d, asking, new RegExp(`\\(${ref}\\).*Confirm|Confirm.*\\(${ref}\\)`));
    await d.idle();
    expect(confirmation.text).toMatch(/2 000,00 €|€2,000\.00/);
    expect(await calls()).toBe(before);

    await d.press('marie', confirmation, labelLike(confirmation, /^Confirm/));
    await until(async () => ((await calls()) > before ? true : undefined), 'the note recorded');
    await d.idle();
    expect(await calls()).toBe(before + 1);
  });

  it('records an instalment plan as three instalments', async () => {
    const shown = await ask(
      d,
      'Imprimerie Girard : accord sur un échéancier : 10 000 € le 15 décembre, 10 000 € le 15 janvier et le solde le 15 février',
      /Imprimerie Girard SARL \(FR008\)/,
    );
    const pending = () =>
      relance.ledger.models.PaymentPromise.find({ customer: 'FR008', status: 'pending' }).lean();
    // A later edge finds the plan an earlier edge stored: the first Confirm replaces it.
    await d.press('marie', shown, labelLike(shown, /^Confirm/));
    await until(
      async () =>
        (await pending()).some(
          (p) => p.instalments.length === 3 && fromStored(p.instalments[0]!.date) === '2026-12-15',
        )
          ? true
          : undefined,
      'the plan stored',
    );
    await d.idle();
    const plans = await pending();
    expect(plans).toHaveLength(1);
    expect(plans[0]!.instalments.map((i) => [fromStored(i.date), i.amount])).toEqual([
      ['2026-12-15', 1_000_000],
      ['2027-01-15', 1_000_000],
      ['2027-02-15', expect.any(Number)],
    ]);
  });

  it('lists the drafts to approve', async () => {
    await ask(d, 'draft a reminder letter for Textiles Dubois', /Textiles Dubois/);
    const drafts = await ask(d, 'drafts to approve', /Drafts to approve \(\d+\)/);
    expect(drafts.text).toContain('Textiles Dubois SAS (FR004)');
  });

  it('says in English that it did not understand English text', async () => {
    const reply = await ask(d, 'what is the weather like tomorrow?', /understand/);
    expect(reply.text).toContain('I didn’t understand that, and nothing was recorded');
    expect(reply.text).not.toContain('Je n’ai pas compris');
  });
});
