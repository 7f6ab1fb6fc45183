/**
 * Long loops of the application give the event loop back. The embedded engine answers every
 * client from this same process: scoring a whole team's 100k customers in one go (seconds)
 * would hold every other request, the engine's included, for as long. A loop calls `tick()`
 * per item; every ~10 ms of work it waits for `setImmediate`, letting other work in.
 * Loops shorter than a slice never wait. The embedded engine has its own (engine/cooperative.ts):
 * it imports nothing of the product and the product's models nothing of it, so each keeps one.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

const SLICE_MS = 10;
/** Items between clock reads (reading the clock per item would cost more than the work). */
const CHECK_EVERY = 128;

export class Slices {
  private until = performance.now() + SLICE_MS;
  private count = 0;

  /** Resolves at once, unless this slice's time is up: then after other work has run. */
  async tick(): Promise<void> {
    if (++this.count < CHECK_EVERY) return;
    this.count = 0;
    if (performance.now() < this.until) return;
    await nextTurn();
    this.until = performance.now() + SLICE_MS;
  }
}
