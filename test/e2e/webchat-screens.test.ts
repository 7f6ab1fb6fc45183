/**
 * What people see in the web chat, in headless Chromium at desktop width and at 390 px (a
 * phone), in French (Marie) and in English (Tom): the greeting, the worklist, the digest with
 * its details, a customer card, a draft card and a call-note confirmation. Each screen is
 * checked on the rendered DOM as a reader would: entries numbered 1..N, the "> 90" column in
 * its table, no label broken inside a word, no raw code, one language, nothing cut sideways,
 * phone numbers tap-to-call; then a reload shows the conversation again, to Marie only.
 * Screenshots go to the temp folder (relance-webchat-shots/screens/), not the repository.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { type RunningRelance, startRelance } from '../../bot/app';
import { parseConfig } from '../../integrations/config';
import { memoryLogger } from '../../integrations/logger';
import { fixedClock } from '../../models/clock';
import { launchChromium } from '../helpers/chromium';
import { NOW } from '../helpers/ledger';

const SHOTS = path.join(os.tmpdir(), 'relance-webchat-shots', 'screens');
const OUTBOX = fs.mkdtempSync(path.join(os.tmpdir(), 'relance-webchat-screens-outbox-'));
const WIDTHS = [
  { name: 'desktop', width: 1100, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
/** A loaded 2-core machine: every wait is for something to appear, generously. */
const WAIT = 45_000;

let relance: RunningRelance;
let browser: Browser;
/** Names a reader sees that are nobody's language (customers, contacts, people). */
let properNames: string[] = [];

type Lang = 'fr' | 'en';
interface Person {
  handle: 'marie' | 'tom';
  lang: Lang;
  page: Page;
}
const people: Partial<Record<Lang, Person>> = {};

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  relance = await startRelance(
    parseConfig({ PORT: '0', DATA_DIR: '', SCHEDULER_ENABLED: 'false', OUTBOX_DIR: OUTBOX }),
    memoryLogger('silent').logger,
    fixedClock(NOW),
  );
  const m = relance.ledger.models;
  // Tom reads English: his profile says so (the page and the greeting follow it).
  await m.Staff.updateOne({ handle: 'tom' }, { $set: { language: 'en' } });
  const customers = await m.Customer.find({}, { name: 1, contacts: 1 }).lean();
  const staff = await m.Staff.find({}, { name: 1 }).lean();
  properNames = [
    ...customers.flatMap((c) => [
      c.name,
      ...((c as { contacts?: Array<{ name?: string }> }).contacts ?? []).map((x) => x.name ?? ''),
    ]),
    ...staff.map((s) => s.name),
  ]
    .filter((n) => n && n.length > 2)
    .sort((a, b) => b.length - a.length);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await relance?.stop();
});

async function open(handle: 'marie' | 'tom', lang: Lang): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addInitScript({ path: path.join(__dirname, 'webchat-measure.js') });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  await page.goto(`${relance.url}/chat?as=${handle}`);
  await page.locator('[data-id="webchat-sendbox-input"]').waitFor();
  const person = { handle, lang, page };
  people[lang] = person;
  return person;
}

async function say(p: Person, text: string): Promise<void> {
  const input = p.page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}

/** The last card whose text matches, once it is there. */
async function card(p: Person, text: string | RegExp): Promise<Locator> {
  const found = p.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  await found.waitFor();
  return found;
}

/** A button of the greeting (Web Chat's suggested actions). */
const suggested = (p: Person, title: string) =>
  p.page.locator('.webchat__suggested-actions button', { hasText: title });

/** What a reader sees of a card, measured in the page. */
interface Seen {
  /** Each text block as shown (an ordered list's marker included), in order. */
  blocks: Array<{ text: string; top: number; bottom: number; left: number; right: number }>;
  /** Labels and values whose words are split across lines ("Promis/e"). */
  splitWords: string[];
  /** Markdown read as a quote or a heading where text was meant. */
  quotes: number;
  tel: string[];
  cardRight: number;
}

/** The measures run in the page (webchat-measure.js, plain browser code). */
interface InPage {
  relanceMeasure(card: unknown): Seen;
  relanceFrame(): Frame;
}
// Each function is sent to the page alone: it names the page's globals, nothing of this module.
const seenOf = (card: Locator) => card.evaluate((el) => (globalThis as unknown as InPage).relanceMeasure(el));
const frameOf = (page: Page) => page.evaluate(() => (globalThis as unknown as InPage).relanceFrame());
interface Frame {
  width: number;
  page: number;
  header: { scroll: number; client: number };
  picker: number;
  pickerText: string;
}

