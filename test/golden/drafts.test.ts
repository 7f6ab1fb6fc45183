/**
 * Golden drafts: every ladder step for six demo-like customers, in French and in English,
 * rendered by the template drafter and compared with the reviewed texts kept beside this file
 * (test/golden/drafts/<customer>.<lang>.txt). A change to a template shows up as a readable
 * diff of those files. After reviewing a deliberate change as a credit manager would, refresh
 * them with `UPDATE_GOLDEN=1 npx jest test/golden`.
 * Every rendered draft must also pass both guards: the golden texts are ones Relance offers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkDraft } from '../../dialogs/drafting/drafter';
import { buildDraftFacts } from '../../dialogs/drafting/facts';
import { draftText } from '../../dialogs/drafting/letter';
import { templateDraft } from '../../dialogs/drafting/templates';
import { STEP_KEYS } from '../../models/rules/policy';
import { GOLDEN_CUSTOMERS } from './customers';

const DIR = path.join(__dirname, 'drafts');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Every step of one customer in one language, as one reviewable text. */
function renderAll(reference: string, lang: 'fr' | 'en'): { text: string; problems: string[] } {
  const input = GOLDEN_CUSTOMERS[reference]!;
  const problems: string[] = [];
  const parts = STEP_KEYS.map((step) => {
    const head = `==================== ${step} (${lang}) ====================`;
    let facts: ReturnType<typeof buildDraftFacts>;
    try {
      facts = buildDraftFacts({ ...input, step, lang });
    } catch (err) {
      return `${head}\nNot offered: ${(err as Error).message}\n`;
    }
    const content = templateDraft(facts);
    const guards = checkDraft(content, facts);
    for (const p of [...guards.facts.problems, ...guards.tone.problems])
      problems.push(`${step}: ${p.guard} ${p.kind} "${p.found}": ${p.message}`);
    const warnings = facts.warnings.length
      ? facts.warnings.map((w) => `Warning: ${w}`).join('\n')
      : 'Warnings: none';
    return `${head}\n${warnings}\n\n${draftText(content, facts)}\n`;
  });
  return { text: parts.join('\n'), problems };
}

describe('golden drafts: six customers, every step, both languages', () => {
  const cases = Object.keys(GOLDEN_CUSTOMERS).flatMap((c) =>
    (['fr', 'en'] as const).map((l) => [c, l] as const),
  );
  it.each(cases)('%s in %s matches the reviewed text and passes the guards', (reference, lang) => {
    const { text, problems } = renderAll(reference, lang);
    expect(problems).toEqual([]);
    const file = path.join(DIR, `${reference}.${lang}.txt`);
    if (UPDATE || !fs.existsSync(file)) {
      if (!UPDATE)
        throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npx jest test/golden and review it`);
      fs.mkdirSync(DIR, { recursive: true });
      fs.writeFileSync(file, text);
    }
    expect(text).toBe(fs.readFileSync(file, 'utf8'));
  });
});
