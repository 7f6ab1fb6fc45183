import fs from 'node:fs';
import path from 'node:path';
import { detectLang } from '../../../dialogs/requests';
import { demoNoteDirectory } from '../demo-directory';

const dir = demoNoteDirectory();
const OUT: Record<string, string | null> = {
  R: 'reached',
  N: 'no_answer',
  V: 'voicemail',
  W: 'wrong_number',
  X: 'refused',
  CB: 'call_back_requested',
  '-': null,
};
const LANG: Record<string, string> = {
  J: 'en',
  A: 'fr',
  B: 'fr',
  C: 'fr',
  D: 'fr',
  E: 'en',
  F: 'en',
  G: 'en',
  H: 'mixed',
  I: 'mixed',
};
const lines: string[] = [];
for (const v of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']) {
  const src = fs.readFileSync(path.join(__dirname, `${v}.dsl`), 'utf8').split('\n');
  const voice = src[0]!
    .replace(/^# voice\s*/, '')
    .split(':')[0]!
    .trim();
  let n = 0;
  for (const line of src.slice(1)) {
    if (!line.trim()) continue;
    const [text, rest] = line.split(' ## ');
    const [c, o, contact, p, d, cb, ask] = rest!.split('|').map((s) => s.trim());
    const customer = c === '-' ? null : c!;
    const cust = dir.customers.find((x) => x.reference === customer);
    if (customer && !cust) throw new Error(`unknown customer ${customer}`);
    const currency = cust?.currency ?? (/£|pounds?/i.test(text!) ? 'GBP' : 'EUR');
    const balance = dir.invoices
      .filter((i) => i.customer === customer)
      .reduce((s, i) => s + i.outstanding, 0);
    let halves = 0;
    const promises =
      p === '-'
        ? []
        : p!.split(';').map((x) => {
            const [a, date] = x.split('@');
            const d = date === '-' ? null : date!;
            if (a!.startsWith('rest'))
              return { amount: null, currency: a!.slice(4) || currency, rest: true, date: d };
            if (a === 'half') {
              halves++;
              const first = Math.round(balance / 2);
              return { amount: halves === 1 ? first : balance - first, currency, rest: false, date: d };
            }
            const cur = /[A-Z]{3}$/.exec(a!)?.[0];
            return {
              amount: Math.round(Number(a!.replace(/[A-Z]{3}$/, '')) * 100),
              currency: cur ?? currency,
              rest: false,
              date: d,
            };
          });
    const disputes =
      d === '-'
        ? []
        : d!.split(';').map((x) => {
            const [invoice, reason, ...det] = x.split(':');
            const inv = dir.invoices.find((i) => i.number === invoice);
            if (!inv || inv.customer !== customer)
              throw new Error(`invoice ${invoice} not of ${customer}: ${text}`);
            return { invoice: invoice!, reason: reason!, ...(det.length ? { detail: det.join(':') } : {}) };
          });
    for (const dd of disputes)
      if (!text!.includes(dd.detail ?? '')) throw new Error(`detail not verbatim: ${dd.detail} in ${text}`);
    if (!Object.hasOwn(OUT, o!)) throw new Error(`outcome ${o}`);
    n++;
    lines.push(
      JSON.stringify({
        id: `${voice}-${String(n).padStart(3, '0')}`,
        voice,
        lang: LANG[v] === 'mixed' ? detectLang(text!, /£|pounds?/i.test(text!) ? 'en' : 'fr') : LANG[v],
        text,
        expect: {
          customer,
          outcome: OUT[o!],
          contact: contact === '-' ? null : contact,
          promises,
          disputes,
          callback: cb === '-' ? null : cb,
          asks: ask === '?',
        },
      }),
    );
  }
}
fs.writeFileSync(path.join(__dirname, '..', 'call-notes.jsonl'), `${lines.join('\n')}\n`);
console.log(lines.length);
