/**
 * A local OpenAI-compatible server for tests: the real openai/langchain clients talk to it
 * over HTTP on loopback. Each test says how the next completions are answered — a JSON
 * object as the assistant's content, raw text (malformed JSON), an HTTP error, or silence
 * (a timeout) — and can read the requests the client sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../integrations/config';
import { createStructuredLlm } from '../../integrations/llm/structured';

export type FakeAnswer =
  | { json: unknown }
  | { content: string }
  | { status: number; body?: unknown }
  | { hang: true };

export interface FakeOpenAI {
  /** The base URL to give as OPENAI_BASE_URL (…/v1). */
  url: string;
  /** Chat-completion request bodies received, in order. */
  requests: Array<Record<string, unknown>>;
  /** How to answer from now on (per request; may look at the request). */
  answer(fn: (request: Record<string, unknown>) => FakeAnswer): void;
  close(): Promise<void>;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  let answerFn: (request: Record<string, unknown>) => FakeAnswer = () => ({ status: 500 });
  const requests: Array<Record<string, unknown>> = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      requests.push(body);
      const a = answerFn(body);
      if ('hang' in a) {
        hanging.add(res);
        return;
      }
      if ('status' in a) {
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(a.body ?? { error: { message: 'fake failure', type: 'server_error' } }));
        return;
      }
      const content = 'json' in a ? JSON.stringify(a.json) : a.content;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content, refusal: null },
              finish_reason: 'stop',
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    answer: (fn) => {
      answerFn = fn;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The real structured-output client (langchain + openai) pointed at a fake server. */
export function llmAgainst(fake: FakeOpenAI, model: string, timeoutMs = 5000) {
  const config = parseConfig({
    DATA_DIR: '',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.url,
    OPENAI_MODEL: model,
    LLM_TIMEOUT_MS: String(timeoutMs),
  });
  return createStructuredLlm(config.llm)!;
}
