/**
 * Phone numbers in what Relance shows, found once for every renderer: an Adaptive Card makes
 * each a tap-to-call run (`tel:`), the web chat a Markdown link in plain messages.
 */

/** International (+33 4 87 85 76 14, +44 20 7946 0958) or French national (04 87 85 76 14). */
export const PHONE =
  /(?<![\w+/.,-])(\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}|0[1-9](?:[ .-]?\d{2}){4})(?![\w/,-]|\.\d)/g;

/** The `tel:` target of a number as written, or null when it has too few or too many digits. */
export function telTarget(written: string): string | null {
  const digits = written.replace(/[^\d+]/g, '');
  const count = digits.replace('+', '').length;
  return count >= 9 && count <= 15 ? `tel:${digits}` : null;
}

/** Text cut into plain pieces and phone numbers (with their target). */
export function phoneParts(text: string): Array<{ text: string; tel?: string }> {
  const parts: Array<{ text: string; tel?: string }> = [];
  let from = 0;
  for (const m of text.matchAll(PHONE)) {
    const tel = telTarget(m[0]);
    if (!tel) continue;
    if (m.index > from) parts.push({ text: text.slice(from, m.index) });
    parts.push({ text: m[0], tel });
    from = m.index + m[0].length;
  }
  if (from < text.length || parts.length === 0) parts.push({ text: text.slice(from) });
  return parts;
}
