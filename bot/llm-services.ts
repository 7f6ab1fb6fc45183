/**
 * What the LLM powers, chosen once per process: with OPENAI_API_KEY the LLM note parser and
 * drafter (each falling back to the offline one on any failure), without it the offline ones.
 */

import { llmNoteParser, type NoteParser, offlineNoteParser } from '../dialogs/call-note/note-parser';
import { type Drafter, llmDrafter, templateDrafter } from '../dialogs/drafting/drafter';
import type { Config } from '../integrations/config';
import { createStructuredLlm } from '../integrations/llm/structured';

export function buildNoteParser(config: Config, opts: { offline?: boolean } = {}): NoteParser {
  const llm = opts.offline ? null : createStructuredLlm(config.llm);
  return llm ? llmNoteParser(llm) : offlineNoteParser;
}

export function buildDrafter(config: Config, opts: { offline?: boolean } = {}): Drafter {
  const llm = opts.offline ? null : createStructuredLlm(config.llm);
  return llm ? llmDrafter(llm) : templateDrafter;
}
