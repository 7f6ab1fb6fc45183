/** The journal's group commit: shared syncs, in-order acknowledgement, failures never skipped. */
import { GroupCommit } from '../../../integrations/mongodb/engine/group-commit';

/** A disk whose syncs finish when the test says so. */
function manualDisk() {
  const written: string[] = [];
  const syncs: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  return {
    written,
    syncs,
    io: {
      write: async (b: Buffer) => {
        written.push(b.toString());
      },
      sync: () => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })),
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('acknowledges a batch only after every batch before it, and merges what waits for a slot', async () => {
    const disk = manualDisk();
    const gc = new GroupCommit(disk.io, undefined, 2);
    const acked: string[] = [];
    const commit = (s: string) => gc.commit(Buffer.from(s)).then(() => acked.push(s));
    const all = [commit('a'), commit('b'), commit('c'), commit('d')];
    await tick();
    // Two slots: 'a' and 'b' are written and syncing; 'c' and 'd' wait, to be written together.
    expect(disk.written).toEqual(['a', 'b']);
    disk.syncs[1]!.resolve(); // the second sync ends first…
    await tick();
    expect(acked).toEqual([]); // …but 'b' waits for 'a'
    disk.syncs[0]!.resolve();
    await tick();
    expect(acked).toEqual(['a', 'b']);
    expect(disk.written).toEqual(['a', 'b', 'cd']);
    disk.syncs[2]!.resolve();
    await Promise.all(all);
    expect(acked).toEqual(['a', 'b', 'c', 'd']);
  });

  it('fails the batches in flight after a failed one, then works again', async () => {
    const disk = manualDisk();
    const gc = new GroupCommit(disk.io, undefined, 2);
    const first = gc.commit(Buffer.from('a'));
    const second = gc.commit(Buffer.from('b'));
    await tick();
    disk.syncs[1]!.resolve();
    disk.syncs[0]!.reject(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    await expect(second).rejects.toThrow('EIO');
    const third = gc.commit(Buffer.from('c'));
    await tick();
    disk.syncs[2]!.resolve();
    await expect(third).resolves.toBeUndefined();
    await expect(gc.settled()).resolves.toBeUndefined();
  });
});
