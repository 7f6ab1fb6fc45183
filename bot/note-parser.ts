/** Which call-note parser a process uses: the LLM one when OPENAI_API_KEY is set, else the rules. */
import { llmNoteParser, type NoteParser, offlineNoteParser } from '../dialogs/call-note/note-parser';
import type { Config } from '../integrations/config';
import { createStructuredLlm } from '../integrations/llm/structured';

export function buildNoteParser(config: Config, opts: { offline?: boolean } = {}): NoteParser {
  const llm = opts.offline ? null : createStructuredLlm(config.llm);
  return llm ? llmNoteParser(llm) : offlineNoteParser;
}
