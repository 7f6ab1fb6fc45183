/**
 * The LLM behind one small interface: "given these instructions and this data, return an
 * object of this zod schema". langchain's ChatOpenAI over the openai client does the work
 * (OpenAI, or any OpenAI-compatible server through OPENAI_BASE_URL), with structured output
 * in JSON-schema strict mode; the answer is validated by zod again here, because a model's
 * output is a boundary like any other. Every failure (HTTP error, timeout, malformed JSON,
 * schema mismatch) becomes one UpstreamUnavailableError('llm'): callers fall back on it.
 */
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { z } from 'zod';
import { UpstreamUnavailableError } from '../../models/errors';
import type { Config } from '../config';

export interface StructuredRequest<T> {
  /** The schema's name as the model sees it (letters, digits, _ and -). */
  name: string;
  schema: z.ZodType<T>;
  /** Instructions (a prompt file, filled). */
  system: string;
  /** The data to work on. Text from debtors goes here as quoted data, never into `system`. */
  user: string;
}

export interface StructuredLlm {
  /** "openai:gpt-4o-mini"-style label, for replies and the trail. */
  readonly label: string;
  generate<T>(req: StructuredRequest<T>): Promise<T>;
}

/** The configured LLM, or null when no API key is set (Relance then works offline). */
export function createStructuredLlm(cfg: Config['llm']): StructuredLlm | null {
  if (!cfg.apiKey) return null;
  const chat = new ChatOpenAI({
    model: cfg.model,
    apiKey: cfg.apiKey,
    configuration: cfg.baseUrl ? { baseURL: cfg.baseUrl } : undefined,
    temperature: 0,
    // One retry on transient errors (429, 5xx, connection resets), all within the time limit
    // below: past it the caller falls back rather than keep a person waiting.
    maxRetries: 1,
  });
  return {
    label: `openai:${cfg.model}`,
    async generate<T>(req: StructuredRequest<T>): Promise<T> {
      let raw: unknown;
      try {
        raw = await chat
          .withStructuredOutput(req.schema as z.ZodType<Record<string, unknown>>, {
            name: req.name,
            method: 'jsonSchema',
            strict: true,
          })
          .invoke([new SystemMessage(req.system), new HumanMessage(req.user)], {
            signal: AbortSignal.timeout(cfg.timeoutMs),
          });
      } catch (err) {
        const why =
          (err as Error)?.name === 'TimeoutError' ? `timeout after ${cfg.timeoutMs} ms` : describe(err);
        throw new UpstreamUnavailableError('llm', `the LLM did not answer usably: ${why}`, err);
      }
      const parsed = req.schema.safeParse(raw);
      if (!parsed.success)
        throw new UpstreamUnavailableError(
          'llm',
          `the LLM's answer does not fit ${req.name}: ${parsed.error.issues[0]?.message}`,
          parsed.error,
        );
      return parsed.data;
    },
  };
}

function describe(err: unknown): string {
  const e = err as { name?: string; status?: number; message?: string };
  if (e?.status) return `HTTP ${e.status}`;
  if (/timeout|timed out|abort/i.test(`${e?.name} ${e?.message}`)) return 'timeout';
  return (e?.message ?? String(err)).split('\n')[0]!.slice(0, 160);
}
