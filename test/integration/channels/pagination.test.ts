/**
 * A long list in pages: 60 calls asked in Slack (the real Bolt app over signed HTTP), Teams
 * (the real botbuilder adapter) and the web chat (Direct Line). Each page stays within the
 * platform's limits (Slack: 50 blocks and its text limits; Teams: the serialized message
 * under 28 KB) and ends with "next 10"; pressing it through the platform answers with the
 * next entries, until every one of the 60 has been shown once, numbered in order.
 */

import type { RunningRelance } from '../../../bot/app';
import { activityBytes } from '../../../bot/render/adaptive-card';
import { importFile } from '../../../integrations/import/importer';
import {
  type Driver,
  posted,
  type Shown,
  slackButtons,
  slackDriver,
  startChannels,
  stopChannels,
  teamsDriver,
  webDriver,
} from '../../helpers/channel-drivers';
import { blockKitProblems } from '../../helpers/fake-slack';
import { csvFile, importOpts } from '../../helpers/ledger';
import { cardLines, slackLines } from '../../helpers/visible-text';

jest.setTimeout(300_000);

let relance: RunningRelance;
const EXTRA = 60;

beforeAll(async () => {
  ({ relance } = await startChannels());
  // Sixty more of Marie's customers with an invoice overdue since September: her list passes 60.
  const n = Array.from({ length: EXTRA }, (_, i) => String(i + 1).padStart(2, '0'));
  const customers = csvFile(
    'customers.csv',
    'reference,name,language,time_zone,owner,currency,payment_terms_days,contact_name,contact_phone\n' +
      n
        .map(
          (k) => `PG${k},Pagination ${k} SARL,fr,Europe/Paris,marie,EUR,30,Anne Martin,+33 1 40 00 00 ${k}`,
        )
        .join('\n'),
  );
  const invoices = csvFile(
    'invoices.csv',
    'number,customer_reference,issue_date,due_date,currency,amount\n' +
      n.map((k, i) => `PG-2026-${k},PG${k},2026-08-31,2026-09-30,EUR,${1000 + i * 37}`).join('\n'),
  );
  const opts = importOpts(relance.ledger);
  expect((await importFile('customers', customers, opts)).rejected).toEqual([]);
  expect((await importFile('invoices', invoices, opts)).rejected).toEqual([]);
}, 120_000);
afterAll(stopChannels);

/** What a page shows: its visible lines, after checking it is within the platform's limits. */
function pageLines(d: Driver, m: Shown): string[] {
  if (d.name === 'slack') {
    const blocks = (m.raw as { blocks: never[] }).blocks;
    expect(blockKitProblems(blocks)).toEqual([]);
    return slackLines(blocks);
  }
  expect(activityBytes(m.raw)).toBeLessThan(28_000);
  const card = (m.raw as { attachments: Array<{ content: Record<string, unknown> }> }).attachments[0]!
    .content;
  return cardLines(card);
}

function nextLabel(d: Driver, m: Shown): string | undefined {
  const labels =
    d.name === 'slack'
      ? slackButtons((m.raw as { blocks: unknown }).blocks).map((b) => b.label)
      : [...JSON.stringify(m.raw).matchAll(/"type":"Action\.Submit","title":"([^"]+)"/g)].map((x) => x[1]!);
  return labels.find((l) => /^(Next \d+|\d+ suivants?)$/.test(l));
}

describe.each([slackDriver, teamsDriver, webDriver])('a 60-entry list on $name', (d) => {
  it('is shown in pages within the limits, and "next 10" reaches every entry', async () => {
    let mark = d.mark();
    await d.say('marie', 'top 60');
    let page = await posted(d, mark, /PG\d\d|FR0|UK0/);
    const ranks: number[] = [];
    const titles: string[] = [];
    for (let pages = 0; pages < 12; pages++) {
      const lines = pageLines(d, page);
      for (const l of lines) {
        const m = /^\s*(\d{1,3})\. (.+)$/.exec(l);
        if (m) {
          ranks.push(Number(m[1]));
          titles.push(m[2]!);
        }
      }
      const next = nextLabel(d, page);
      if (!next) break;
      expect(next).toMatch(/10/);
      mark = d.mark();
      await d.press('marie', page, next);
      page = await posted(d, mark, /PG\d\d|FR0|UK0/);
    }
    expect(ranks).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(titles).size).toBe(60);
  });
});
