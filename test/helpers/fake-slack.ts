/**
 * A local Slack for tests: the Web API the real Bolt app calls (`clientOptions.slackApiUrl`),
 * the response_url endpoint `respond()` posts to, and a signer for the requests Slack would
 * send to our request URL. Records every call with its arguments (form-encoded `blocks` and
 * `view` parsed back to JSON); can answer the next call of a method with 429 + Retry-After.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SlackCall {
  /** Web API method ("chat.postMessage"), or "respond" for a response_url post. */
  method: string;
  args: Record<string, unknown>;
  /** The ts this fake gave a posted message. */
  ts?: string;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface FakeSlack {
  url: string;
  /** The slackApiUrl to configure (…/api/). */
  apiUrl: string;
  /** A response_url pointing at this fake. */
  responseUrl(id: string): string;
  calls: SlackCall[];
  /** Answers the next call of `method` with 429 and this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfterSec: number): void;
  /** Answers the next call of `method` with `{ ok: false, error }` (HTTP 200, as Slack does). */
  failNext(method: string, error: string): void;
  /** Files uploaded through files.uploadV2 (the bytes posted to the upload URL), by file id. */
  uploads: Map<string, Buffer>;
  /**
   * Socket Mode: `apps.connections.open` hands out this fake's WebSocket; `socket()` waits for
   * the app to connect and say hello, then sends envelopes; acks are collected.
   */
  socket(): Promise<{ send(envelope: Record<string, unknown>): void; acks: Array<Record<string, unknown>> }>;
  /** Waits until a call after index `from` satisfies the predicate; returns it. */
  waitFor(pred: (c: SlackCall) => boolean, from?: number, timeoutMs?: number): Promise<SlackCall>;
  close(): Promise<void>;
}

const JSON_ARGS = ['blocks', 'view', 'attachments'];

