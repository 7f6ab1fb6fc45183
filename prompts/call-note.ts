/**
 * The LLM's output for a call note: exactly the CallNote contract (every field present,
 * optional ones nullable — OpenAI's strict structured-output mode requires that).
 */
import { CallNote } from '../dialogs/call-note/note';

export const CALL_NOTE_PROMPT = 'call-note.md';
export const CallNoteOutput = CallNote;
