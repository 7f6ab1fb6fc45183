/**
 * Rewriting a note (said numbers as digits, shortened invoice numbers in full) while keeping,
 * for every character of the result, where it came from: what is quoted back to the person —
 * a dispute's detail — is then cut from the note exactly as they wrote it.
 */
export interface Rewritten {
  text: string;
  /** For each index of `text`, the index in the original note. */
  from: number[];
}

export function original(text: string): Rewritten {
  return { text, from: [...text].map((_, i) => i) };
}

/** `String.replace` with a global regex, the origin of each character carried along. */
export function rewrite(r: Rewritten, re: RegExp, by: (match: RegExpExecArray) => string): Rewritten {
  let text = '';
  const from: number[] = [];
  let last = 0;
  for (const m of r.text.matchAll(re)) {
    const at = m.index!;
    text += r.text.slice(last, at);
    from.push(...r.from.slice(last, at));
    const replacement = by(m as RegExpExecArray);
    text += replacement;
    // A replacement stands for the whole of what it replaced.
    for (let i = 0; i < replacement.length; i++)
      from.push(
        r.from[
          Math.min(at + Math.floor((i * m[0].length) / Math.max(replacement.length, 1)), at + m[0].length - 1)
        ]!,
      );
    last = at + m[0].length;
  }
  text += r.text.slice(last);
  from.push(...r.from.slice(last));
  return { text, from };
}

/** The original words behind a span of the rewritten text. */
export function originalSpan(note: string, r: Rewritten, start: number, end: number): string {
  if (end <= start) return '';
  const a = r.from[start] ?? 0;
  const b = r.from[end - 1] ?? note.length - 1;
  // Extend to the end of the original word the span ends in ("quinze" behind "15").
  let e = b + 1;
  while (e < note.length && /[\p{L}\d]/u.test(note[e]!) && /[\p{L}\d]/u.test(note[e - 1]!)) e++;
  return note.slice(a, e);
}
