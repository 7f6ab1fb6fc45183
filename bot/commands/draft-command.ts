/**
 * `relance draft --customer REF [--step STEP] [--lang fr|en] [--json] [--pdf FILE]`: drafts
 * the customer's next step (or the one named) from the ledger as it is now, and prints it with
 * its guard results. A preview: nothing is stored or sent. `--pdf` writes the letter.
 */
import fs from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { loadDraftFacts } from '../../dialogs/drafting/facts';
import { draftText, letterOf } from '../../dialogs/drafting/letter';
import { renderLetterPdf } from '../../integrations/pdf/letter';
import { STEP_KEYS, type StepKey } from '../../models/rules/policy';
import { buildDrafter } from '../llm-services';
import { withLedger } from './shared';

function parseStep(value: string): StepKey {
  if (!(STEP_KEYS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${STEP_KEYS.join(', ')}`);
  return value as StepKey;
}

function parseLang(value: string): 'fr' | 'en' {
  if (value !== 'fr' && value !== 'en') throw new InvalidArgumentError('expected fr or en');
  return value;
}

export function registerDraftCommand(program: Command): void {
  program
    .command('draft')
    .description(
      "draft the customer's next reminder, letter or call script and check it; stores and sends nothing",
    )
    .requiredOption('--customer <REF>', 'the customer reference')
    .option(
      '--step <STEP>',
      `the ladder step (${STEP_KEYS.join(', ')}; default: the next one due)`,
      parseStep,
    )
    .option('--lang <fr|en>', "the language (default: the customer's)", parseLang)
    .option('--json', 'print the draft, its facts and guard results as JSON')
    .option('--pdf <FILE>', 'write the letter as a PDF')
    .option('--offline', 'use the templates even when an LLM is configured')
    .action(
      async (opts: {
        customer: string;
        step?: StepKey;
        lang?: 'fr' | 'en';
        json?: boolean;
        pdf?: string;
        offline?: boolean;
      }) => {
        await withLedger(async (ledger, { config }) => {
          const facts = await loadDraftFacts(ledger.models, ledger.policy, config.company, ledger.today(), {
            customer: opts.customer,
            step: opts.step,
            lang: opts.lang,
          });
          const outcome = await buildDrafter(config, { offline: opts.offline }).draft(facts);
          const approvable = outcome.guards.facts.ok && outcome.guards.tone.ok;
          if (opts.pdf) fs.writeFileSync(opts.pdf, await renderLetterPdf(letterOf(outcome.content, facts)));
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify(
                {
                  customer: facts.customer.reference,
                  step: facts.step,
                  kind: facts.kind,
                  lang: facts.lang,
                  source: outcome.source,
                  fallback: outcome.fallback ?? null,
                  approvable,
                  content: outcome.content,
                  guards: outcome.guards,
                  facts: {
                    invoices: facts.invoices,
                    totals: facts.totals,
                    indemnityTotal: facts.indemnityTotal,
                    rates: facts.rates,
                    deadline: facts.deadline,
                    warnings: facts.warnings,
                  },
                },
                null,
                2,
              )}\n`,
            );
          } else {
            const g = outcome.guards;
            const problems = [...g.facts.problems, ...g.tone.problems].map(
              (p) => `  - ${p.guard}: ${p.message}`,
            );
            process.stdout.write(
              [
                `${facts.customer.name} (${facts.customer.reference}) — ${facts.step} — ${facts.lang} — ${outcome.source}${outcome.fallback ? ` (LLM not used: ${outcome.fallback})` : ''}`,
                '',
                draftText(outcome.content, facts),
                '',
                `Fact guard: ${g.facts.ok ? 'passed' : 'FAILED'} (${g.facts.checked} figures checked); tone guard: ${g.tone.ok ? 'passed' : 'FAILED'}`,
                ...problems,
                ...facts.warnings.map((w) => `Note: ${w}`),
                ...(opts.pdf ? [`PDF written to ${opts.pdf}`] : []),
                '',
              ].join('\n'),
            );
          }
          if (!approvable) process.exitCode = 1;
        });
      },
    );
}
