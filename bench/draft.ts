/**
 * The template drafter and the guards: drafts written per second (every step × language over
 * the demo portfolio's customers, facts read once) and the time the fact + tone guards take
 * per draft. The issue sets no target: the figures are printed for tracking.
 */

import { checkDraft } from '../dialogs/drafting/drafter';
import { type DraftFacts, loadDraftFacts } from '../dialogs/drafting/facts';
import { templateDraft } from '../dialogs/drafting/templates';
import { parseConfig } from '../integrations/config';
import { loadDemo } from '../integrations/demo/load';
import { STEP_KEYS } from '../models/rules/policy';
import { openTestLedger } from '../test/helpers/ledger';
import { report } from './report';

async function main(): Promise<void> {
  const ledger = await openTestLedger();
  await loadDemo(ledger);
  const company = parseConfig({ DATA_DIR: '' }).company;
  const all: DraftFacts[] = [];
  const customers = await ledger.models.Customer.find({}, { reference: 1 }).lean();
  for (const c of customers)
    for (const step of STEP_KEYS)
      for (const lang of ['fr', 'en'] as const) {
        try {
          all.push(
            await loadDraftFacts(ledger.models, ledger.policy, company, ledger.today(), {
              customer: c.reference,
              step,
              lang,
            }),
          );
        } catch {
          // nothing to chase at this step for this customer
        }
      }
  await ledger.close();
  const invoices = all.reduce((n, f) => n + f.invoices.length, 0);
  process.stdout.write(
    `Drafting benchmark (Node ${process.version}): ${all.length} step × language × customer cases, ${(invoices / all.length).toFixed(1)} invoices per draft on average\n`,
  );
  const drafts = all.map(templateDraft);
  for (let i = 0; i < drafts.length; i++) checkDraft(drafts[i]!, all[i]!); // warm up

  let written = 0;
  let start = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - start) < 2e9) {
    for (const f of all) templateDraft(f);
    written += all.length;
  }
  report(
    'template drafter, drafts per second',
    written / (Number(process.hrtime.bigint() - start) / 1e9),
    'drafts/s',
  );

  let checked = 0;
  let figures = 0;
  start = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - start) < 2e9) {
    for (let i = 0; i < drafts.length; i++) {
      const g = checkDraft(drafts[i]!, all[i]!);
      figures += g.facts.checked;
    }
    checked += drafts.length;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  report('fact + tone guards, time per draft', ms / checked, 'ms');
  report('figures checked per draft (amounts, invoices, dates, rates, days)', figures / checked, 'figures');
}

void main();
