/**
 * Renders a Reply as Slack Block Kit, within Slack's limits (50 blocks a message, 100 in a
 * view; 3000 characters of section text; 10 fields of 2000; 75-character button labels;
 * 25 elements an actions block; action ids unique in a message). Buttons carry the typed
 * payload as JSON in their `value`; the edge validates it with zod when it comes back.
 * A form becomes a modal (see `formModal`): messages cannot hold text inputs that submit.
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  InputBlock,
  KnownBlock,
  ModalView,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';
import { paginate } from '../../dialogs/pages';
import type { Action, Block, Fact, FormField, Reply } from '../../dialogs/reply';
import { replyWord } from '../../dialogs/reply-words';

export type SlackBlock = KnownBlock;

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  modalTitle: 24,
  inputValue: 3000,
  privateMetadata: 3000,
} as const;

/** Prefix of every action id Relance renders; the edge listens for it. */
export const ACTION_PREFIX = 'relance';
export const FORM_CALLBACK = 'relance_form';

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Relance's text inside mrkdwn: Slack's three control characters escaped, and a line that
 * starts with ">" kept from becoming a quote (a zero-width space before it: "> 90 j").
 */
export function escapeMrkdwn(text: string): string {
  return escapeControls(text).replace(/^&gt;/gm, '\u200b&gt;');
}

/** Slack's three control characters only: inside a code block nothing else is read. */
function escapeControls(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

/** Splits text on line breaks into pieces of at most `max` characters (a very long line is cut). */
function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (let rest = line; ; ) {
      const piece = rest.slice(0, max);
      rest = rest.slice(max);
      const joined = current ? `${current}\n${piece}` : piece;
      if (joined.length <= max) current = joined;
      else {
        out.push(current);
        current = piece;
      }
      if (!rest) break;
    }
  }
  if (current || out.length === 0) out.push(current || ' ');
  return out;
}

function mrkdwnSection(text: string): SectionBlock[] {
  // Lines laid out in columns (an invoice table) keep their alignment in a code block.
  const columns = text.split('\n').some((l) => /\S {2,}\S/.test(l));
  const max = LIMITS.sectionText - (columns ? 6 : 0);
  // In a code block nothing is formatted: only Slack's control characters are escaped there.
  const escaped = columns ? escapeControls : escapeMrkdwn;
  return chunks(escaped(text), max).map((t) => ({
    type: 'section',
    text: mrkdwn(columns ? `\`\`\`${t}\`\`\`` : t),
  }));
}

function factField(f: Fact): MrkdwnElement {
  return mrkdwn(clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.field));
}

function factFields(facts: Fact[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  for (let i = 0; i < facts.length; i += LIMITS.fields)
    sections.push({ type: 'section', fields: facts.slice(i, i + LIMITS.fields).map(factField) });
  return sections;
}

/** Numbers the buttons of one message so their action ids are unique. */
class Buttons {
  private n = 0;
  button(a: Action): Button {
    return {
      type: 'button',
      action_id: `${ACTION_PREFIX}:${a.payload.type}:${++this.n}`,
      text: { type: 'plain_text', text: clip(a.label, LIMITS.buttonText), emoji: true },
      value: JSON.stringify(a.payload),
      ...(a.style ? { style: a.style } : {}),
    };
  }
  actions(list: Action[]): ActionsBlock[] {
    const blocks: ActionsBlock[] = [];
    for (let i = 0; i < list.length; i += LIMITS.actionsElements)
      blocks.push({
        type: 'actions',
        elements: list.slice(i, i + LIMITS.actionsElements).map((a) => this.button(a)),
      });
    return blocks;
  }
}

function agedText(b: Extract<Block, { kind: 'aged' }>): string {
  const keys = Object.keys(b.table.headers) as Array<keyof typeof b.table.headers>;
  const rows = [keys.map((k) => b.table.headers[k]), ...b.table.rows.map((r) => keys.map((k) => r.cells[k]))];
  const widths = keys.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padStart(widths[i]!)).join('  ')).join('\n');
}

function block(b: Block, buttons: Buttons): SlackBlock[][] {
  switch (b.kind) {
    case 'text':
      return [mrkdwnSection(b.text)];
    case 'facts':
      return [factFields(b.facts)];
    case 'list':
      // One group per entry, so a long list is cut between entries, never inside one.
      return b.entries.map((e) => [
        {
          type: 'section',
          text: mrkdwn(
            clip(`*${e.rank}. ${escapeMrkdwn(e.title)}*\n_${escapeMrkdwn(e.why)}_`, LIMITS.sectionText),
          ),
          ...(e.facts.length ? { fields: e.facts.slice(0, LIMITS.fields).map(factField) } : {}),
        } satisfies SectionBlock,
        ...buttons.actions(e.actions),
      ]);
    case 'aged':
      return [[{ type: 'section', text: mrkdwn(`\`\`\`${escapeControls(agedText(b))}\`\`\``) }]];
    case 'actions':
      return [buttons.actions(b.actions)];
    case 'form':
      // In a message the form is the button that opens it (the edge answers with the modal).
      return [buttons.actions([{ ...b.submit, payload: formOpener(b.submit) }])];
    case 'links':
      // Plain mrkdwn links: opening one sends nothing to the app.
      return [
        [
          {
            type: 'section',
            text: mrkdwn(
              clip(
                b.links.map((l) => `<${l.url}|${escapeMrkdwn(l.label)}>`).join('  ·  '),
                LIMITS.sectionText,
              ),
            ),
          },
        ],
      ];
  }
}

