/**
 * The one restify server of the product. Channel edges (Bot Framework, Slack, web chat) and
 * the ingest API mount their routes on it; this module owns health, readiness, error
 * responses and a graceful close.
 */
import type http from 'node:http';
import restify from 'restify';
import type { Logger } from '../integrations/logger';
import { normalizeError } from '../models/errors';

/** A dependency that /readyz asks about: the database, the scheduler, a channel. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<{ ok: boolean; detail?: string }>;
}

export interface HttpServer {
  server: restify.Server;
  /**
   * Serves POSTs to `path` with a plain Node handler, before restify sees them: for endpoints
   * that must read the raw body themselves (Slack signs it byte for byte).
   */
  mountRaw(path: string, handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): void;
  addReadinessCheck(check: ReadinessCheck): void;
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting connections and resolves when in-flight requests are done. */
  close(): Promise<void>;
}

export function createHttpServer(logger: Logger): HttpServer {
  // restify logs through ours, so its messages get the same redaction of personal data.
  const server = restify.createServer({
    name: 'relance',
    handleUncaughtExceptions: false,
    log: logger.child({ component: 'restify' }) as unknown as restify.ServerOptions['log'],
  });
  const checks: ReadinessCheck[] = [];
  let closing = false;

  // restify's own request listener, wrapped so raw routes are served before it.
  const raw = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>();
  const [restifyListener] = server.server.listeners('request') as Array<
    (req: http.IncomingMessage, res: http.ServerResponse) => void
  >;
  server.server.removeAllListeners('request');
  server.server.on('request', (req, res) => {
    const handler = req.method === 'POST' ? raw.get((req.url ?? '').split('?')[0]!) : undefined;
    if (handler) handler(req, res);
    else restifyListener!(req, res);
  });

  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 10 * 1024 * 1024 }));

  server.get('/healthz', async (_req, res) => {
    res.send(closing ? 503 : 200, { status: closing ? 'stopping' : 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          return { name: c.name, ...(await c.check()) };
        } catch (err) {
          return { name: c.name, ok: false, detail: normalizeError(err).message };
        }
      }),
    );
    const notReady = results.filter((r) => !r.ok);
    const ready = !closing && notReady.length === 0;
    res.send(ready ? 200 : 503, { ready, checks: results, notReady: notReady.map((r) => r.name) });
  });

  // Any error a route lets through becomes a JSON answer with its stable code.
  server.on('restifyError', (req, res, err, cb) => {
    const e = normalizeError(err);
    const status =
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : e.status;
    if (status >= 500) logger.error({ code: e.code, route: req.getRoute()?.path }, 'request failed');
    err.toJSON = () => ({
      code: e.code,
      message: status >= 500 ? 'Internal error' : e.message,
      problems: e.problems,
    });
    res.status(status);
    return cb();
  });

  return {
    server,
    mountRaw: (path, handler) => {
      raw.set(path, handler);
    },
    addReadinessCheck: (check) => {
      checks.push(check);
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          const addr = server.address();
          resolve(`http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        closing = true;
        if (!server.server.listening) return resolve();
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
        server.server.closeIdleConnections();
      }),
  };
}
