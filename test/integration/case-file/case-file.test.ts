/**
 * The case file of a demo customer with letters sent, a broken promise and a dispute: the PDF's
 * text (pdf-parse) holds every open invoice, the activities in date order, the penalty total and
 * the SIREN; the CSV has one row per invoice with the same totals; the ZIP holds both and the
 * letters sent as PDFs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { parse } from 'csv-parse/sync';
import { caseFileFiles } from '../../../dialogs/case-file/bundle';
import { CASE_FILE_CSV_HEADERS } from '../../../dialogs/case-file/csv';
import { penaltyTotalText } from '../../../dialogs/case-file/layout';
import { templateDrafter } from '../../../dialogs/drafting/drafter';
import { loadDraftFacts } from '../../../dialogs/drafting/facts';
import { DEFAULT_COMPANY } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { demoSiren, luhnValid } from '../../../integrations/demo/portfolio';
import { appendActivity, openDispute, recordPromise } from '../../../models/ledger/commitments';
import { refreshPromises } from '../../../models/ledger/promises';
import { addDays, toStored } from '../../../models/rules/dates';
import { openTestLedger } from '../../helpers/ledger';
import { cleanEnv, runTs } from '../../helpers/process';

jest.setTimeout(120_000);

/** The demo's own SIREN for FR004 (Luhn-valid), printed from the customers import. */
const SIREN = demoSiren(3);
/** French typography's no-break spaces, as plain spaces: what a reader of the text sees. */
const spaced = (t: string) => t.replace(/[\u00a0\u202f]/g, ' ');
let ledger: Awaited<ReturnType<typeof openTestLedger>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-case-file-'));

beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
  const { models } = ledger;
  const today = ledger.today();
  expect((await models.Customer.findOne({ reference: 'FR004' }).lean())!.legalId).toBe(SIREN);
  expect(luhnValid(SIREN)).toBe(true);
  const open = await models.Invoice.find({ customer: 'FR004', status: { $in: ['open', 'partially_paid'] } })
    .sort({ dueDate: 1 })
    .lean();
  // A reminder letter sent a week ago, as drafted from the ledger.
  const sentOn = addDays(today, -7);
  const facts = await loadDraftFacts(models, ledger.policy, DEFAULT_COMPANY, sentOn, {
    customer: 'FR004',
    step: 'reminder_letter',
  });
  const { content, guards } = await templateDrafter.draft(facts);
  await models.Draft.create({
    key: 'test:letter:FR004',
    customer: 'FR004',
    owner: 'marie',
    step: 'reminder_letter',
    kind: 'reminder_letter',
    lang: 'fr',
    status: 'sent',
    inputs: facts,
    versions: [{ n: 1, content, source: 'template', guards, author: 'relance', at: toStored(sentOn) }],
    requestedBy: 'marie',
    decidedBy: 'marie',
    decidedAt: toStored(sentOn),
    sentAt: toStored(sentOn),
  });
  await appendActivity(models, {
    key: 'test:letter:FR004:sent',
    customer: 'FR004',
    invoices: facts.invoices.map((i) => i.number),
    kind: 'letter',
    channel: 'email',
    author: 'marie',
    at: toStored(sentOn),
    outcome: 'sent',
    summary: 'Relance envoyée par e-mail (test)',
  });
  // A promise for five days ago that nothing paid: broken.
  const promised = open[1]!;
  await recordPromise(models, {
    operationKey: 'test:promise:FR004',
    customer: 'FR004',
    owner: 'marie',
    invoices: [promised.number],
    instalments: [{ date: addDays(today, -5), amount: 50_000, currency: 'EUR' }],
    givenOn: addDays(today, -12),
    recordedBy: 'marie',
  });
  await appendActivity(models, {
    key: 'test:promise:FR004:activity',
    customer: 'FR004',
    invoices: [promised.number],
    kind: 'promise',
    channel: 'phone',
    author: 'marie',
    at: toStored(addDays(today, -12)),
    outcome: 'promised',
    summary: 'Promesse de virement de 500 € (test)',
  });
  await refreshPromises(models, ['FR004'], today, ledger.policy);
  // A dispute on the oldest invoice, noted yesterday.
  const disputed = open[0]!;
  await openDispute(models, {
    operationKey: 'test:dispute:FR004',
    customer: 'FR004',
    owner: 'marie',
    invoice: disputed.number,
    reason: 'quality',
    detail: 'Tissu abîmé à la livraison',
    reviewOn: addDays(today, 5),
    recordedBy: 'marie',
  });
  await appendActivity(models, {
    key: 'test:dispute:FR004:activity',
    customer: 'FR004',
    invoices: [disputed.number],
    kind: 'dispute',
    channel: 'phone',
    author: 'marie',
    at: toStored(addDays(today, -1)),
    outcome: 'quality',
    summary: 'Litige qualité : tissu abîmé (test)',
  });
});

