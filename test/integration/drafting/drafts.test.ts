/**
 * Drafts as stored: asked once per operation, every version guarded, an edit that breaks a
 * fact blocks approval, only the owner or a manager decides, a decision happens once and goes
 * into the trail.
 */
import { acknowledgeWarnings } from '../../../dialogs/drafting/approval-gate';
import {
  decideDraft,
  editDraft,
  latest,
  regenerateDraft,
  requestDraft,
} from '../../../dialogs/drafting/drafts';
import { parseConfig } from '../../../integrations/config';
import { loadDemo } from '../../../integrations/demo/load';
import { openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
let services: TestLedger & { company: ReturnType<typeof parseConfig>['company'] };
beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
  services = { ...ledger, company: parseConfig({ DATA_DIR: '' }).company };
});
afterAll(async () => {
  await ledger.close();
});

describe('stored drafts', () => {
  it('drafts once per operation key, with its facts, step, language and guard results', async () => {
    const a = await requestDraft(services, { key: 'web:d1', customer: 'FR004', by: 'marie' });
    const again = await requestDraft(services, { key: 'web:d1', customer: 'FR004', by: 'marie' });
    expect(await ledger.models.Draft.countDocuments({ key: 'web:d1' })).toBe(1);
    expect(again.versions).toHaveLength(1);
    expect(a).toMatchObject({
      customer: 'FR004',
      owner: 'marie',
      step: 'manager_call',
      lang: 'fr',
      status: 'awaiting_approval',
    });
    expect(latest(a).guards.facts.ok).toBe(true);
    expect(latest(a).source).toBe('template');
  });

  it('guards an edit again: a wrong figure blocks approval until it is fixed', async () => {
    const d = await requestDraft(services, {
      key: 'web:d2',
      customer: 'FR004',
      step: 'reminder_letter',
      by: 'marie',
    });
    const content = latest(d).content;
    const wrong = await editDraft(
      services,
      'web:d2',
      { ...content, paragraphs: [...content.paragraphs, 'Total: 99 999,00 €.'] },
      'marie',
    );
    expect(wrong.status).toBe('blocked');
    expect(wrong.versions).toHaveLength(2);
    expect(latest(wrong).guards.facts.problems[0]!.found).toBe('99 999,00 €');
    await expect(decideDraft(services, 'web:d2', 'approve', 'marie')).rejects.toThrow(/failed a guard/);
    const fixed = await editDraft(
      services,
      'web:d2',
      { ...content, paragraphs: ['Merci de votre attention.', ...content.paragraphs] },
      'marie',
    );
    expect(fixed.status).toBe('edited');
    expect(latest(fixed).source).toBe('edit');
    await expect(editDraft(services, 'web:d2', { subject: '' }, 'marie')).rejects.toThrow(/incomplete/);
  });

  it('lets only the owner or a manager decide, once, and records the approval', async () => {
    await requestDraft(services, { key: 'web:d3', customer: 'FR004', step: 'reminder_letter', by: 'marie' });
    await expect(decideDraft(services, 'web:d3', 'approve', 'tom')).rejects.toThrow(/only marie/);
    await expect(decideDraft(services, 'web:d3', 'approve', 'marie')).rejects.toThrow(
      /warning to acknowledge/,
    );
    await expect(acknowledgeWarnings(services, 'web:d3', 'tom')).rejects.toThrow(/only marie/);
    await acknowledgeWarnings(services, 'web:d3', 'marie');
    const approved = await decideDraft(services, 'web:d3', 'approve', 'marie');
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'marie' });
    await expect(decideDraft(services, 'web:d3', 'approve', 'marie')).rejects.toThrow(
      /already approved by marie/,
    );
    await expect(regenerateDraft(services, 'web:d3', 'marie')).rejects.toThrow(/already approved/);
    const trail = await ledger.models.Activity.find({ key: 'web:d3#approved' }).lean();
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      kind: 'approval',
      author: 'marie',
      outcome: 'approved',
      customer: 'FR004',
    });
  });

  it('regenerates from the ledger as it is now', async () => {
    await requestDraft(services, { key: 'web:d4', customer: 'FR004', step: 'reminder_letter', by: 'marie' });
    await ledger.models.Invoice.updateOne(
      { number: 'FA-2026-1034' },
      { $set: { status: 'paid', amountPaid: 506723 } },
    );
    const again = await regenerateDraft(services, 'web:d4', 'marie');
    expect(again.versions).toHaveLength(2);
    expect(latest(again).content.invoices.map((i) => i.number)).not.toContain('FA-2026-1034');
    expect(again.status).toBe('awaiting_approval');
  });
});
