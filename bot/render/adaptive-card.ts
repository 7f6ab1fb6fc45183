/**
 * Renders a Reply as an Adaptive Card (schema 1.5), for Teams and the local web chat. Buttons
 * are Action.Submit whose `data` is the typed payload; a form's inputs are merged into that
 * data by the client when it is submitted (Teams and Web Chat both do), so the edge gets back
 * one object to validate with zod.
 *
 * Every piece of Relance's text is a TextRun inside a RichTextBlock: hosts read a TextBlock as
 * Markdown ("2. Dupont" became a list restarting at "1.", "> 90 j" a quote) and a TextRun never,
 * so nothing needs escaping and what the dialog wrote is what people read. Facts are
 * "label: value" lines (a FactSet squeezes its label column until labels break inside words);
 * the aged balance is a Table, one row per bucket, so each amount sits beside its label even
 * on a phone; phone numbers are tap-to-call runs. Long lists are shown in pages under Teams'
 * message size (`MAX_ACTIVITY_BYTES`).
 */
import { PAGE_SIZE, paginate } from '../../dialogs/pages';
import type { Action, Block, Fact, Reply } from '../../dialogs/reply';
import type { Lang } from '../../dialogs/turn';
import { phoneParts } from './phones';

type Element = Record<string, unknown>;

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Teams refuses a message over about 28 KB (the activity, card included); a page is cut before
 * this many bytes of serialized activity, leaving room for what the connector adds.
 */
export const MAX_ACTIVITY_BYTES = 24_000;

