import { ImportFileError, importFile } from '../../../integrations/import/importer';
import { toStored } from '../../../models/rules/dates';
import { csvFile, importOpts, ledgerSnapshot, openTestLedger } from '../../helpers/ledger';
import { cleanEnv, runTs } from '../../helpers/process';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;

const STAFF = `handle,name,email,role,time_zone,slack_user_id,teams_user_id
marie,Marie Lambert,marie@relance.test,credit_controller,Europe/Paris,U1,
paul,Paul Martin,paul@relance.test,manager,,U2,
`;
// French export: semicolons, French headers, decimal commas, day-first dates.
const CUSTOMERS = `Référence;Raison sociale;Langue;Fuseau horaire;Responsable;Encours;Devise;Délai de paiement;Stratégique;Contact;Fonction contact;Email contact;Téléphone
ACME;Acme SAS;fr;Europe/Paris;marie;50 000,00;EUR;30;oui;Jeanne Roux;Comptable;jeanne@acme.test;+33 1 23 45 67 89
BOLT;Bolt Ltd;en;Europe/London;paul@relance.test;20,000.00;GBP;45;no;John Smith;AP;john@bolt.test;+44 20 1234 5678
`;
const INVOICES = `number,customer_reference,issue_date,due_date,currency,amount,amount_paid
INV-1,ACME,01/10/2026,31/10/2026,EUR,"1 200,00",0
INV-2,ACME,2026-10-15,2026-11-14,EUR,"2,500.50",500
INV-3,BOLT,2026-09-01,2026-10-16,GBP,800,
INV-4,ACME,31/13/2026,2026-11-30,EUR,100,
INV-5,ACME,2026-10-01,2026-10-31,EUR,-50,
INV-6,NOPE,2026-10-01,2026-10-31,EUR,50,
INV-1,ACME,01/10/2026,31/10/2026,EUR,1300,0
`;

beforeAll(async () => {
  ledger = await openTestLedger();
});
afterAll(async () => {
  await ledger.close();
});