/** The submit payload without the fields' values: pressing it asks the dialog for the form again. */
function formOpener(submit: Action): Action['payload'] {
  const p = submit.payload;
  if (p.type === 'edit_draft') return { type: 'edit_draft', draft: p.draft };
  if (p.type === 'reject_draft') return { type: 'reject_draft', draft: p.draft, version: p.version };
  if (p.type === 'posted_draft') return { type: 'posted_draft', draft: p.draft };
  return p;
}

/** Blocks for a reply as it is, each group one piece that is never split (an entry and its buttons). */
function groupsOf(reply: Reply): SlackBlock[][] {
  const groups: SlackBlock[][] = [];
  const buttons = new Buttons();
  if (reply.title)
    groups.push([
      {
        type: 'header',
        text: { type: 'plain_text', text: clip(reply.title, LIMITS.headerText), emoji: true },
      },
    ]);
  for (const s of reply.sections) {
    if (s.title)
      groups.push([
        { type: 'divider' },
        { type: 'section', text: mrkdwn(clip(`*${escapeMrkdwn(s.title)}*`, LIMITS.sectionText)) },
      ]);
    for (const b of s.blocks) groups.push(...block(b, buttons));
  }
  return groups;
}

/**
 * Blocks for a reply, at most `maxBlocks`: a long list shows a page (10 entries, fewer if the
 * message would pass the limit) ending with a "next" button. Whatever still does not fit (a
 * reply of many short lists) is cut between groups, saying how many were left out.
 */
export function replyBlocks(
  reply: Reply,
  lang: 'fr' | 'en',
  maxBlocks: number = LIMITS.messageBlocks,
): SlackBlock[] {
  const count = (r: Reply) => groupsOf(r).reduce((n, g) => n + g.length, 0);
  const groups = groupsOf(paginate(reply, lang, (r) => count(r) <= maxBlocks));
  const out: SlackBlock[] = [];
  for (const [i, g] of groups.entries()) {
    if (out.length + g.length > maxBlocks - 1) {
      const cut: ContextBlock = {
        type: 'context',
        elements: [mrkdwn(replyWord(lang, 'moreNotShown', { count: groups.length - i }))],
      };
      out.push(cut);
      break;
    }
    out.push(...g);
  }
  return out;
}

/** A chat.postMessage / chat.update body: blocks and the notification text. */
export function replyMessage(reply: Reply, lang: 'fr' | 'en'): { text: string; blocks: SlackBlock[] } {
  return { text: clip(reply.summary, 3000), blocks: replyBlocks(reply, lang) };
}

/** The first form of a reply, if it has one. */
export function formOf(reply: Reply): Extract<Block, { kind: 'form' }> | undefined {
  for (const s of reply.sections) for (const b of s.blocks) if (b.kind === 'form') return b;
  return undefined;
}

/**
 * A modal for a form. A value longer than a text input holds (3000) is split on paragraph
 * boundaries across several inputs, joined again on submit (`formValues`).
 */
export function formModal(
  title: string,
  form: Extract<Block, { kind: 'form' }>,
  metadata: string,
  lang: 'fr' | 'en',
): ModalView {
  const inputs: InputBlock[] = [];
  for (const f of form.fields) {
    const parts = splitValue(f.value);
    for (const [i, part] of parts.entries())
      inputs.push({
        type: 'input',
        block_id: `${f.id}:${i}`,
        optional: f.id !== 'body' || i > 0,
        label: {
          type: 'plain_text',
          text: clip(parts.length > 1 ? `${f.label} (${i + 1}/${parts.length})` : f.label, 2000),
        },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: f.multiline ?? false,
          max_length: LIMITS.inputValue,
          ...(part ? { initial_value: part } : {}),
        },
      });
  }
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    private_metadata: metadata,
    title: { type: 'plain_text', text: clip(title, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: clip(form.submit.label, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: replyWord(lang, 'cancel') },
    blocks: inputs,
  };
}

function splitValue(value: string): string[] {
  if (value.length <= LIMITS.inputValue) return [value];
  const parts: string[] = [];
  let current = '';
  for (const para of value.split('\n\n')) {
    const joined = current ? `${current}\n\n${para}` : para;
    if (joined.length <= LIMITS.inputValue) current = joined;
    else {
      if (current) parts.push(current);
      // A single paragraph longer than an input is cut where it must be.
      for (let p = para; ; p = p.slice(LIMITS.inputValue)) {
        if (p.length <= LIMITS.inputValue) {
          current = p;
          break;
        }
        parts.push(p.slice(0, LIMITS.inputValue));
      }
    }
  }
  parts.push(current);
  return parts;
}

/** The submitted values of a form modal, by field id, the split parts joined back. */
export function formValues(
  values: Record<string, Record<string, { value?: string | null }>>,
): Partial<Record<FormField['id'], string>> {
  const parts = new Map<string, Array<[number, string]>>();
  for (const [blockId, inputs] of Object.entries(values)) {
    const [id, n] = blockId.split(':');
    const v = inputs.value?.value;
    if (!id || v == null) continue;
    parts.set(id, [...(parts.get(id) ?? []), [Number(n ?? 0), v]]);
  }
  const out: Partial<Record<FormField['id'], string>> = {};
  for (const [id, list] of parts)
    out[id as FormField['id']] = list
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => v)
      .filter((v) => v !== '')
      .join('\n\n');
  return out;
}