afterAll(async () => {
  await ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the case file', () => {
  it('prints every invoice, the trail in date order, the penalty total and the SIREN; the CSV agrees', async () => {
    const files = await caseFileFiles(
      { models: ledger.models, policy: ledger.policy, company: DEFAULT_COMPANY },
      { customer: 'FR004', asOf: ledger.today() },
    );
    const cf = files.caseFile;
    expect(cf.promises.map((p) => p.status)).toContain('broken');
    expect(cf.disputes).toHaveLength(1);
    expect(cf.letters).toHaveLength(1);
    const disputedInvoice = cf.invoices.find((i) => i.disputed > 0)!;
    // Interest runs on what is owed and not disputed: a wholly disputed invoice bears none.
    expect(disputedInvoice.interest).toBe(0);

    const pdf = path.join(dir, `${files.name}.pdf`);
    fs.writeFileSync(pdf, files.pdf);
    const { stdout: raw, code } = await runTs('test/helpers/pdf-text.ts', [pdf], cleanEnv());
    const text = spaced(raw);
    expect(code).toBe(0);
    const open = await ledger.models.Invoice.find({
      customer: 'FR004',
      status: { $in: ['open', 'partially_paid'] },
    }).lean();
    expect(cf.invoices.map((i) => i.number).sort()).toEqual(open.map((i) => i.number).sort());
    for (const inv of open) expect(text).toContain(inv.number);
    expect(text).toContain(`SIREN / TVA : ${SIREN}`);
    expect(text).toContain(spaced(`arrêtées au 23/11/2026 : ${penaltyTotalText(cf)}`));
    expect(cf.totals[0]!.interest).toBeGreaterThan(0);

    // Every activity of the customer, in the order it happened.
    const trail = await ledger.models.Activity.find({ customer: 'FR004' }).sort({ at: 1 }).lean();
    expect(trail.length).toBeGreaterThanOrEqual(4);
    let from = text.indexOf('Historique des actions');
    for (const a of trail) {
      // Identical summaries (two unanswered calls) are found one after the other.
      const at = text.indexOf(a.summary.slice(0, 30), from);
      expect({ summary: a.summary, found: at >= from }).toEqual({ summary: a.summary, found: true });
      from = at + 1;
    }
    expect(text).toContain('non tenue');
    expect(text).toContain('Tissu abîmé à la livraison');
    expect(text).toContain(spaced(cf.letters[0]!.subject.slice(0, 20)));

    const rows: Array<Record<string, string>> = parse(files.csv, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([...CASE_FILE_CSV_HEADERS]);
    expect(rows.map((r) => r.invoice_number)).toEqual(cf.invoices.map((i) => i.number));
    const sum = (k: string) => rows.reduce((n, r) => n + Math.round(Number(r[k]) * 100), 0);
    const total = cf.totals[0]!;
    expect(sum('remaining')).toBe(total.remaining);
    expect(sum('interest')).toBe(total.interest);
    expect(sum('indemnity_eur')).toBe(cf.indemnityTotal);
    expect(rows.every((r) => r.legal_id === SIREN)).toBe(true);

    const zip = new AdmZip(files.zip);
    const names = zip.getEntries().map((e) => e.entryName);
    expect(names).toEqual(
      expect.arrayContaining([
        `${files.name}.pdf`,
        `${files.name}.csv`,
        expect.stringMatching(/^courriers\/01-.+-reminder_letter\.pdf$/),
      ]),
    );
    const letter = path.join(dir, 'letter.pdf');
    fs.writeFileSync(letter, zip.readFile(names.find((n) => n.startsWith('courriers/'))!)!);
    const letterText = (await runTs('test/helpers/pdf-text.ts', [letter], cleanEnv())).stdout;
    expect(letterText).toContain('Textiles Dubois SAS');
    expect(spaced(letterText)).toContain(spaced(cf.letters[0]!.subject.slice(0, 20)));
  });

  it('refuses an unknown customer with a clear message', async () => {
    await expect(
      caseFileFiles(
        { models: ledger.models, policy: ledger.policy, company: DEFAULT_COMPANY },
        { customer: 'NOPE', asOf: ledger.today() },
      ),
    ).rejects.toThrow('customer NOPE not found');
  });
});
