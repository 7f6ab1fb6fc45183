/**
 * Phone numbers in what the web chat shows become `tel:` links (tap to call on a phone). Cards'
 * text is Markdown in Web Chat (its sanitiser allows `tel:`), so a number becomes
 * `[+33 4 87 85 76 14](tel:+33487857614)` in text blocks, fact values and plain messages.
 * Column-aligned (monospace) blocks are left alone: a link would break their alignment.
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

function linkPhones(text: string): string {
  return text.replace(PHONE, (n) => {
    const digits = n.replace(/[^\d+]/g, '');
    const count = digits.replace('+', '').length;
    return count >= 9 && count <= 15 ? `[${n}](tel:${digits})` : n;
  });
}

type Json = Record<string, unknown>;

function inCard(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inCard);
  if (!node || typeof node !== 'object') return node;
  const el = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(el)) out[k] = inCard(v);
  if (el.type === 'TextBlock' && typeof el.text === 'string' && el.fontType !== 'Monospace')
    out.text = telLinks(el.text);
  // A fact ({ title, value }, no type) shows its value as Markdown too.
  if (el.type === undefined && typeof el.title === 'string' && typeof el.value === 'string')
    out.value = telLinks(el.value);
  return out;
}

/** The activity with its phone numbers as links (text and Adaptive Card attachments). */
export function withTelLinks<A extends Partial<Activity>>(activity: A): A {
  return {
    ...activity,
    ...(typeof activity.text === 'string' ? { text: telLinks(activity.text) } : {}),
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
