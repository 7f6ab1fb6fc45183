/**
 * Imports are whole or clearly partial. A file whose CSV structure breaks (a bad quote on
 * line 2,502 after 2,500 good rows) is refused naming the line, and nothing of it is stored;
 * Latin-1 / Windows-1252 files are converted, other encodings refused; only real ISO 4217
 * currencies; bounded amounts and field lengths; the README's own French headers accepted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mapHeaders } from '../../../integrations/import/headers';
import { ImportFileError, importFile } from '../../../integrations/import/importer';
import { csvFile, importOpts, openTestLedger } from '../../helpers/ledger';
import { ROOT } from '../../helpers/process';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;

function bytesFile(name: string, content: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relance-csv-')), name);
  fs.writeFileSync(file, content);
  return file;
}

const HEADER = 'number,customer_reference,issue_date,due_date,currency,amount,amount_paid\n';
const goodRows = (n: number, prefix: string) =>
  Array.from(
    { length: n },
    (_, i) => `${prefix}-${i + 1},ACME,2026-10-01,2026-10-31,EUR,"1 200,00",0\n`,
  ).join('');

beforeAll(async () => {
  ledger = await openTestLedger();
  await importFile(
    'staff',
    csvFile('s.csv', 'handle,name,email\nmarie,Marie,marie@relance.test\n'),
    importOpts(ledger),
  );
  await importFile(
    'customers',
    csvFile('c.csv', 'reference,name,owner,currency\nACME,Acme SAS,marie,EUR\n'),
    importOpts(ledger),
  );
});
afterAll(async () => {
  await ledger.close();
});

const invoicesLike = (prefix: string) =>
  ledger.models.Invoice.countDocuments({ number: new RegExp(`^${prefix}-`) });
const importsRecorded = () => ledger.models.Activity.countDocuments({ kind: 'import' });

describe('a file whose CSV structure breaks is refused whole, naming the line', () => {
  it('an unclosed quote after 2,500 good rows: nothing stored, no import recorded, the line named', async () => {
    const before = await importsRecorded();
    const file = csvFile(
      'broken.csv',
      `${HEADER}${goodRows(2500, 'BQ')}BQ-2501,ACME,2026-10-01,2026-10-31,EUR,"1 200,00,0\n${goodRows(300, 'BQX')}`,
    );
    const err = await importFile('invoices', file, importOpts(ledger)).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.message).toContain('line 2502');
    expect(err.message).toContain('nothing was imported');
    expect(await invoicesLike('BQ')).toBe(0);
    expect(await invoicesLike('BQX')).toBe(0);
    expect(await importsRecorded()).toBe(before);
  });

  it('a quote closed in the middle of a value: refused at its line, nothing stored', async () => {
    const file = csvFile(
      'broken2.csv',
      `${HEADER}${goodRows(2500, 'BC')}BC-2501,ACME,2026-10-01,2026-10-31,EUR,"1 200"x,0\n${goodRows(10, 'BCX')}`,
    );
    const err = await importFile('invoices', file, importOpts(ledger)).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.message).toMatch(/line 2502: a quote closes in the middle of a value/);
    expect(await invoicesLike('BC')).toBe(0);
  });

  it('the same rows, fixed, import whole and are recorded as one import', async () => {
    const before = await importsRecorded();
    const report = await importFile(
      'invoices',
      csvFile('fixed.csv', `${HEADER}${goodRows(2500, 'OK')}`),
      importOpts(ledger),
    );
    expect(report).toMatchObject({ read: 2500, inserted: 2500, rejected: [] });
    expect(await importsRecorded()).toBe(before + 1);
  });
});

describe('encodings', () => {
  const customers = (name: string) => `Référence;Raison sociale;Responsable;Devise\nLAT1;${name};marie;EUR\n`;

  it('converts a Latin-1 / Windows-1252 file instead of storing mojibake', async () => {
    const report = await importFile(
      'customers',
      bytesFile('latin1.csv', Buffer.from(customers('Société Générale Électricité — Cœur'), 'latin1')),
      importOpts(ledger),
    );
    // (Node's latin1 writes "—" and "œ" as their low bytes: use real Windows-1252 bytes below.)
    expect(report.encoding).toBe('windows-1252');
    expect(report.rejected).toEqual([]);
    const cp1252 = Buffer.concat([
      Buffer.from('Référence;Raison sociale;Responsable;Devise\nLAT2;C', 'latin1'),
      Buffer.from([0x9c]), // œ in Windows-1252
      Buffer.from('ur de Lyon ', 'latin1'),
      Buffer.from([0x80]), // €
      Buffer.from(';marie;EUR\n', 'latin1'),
    ]);
    await importFile('customers', bytesFile('cp1252.csv', cp1252), importOpts(ledger));
    expect((await ledger.models.Customer.findOne({ reference: 'LAT2' }).lean())!.name).toBe('Cœur de Lyon €');
    expect((await ledger.models.Customer.findOne({ reference: 'LAT1' }).lean())!.name).toMatch(
      /^Société Générale Électricité/,
    );
  });

  it('reads UTF-8 with a BOM; refuses UTF-16 and binary files with the reason, storing nothing', async () => {
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(customers('Écoles Réunies'), 'utf8'),
    ]);
    const report = await importFile('customers', bytesFile('bom.csv', bom), importOpts(ledger));
    expect(report).toMatchObject({ encoding: 'utf-8', inserted: 0, updated: 1, rejected: [] });
    expect((await ledger.models.Customer.findOne({ reference: 'LAT1' }).lean())!.name).toBe('Écoles Réunies');

    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(customers('U16 SA').replace('LAT1', 'U16'), 'utf16le'),
    ]);
    await expect(importFile('customers', bytesFile('u16.csv', utf16), importOpts(ledger))).rejects.toThrow(
      /UTF-16/,
    );
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x81, 0x8d]);
    await expect(importFile('customers', bytesFile('x.csv', binary), importOpts(ledger))).rejects.toThrow(
      ImportFileError,
    );
    expect(await ledger.models.Customer.countDocuments({ reference: 'U16' })).toBe(0);
  });
});

describe('values', () => {
  it('accepts only real ISO 4217 currencies (XXX, ABC, ZZZ refused; XOF accepted)', async () => {
    const file = csvFile(
      'cur.csv',
      `${HEADER}CU-1,ACME,2026-10-01,2026-10-31,ABC,100,0\nCU-2,ACME,2026-10-01,2026-10-31,ZZZ,100,0\nCU-3,ACME,2026-10-01,2026-10-31,XXX,100,0\nCU-4,ACME,2026-10-01,2026-10-31,XTS,100,0\nCU-5,ACME,2026-10-01,2026-10-31,XOF,100,0\nCU-6,ACME,2026-10-01,2026-10-31,gbp,100,0\n`,
    );
    const report = await importFile('invoices', file, importOpts(ledger));
    expect(report.rejected.map((r) => [r.row, r.column, r.reason])).toEqual(
      [2, 3, 4, 5].map((row) => [row, 'currency', 'currency must be an ISO 4217 code such as EUR']),
    );
    expect(report.inserted).toBe(2);
  });

  it('bounds amounts so that no total can pass Number.MAX_SAFE_INTEGER', async () => {
    const file = csvFile(
      'huge.csv',
      `${HEADER}HU-1,ACME,2026-10-01,2026-10-31,EUR,99999999999999999999,0\nHU-2,ACME,2026-10-01,2026-10-31,EUR,"1 000 000 000,01",0\nHU-3,ACME,2026-10-01,2026-10-31,EUR,90071992547409.91,0\nHU-4,ACME,2026-10-01,2026-10-31,EUR,"1 000 000 000,00",0\n`,
    );
    const report = await importFile('invoices', file, importOpts(ledger));
    expect(report.rejected.map((r) => [r.row, r.column])).toEqual([
      [2, 'amount'],
      [3, 'amount'],
      [4, 'amount'],
    ]);
    for (const r of report.rejected) expect(r.reason).toMatch(/larger than the largest amount accepted/);
    expect(report.inserted).toBe(1);
    const credit = csvFile(
      'cl.csv',
      'reference,name,owner,currency,credit_limit\nBIG,Big,marie,EUR,99999999999999\n',
    );
    expect((await importFile('customers', credit, importOpts(ledger))).rejected[0]).toMatchObject({
      column: 'credit_limit',
    });
  });

  it('limits field lengths: a 5 MB name is rejected with its row, the other rows stored', async () => {
    // (a 5 MB cell takes csv-parse a few seconds on a loaded machine)
    const file = csvFile(
      'long.csv',
      `reference,name,owner,currency\nLONG1,${'x'.repeat(5 * 1024 * 1024)},marie,EUR\nLONG2,Normal SA,marie,EUR\n${'R'.repeat(65)},Ref Too Long,marie,EUR\n`,
    );
    const report = await importFile('customers', file, importOpts(ledger));
    expect(report.rejected).toEqual([
      { row: 2, column: 'name', reason: 'name is longer than 500 characters' },
      { row: 4, column: 'reference', reason: 'reference is longer than 64 characters' },
    ]);
    expect(await ledger.models.Customer.countDocuments({ reference: /^LONG/ })).toBe(1);
  }, 90_000);
});

describe('headers', () => {
  it('accepts every French header the README documents', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const sentence = /French headers are accepted too, e\.g\.([\s\S]*?)\):/.exec(readme)?.[1] ?? '';
    const headers = [...sentence.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(headers).toContain('Numéro de facture');
    expect(headers.length).toBeGreaterThanOrEqual(9);
    for (const h of headers) {
      const used = (['staff', 'customers', 'invoices', 'payments'] as const).some(
        (kind) => mapHeaders(kind, [h]).mapping[0] !== null,
      );
      expect([h, used]).toEqual([h, true]);
    }
    expect(mapHeaders('invoices', ['Numéro de facture']).mapping).toEqual(['number']);
  });
});