const WORDS: Record<Lang, RegExp> = {
  // English a French reader must not meet (kinds, outcomes, reasons, labels).
  fr: /\b(letter|call|email|reminder|registered|sent|no answer|overdue|days|late|approved|price|quality|billing|dispute|draft|today|the|and|with|by)\b/i,
  // French an English reader must not meet.
  en: /\b(lettre|appel|appels|relance recommandée|envoyée?|pas de réponse|jours|échu|retard|validé|brouillon|enregistré|facture|factures|aujourd’hui|aujourd'hui|détails|litige|promesse|par|avec|pour)\b/i,
};

function readerText(seen: Seen): string {
  let text = seen.blocks.map((b) => b.text).join('\n');
  // Proper names, addresses of mail and the web are nobody's language.
  for (const n of properNames) text = text.split(n).join('·');
  return text.replace(/\S+@\S+/g, '·').replace(/https?:\/\/\S+/g, '·');
}

/** Every check a reader would make, at one width. */
function expectReadable(seen: Seen, lang: Lang, what: string): void {
  const text = readerText(seen);
  if (process.env.SCREENS_DUMP) fs.writeFileSync(path.join(SHOTS, `${what}.txt`), text);
  expect({ what, splitWords: seen.splitWords }).toEqual({ what, splitWords: [] });
  expect({ what, quotes: seen.quotes }).toEqual({ what, quotes: 0 });
  // No raw code: snake_case identifiers, a reason code before its dash.
  expect({ what, code: /\b[a-z]+_[a-z_]+\b/.exec(text)?.[0] ?? null }).toEqual({ what, code: null });
  expect({ what, reason: /\b(price|quality|other|delivery)\s+—/.exec(text)?.[0] ?? null }).toEqual({
    what,
    reason: null,
  });
  // One language.
  expect({ what, foreign: WORDS[lang].exec(text)?.[0] ?? null }).toEqual({ what, foreign: null });
  if (lang === 'fr') expect({ what, gbp: /£GB/.test(text) }).toEqual({ what, gbp: false });
}

/** Ranked entries read "1.", "2.", … in order. */
function expectNumbered(seen: Seen, what: string): void {
  const ranks = seen.blocks.map((b) => /^(\d+)\.\s+\S/.exec(b.text)).filter((m) => m !== null);
  const numbers = ranks.map((m) => Number(m[1]));
  expect(numbers.length).toBeGreaterThanOrEqual(2);
  expect({ what, numbers }).toEqual({ what, numbers: numbers.map((_, i) => i + 1) });
}

/**
 * The "> 90" bucket is in its table, not read as a quote: its amount is beside it in its row
 * (a table of one row per bucket), or under it in its column, level with the total's.
 */
function expectAgedTable(seen: Seen, what: string): void {
  const over90 = seen.blocks.find((b) => /^>\s?90\b/.test(b.text));
  expect({ what, label: over90?.text ?? null }).toEqual({ what, label: expect.stringMatching(/^>\s?90/) });
  const amount = (b: Seen['blocks'][number]) => /\d/.test(b.text) && b !== over90;
  const level = (a: { top: number }, b: { top: number }) => Math.abs(a.top - b.top) < 4;
  const beside = seen.blocks.find((b) => amount(b) && level(b, over90!) && b.left >= over90!.right - 1);
  const below = (h: Seen['blocks'][number]) =>
    seen.blocks
      .filter((b) => amount(b) && b.top >= h.bottom - 1 && b.left < h.right && b.right > h.left)
      .sort((x, y) => x.top - y.top)[0];
  const total = seen.blocks.find((b) => /^total$/i.test(b.text) && level(b, over90!));
  const under = below(over90!);
  const totalUnder = total && below(total);
  const inTable = Boolean(beside) || Boolean(under && totalUnder && level(under, totalUnder));
  expect({ what, inTable }).toEqual({ what, inTable: true });
}

/**
 * One screen at both widths: checks (and `more`) on the card, the page's frame at 390 px, a
 * screenshot of each.
 */
async function screen(
  p: Person,
  name: string,
  cardEl: Locator,
  more: (seen: Seen, width: string) => void = () => undefined,
): Promise<void> {
  // Pictures and measures at both widths first, so that a failed check has both to look at.
  const measured: Array<{ what: string; width: string; seen: Seen; f: Frame }> = [];
  for (const w of WIDTHS) {
    await p.page.setViewportSize({ width: w.width, height: w.height });
    await p.page.waitForFunction(`window.innerWidth === ${w.width}`);
    await cardEl.scrollIntoViewIfNeeded();
    // Two frames: Web Chat and the card have laid themselves out at this width.
    await p.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await cardEl.screenshot({ path: path.join(SHOTS, `${p.lang}-${name}-${w.name}.png`) });
    measured.push({
      what: `${p.lang} ${name} (${w.name})`,
      width: w.name,
      seen: await seenOf(cardEl),
      f: await frameOf(p.page),
    });
  }
  await p.page.setViewportSize({ width: 1100, height: 900 });
  for (const { what, width, seen, f } of measured) {
    expectReadable(seen, p.lang, what);
    more(seen, width);
    // Nothing cut sideways: the page, the header, the picker and the card within the screen.
    expect({
      what,
      page: f.page,
      header: f.header.scroll,
      picker: f.picker <= f.width,
      card: seen.cardRight <= f.width,
    }).toEqual({
      what,
      page: f.width,
      header: f.header.client,
      picker: true,
      card: true,
    });
  }
}

const SCRIPTS: Record<
  Lang,
  {
    handle: 'marie' | 'tom';
    greeting: RegExp;
    tries: string[];
    worklist: RegExp;
    digest: RegExp;
    digestAsk: string;
    details: string;
    detailsCard: RegExp;
    cardAsk: (name: string) => string;
    draftAsk: (name: string) => string;
    draftCard: RegExp;
    note: (name: string, contact: string) => string;
    toRecord: RegExp;
    confirm: RegExp;
    recorded: RegExp;
    pickerRole: RegExp;
  }
> = {
  fr: {
    handle: 'marie',
    greeting: /^Bonjour Marie, je suis Relance/,
    tries: ['Qui dois-je appeler aujourd’hui ?', 'Mon point du matin', 'Brouillons à valider'],
    worklist: /Appels pour Marie Lambert/,
    digest: /Bonjour Marie/,
    digestAsk: 'résumé',
    details: 'Détails',
    detailsCard: /Balance âgée/,
    cardAsk: (name) => `fiche ${name}`,
    draftAsk: (name) => `prépare une relance pour ${name}`,
    draftCard: /^Brouillon/,
    note: (name, contact) => `${name} : eu ${contact}, il paiera 500 € vendredi`,
    toRecord: /^À enregistrer/,
    confirm: /^Confirmer$/,
    recorded: /Enregistré pour/,
    pickerRole: /Marie Lambert \(chargé·e de recouvrement\)/,
  },
  en: {
    handle: 'tom',
    greeting: /^Good morning Tom, I’m Relance/,
    tries: ['Who should I call today?', 'My morning digest', 'Drafts to approve'],
    worklist: /Calls for Tom Fletcher/,
    digest: /Good morning Tom/,
    digestAsk: 'digest',
    details: 'Details',
    detailsCard: /Aged balance/,
    cardAsk: (name) => `show ${name}`,
    draftAsk: (name) => `draft a reminder for ${name}`,
    draftCard: /^Draft/,
    note: (name, contact) => `${name}: spoke to ${contact}, will pay 500 on Friday`,
    toRecord: /^To record/,
    confirm: /^Confirm$/,
    recorded: /Recorded for/,
    pickerRole: /Tom Fletcher \(credit controller\)/,
  },
};

describe.each(['fr', 'en'] as const)('the web chat read in %s, on a desktop and on a phone', (lang) => {
  const s = SCRIPTS[lang];
  let p: Person;
  /** The customer at the top of the list: the one the next screens are about. */
  let top: { name: string; ref: string; contact: string };

  it('opens with a greeting and three things to try, in the person’s language', async () => {
    p = await open(s.handle, lang);
    const greeting = p.page.locator('.webchat__bubble').filter({ hasText: s.greeting }).last();
    await greeting.waitFor();
    for (const t of s.tries) await suggested(p, t).waitFor();
    expect(await p.page.locator('.webchat__suggested-actions button').allTextContents()).toEqual(s.tries);
    expect(await p.page.evaluate('document.documentElement.lang')).toBe(lang);
    for (const w of WIDTHS) {
      await p.page.setViewportSize({ width: w.width, height: w.height });
      await p.page.waitForFunction(`window.innerWidth === ${w.width}`);
      const f = await frameOf(p.page);
      expect(f.pickerText).toMatch(s.pickerRole);
      expect(f.page).toBeLessThanOrEqual(f.width);
      expect(f.header.scroll).toBeLessThanOrEqual(f.header.client);
      expect(f.picker).toBeLessThanOrEqual(f.width);
      // Every button of the greeting is on the screen, none behind a carousel's arrow.
      for (const t of s.tries) {
        const box = (await suggested(p, t).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(f.width);
      }
      await p.page.screenshot({ path: path.join(SHOTS, `${lang}-opened-${w.name}.png`) });
    }
    await p.page.setViewportSize({ width: 1100, height: 900 });
  }, 120_000);

  it('shows the worklist: entries numbered 1..N, phone numbers tap-to-call', async () => {
    await suggested(p, s.tries[0]!).click();
    const list = await card(p, s.worklist);
    // The first entry names the customer the next screens are about.
    // (One of their language: a letter is written in the customer's, the card in the reader's.)
    const country = lang === 'fr' ? 'FR' : 'UK';
    const first = (await seenOf(list)).blocks.find((b) =>
      new RegExp(`^\\d+\\.\\s.*\\(${country}\\d{3}\\)`).test(b.text),
    )!.text;
    const m = /^\d+\.\s+(.+?)\s+\(([A-Z]{2}\d{3})\)/.exec(first)!;
    const customer = await relance.ledger.models.Customer.findOne({ reference: m[2] }).lean();
    top = { name: m[1]!, ref: m[2]!, contact: customer?.contacts[0]?.name ?? 'the accountant' };
    await screen(p, 'worklist', list, (seen) => {
      expectNumbered(seen, `${lang} worklist`);
      expect(seen.tel.length).toBeGreaterThan(0);
      for (const href of seen.tel) expect(href).toMatch(/^tel:\+?\d{9,15}$/);
    });
  }, 120_000);

  it('shows the digest and its details: the aged balance is a table with its "> 90" column', async () => {
    // The greeting's buttons go once something else is said: asked in words.
    await say(p, s.digestAsk);
    const digest = await card(p, s.digest);
    await screen(p, 'digest', digest);
    await digest
      .locator('button', { hasText: new RegExp(`^${s.details}$`) })
      .first()
      .click();
    const details = await card(p, s.detailsCard);
    await screen(p, 'digest-details', details, (seen) => expectAgedTable(seen, `${lang} digest details`));
  }, 120_000);

  it('shows a customer card: its aged balance, its contact’s phone tap-to-call', async () => {
    await say(p, s.cardAsk(top.name));
    const c = await card(p, new RegExp(`^${top.name} \\(${top.ref}\\)`));
    await screen(p, 'customer', c, (seen) => {
      expectAgedTable(seen, `${lang} customer card`);
      expect(seen.tel.length).toBeGreaterThan(0);
    });
  }, 120_000);

  it('shows a draft card', async () => {
    await say(p, s.draftAsk(top.name));
    const d = await card(p, s.draftCard);
    await screen(p, 'draft', d);
  }, 120_000);

  it('shows a call note to confirm, then its confirmation', async () => {
    await say(p, s.note(top.name, top.contact));
    const note = await card(p, s.toRecord);
    await screen(p, 'note', note);
    await note.locator('button', { hasText: s.confirm }).click();
    const done = p.page.locator('.webchat__bubble').filter({ hasText: s.recorded }).last();
    await done.waitFor();
    await screen(p, 'recorded', done.locator('.ac-adaptiveCard, .webchat__text-content').first());
  }, 120_000);
});

describe('the conversation across a reload', () => {
  it('is shown again to Marie after a reload, and never on Tom’s page', async () => {
    const marie = people.fr!;
    const before = await marie.page.locator('.ac-adaptiveCard').count();
    expect(before).toBeGreaterThanOrEqual(5);
    await relance.webchat!.idle();
    await marie.page.reload();
    await marie.page
      .locator('.webchat__bubble')
      .filter({ hasText: /voici notre conversation/ })
      .waitFor();
    await card(marie, /Appels pour Marie Lambert/);
    expect(await marie.page.locator('.ac-adaptiveCard').count()).toBe(before);
    await marie.page.screenshot({ path: path.join(SHOTS, 'fr-reloaded.png') });

    const tom = people.en!;
    await tom.page.reload();
    await tom.page
      .locator('.webchat__bubble')
      .filter({ hasText: /here is where we left off/ })
      .waitFor();
    expect(
      await tom.page
        .locator('.ac-adaptiveCard')
        .filter({ hasText: /Appels pour Marie Lambert/ })
        .count(),
    ).toBe(0);
    expect(
      await tom.page
        .locator('.ac-adaptiveCard')
        .filter({ hasText: /Calls for Tom Fletcher/ })
        .count(),
    ).toBe(1);
  }, 120_000);
});
