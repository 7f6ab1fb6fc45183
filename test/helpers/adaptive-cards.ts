/**
 * Validates Adaptive Cards with the official `adaptivecards` library (its UMD bundle parses
 * and validates without a DOM; the package's ESM entry does not load in Node). Returns the
 * problems it reports, plus the two it does not check (card version, Action.Submit data).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

export function cardProblems(card: Record<string, unknown>): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
  if (card.version !== '1.5') problems.push(`version is ${String(card.version)}`);
  return problems;
}
