import { type RunningRelance, startRelance } from '../../../bot/app';
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { fixedClock } from '../../../models/clock';
import { NOW } from '../../helpers/ledger';

const KEY = 'test-key-0123456789abcdef';
const ADMIN_KEY = 'admin-key-0123456789abcdef';
const asAdmin = { authorization: `Bearer ${ADMIN_KEY}` };
let relance: RunningRelance;

beforeAll(async () => {
  const config = parseConfig({
    PORT: '0',
    DATA_DIR: '',
    DEMO_DATA: 'false',
    INGEST_API_KEY: KEY,
    INGEST_ADMIN_KEY: ADMIN_KEY,
    SCHEDULER_ENABLED: 'false',
  });
  relance = await startRelance(config, memoryLogger('silent').logger, fixedClock(NOW));
});
afterAll(async () => {
  await relance.stop();
});

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${KEY}` },
) {
  return fetch(`${relance.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the ingest API', () => {
  it('refuses a request without the API key, or with a wrong one (401)', async () => {
    expect((await post('/api/v1/staff', { handle: 'x' }, {})).status).toBe(401);
    const wrong = await post('/api/v1/staff', { handle: 'x' }, { 'x-api-key': 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('answers 400 naming the row and field, and stores nothing', async () => {
    const res = await post(
      '/api/v1/staff',
      [
        { handle: 'marie', name: 'Marie', email: 'marie@relance.test' },
        { handle: 'paul', name: 'Paul', email: 'not-an-email' },
      ],
      asAdmin,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'VALIDATION',
      message: '1 invalid row(s); nothing was stored',
      problems: [{ index: 1, field: 'email', message: 'not an email address' }],
    });
    expect(await relance.ledger.models.Staff.countDocuments()).toBe(0);
    expect((await post('/api/v1/invoices', 'just text')).status).toBe(400);
  });

  it('stores valid rows (200) with the same fields as the CSV, and reports rows the ledger refuses (422)', async () => {
    expect(
      (await post('/api/v1/staff', { handle: 'marie', name: 'Marie', email: 'marie@relance.test' }, asAdmin))
        .status,
    ).toBe(200);
    const customer = await post('/api/v1/customers', {
      reference: 'ACME',
      name: 'Acme SAS',
      owner: 'marie',
      currency: 'EUR',
      credit_limit: 50000,
    });
    expect(customer.status).toBe(200);
    expect(await customer.json()).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: [] });
    const invoices = await post('/api/v1/invoices', [
      {
        number: 'INV-9',
        customer_reference: 'ACME',
        issue_date: '2026-10-01',
        due_date: '2026-10-31',
        currency: 'EUR',
        amount: 1234.56,
      },
      {
        number: 'INV-10',
        customer_reference: 'GHOST',
        issue_date: '2026-10-01',
        due_date: '2026-10-31',
        currency: 'EUR',
        amount: '99,00',
      },
    ]);
    expect(invoices.status).toBe(422);
    expect(await invoices.json()).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          index: 1,
          field: 'customer_reference',
          message: 'unknown customer "GHOST" (import customers first)',
        },
      ],
    });
    expect(await relance.ledger.models.Invoice.findOne({ number: 'INV-9' }).lean()).toMatchObject({
      amount: 123_456,
      owner: 'marie',
    });
    const bad = await post('/api/v1/invoices', {
      number: 'INV-11',
      customer_reference: 'ACME',
      issue_date: '2026-10-01',
      due_date: 'soon',
      amount: 'abc',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { problems: Array<{ field: string }> };
    expect(body.problems.map((p) => p.field)).toEqual(['due_date', 'amount']);
  });
});
