/**
 * The embedded MongoDB-wire-compatible engine. It imports nothing from the product.
 *
 * `openEngine` is what the product uses: with a data directory it either starts the engine
 * (holding the directory's lock) or, when another process already serves that directory,
 * returns that engine's URI without starting anything.
 */
import { relayToSharedEngine } from './failover';
import { acquireLock, releaseLock, runningEngine, updateLock } from './lock';
import { type EngineOptions, type RunningEngine, startEngine } from './server';

export type { EngineOptions, RunningEngine } from './server';
export { startEngine } from './server';

export interface OpenedEngine {
  uri: string;
  /** True when this process runs the engine; false when it shares another process's engine. */
  owned: boolean;
  engine?: RunningEngine;
  close(): Promise<void>;
}

export interface OpenEngineOptions extends EngineOptions {
  /**
   * When another process serves the directory: connect through a relay that follows the
   * engine when its owner restarts, and takes the directory over when the owner is gone.
   */
  failover?: boolean;
  onTakeOver?: (dataDir: string) => void;
  onTakeOverFailed?: (message: string) => void;
}

export async function openEngine(options: OpenEngineOptions = {}): Promise<OpenedEngine> {
  const { dataDir } = options;
  if (!dataDir) {
    const engine = await startEngine(options);
    return { uri: engine.uri, owned: true, engine, close: () => engine.close() };
  }
  const shared = (uri: string): Promise<OpenedEngine> | OpenedEngine =>
    options.failover
      ? relayToSharedEngine({
          dataDir,
          open: () => openEngine({ ...options, failover: false }),
          onTakeOver: options.onTakeOver,
          onTakeOverFailed: options.onTakeOverFailed,
        })
      : { uri, owned: false, close: async () => undefined };
  const running = await runningEngine(dataDir);
  if (running) return shared(running.uri);

  // The lock is claimed with port 0 ("starting") before recovery, then records the address.
  let engine: RunningEngine;
  const outcome = await acquireLock(dataDir, () => ({
    pid: process.pid,
    host: options.host ?? '127.0.0.1',
    port: 0,
    uri: '',
    startedAt: new Date().toISOString(),
  }));
  if (outcome === 'taken') {
    const other = await runningEngine(dataDir);
    if (other) return shared(other.uri);
    throw new Error(`data directory ${dataDir} is locked by another engine`);
  }
  try {
    engine = await startEngine(options);
  } catch (err) {
    releaseLock(dataDir);
    throw err;
  }
  updateLock(dataDir, {
    pid: process.pid,
    host: engine.host,
    port: engine.port,
    uri: engine.uri,
    startedAt: new Date().toISOString(),
  });
  const started = engine;
  return {
    uri: started.uri,
    owned: true,
    engine: started,
    close: async () => {
      await started.close();
      releaseLock(dataDir);
    },
  };
}