function submit(a: Action): Element {
  return {
    type: 'Action.Submit',
    title: a.label,
    data: a.payload,
    ...(a.style === 'primary' ? { style: 'positive' } : a.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

/** A run of plain text (never read as Markdown). */
function run(text: string, style: Element = {}): Element {
  return { type: 'TextRun', text, ...style };
}

/** Runs of text whose phone numbers are tap-to-call (`tel:`, in Teams and the web chat). */
function callable(text: string, style: Element = {}): Element[] {
  return phoneParts(text).map((p) =>
    p.tel
      ? run(p.text, { ...style, selectAction: { type: 'Action.OpenUrl', url: p.tel } })
      : run(p.text, style),
  );
}

function paragraph(inlines: Element[], extra: Element = {}): Element {
  return { type: 'RichTextBlock', inlines, ...extra };
}

const COLUMNS = /\S {2,}\S/;

/** The cells of a column-aligned line, each with where it starts and ends. */
function cellsOf(line: string): Array<{ text: string; from: number; to: number }> {
  return [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({
    text: m[0],
    from: m.index,
    to: m.index + m[0].length,
  }));
}

/** The header column a cell sits under: the one it overlaps most (left or right aligned). */
function columnOf(cell: { from: number; to: number }, headers: Array<{ from: number; to: number }>): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  headers.forEach((h, i) => {
    const overlap = Math.min(cell.to, h.to) - Math.max(cell.from, h.from);
    const score = overlap > 0 ? overlap : -Math.abs((cell.from + cell.to) / 2 - (h.from + h.to) / 2);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

/**
 * A column-aligned table (a letter's invoice table) as one entry per row: its first cell in
 * bold, then "Header value" pairs that wrap between pairs, never inside one. Eight columns do
 * not fit a phone, and a monospace line would be cut inside its words.
 */
function tableRows(lines: string[]): Element[] {
  const headers = cellsOf(lines[0]!);
  return lines.slice(1).map((line) => {
    const cells = cellsOf(line).map((c) => ({ ...c, column: columnOf(c, headers) }));
    const [first, ...rest] = cells;
    const pairs = rest.map((c) =>
      `${c.column > 0 ? `${headers[c.column]!.text} ` : ''}${c.text}`.replace(/ /g, '\u00a0'),
    );
    return paragraph(
      [
        run(first?.text ?? '', { weight: 'Bolder' }),
        ...(pairs.length ? [run(` — ${pairs.join(' · ')}`)] : []),
      ],
      { spacing: 'Small' },
    );
  });
}

function textBlocks(text: string): Element[] {
  // One paragraph per line: cards do not keep single line breaks. A run of lines laid out in
  // columns (a header and its rows) becomes one entry per row (see tableRows).
  const out: Element[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let end = i;
    while (end < lines.length && COLUMNS.test(lines[end]!)) end++;
    if (end - i >= 2) {
      out.push(...tableRows(lines.slice(i, end)));
      i = end - 1;
      continue;
    }
    const line = lines[i]!;
    const shown = line.length === 0 ? ' ' : line;
    out.push(paragraph(callable(shown), out.length > 0 ? { spacing: 'None' } : {}));
  }
  return out;
}

/** "Label : value" (French puts a non-breaking space before the colon); the label never wraps. */
function factLine(f: Fact, lang: Lang): Element {
  const label = `${f.label.replace(/ /g, '\u00a0')}${lang === 'fr' ? '\u00a0:' : ':'} `;
  return paragraph([run(label, { weight: 'Bolder' }), ...callable(f.value)], { spacing: 'None' });
}

function factLines(facts: Fact[], lang: Lang): Element[] {
  return facts.map((f, i) => (i === 0 ? { ...factLine(f, lang), spacing: 'Small' } : factLine(f, lang)));
}

function cell(text: string, style: Element = {}): Element {
  return { type: 'TableCell', items: [paragraph([run(text.replace(/ /g, '\u00a0'), style)])] };
}

function agedTable(b: Extract<Block, { kind: 'aged' }>): Element {
  // One row per bucket, one column per currency: narrow enough for a phone.
  const keys = Object.keys(b.table.headers) as Array<keyof typeof b.table.headers>;
  const bold = { weight: 'Bolder' };
  return {
    type: 'Table',
    showGridLines: false,
    firstRowAsHeader: true,
    columns: [
      { width: 1 },
      ...b.table.rows.map(() => ({ width: 1, horizontalCellContentAlignment: 'Right' })),
    ],
    rows: [
      { type: 'TableRow', cells: [cell(' '), ...b.table.rows.map((r) => cell(r.currency, bold))] },
      ...keys.map((k) => ({
        type: 'TableRow',
        cells: [
          cell(b.table.headers[k], bold),
          ...b.table.rows.map((r) => cell(r.cells[k], k === 'total' ? bold : {})),
        ],
      })),
    ],
  };
}

function block(b: Block, lang: Lang): Element[] {
  switch (b.kind) {
    case 'text':
      return textBlocks(b.text);
    case 'facts':
      return factLines(b.facts, lang);
    case 'list':
      return b.entries.map((e) => ({
        type: 'Container',
        separator: true,
        items: [
          // The rank is written out: a number the host cannot renumber.
          paragraph([run(`${e.rank}. ${e.title}`, { weight: 'Bolder' })]),
          paragraph([run(e.why, { isSubtle: true })], { spacing: 'None' }),
          ...factLines(e.facts, lang),
          ...(e.actions.length ? [{ type: 'ActionSet', actions: e.actions.map(submit) }] : []),
        ],
      }));
    case 'aged':
      return [agedTable(b)];
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

/** The card of a reply as it is (no pages: `replyActivity` pages long lists). */
export function renderAdaptiveCard(reply: Reply): Element {
  const lang = reply.lang ?? 'fr';
  const body: Element[] = [];
  if (reply.title) body.push(paragraph([run(reply.title, { size: 'Medium', weight: 'Bolder' })]));
  for (const s of reply.sections) {
    if (s.title) body.push(paragraph([run(s.title, { weight: 'Bolder' })], { separator: true }));
    for (const b of s.blocks) body.push(...block(b, lang));
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
}

export interface CardActivity {
  type: 'message';
  text?: string;
  textFormat?: 'plain';
  summary?: string;
  attachments?: Array<{ contentType: string; content: Element }>;
}

function activityOf(reply: Reply): CardActivity {
  const only =
    reply.sections.length === 1 && reply.sections[0]!.blocks.length === 1
      ? reply.sections[0]!.blocks[0]!
      : null;
  // A sentence is sent as text: it reads better in a chat and in notifications than a card.
  // Plain, so that no client reads Markdown into it.
  if (!reply.title && only?.kind === 'text') return { type: 'message', text: only.text, textFormat: 'plain' };
  return {
    type: 'message' as const,
    summary: reply.summary,
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: renderAdaptiveCard(reply) }],
  };
}

/** The serialized size of an activity, as the connector receives it. */
export function activityBytes(activity: unknown): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

/**
 * The Bot Framework message carrying a reply: the card, with the summary as its text for
 * notifications; a long list shows its first page (at most `PAGE_SIZE` entries, fewer if the
 * message would pass `MAX_ACTIVITY_BYTES`) and a "next" button.
 */
export function replyActivity(reply: Reply, maxBytes: number = MAX_ACTIVITY_BYTES): CardActivity {
  const lang = reply.lang ?? 'fr';
  const page = paginate(reply, lang, (r) => activityBytes(activityOf(r)) <= maxBytes, PAGE_SIZE);
  return activityOf(page);
}
