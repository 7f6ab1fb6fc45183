/**
 * Drafts in chat, through the one dialog entry point: asked in words or by the Call script
 * button, shown with their checks and Approve / Edit / Reject / Regenerate, edited through
 * the form (and guarded again), decided once.
 */
import { renderText } from '../../../bot/render/text';
import { respond } from '../../../dialogs/conversation';
import type { ActionPayload, Reply } from '../../../dialogs/reply';
import type { Lang, Turn } from '../../../dialogs/turn';
import { loadDemo } from '../../../integrations/demo/load';
import { NOW, openTestLedger } from '../../helpers/ledger';

type TestLedger = Awaited<ReturnType<typeof openTestLedger>>;
let ledger: TestLedger;
beforeAll(async () => {
  ledger = await openTestLedger();
  await loadDemo(ledger);
});
afterAll(async () => {
  await ledger.close();
});

let seq = 0;
const turn = (x: { text?: string; action?: ActionPayload }, staff = 'marie', lang: Lang = 'en'): Turn => ({
  id: `web:drafts:${++seq}`,
  channel: 'web',
  staff,
  lang,
  at: new Date(NOW),
  ...x,
});
async function send(t: Turn): Promise<Reply> {
  const [reply] = await respond(t, ledger);
  return reply!;
}
function actions(reply: Reply): ActionPayload[] {
  return reply.sections.flatMap((s) =>
    s.blocks.flatMap((b) =>
      b.kind === 'actions' ? b.actions.map((a) => a.payload) : b.kind === 'form' ? [b.submit.payload] : [],
    ),
  );
}
/** French typographic spaces read as plain spaces. */
const plain = (t: string) => t.replace(/[\u00a0\u202f]/g, ' ');
const find = (reply: Reply, type: ActionPayload['type']) => actions(reply).find((a) => a.type === type)!;

describe('drafts in chat', () => {
  it('drafts on request, shows the checks and warnings, approves once the warnings are read', async () => {
    const shown = await send(turn({ text: 'draft a reminder letter for Textiles Dubois' }));
    expect(shown.title).toBe('Draft — reminder letter — Textiles Dubois SAS (FR004)');
    const text = plain(renderText(shown));
    expect(text).toContain('Status: awaiting approval');
    expect(text).toMatch(/Checks: figures verified \(\d+\), tone fine/);
    expect(text).toContain('Objet : Relance : factures échues — 30 375,58 €'); // the customer's language
    // The 1 July 2026 ECB rate is not in the table: the card says so and approval waits.
    expect(text).toContain('Warning: ECB rate for 2026-H2 not entered; used 2026-H1 (12.15 %)');
    expect(text).toContain('Warnings: to acknowledge before approval');
    expect(actions(shown).map((a) => a.type)).toEqual([
      'acknowledge_warnings',
      'edit_draft',
      'reject_draft',
      'regenerate_draft',
    ]);
    const key = (find(shown, 'edit_draft') as { draft: string }).draft;
    const early = await send(turn({ action: { type: 'approve_draft', draft: key } }));
    expect(early.summary).toMatch(
      /^Not possible: this draft has a warning to acknowledge before approval: ECB rate/,
    );
    const read = await send(turn({ action: find(shown, 'acknowledge_warnings') }));
    expect(renderText(read)).toContain('Warnings: acknowledged by marie, Mon 23 Nov');
    expect(actions(read).map((a) => a.type)).toEqual([
      'approve_draft',
      'edit_draft',
      'reject_draft',
      'regenerate_draft',
    ]);

    // A colleague who neither owns the customer nor manages cannot approve.
    const refused = await send(turn({ action: find(read, 'approve_draft') }, 'tom'));
    expect(refused.summary).toMatch(/^Not possible: only marie/);
    const approved = await send(turn({ action: find(read, 'approve_draft') }));
    expect(renderText(approved)).toContain('Decision: approved — marie, Mon 23 Nov');
    expect(actions(approved)).toEqual([]);
    const twice = await send(turn({ action: find(read, 'approve_draft') }));
    expect(twice.summary).toBe('Not possible: this draft is already approved by marie');
    expect(await ledger.models.Activity.countDocuments({ kind: 'approval', customer: 'FR004' })).toBe(1);
  });

  it('edits through the form: a wrong figure blocks approval, a fix allows it', async () => {
    const shown = await send(turn({ text: 'mise en demeure pour FR004' }, 'marie', 'fr'));
    const form = await send(turn({ action: find(shown, 'edit_draft') }, 'marie', 'fr'));
    const fields = form.sections[0]!.blocks[0]!;
    if (fields.kind !== 'form') throw new Error('expected a form');
    expect(fields.fields.map((f) => f.id)).toEqual(['subject', 'body']);
    const body = fields.fields[1]!.value;
    expect(body).toContain('nous vous mettons en demeure');

    const key = (find(shown, 'edit_draft') as { draft: string }).draft;
    const wrong = await send(
      turn(
        {
          action: {
            type: 'edit_draft',
            draft: key,
            body: body.replace(/\d+\u202f\d{3},\d{2}\u00a0€/, '31 000,00 €'),
          },
        },
        'marie',
        'fr',
      ),
    );
    expect(renderText(wrong)).toContain('Statut: bloqué par un contrôle');
    // The guard's finding is said in the card's language (French here), like every word of it.
    expect(renderText(wrong)).toContain(
      'Contrôles: le montant 31 000,00 € ne correspond à rien dans le grand livre',
    );
    expect(actions(wrong).map((a) => a.type)).not.toContain('approve_draft');

    const fixed = await send(
      turn(
        { action: { type: 'edit_draft', draft: key, body: `Nous restons à votre écoute.\n\n${body}` } },
        'marie',
        'fr',
      ),
    );
    expect(renderText(fixed)).toContain('Statut: modifié, à valider');
    expect(renderText(fixed)).toContain('Version: 3');
    expect(actions(fixed).map((a) => a.type)).toContain('acknowledge_warnings');
    const read = await send(turn({ action: { type: 'acknowledge_warnings', draft: key } }, 'marie', 'fr'));
    expect(actions(read).map((a) => a.type)).toContain('approve_draft');
  });

  it('writes a call script from the Call script button', async () => {
    const script = await send(turn({ action: { type: 'call_script', customer: 'FR004' } }));
    expect(script.title).toMatch(/^Draft — manager call — Textiles Dubois SAS/);
    // The manager call is made in the manager's name.
    expect(plain(renderText(script))).toMatch(
      /Ouverture : Bonjour .*, Claire Moreau, responsable du crédit client chez Relance Démo SAS\./,
    );
  });
});
