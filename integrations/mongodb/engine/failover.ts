/**
 * Sharing another process's engine without depending on that process staying up.
 *
 * The driver is given the address of a small loopback relay in this process rather than the
 * owner's address. Each connection the driver opens is relayed to whoever serves the data
 * directory at that moment: the owner; the owner again after it restarted (on a new port);
 * or, when the owner is gone, this process itself, which takes the directory over (stale
 * lock, recovery from disk) and starts the engine. The driver reconnects to the same address
 * by itself, so mongoose, the models and agenda carry on with no new connection object.
 */
import net from 'node:net';
import type { OpenedEngine } from './index';
import { runningEngine } from './lock';

export interface FailoverOptions {
  dataDir: string;
  /** Starts (or finds) the engine for the directory: `openEngine` without failover. */
  open: () => Promise<OpenedEngine>;
  onTakeOver?: (dataDir: string) => void;
  /** Told why the directory could not be taken over (each distinct reason once). */
  onTakeOverFailed?: (message: string) => void;
}

/**
 * Drops a connection of the driver's with a TCP reset, never a FIN. On a FIN the driver's
 * socket ends and is destroyed without an error, and a heartbeat that the driver's monitor
 * writes in the moment before the socket's 'close' waits for a 'drain' that never comes: the
 * monitor then hangs for good, the server stays "unknown" and every query times out (mongodb
 * driver 7.9, `Connection.writeCommand`). That was the failover flake: more likely the longer
 * the event loop is busy — as it is while taking the directory over (recovery from disk). On a
 * reset the socket errors first, and the driver's connection is marked closed at once.
 */
function reset(socket: net.Socket): void {
  if (!socket.destroyed) socket.resetAndDestroy();
}

export async function relayToSharedEngine(options: FailoverOptions): Promise<OpenedEngine> {
  let own: OpenedEngine | null = null;
  let takingOver: Promise<{ host: string; port: number }> | null = null;
  const sockets = new Set<net.Socket>();
  let lastFailure = '';
  let closing = false;

  const upstream = async (): Promise<{ host: string; port: number }> => {
    if (closing) throw new Error('closing');
    if (own?.engine) return { host: own.engine.host, port: own.engine.port };
    const running = await runningEngine(options.dataDir, 15_000);
    if (running && running.pid !== process.pid) return { host: running.host, port: running.port };
    takingOver ??= (async () => {
      try {
        const opened = await options.open();
        if (opened.owned) {
          own = opened;
          options.onTakeOver?.(options.dataDir);
        }
        const url = new URL(opened.uri);
        return { host: url.hostname, port: Number(url.port) };
      } finally {
        takingOver = null;
      }
    })();
    return takingOver;
  };

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => reset(client));
    client.pause();
    upstream().then(
      ({ host, port }) => {
        if (client.destroyed) return;
        const target = net.connect({ host, port });
        sockets.add(target);
        target.on('close', () => {
          sockets.delete(target);
          reset(client);
          // The owner may be gone: start taking over now, not when the driver next reconnects.
          if (!closing) upstream().catch(() => undefined);
        });
        // The owner's end of the connection closing is the driver's connection dying: reset,
        // never forwarded as a polite FIN (see `reset`).
        target.on('end', () => reset(client));
        target.on('error', () => target.destroy());
        client.on('close', () => target.destroy());
        target.once('connect', () => {
          client.pipe(target);
          target.pipe(client, { end: false });
          client.resume();
        });
      },
      // Nobody serves the directory and it cannot be taken over now: the driver will retry.
      (err: Error) => {
        if (err.message !== lastFailure) options.onTakeOverFailed?.(err.message);
        lastFailure = err.message;
        reset(client);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    get owned() {
      return own !== null;
    },
    get engine() {
      return own?.engine;
    },
    close: async () => {
      closing = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      await takingOver?.catch(() => undefined);
      await (own as OpenedEngine | null)?.close();
    },
  };
}
