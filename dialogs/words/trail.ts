/** The names of steps and outcomes in the trail, in the team's language (`models/words/trail.ts`). */
import type { Policy } from '../../models/rules/policy';
import { trailLang, trailWords } from '../../models/words/trail';
import { OUTCOME_LABELS, STEP_LABELS } from '../i18n';

export { trailLang, trailSay } from '../../models/words/trail';

/** A step's name in the trail ("lettre de relance"), or the code when it has none. */
export function trailStep(policy: Pick<Policy, 'defaultLocale'>, step: string): string {
  return (STEP_LABELS[trailLang(policy)] as Record<string, string>)[step] ?? step;
}

/** An outcome or a dispute reason in the trail ("prix"), or the code. */
export function trailOutcome(policy: Pick<Policy, 'defaultLocale'>, code: string): string {
  return OUTCOME_LABELS[trailLang(policy)][code] ?? code;
}

/** "Validation — lettre de relance v2 : …" — a draft's event in the trail. */
export function draftEventSummary(
  policy: Pick<Policy, 'defaultLocale'>,
  e: { step: string; version: number; event: string; detail?: string },
): string {
  const lang = trailLang(policy);
  const known = `draft_${e.event}` as Parameters<typeof trailWords>[1];
  const what = trailWords(lang, known);
  return trailWords(lang, 'draftEvent', {
    step: trailStep(policy, e.step),
    version: e.version,
    what: what === known ? e.event : what,
    detail: e.detail ? trailWords(lang, 'detail', { detail: e.detail }) : '',
  });
}