/** The file of an upload: the raw body, or the file part of a multipart/form-data body. */
function uploadedFile(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return body;
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  for (let at = body.indexOf(sep); at !== -1; ) {
    const next = body.indexOf(sep, at + sep.length);
    const part = body.subarray(at + sep.length, next === -1 ? body.length : next);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd !== -1 && /filename=/.test(part.subarray(0, headEnd).toString()))
      return part.subarray(headEnd + 4, part.length - 2); // without the CRLF before the boundary
    at = next;
  }
  return body;
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const k of JSON_ARGS) if (typeof args[k] === 'string') args[k] = JSON.parse(args[k] as string);
  return args;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const limited = new Map<string, number>();
  const failing = new Map<string, string>();
  const uploads = new Map<string, Buffer>();
  let seq = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      raw += c;
    });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      // files.uploadV2's second step: the file's bytes posted to the URL files.getUploadURLExternal gave.
      if (path.startsWith('/upload/')) {
        uploads.set(
          path.slice('/upload/'.length),
          uploadedFile(Buffer.concat(chunks), String(req.headers['content-type'] ?? '')),
        );
        calls.push({ method: 'upload', args: { file: path.slice('/upload/'.length) }, at: Date.now() });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('OK');
        return;
      }
      const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (path.startsWith('/respond/')) {
        calls.push({ method: 'respond', args, at: Date.now() });
        return send(200, { ok: true });
      }
      const method = path.replace(/^\/api\//, '');
      const retryAfter = limited.get(method);
      if (retryAfter !== undefined) {
        limited.delete(method);
        calls.push({ method: `${method} (429)`, args, at: Date.now() });
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      }
      const call: SlackCall = { method, args, at: Date.now() };
      calls.push(call);
      const error = failing.get(method);
      if (error !== undefined) {
        failing.delete(method);
        return send(200, { ok: false, error });
      }
      switch (method) {
        case 'files.getUploadURLExternal': {
          const id = `F${String(++seq).padStart(6, '0')}`;
          return send(200, { ok: true, upload_url: `${url}/upload/${id}`, file_id: id });
        }
        case 'files.completeUploadExternal': {
          const files = typeof args.files === 'string' ? JSON.parse(args.files) : args.files;
          return send(200, { ok: true, files });
        }
        case 'auth.test':
          return send(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'relance' });
        case 'chat.postMessage': {
          call.ts = `1700000000.${String(++seq).padStart(6, '0')}`;
          // Posting to a user id opens the app's DM with them.
          const channel = String(args.channel).replace(/^U/, 'D');
          return send(200, { ok: true, channel, ts: call.ts, message: { ts: call.ts } });
        }
        case 'chat.update':
          return send(200, { ok: true, channel: args.channel, ts: args.ts });
        case 'apps.connections.open':
          return send(200, { ok: true, url: `ws://127.0.0.1:${port}/link` });
        case 'views.open':
        case 'views.publish':
          return send(200, { ok: true, view: { id: 'V1', hash: `h${++seq}` } });
        default:
          return send(200, { ok: true });
      }
    });
  });
  const wss = new WebSocketServer({ server, path: '/link' });
  const acks: Array<Record<string, unknown>> = [];
  const connected = new Promise<WebSocket>((resolve) => {
    wss.on('connection', (ws) => {
      ws.on('message', (data) => acks.push(JSON.parse(String(data))));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
      resolve(ws);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/respond/${id}`,
    calls,
    socket: async () => {
      const ws = await connected;
      return { send: (envelope) => ws.send(JSON.stringify(envelope)), acks };
    },
    rateLimitNext: (method, sec) => {
      limited.set(method, sec);
    },
    failNext: (method, error) => {
      failing.set(method, error);
    },
    uploads,
    async waitFor(pred, from = 0, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.slice(from).find(pred);
        if (found) return found;
        if (Date.now() > until)
          throw new Error(
            `no matching Slack call; got: ${calls
              .slice(from)
              .map((c) => c.method)
              .join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Headers Slack sends: HMAC-SHA256 of "v0:{timestamp}:{raw body}" under the signing secret. */
export function slackSignature(secret: string, body: string, timestampSec: number): Record<string, string> {
  const sig = crypto.createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${sig}`, 'x-slack-request-timestamp': String(timestampSec) };
}

/** Problems with a Block Kit message or view against Slack's documented limits; [] when fine. */
export function blockKitProblems(blocks: unknown, maxBlocks = 50): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks (max ${maxBlocks})`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const text = (t: unknown, max: number, where: string) => {
    const s = (t as { text?: unknown } | undefined)?.text;
    if (typeof s !== 'string' || s.length === 0) problems.push(`${where}: missing text`);
    else if (s.length > max) problems.push(`${where}: text of ${s.length} chars (max ${max})`);
  };
  for (const [i, b] of (blocks as Array<Record<string, unknown>>).entries()) {
    const where = `block ${i} (${String(b.type)})`;
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) problems.push(`${where}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        text(b.text, 150, where);
        break;
      case 'section': {
        if (b.text) text(b.text, 3000, where);
        const fields = (b.fields as unknown[] | undefined) ?? [];
        if (!b.text && fields.length === 0) problems.push(`${where}: neither text nor fields`);
        if (fields.length > 10) problems.push(`${where}: ${fields.length} fields (max 10)`);
        for (const f of fields) text(f, 2000, `${where} field`);
        break;
      }
      case 'actions': {
        const elements = (b.elements as Array<Record<string, unknown>>) ?? [];
        if (elements.length === 0 || elements.length > 25)
          problems.push(`${where}: ${elements.length} elements (1 to 25)`);
        for (const e of elements) {
          const id = String(e.action_id);
          if (id.length > 255) problems.push(`${where}: action_id too long`);
          if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
          actionIds.add(id);
          text(e.text, 75, `${where} button`);
          if (typeof e.value === 'string' && e.value.length > 2000) problems.push(`${where}: value too long`);
        }
        break;
      }
      case 'context': {
        const elements = (b.elements as unknown[]) ?? [];
        if (elements.length === 0 || elements.length > 10)
          problems.push(`${where}: ${elements.length} elements`);
        break;
      }
      case 'input': {
        text(b.label, 2000, `${where} label`);
        const el = b.element as Record<string, unknown>;
        const v = el?.initial_value;
        if (typeof v === 'string' && v.length > 3000) problems.push(`${where}: initial_value too long`);
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  }
  return problems;
}
