/**
 * The engine's TCP server: frames messages per connection, runs each command, answers in
 * the request's own format (OP_MSG or legacy OP_REPLY). A connection that sends bytes that
 * cannot be framed is closed; the other connections keep being served.
 */
import net from 'node:net';
import { runCommand } from './commands';
import { Cursors } from './cursors';
import type { JournalFs } from './journal';
import { MongoCommandError } from './mongo-error';
import { Storage } from './storage';
import type { Doc } from './values';
import {
  decodeMessage,
  encodeLegacyReply,
  encodeMsgReply,
  MORE_TO_COME,
  ProtocolError,
  readHeader,
} from './wire';

export interface EngineOptions {
  /** Data directory: journaled and recovered; none means purely in memory. */
  dataDir?: string;
  host?: string;
  port?: number;
  /** How often expired TTL documents are removed (mongod: 60 s). */
  ttlIntervalMs?: number;
  /** Told about connections closed for protocol errors (no document data is passed). */
  onProtocolError?: (message: string) => void;
  /** Told what recovery and a refusing disk did: a torn tail dropped, a write undone. */
  onWarning?: (message: string, details: Doc) => void;
  /** The file layer under the journal; tests inject a disk that fails. */
  fileSystem?: JournalFs;
}

/**
 * The engine has no authentication: it listens on loopback only. A networked deployment uses
 * a real MongoDB (MONGODB_URI), with its users and TLS.
 */
export function assertLoopback(host: string): void {
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host))
    throw new Error(
      `The embedded MongoDB engine has no authentication, so it only listens on loopback (asked: ${host}). ` +
        'To share a database over the network, use a real MongoDB with users and TLS (MONGODB_URI).',
    );
}

export interface RunningEngine {
  host: string;
  port: number;
  uri: string;
  storage: Storage;
  close(): Promise<void>;
}

export async function startEngine(options: EngineOptions = {}): Promise<RunningEngine> {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  const storage = Storage.open(options.dataDir, { fs: options.fileSystem, warn: options.onWarning });
  storage.startTtlMonitor(options.ttlIntervalMs ?? 60_000);
  const cursors = new Cursors();
  const sockets = new Set<net.Socket>();
  const startedAt = Date.now();
  let connectionIds = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const connectionId = ++connectionIds;
    const ctx = {
      storage,
      cursors,
      connectionId,
      clientAddress: `${socket.remoteAddress}:${socket.remotePort}`,
      serverAddress: `${host}:${port}`,
      startedAt,
      connections: () => sockets.size,
    };
    let buffered = Buffer.alloc(0);
    // Chunks of a message still arriving: joined once it is complete, not at every chunk
    // (re-copying a 16 MiB message per 64 KiB chunk took seconds).
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    let needed = 0;
    // Requests of one connection are answered in order, one at a time, as mongod does.
    let queue = Promise.resolve();

    socket.on('data', (chunk) => {
      if (needed > 0 && pendingBytes + chunk.length < needed) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        return;
      }
      if (pending.length > 0) {
        pending.push(chunk);
        buffered = Buffer.concat(pending, pendingBytes + chunk.length);
        pending.length = 0;
        pendingBytes = 0;
      } else buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      needed = 0;
      try {
        for (;;) {
          const header = readHeader(buffered);
          if (header && buffered.length < header.length) {
            pending.push(buffered);
            pendingBytes = buffered.length;
            needed = header.length;
            buffered = Buffer.alloc(0);
            break;
          }
          if (!header) break;
          const msg = buffered.subarray(0, header.length);
          buffered = buffered.subarray(header.length);
          queue = queue.then(() => answer(socket, msg, header, ctx));
        }
      } catch (err) {
        options.onProtocolError?.((err as Error).message);
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(
    socket: net.Socket,
    msg: Buffer,
    header: ReturnType<typeof readHeader> & object,
    ctx: Parameters<typeof runCommand>[1],
  ) {
    if (socket.destroyed) return;
    let request: ReturnType<typeof decodeMessage>;
    try {
      request = decodeMessage(msg, header);
    } catch (err) {
      if (err instanceof MongoCommandError) {
        // Framed correctly but unreadable (bad BSON, too large): answer the error, keep the connection.
        socket.write(encodeMsgReply(header.requestId, err.toReply()));
        return;
      }
      options.onProtocolError?.(err instanceof ProtocolError ? err.message : String(err));
      socket.destroy();
      return;
    }
    if (request.kind === 'query') {
      const dbName = request.collection.split('.')[0];
      const reply = await runCommand(request.command, ctx, dbName);
      if (!socket.destroyed) socket.write(encodeLegacyReply(header.requestId, reply));
      return;
    }
    const reply: Doc = await runCommand(request.command, ctx);
    // moreToCome from the client: an unacknowledged write, no answer expected.
    if (request.flags & MORE_TO_COME) return;
    if (!socket.destroyed) socket.write(encodeMsgReply(header.requestId, reply));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    uri: `mongodb://${host}:${port}/?directConnection=true`,
    storage,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
        await storage.close();
      })();
      return closing;
    },
  };
}
