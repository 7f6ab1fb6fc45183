/**
 * Block Kit rendering stays inside Slack's limits whatever the reply: long lists are cut
 * between entries and say so, long text is split into sections, a long letter fits a modal
 * split across inputs and comes back whole.
 */
import { formModal, formValues, replyBlocks } from '../../../bot/render/block-kit';
import type { ListEntry, Reply } from '../../../dialogs/reply';
import { blockKitProblems } from '../../helpers/fake-slack';

function entry(rank: number): ListEntry {
  return {
    rank,
    title: `Customer ${rank} <Ltd> & Co`,
    why: 'promise broken',
    facts: [{ label: 'Overdue', value: '1 000,00 €' }],
    actions: [
      { label: 'Call script', payload: { type: 'call_script', customer: `C${rank}` } },
      { label: 'Log outcome', payload: { type: 'log_outcome', customer: `C${rank}` } },
    ],
  };
}

describe('Block Kit rendering', () => {
  it('cuts a long list between entries, under 50 blocks, and says how many are left out', () => {
    const reply: Reply = {
      summary: 'calls',
      title: 'Calls for the team',
      sections: [{ blocks: [{ kind: 'list', entries: Array.from({ length: 40 }, (_, i) => entry(i + 1)) }] }],
    };
    const blocks = replyBlocks(reply, 'en');
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const last = JSON.stringify(blocks.at(-1));
    const shown = blocks.filter((b) => b.type === 'actions').length;
    expect(last).toContain(`and ${40 - shown} more`);
    // Each shown entry keeps its buttons (never a section without its actions).
    expect(blocks.at(-2)!.type).toBe('actions');
    // Slack's control characters are escaped.
    expect(JSON.stringify(blocks)).toContain('Customer 1 &lt;Ltd&gt; &amp; Co');
  });

  it('splits long text into sections of at most 3000 characters and keeps tables in code blocks', () => {
    const long = Array.from({ length: 200 }, (_, i) => `Line ${i} of a long letter, with some words.`).join(
      '\n',
    );
    const table = 'Invoice    Due        Amount\nFA-1       2026-10-01  1 000,00 €';
    const blocks = replyBlocks(
      {
        summary: 's',
        sections: [
          {
            blocks: [
              { kind: 'text', text: long },
              { kind: 'text', text: table },
            ],
          },
        ],
      },
      'fr',
    );
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(blocks.length).toBeGreaterThan(2);
    const texts = blocks.map((b) => (b as { text: { text: string } }).text.text);
    expect(texts.slice(0, -1).join('\n')).toBe(long);
    expect(texts.at(-1)).toBe(`\`\`\`${table}\`\`\``);
  });

  it('opens a letter longer than one input in several, and joins them back on submit', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}. ${'x'.repeat(480)}`);
    const body = paragraphs.join('\n\n');
    const view = formModal(
      'Edit the draft',
      {
        kind: 'form',
        fields: [
          { id: 'subject', label: 'Subject', value: 'Reminder' },
          { id: 'body', label: 'Text', value: body, multiline: true },
        ],
        submit: { label: 'Save', payload: { type: 'edit_draft', draft: 'k1' } },
      },
      '{}',
      'en',
    ) as { blocks: Array<{ block_id: string; element: { initial_value?: string } }> };
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    const bodyInputs = view.blocks.filter((b) => b.block_id.startsWith('body:'));
    expect(bodyInputs.length).toBe(2);
    const state = Object.fromEntries(
      view.blocks.map((b) => [b.block_id, { value: { value: b.element.initial_value ?? '' } }]),
    );
    expect(formValues(state)).toEqual({ subject: 'Reminder', body });
  });
});
