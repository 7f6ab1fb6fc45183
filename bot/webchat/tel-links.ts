/**
 * Phone numbers in what the web chat shows become `tel:` links (tap to call on a phone). In a
 * card's plain text runs a number becomes a run of its own whose select action opens
 * `tel:+33487857614` (Web Chat renders it as a link); in Markdown (text blocks, fact values,
 * messages not marked plain) `[+33 4 87 85 76 14](tel:+33487857614)` (Web Chat's sanitiser
 * allows `tel:`). Column-aligned (monospace) text is left alone: a link would break it.
 */
import type { Activity } from 'botbuilder';

/** International (+33 4 87 85 76 14, +44 20 7946 0958) or French national (04 87 85 76 14). */
const PHONE =
  /(?<![\w+/.,-])(\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}|0[1-9](?:[ .-]?\d{2}){4})(?![\w/,-]|\.\d)/g;
/** Markdown links already there (left as they are). */
const LINK = /\[[^\]]*\]\([^)]*\)/g;

export function telLinks(text: string): string {
  let out = '';
  let from = 0;
  for (const link of text.matchAll(LINK)) {
    out += linkPhones(text.slice(from, link.index)) + link[0];
    from = link.index + link[0].length;
  }
  return out + linkPhones(text.slice(from));
}

/** The `tel:` address of a number as written, or null when it has too few or too many digits. */
function telOf(written: string): string | null {
  const digits = written.replace(/[^\d+]/g, '');
  const count = digits.replace('+', '').length;
  return count >= 9 && count <= 15 ? `tel:${digits}` : null;
}

function linkPhones(text: string): string {
  return text.replace(PHONE, (n) => {
    const tel = telOf(n);
    return tel ? `[${n}](${tel})` : n;
  });
}

type Json = Record<string, unknown>;

/** A run of plain text cut around its phone numbers, each number a run that opens `tel:`. */
function runs(run: Json): Json[] {
  const text = String(run.text ?? '');
  const out: Json[] = [];
  let from = 0;
  for (const m of text.matchAll(PHONE)) {
    const tel = telOf(m[0]);
    if (!tel) continue;
    if (m.index > from) out.push({ ...run, text: text.slice(from, m.index) });
    out.push({ ...run, text: m[0], selectAction: { type: 'Action.OpenUrl', url: tel } });
    from = m.index + m[0].length;
  }
  if (out.length === 0) return [run];
  if (from < text.length) out.push({ ...run, text: text.slice(from) });
  return out;
}

function inCard(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inCard);
  if (!node || typeof node !== 'object') return node;
  const el = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(el)) out[k] = inCard(v);
  // Plain text runs: a number becomes a run of its own that opens tel: (never Markdown).
  if (el.type === 'RichTextBlock' && Array.isArray(el.inlines))
    out.inlines = (el.inlines as unknown[]).flatMap((i) =>
      i &&
      typeof i === 'object' &&
      (i as Json).type === 'TextRun' &&
      (i as Json).fontType !== 'Monospace' &&
      !(i as Json).selectAction
        ? runs(i as Json)
        : [i],
    );
  // Markdown text blocks (other cards): a Markdown link.
  if (el.type === 'TextBlock' && typeof el.text === 'string' && el.fontType !== 'Monospace')
    out.text = telLinks(el.text);
  // A fact ({ title, value }, no type) shows its value as Markdown too.
  if (el.type === undefined && typeof el.title === 'string' && typeof el.value === 'string')
    out.value = telLinks(el.value);
  return out;
}

/** The activity with its phone numbers as links (Adaptive Card attachments, Markdown text). */
export function withTelLinks<A extends Partial<Activity>>(activity: A): A {
  return {
    ...activity,
    // A plain text message shows what it says: no link syntax in it.
    ...(typeof activity.text === 'string' && activity.textFormat !== 'plain'
      ? { text: telLinks(activity.text) }
      : {}),
    ...(activity.attachments
      ? {
          attachments: activity.attachments.map((a) =>
            a.contentType === 'application/vnd.microsoft.card.adaptive'
              ? { ...a, content: inCard(a.content) }
              : a,
          ),
        }
      : {}),
  };
}
