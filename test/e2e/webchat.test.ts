/**
 * End to end: the product started on its embedded defaults (demo data), the local web chat
 * opened in headless Chromium (Debian's, through playwright-core). A controller asks who to
 * call, approves a draft, logs a call and confirms it; the approval and the promise are then
 * found in MongoDB. Screenshots go to the temp folder (relance-webchat-shots/), not the repository.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type RunningRelance, startRelance } from '../../bot/app';
import { parseConfig } from '../../integrations/config';
import { memoryLogger } from '../../integrations/logger';
import { fixedClock } from '../../models/clock';
import { launchChromium } from '../helpers/chromium';
import { NOW } from '../helpers/ledger';

const SHOTS = path.join(os.tmpdir(), 'relance-webchat-shots');
// Without SMTP_URL (the embedded default) approved mail goes to the local outbox.
const OUTBOX = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-webchat-outbox-'));
let relance: RunningRelance;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  relance = await startRelance(
    // No scheduler: its catch-up would slip this morning's digest into the first answers.
    parseConfig({ PORT: '0', DATA_DIR: '', SCHEDULER_ENABLED: 'false', OUTBOX_DIR: OUTBOX }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await relance?.stop();
});

async function say(text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}
/** The last card containing this text. */
const cardWith = (text: string | RegExp) => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });

describe('the local web chat', () => {
  it('serves the page with Web Chat from the package, as the demo controller', async () => {
    await page.goto(`${relance.url}/chat`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#who').inputValue()).toBe('marie');
    expect(await page.locator('#who option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Marie Lambert/), expect.stringMatching(/Tom Fletcher/)]),
    );
    await shot('1-opened');
  }, 60_000);

  it('answers "who should I call today" with the worklist card', async () => {
    await say('who should I call today?');
    const card = cardWith('Calls for Marie Lambert, today');
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('button', { hasText: 'Log outcome' }).count()).toBeGreaterThan(0);
    await shot('2-worklist');
  }, 60_000);

  it('opens a draft and approves it: the mail is in the outbox and readable from the chat', async () => {
    await say('draft a reminder letter for Textiles Dubois');
    const card = cardWith('Draft — reminder letter — Textiles Dubois SAS (FR004)');
    await card.waitFor({ timeout: 20_000 });
    await shot('3-draft');
    // The drafter's warning is read first; then the card offers Approve.
    await card.locator('button', { hasText: 'Acknowledge warnings' }).click();
    const read = cardWith(/acknowledged by marie|lus par marie/);
    await read.waitFor({ timeout: 20_000 });
    await read.locator('button', { hasText: /^(Approve|Valider)$/ }).click();
    await cardWith(/Décision|Decision/).waitFor({ timeout: 20_000 });
    await shot('4-approved');
    const approval = await relance.ledger.models.Activity.findOne({
      kind: 'approval',
      customer: 'FR004',
    }).lean();
    expect(approval).toMatchObject({ author: 'marie', outcome: 'approved' });
    const sent = await relance.ledger.models.Draft.find({ customer: 'FR004', status: 'sent' }).lean();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.proof).toMatchObject({ kind: 'outbox' });
    const mails = fs.readdirSync(OUTBOX).filter((f) => f.endsWith('.eml'));
    expect(mails).toHaveLength(1);
    // The updated card links to the mail sent and to its PDF, on the product's own server.
    const decided = cardWith(/Décision|Decision/);
    await decided.locator('button', { hasText: /Read the mail sent|Lire l’e-mail envoyé/ }).waitFor();
    expect(await decided.locator('button', { hasText: /Letter PDF|Lettre PDF/ }).count()).toBe(1);
    const mail = await fetch(relance.services.links!.mail(sent[0]!.key));
    expect(mail.status).toBe(200);
    expect(await mail.text()).toContain(`X-Relance-Ref: ${sent[0]!.ref}`);
    const pdf = await fetch(relance.services.links!.pdf(sent[0]!.key, 1));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      (
        await fetch(
          `${relance.url}/files/mail/${encodeURIComponent(sent[0]!.key)}.eml?exp=9999999999&sig=forged`,
        )
      ).status,
    ).toBe(404);
  }, 60_000);

  it('logs a call outcome typed in the chat and confirms it', async () => {
    await say(
      'Textiles Dubois: spoke to Julien Garnier, will pay 5k Friday, FA-2026-1028 disputed: rolls arrived damaged',
    );
    const card = cardWith('To record — Textiles Dubois SAS (FR004)');
    await card.waitFor({ timeout: 20_000 });
    await shot('5-note');
    await card.locator('button', { hasText: 'Confirm' }).click();
    await page
      .getByText(/Recorded for Textiles Dubois SAS|Enregistré pour Textiles Dubois SAS/)
      .last()
      .waitFor({ timeout: 20_000 });
    await shot('6-recorded');
    const m = relance.ledger.models;
    const promise = await m.PaymentPromise.findOne({ customer: 'FR004', status: 'pending' }).lean();
    expect(promise!.instalments[0]!.amount).toBe(500_000);
    expect(await m.Dispute.countDocuments({ customer: 'FR004', invoices: 'FA-2026-1028' })).toBe(1);
  }, 60_000);
});
