/**
 * Phone numbers in what the web chat shows become `tel:` links (tap to call on a phone). In a
 * card's plain text runs a number becomes a run of its own whose select action opens
 * `tel:+33487857614` (Web Chat renders it as a link); in Markdown (text blocks, fact values,
 * messages not marked plain) `[+33 4 87 85 76 14](tel:+33487857614)` (Web Chat's sanitiser
 * allows `tel:`). Column-aligned (monospace) text is left alone: a link would break it.
 */
import type { Activity } from 'botbuilder';
import { PHONE, phoneParts, telTarget } from '../render/phones';

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

function linkPhones(text: string): string {
  return text.replace(PHONE, (n) => {
    const tel = telTarget(n);
    return tel ? `[${n}](${tel})` : n;
  });
}

type Json = Record<string, unknown>;

/** A run of plain text cut around its phone numbers, each number a run that opens `tel:`. */
function runs(run: Json): Json[] {
  const parts = phoneParts(String(run.text ?? ''));
  if (!parts.some((p) => p.tel)) return [run];
  return parts.map((p) =>
    p.tel
      ? { ...run, text: p.text, selectAction: { type: 'Action.OpenUrl', url: p.tel } }
      : { ...run, text: p.text },
  );
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