describe('CSV import', () => {
  it('stores good rows, reports each bad row with its line, column and reason', async () => {
    expect((await importFile('staff', csvFile('staff.csv', STAFF), importOpts(ledger))).inserted).toBe(2);
    const customers = await importFile('customers', csvFile('clients.csv', CUSTOMERS), importOpts(ledger));
    expect(customers).toMatchObject({ read: 2, inserted: 2, rejected: [] });
    const acme = await ledger.models.Customer.findOne({ reference: 'ACME' }).lean();
    expect(acme).toMatchObject({
      owner: 'marie',
      strategic: true,
      creditLimit: { amount: 5_000_000, currency: 'EUR' },
      paymentTermsDays: 30,
    });
    expect(acme!.contacts[0]).toMatchObject({ name: 'Jeanne Roux', phone: '+33 1 23 45 67 89', usual: true });
    expect((await ledger.models.Customer.findOne({ reference: 'BOLT' }).lean())!.owner).toBe('paul'); // owner given by email

    const invoices = await importFile('invoices', csvFile('invoices.csv', INVOICES), importOpts(ledger));
    expect(invoices).toMatchObject({ read: 7, inserted: 3, updated: 0 });
    expect(invoices.rejected).toEqual([
      {
        row: 5,
        column: 'issue_date',
        reason: 'issue_date is not a date (expected e.g. 31/12/2026 or 2026-12-31)',
      },
      { row: 6, column: 'amount', reason: 'amount must be positive (import credit notes separately)' },
      { row: 7, column: 'customer_reference', reason: 'unknown customer "NOPE" (import customers first)' },
      {
        row: 8,
        column: 'amount',
        reason:
          'invoice INV-1 already exists (line 2 of this file) with amount €1,200.00; an issued invoice does not change — use a credit note',
      },
    ]);
    const inv2 = await ledger.models.Invoice.findOne({ number: 'INV-2' }).lean();
    expect(inv2).toMatchObject({
      amount: 250_050,
      amountPaid: 50_000,
      status: 'partially_paid',
      owner: 'marie',
      dueDate: toStored('2026-11-14'),
    });
    expect(await ledger.models.Invoice.countDocuments()).toBe(3);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await ledgerSnapshot(ledger);
    for (const [kind, name, content] of [
      ['staff', 'staff.csv', STAFF],
      ['customers', 'clients.csv', CUSTOMERS],
      ['invoices', 'invoices.csv', INVOICES],
    ] as const) {
      const report = await importFile(kind, csvFile(name, content), importOpts(ledger));
      expect({ kind, inserted: report.inserted, updated: report.updated }).toEqual({
        kind,
        inserted: 0,
        updated: 0,
      });
    }
    expect(await ledgerSnapshot(ledger)).toEqual(before);
  });

  it('refuses a later import that changes an issued invoice, naming the column', async () => {
    const report = await importFile(
      'invoices',
      csvFile(
        'again.csv',
        'number,customer_reference,issue_date,due_date,currency,amount\nINV-3,BOLT,2026-09-01,2026-10-16,GBP,900\n',
      ),
      importOpts(ledger),
    );
    expect(report.rejected).toEqual([
      {
        row: 2,
        column: 'amount',
        reason:
          'invoice INV-3 already exists (an earlier import) with amount £800.00; an issued invoice does not change — use a credit note',
      },
    ]);
  });

  it('settles invoices with payments, once, and judges the promise they keep', async () => {
    await ledger.models.PaymentPromise.create({
      customer: 'ACME',
      owner: 'marie',
      invoices: ['INV-1'],
      instalments: [{ date: toStored('2026-11-20'), amount: 120_000, currency: 'EUR' }],
      givenOn: toStored('2026-11-10'),
      recordedBy: 'marie',
      operationKey: 'test:promise',
    });
    const payments = `reference,customer_reference,date,currency,amount,invoice_numbers
PAY-1,ACME,2026-11-02,EUR,"700,00",INV-1
PAY-2,ACME,2026-11-19,EUR,3000,INV-1;INV-2
PAY-3,ACME,2026-11-19,EUR,10,INV-404
`;
    const file = csvFile('payments.csv', payments);
    const report = await importFile('payments', file, importOpts(ledger));
    expect(report).toMatchObject({ inserted: 2, promisesJudged: 1 });
    expect(report.rejected).toEqual([
      { row: 4, column: 'invoice_numbers', reason: 'unknown invoice INV-404' },
    ]);

    const [inv1, inv2] = await Promise.all(
      ['INV-1', 'INV-2'].map((n) => ledger.models.Invoice.findOne({ number: n }).lean()),
    );
    // INV-1: 700 + 500 of PAY-2 = paid. INV-2: the rest of PAY-2 (2,500.00); the export's 500.00 is the
    // same money seen earlier, so paid is the larger of the two, not their sum.
    expect(inv1).toMatchObject({ amountPaid: 120_000, status: 'paid' });
    expect(inv1!.allocations.map((a) => [a.payment, a.amount])).toEqual([
      ['PAY-1', 70_000],
      ['PAY-2', 50_000],
    ]);
    expect(inv2).toMatchObject({ amountPaid: 250_000, status: 'partially_paid' });
    expect(
      (await ledger.models.PaymentPromise.findOne({ operationKey: 'test:promise' }).lean())!.status,
    ).toBe('kept');

    const before = await ledgerSnapshot(ledger);
    const again = await importFile('payments', file, importOpts(ledger));
    expect(again).toMatchObject({ inserted: 0, unchanged: 2 });
    expect(await ledgerSnapshot(ledger)).toEqual(before); // no money counted twice
  });

  it('refuses a file without the required columns, naming them', async () => {
    const attempt = importFile('invoices', csvFile('bad.csv', 'number,amount\nX,1\n'), importOpts(ledger));
    await expect(attempt).rejects.toBeInstanceOf(ImportFileError);
    await expect(attempt).rejects.toThrow(
      'missing columns customer_reference, issue_date, due_date (expected headers: number,customer_reference,issue_date,due_date,currency,amount,amount_paid)',
    );
  });

  it('keeps an import activity in the trail for each run, worded in the team’s language', async () => {
    const imports = await ledger.models.Activity.find({ kind: 'import' }).lean();
    expect(imports.length).toBeGreaterThanOrEqual(7);
    expect(ledger.policy.defaultLocale).toBe('fr');
    expect(imports.every((a) => a.author === 'test' && /\d+ nouveaux, \d+ mis à jour/.test(a.summary))).toBe(
      true,
    );
  });
});

describe('npm run relance -- import', () => {
  it('prints the report and exits 1 when rows were rejected (0 when none)', async () => {
    const dir = csvFile('x', '').replace(/\/x$/, '');
    const env = cleanEnv({ DATA_DIR: `${dir}/data` });
    const staff = await runTs('bot/cli.ts', ['import', 'staff', csvFile('staff.csv', STAFF)], env);
    expect(staff.code).toBe(0);
    expect(staff.stdout).toContain('staff: 2 rows read — 2 new, 0 updated, 0 unchanged, 0 rejected');
    const customers = await runTs('bot/cli.ts', ['import', 'customers', csvFile('c.csv', CUSTOMERS)], env);
    expect(customers.code).toBe(0);
    const invoices = await runTs(
      'bot/cli.ts',
      ['import', 'invoices', csvFile('i.csv', INVOICES), '--json'],
      env,
    );
    expect(invoices.code).toBe(1);
    const report = JSON.parse(invoices.stdout);
    expect(report).toMatchObject({ kind: 'invoices', read: 7, inserted: 3 });
    expect(report.rejected.map((r: { row: number }) => r.row)).toEqual([5, 6, 7, 8]);
    const wrongKind = await runTs('bot/cli.ts', ['import', 'widgets', 'x.csv'], env);
    expect(wrongKind.code).not.toBe(0);
    expect(wrongKind.stderr).toContain('Allowed choices are staff, customers, invoices, payments');
  }, 120_000); // four CLI processes, each opening the embedded engine, on a loaded machine
});
