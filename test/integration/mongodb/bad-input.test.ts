/** Hostile bytes on the wire close or error one connection; the engine keeps serving the others. */
import net from 'node:net';
import { deserialize, serialize } from 'bson';
import { MongoClient } from 'mongodb';
import { type RunningEngine, startEngine } from '../../../integrations/mongodb/engine';

let engine: RunningEngine;
let client: MongoClient;
const protocolErrors: string[] = [];
beforeAll(async () => {
  engine = await startEngine({ onProtocolError: (m) => protocolErrors.push(m) });
  client = await new MongoClient(engine.uri).connect();
  await client.db('t').collection('c').insertOne({ before: true });
});
afterAll(async () => {
  await client.close();
  await engine.close();
});

function header(length: number, opCode: number, requestId = 7): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

function opMsg(body: Buffer): Buffer {
  const flags = Buffer.alloc(5); // flagBits + section kind 0
  return Buffer.concat([header(16 + flags.length + body.length, 2013), flags, body]);
}

/** Sends bytes on a fresh connection; resolves with what came back and whether it was closed. */
function exchange(
  bytes: Buffer,
  endAfterSend = false,
  waitMs = 1500,
): Promise<{ reply?: Record<string, unknown>; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(engine.port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply: parse(data), closed: false });
    }, waitMs);
    socket.on('connect', () => {
      socket.write(bytes);
      if (endAfterSend) socket.end();
    });
    socket.on('data', (d) => {
      data = Buffer.concat([data, d]);
      if (data.length >= 4 && data.length >= data.readInt32LE(0)) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ reply: parse(data), closed: false });
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply: parse(data), closed: true });
    });
    socket.on('error', () => undefined);
  });
}

function parse(data: Buffer): Record<string, unknown> | undefined {
  return data.length > 21 ? (deserialize(data.subarray(21)) as Record<string, unknown>) : undefined;
}

async function stillServing(): Promise<void> {
  const c = client.db('t').collection('c');
  await c.insertOne({ after: true });
  expect(await c.countDocuments()).toBeGreaterThanOrEqual(2);
  const fresh = await new MongoClient(engine.uri).connect();
  expect(await fresh.db('t').command({ ping: 1 })).toMatchObject({ ok: 1 });
  await fresh.close();
}

describe('bad input over the wire', () => {
  it('closes a connection that announces an impossible length', async () => {
    expect(await exchange(header(5, 2013))).toEqual({ reply: undefined, closed: true });
    expect(await exchange(header(60_000_000, 2013))).toEqual({ reply: undefined, closed: true });
    await stillServing();
  });

  it('closes a connection that sends an unknown opcode', async () => {
    expect(await exchange(Buffer.concat([header(20, 9999), Buffer.alloc(4)]))).toEqual({
      reply: undefined,
      closed: true,
    });
    expect(protocolErrors.some((m) => m.includes('unsupported opcode 9999'))).toBe(true);
    await stillServing();
  });

  it('drops a truncated message without answering', async () => {
    const full = opMsg(Buffer.from(serialize({ ping: 1, $db: 't' })));
    const result = await exchange(full.subarray(0, full.length - 6), true);
    expect(result.reply).toBeUndefined();
    await stillServing();
  });

  it('answers garbage BSON with InvalidBSON and keeps the connection', async () => {
    const garbage = Buffer.from([20, 0, 0, 0, 0x7f, 0x61, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0]);
    const result = await exchange(opMsg(garbage));
    expect(result.closed).toBe(false);
    expect(result.reply).toMatchObject({ ok: 0, code: 22, codeName: 'InvalidBSON' });
    await stillServing();
  });

  it('refuses a document over 16 MiB with BSONObjectTooLarge and keeps serving', async () => {
    const big = 'x'.repeat(17 * 1024 * 1024);
    // Built by hand: { big: "<17 MiB>" } — the driver itself would refuse to send it.
    const str = Buffer.from(big);
    const body = Buffer.alloc(4 + 1 + 4 + 4 + str.length + 1 + 1);
    body.writeInt32LE(body.length, 0);
    body[4] = 0x02;
    body.write('big\0', 5, 'latin1');
    body.writeInt32LE(str.length + 1, 9);
    str.copy(body, 13);
    // Generous: 17 MiB through loopback is slow on a loaded CI machine; a reply ends the wait.
    const result = await exchange(opMsg(body), false, 20_000);
    expect(result.reply).toMatchObject({ ok: 0, code: 10334, codeName: 'BSONObjectTooLarge' });
    await stillServing();
  });
});
