/**
 * The customers import's SIREN, contact civility and sales rep columns (French headers too),
 * and a customer code in a payments file read as the customer, never as the payment's own
 * reference (`code_client` used to be an alias of both).
 */
import { mapHeaders } from '../../../integrations/import/headers';
import { importFile } from '../../../integrations/import/importer';
import { csvFile, importOpts, openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;

beforeAll(async () => {
  ledger = await openTestLedger();
  await importFile(
    'staff',
    csvFile(
      'staff.csv',
      'handle,name,email,role\nmarie,Marie Lambert,marie@relance.test,credit_controller\npaul,Paul Martin,paul@relance.test,credit_controller\n',
    ),
    importOpts(ledger),
  );
});
afterAll(async () => {
  await ledger.close();
});

describe('customers import: SIREN, civility, sales rep', () => {
  it('stores them from French headers, and says what is wrong with a bad one', async () => {
    const file = csvFile(
      'clients.csv',
      'Code client;Raison sociale;Responsable;Devise;Contact;Civilité;SIREN;Commercial\n' +
        'ACME;Acme SAS;marie;EUR;Jeanne Roux;Mme;552 100 554;paul@relance.test\n' +
        'BOLT;Bolt SARL;marie;EUR;Luc Blanc;M.;12345;\n' +
        'CRUX;Crux SA;marie;EUR;Anne Vidal;Dr;;\n' +
        'DUNE;Dune SAS;marie;EUR;Paul Roy;Monsieur;;nobody\n',
    );
    const report = await importFile('customers', file, importOpts(ledger));
    expect(report.inserted).toBe(1);
    const acme = (await ledger.models.Customer.findOne({ reference: 'ACME' }).lean())!;
    expect(acme).toMatchObject({ legalId: '552100554', salesRep: 'paul' });
    expect(acme.contacts[0]).toMatchObject({ name: 'Jeanne Roux', civility: 'ms' });
    const reasons = report.rejected.map((r) => `${r.row}:${r.column}:${r.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^3:legal_id:legal_id must be a SIREN \(9 digits\)/),
      expect.stringMatching(/^4:civility:civility must be M\., Monsieur, Mme/),
      expect.stringMatching(/^5:sales_rep:unknown staff member "nobody"/),
    ]);
  });

  it('reads a customer code as the customer of a payment, not as its reference', async () => {
    const headers = ['Référence règlement', 'Code client', 'Date', 'Devise', 'Montant'];
    expect(mapHeaders('payments', headers).mapping).toEqual([
      'reference',
      'customer_reference',
      'date',
      'currency',
      'amount',
    ]);
    // In a customers file the same column is the customer's own reference.
    expect(mapHeaders('customers', ['Code client', 'Nom']).mapping).toEqual(['reference', 'name']);
    expect(mapHeaders('invoices', ['Numéro de facture', 'Compte client']).mapping).toEqual([
      'number',
      'customer_reference',
    ]);
  });
});
