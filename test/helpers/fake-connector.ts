/**
 * A local Bot Framework connector for tests: the real botbuilder adapter posts the bot's
 * replies here (the activity's serviceUrl), as it would to Teams. Records every call; answers
 * with an activity id, as the real connector does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  conversation: string;
  /** The activity replied to (POST …/activities/{id}) or updated (PUT …/activities/{id}). */
  activityId?: string;
  /** The id the connector gave this activity. */
  id: string;
  activity: Record<string, unknown>;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** Waits until at least n calls arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let seq = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404);
        res.end();
        return;
      }
      const id = req.method === 'PUT' ? decodeURIComponent(m[2]!) : `bot-${++seq}`;
      calls.push({
        method: req.method ?? '',
        conversation: decodeURIComponent(m[1]!),
        activityId: m[2] ? decodeURIComponent(m[2]) : undefined,
        id,
        activity: raw ? JSON.parse(raw) : {},
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (calls.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} connector calls, got ${calls.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return calls;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
