/**
 * The one restify server of the product. Channel edges (Bot Framework, Slack, web chat) and
 * the ingest API mount their routes on it; this module owns health, readiness, error
 * responses and a graceful close.
 */
import type http from 'node:http';
import restify from 'restify';
import type { Logger } from '../integrations/logger';
import { normalizeError, RelanceError } from '../models/errors';
import {
  answerRefusal,
  check,
  codeOfStatus,
  DEFAULT_MAX_BYTES,
  type Gate,
  gateFor,
  pathOnly,
} from './http-limits';

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
  /**
   * A size limit and an optional credential check for the paths under `gate.prefix`, applied
   * to the headers before any body is read or parsed (see http-limits.ts).
   */
  gate(gate: Gate): void;
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting connections and resolves when in-flight requests are done. */
  close(): Promise<void>;
}

export function createHttpServer(logger: Logger): HttpServer {
  // restify logs through ours, so its messages get the same redaction of personal data; the
  // request, response and any value it logs are reduced to method and path (never headers or body).
  const restifyLog = logger.child(
    { component: 'restify' },
    { serializers: { req: safeReq, res: safeRes, value: () => '[discarded]' } },
  );
  const server = restify.createServer({
    name: 'relance',
    handleUncaughtExceptions: false,
    log: restifyLog as unknown as restify.ServerOptions['log'],
  });
  const checks: ReadinessCheck[] = [];
  const gates: Gate[] = [];
  let closing = false;

  // restify's own request listener, wrapped so raw routes are served before it.
  const raw = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>();
  const [restifyListener] = server.server.listeners('request') as Array<
    (req: http.IncomingMessage, res: http.ServerResponse) => void
  >;
  server.server.removeAllListeners('request');
  server.server.on('request', (req, res) => {
    const path = pathOnly(req.url);
    const refusal = check(gateFor(gates, path), req);
    if (refusal) {
      logger.info(
        { method: req.method, path, status: refusal.status, code: refusal.code },
        'request refused',
      );
      answerRefusal(req, res, refusal);
      return;
    }
    const handler = req.method === 'POST' ? raw.get(path) : undefined;
    if (handler) handler(req, res);
    else restifyListener!(req, res);
  });

  server.use(restify.plugins.queryParser({ mapParams: false }));
  // The body limit of the request's gate also bounds bodies sent without a content-length.
  const parsers = new Map<number, restify.RequestHandler[]>();
  server.use((req, res, next) => {
    const max = gateFor(gates, req.getPath())?.maxBytes ?? DEFAULT_MAX_BYTES;
    let chain = parsers.get(max);
    if (!chain) {
      chain = restify.plugins.bodyParser({ mapParams: false, maxBodySize: max }) as restify.RequestHandler[];
      parsers.set(max, chain);
    }
    const run = (i: number, err?: unknown): void => {
      if (err !== undefined && err !== null) next(err as Error);
      else if (i === chain!.length) next();
      else
        (chain![i] as (req: unknown, res: unknown, cb: (e?: unknown) => void) => void)(req, res, (e) =>
          run(i + 1, e),
        );
    };
    run(0);
  });

  server.get('/healthz', async (_req, res) => {
    res.send(closing ? 503 : 200, { status: closing ? 'stopping' : 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          // A dependency that does not answer is not ready; /readyz itself answers within seconds.
          const timeout = new Promise<{ ok: boolean; detail: string }>((resolve) => {
            timer = setTimeout(() => resolve({ ok: false, detail: 'no answer within 3 s' }), 3000);
          });
          return { name: c.name, ...(await Promise.race([c.check(), timeout])) };
        } catch (err) {
          return { name: c.name, ok: false, detail: normalizeError(err).message };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const notReady = results.filter((r) => !r.ok);
    const ready = !closing && notReady.length === 0;
    res.send(ready ? 200 : 503, { ready, checks: results, notReady: notReady.map((r) => r.name) });
  });

  // Any error a route lets through becomes a JSON answer with its stable code.
  // A library's own error text (restify's JSON parser quotes the body) is never shown: only ours is.
  server.on('restifyError', (req, res, err, cb) => {
    const e = normalizeError(err);
    const status =
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : e.status;
    const ours = err instanceof RelanceError && status < 500;
    const generic = codeOfStatus(status);
    if (status >= 500) logger.error({ code: e.code, route: req.getRoute()?.path }, 'request failed');
    err.toJSON = () => ({
      code: ours ? e.code : generic.code,
      message: ours ? e.message : generic.message,
      problems: ours ? e.problems : [],
    });
    res.status(status);
    return cb();
  });

  return {
    server,
    mountRaw: (path, handler) => {
      raw.set(path, handler);
    },
    addReadinessCheck: (c) => {
      checks.push(c);
    },
    gate: (g) => {
      gates.push(g);
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

/** What a log line may say about a request: its method and path, no header, no query, no body. */
function safeReq(req: { method?: string; url?: string } | undefined) {
  return req ? { method: req.method, path: pathOnly(req.url) } : req;
}

function safeRes(res: { statusCode?: number } | undefined) {
  return res ? { statusCode: res.statusCode } : res;
}
