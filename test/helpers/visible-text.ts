/**
 * What a person reads of a rendered reply, per renderer, as lines of plain text: Slack's
 * mrkdwn unformatted, an Adaptive Card's runs joined by paragraph (a table row is one line,
 * its cells separated by two spaces), buttons as "[label]". Used to compare renderings.
 */
import type { SlackBlock } from '../../bot/render/block-kit';

type Node = Record<string, unknown>;

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** Slack mrkdwn as read: code fences, bold and italic markers gone, entities decoded. */
function unmrkdwn(text: string): string {
  return text
    .replace(/```/g, '\n')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/(^|\n|\s)[*_]+|[*_]+(?=\s|\n|$)/g, '$1')
    .replace(/\u200b/g, '')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
}

export function slackLines(blocks: SlackBlock[]): string[] {
  const out: string[] = [];
  const text = (t: unknown) => {
    const s = (t as { text?: string } | undefined)?.text;
    if (typeof s === 'string') out.push(...unmrkdwn(s).split('\n'));
  };
  for (const b of blocks as unknown as Node[]) {
    text(b.text);
    for (const f of (b.fields as unknown[] | undefined) ?? []) text(f);
    for (const e of (b.elements as Node[] | undefined) ?? [])
      if (e.type === 'button') out.push(`[${(e.text as { text: string }).text}]`);
      else text(e);
  }
  return out.map(nbsp).filter((l) => l.trim() !== '');
}

export function cardLines(card: Node): string[] {
  const out: string[] = [];
  const runs = (p: Node) => ((p.inlines as Node[]) ?? []).map((r) => String(r.text)).join('');
  const walk = (n: Node) => {
    switch (n.type) {
      case 'RichTextBlock':
        out.push(runs(n));
        return;
      case 'TextBlock':
        out.push(String(n.text));
        return;
      case 'Table':
        for (const row of n.rows as Node[])
          out.push(
            (row.cells as Node[])
              .map((c) => ((c.items as Node[]) ?? []).map(runs).join(' ').trim())
              .join('  '),
          );
        return;
      case 'Action.Submit':
      case 'Action.OpenUrl':
        out.push(`[${String(n.title)}]`);
        return;
      case 'Input.Text':
        out.push(String(n.label), String(n.value ?? ''));
        return;
    }
    for (const key of ['body', 'items', 'actions', 'columns'])
      for (const child of (n[key] as Node[] | undefined) ?? []) walk(child);
  };
  walk(card);
  return out.map(nbsp).filter((l) => l.trim() !== '');
}

export function textLines(text: string): string[] {
  return nbsp(text)
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^[=-]+$/.test(l.trim()));
}
