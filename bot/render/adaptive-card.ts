/**
 * Renders a Reply as an Adaptive Card (schema 1.5), for Teams and the local web chat. Buttons
 * are Action.Submit whose `data` is the typed payload; a form's inputs are merged into that
 * data by the client when it is submitted (Teams and Web Chat both do), so the edge gets back
 * one object to validate with zod.
 */
import type { Action, Block, Reply } from '../../dialogs/reply';

type Element = Record<string, unknown>;

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

function submit(a: Action): Element {
  return {
    type: 'Action.Submit',
    title: a.label,
    data: a.payload,
    ...(a.style === 'primary' ? { style: 'positive' } : a.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

function textBlocks(text: string): Element[] {
  // One TextBlock per line: cards do not keep single line breaks inside a block. Lines laid
  // out in columns (an invoice table) keep their alignment in a monospace font.
  return text.split('\n').map((line, i) => {
    const columns = /\S {2,}\S/.test(line);
    return {
      type: 'TextBlock',
      // Clients collapse runs of spaces; non-breaking ones keep the columns.
      text:
        line.length === 0 ? ' ' : columns ? line.replace(/ {2,}/g, (m) => '\u00a0'.repeat(m.length)) : line,
      wrap: true,
      ...(i > 0 ? { spacing: 'None' } : {}),
      ...(columns ? { fontType: 'Monospace' } : {}),
    };
  });
}

function block(b: Block): Element[] {
  switch (b.kind) {
    case 'text':
      return textBlocks(b.text);
    case 'facts':
      return [{ type: 'FactSet', facts: b.facts.map((f) => ({ title: f.label, value: f.value })) }];
    case 'list':
      return b.entries.map((e) => ({
        type: 'Container',
        separator: true,
        items: [
          { type: 'TextBlock', text: `${e.rank}. ${e.title}`, weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: e.why, wrap: true, isSubtle: true, spacing: 'None' },
          { type: 'FactSet', facts: e.facts.map((f) => ({ title: f.label, value: f.value })) },
          ...(e.actions.length ? [{ type: 'ActionSet', actions: e.actions.map(submit) }] : []),
        ],
      }));
    case 'aged': {
      const keys = Object.keys(b.table.headers) as Array<keyof typeof b.table.headers>;
      return [
        {
          type: 'ColumnSet',
          columns: keys.map((k) => ({
            type: 'Column',
            width: 'auto',
            items: [
              { type: 'TextBlock', text: b.table.headers[k], weight: 'Bolder', horizontalAlignment: 'Right' },
              ...b.table.rows.map((r) => ({
                type: 'TextBlock',
                text: r.cells[k],
                horizontalAlignment: 'Right',
                spacing: 'None',
              })),
            ],
          })),
        },
      ];
    }
    case 'actions':
      return [{ type: 'ActionSet', actions: b.actions.map(submit) }];
    case 'form':
      return [
        ...b.fields.map((f) => ({
          type: 'Input.Text',
          id: f.id,
          label: f.label,
          value: f.value,
          isMultiline: f.multiline ?? false,
        })),
        { type: 'ActionSet', actions: [submit(b.submit)] },
      ];
    case 'links':
      return [
        {
          type: 'ActionSet',
          actions: b.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
        },
      ];
  }
}

export function renderAdaptiveCard(reply: Reply): Element {
  const body: Element[] = [];
  if (reply.title)
    body.push({ type: 'TextBlock', text: reply.title, size: 'Medium', weight: 'Bolder', wrap: true });
  for (const s of reply.sections) {
    if (s.title)
      body.push({ type: 'TextBlock', text: s.title, weight: 'Bolder', separator: true, wrap: true });
    for (const b of s.blocks) body.push(...block(b));
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
}

/** The Bot Framework message carrying a reply: the card, with the summary as its text for notifications. */
export function replyActivity(reply: Reply): {
  type: 'message';
  text?: string;
  summary?: string;
  attachments?: Array<{ contentType: string; content: Element }>;
} {
  const only =
    reply.sections.length === 1 && reply.sections[0]!.blocks.length === 1
      ? reply.sections[0]!.blocks[0]!
      : null;
  // A sentence is sent as text: it reads better in a chat and in notifications than a card.
  if (!reply.title && only?.kind === 'text') return { type: 'message', text: only.text };
  return {
    type: 'message' as const,
    summary: reply.summary,
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: renderAdaptiveCard(reply) }],
  };
}
