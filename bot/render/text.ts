/** Renders a Reply as terminal text (the CLI and logs of the local channel). */
import type { Block, Reply } from '../../dialogs/reply';

function block(b: Block): string[] {
  switch (b.kind) {
    case 'text':
      return [b.text];
    case 'facts':
      return b.facts.map((f) => `  ${f.label}: ${f.value}`);
    case 'list':
      return b.entries.flatMap((e) => [
        `${String(e.rank).padStart(2)}. ${e.title}`,
        `    ${e.why}`,
        `    ${e.facts.map((f) => `${f.label}: ${f.value}`).join(' | ')}`,
        ...(e.actions.length ? [`    [${e.actions.map((a) => a.label).join('] [')}]`] : []),
      ]);
    case 'aged': {
      const keys = Object.keys(b.table.headers) as Array<keyof typeof b.table.headers>;
      const widths = keys.map((k) =>
        Math.max(b.table.headers[k].length, ...b.table.rows.map((r) => r.cells[k].length)),
      );
      const line = (cells: string[]) => `  ${cells.map((c, i) => c.padStart(widths[i]!)).join('  ')}`;
      return [
        line(keys.map((k) => b.table.headers[k])),
        ...b.table.rows.map((r) => line(keys.map((k) => r.cells[k]))),
      ];
    }
    case 'actions':
      return [`  [${b.actions.map((a) => a.label).join('] [')}]`];
    case 'form':
      return [
        ...b.fields.flatMap((f) => [`  ${f.label}:`, ...f.value.split('\n').map((l) => `    ${l}`)]),
        `  [${b.submit.label}]`,
      ];
    case 'links':
      return b.links.map((l) => `  ${l.label}: ${l.url}`);
  }
}

export function renderText(reply: Reply): string {
  const lines: string[] = [];
  if (reply.title) lines.push(reply.title, '='.repeat(Math.min(reply.title.length, 80)));
  for (const s of reply.sections) {
    if (s.title) lines.push('', s.title, '-'.repeat(Math.min(s.title.length, 80)));
    for (const b of s.blocks) lines.push(...block(b));
  }
  return `${lines.join('\n')}\n`;
}
