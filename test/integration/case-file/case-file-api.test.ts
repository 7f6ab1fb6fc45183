/**
 * The case file over HTTP and in chat: the API with the ledger key (401 without, 403 with the
 * staff key, 404 for an unknown customer, 400 for a bad date), and "dossier Dubois" in chat
 * answering with a signed link the product's own server serves, refused once tampered with.
 */
import { type RunningRelance, startRelance } from '../../../bot/app';
import { respond } from '../../../dialogs/conversation';
import { parseConfig } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { NOW } from '../../helpers/ledger';

jest.setTimeout(120_000);

const KEY = 'test-key-0123456789abcdef';
const ADMIN_KEY = 'admin-key-0123456789abcdef';
let relance: RunningRelance;

beforeAll(async () => {
  const config = parseConfig({
    PORT: '0',
    DATA_DIR: '',
    DEMO_DATA: 'false',
    INGEST_API_KEY: KEY,
    INGEST_ADMIN_KEY: ADMIN_KEY,
    SCHEDULER_ENABLED: 'false',
    LINK_SECRET: 'a-link-secret-for-tests-only',
  });
  relance = await startRelance(config, memoryLogger('silent').logger, fixedClock(NOW));
  await loadDemo(relance.ledger);
});
afterAll(async () => {
  await relance.stop();
});

type Json = { totals: Array<{ interest: number }> };
const get = (path: string, key?: string) =>
  fetch(`${relance.url}${path}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});

describe('GET /api/v1/customers/:ref/case-file', () => {
  it('needs the ledger key', async () => {
    expect((await get('/api/v1/customers/FR004/case-file')).status).toBe(401);
    const staffKey = await get('/api/v1/customers/FR004/case-file', ADMIN_KEY);
    expect(staffKey.status).toBe(403);
    expect(await staffKey.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('serves the PDF, the CSV (one row per open invoice) and the JSON, as of a chosen date', async () => {
    const pdf = await get('/api/v1/customers/FR004/case-file', KEY);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const csv = await get('/api/v1/customers/FR004/case-file?format=csv&as-of=2026-12-31', KEY);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\n');
    const open = await relance.ledger.models.Invoice.countDocuments({
      customer: 'FR004',
      status: { $in: ['open', 'partially_paid'] },
    });
    expect(lines).toHaveLength(open + 1);
    expect(lines.slice(1).every((l) => l.endsWith(',2026-12-31'))).toBe(true);

    const early = (await (
      await get('/api/v1/customers/FR004/case-file?format=json&as-of=2026-11-23', KEY)
    ).json()) as Json;
    const late = (await (
      await get('/api/v1/customers/FR004/case-file?format=json&as-of=2026-12-31', KEY)
    ).json()) as Json;
    // Penalties run on: later, more is owed.
    expect(late.totals[0]!.interest).toBeGreaterThan(early.totals[0]!.interest);
  });

  it('answers 404 for an unknown customer and 400 for a bad date', async () => {
    const unknown = await get('/api/v1/customers/NOPE/case-file', KEY);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: 'customer NOPE not found' });
    expect((await get('/api/v1/customers/FR004/case-file?as-of=31/12/2026', KEY)).status).toBe(400);
  });
});

describe('the case file in chat', () => {
  it('"dossier Textiles Dubois" answers with a signed link to the PDF that the server serves', async () => {
    const [which] = await respond(
      {
        id: 'web:test:0',
        channel: 'web',
        staff: 'marie',
        lang: 'fr',
        text: 'dossier Dubois',
        at: new Date(NOW),
      },
      relance.services,
    );
    expect(which!.summary).toMatch(/^Lequel : Textiles Dubois SAS \(FR004\) ou /);
    const [reply] = await respond(
      {
        id: 'web:test:1',
        channel: 'web',
        staff: 'marie',
        lang: 'fr',
        text: 'dossier Textiles Dubois',
        at: new Date(NOW),
      },
      relance.services,
    );
    expect(reply!.summary).toBe('Dossier de recouvrement — Textiles Dubois SAS (FR004)');
    const text = JSON.stringify(reply);
    const link = /PDF : (\S+?)(?:\\n|")/.exec(text)?.[1];
    expect(link).toMatch(/\/files\/case-file\/FR004\.pdf\?as-of=2026-11-23&exp=\d+&sig=/);
    const res = await fetch(link!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // Another day, or another customer, under the same signature: refused.
    expect((await fetch(link!.replace('as-of=2026-11-23', 'as-of=2026-11-24'))).status).toBe(404);
    expect((await fetch(link!.replace('FR004.pdf', 'FR001.pdf'))).status).toBe(404);
  });

  it('"case file for Acme" names who it cannot find', async () => {
    const [reply] = await respond(
      {
        id: 'web:test:2',
        channel: 'web',
        staff: 'marie',
        lang: 'en',
        text: 'case file for Zyxw Unknown',
        at: new Date(NOW),
      },
      relance.services,
    );
    expect(reply!.summary).toContain('I can\'t find a customer "Zyxw Unknown"');
  });
});
