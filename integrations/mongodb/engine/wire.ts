/**
 * MongoDB wire protocol framing: the 16-byte header, OP_MSG (kind-0 body, kind-1 document
 * sequences, moreToCome), and the legacy OP_QUERY/OP_REPLY pair that drivers still use for
 * the first handshake of a connection.
 */
import { Long } from 'bson';
import { errors, MongoCommandError } from './mongo-error';
import { encodeBody } from './reply-encoding';
import { type Doc, decodeDocument } from './values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MAX_BSON_SIZE = 16 * 1024 * 1024;
/** mongod accepts documents up to 16 MiB plus 16 KiB of command overhead. */
const MAX_INTERNAL_BSON = MAX_BSON_SIZE + 16 * 1024;
export const MAX_MESSAGE_SIZE = 48_000_000;

const CHECKSUM_PRESENT = 1 << 0;
export const MORE_TO_COME = 1 << 1;

/** A framing error: the byte stream can no longer be trusted, so the connection is closed. */
export class ProtocolError extends Error {}

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export type Request =
  | { kind: 'msg'; header: Header; flags: number; command: Doc }
  | { kind: 'query'; header: Header; collection: string; command: Doc };

/** Reads the header of the message at the start of `buf`, or null while fewer than 16 bytes arrived. */
export function readHeader(buf: Buffer): Header | null {
  if (buf.length < 16) return null;
  const header = {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
  if (header.length < 16 || header.length > MAX_MESSAGE_SIZE) {
    throw new ProtocolError(`invalid message length ${header.length}`);
  }
  if (header.opCode !== OP_MSG && header.opCode !== OP_QUERY) {
    throw new ProtocolError(`unsupported opcode ${header.opCode}`);
  }
  return header;
}

/**
 * Decodes one complete message. Framing problems throw ProtocolError; a body that is framed
 * correctly but is not valid BSON (or too large) throws a MongoCommandError answered to the client.
 */
export function decodeMessage(msg: Buffer, header: Header): Request {
  if (header.opCode === OP_QUERY) return decodeQuery(msg, header);
  const flags = msg.readUInt32LE(16);
  const end = flags & CHECKSUM_PRESENT ? msg.length - 4 : msg.length;
  let pos = 20;
  let command: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  while (pos < end) {
    const kind = msg[pos];
    pos += 1;
    if (kind === 0) {
      const size = bsonSize(msg, pos, end);
      command = decodeCommand(msg.subarray(pos, pos + size));
      pos += size;
    } else if (kind === 1) {
      if (pos + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = msg.readInt32LE(pos);
      const seqEnd = pos + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError('invalid document sequence size');
      const nul = msg.indexOf(0, pos + 4);
      if (nul < 0 || nul >= seqEnd) throw new ProtocolError('unterminated sequence identifier');
      const id = msg.toString('utf8', pos + 4, nul);
      const docs: Doc[] = [];
      let p = nul + 1;
      while (p < seqEnd) {
        const dsize = bsonSize(msg, p, seqEnd);
        docs.push(decodeDoc(msg.subarray(p, p + dsize)));
        p += dsize;
      }
      sequences.push([id, docs]);
      pos = seqEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  for (const [id, docs] of sequences) {
    const existing = command[id];
    command[id] = Array.isArray(existing) ? [...existing, ...docs] : docs;
  }
  return { kind: 'msg', header, flags, command };
}

function decodeQuery(msg: Buffer, header: Header): Request {
  const nul = msg.indexOf(0, 20);
  if (nul < 0) throw new ProtocolError('unterminated collection name');
  const collection = msg.toString('utf8', 20, nul);
  const pos = nul + 1 + 8; // numberToSkip, numberToReturn
  const size = bsonSize(msg, pos, msg.length);
  let command = decodeCommand(msg.subarray(pos, pos + size));
  // Legacy wrapping: { $query: { ismaster: 1 }, $readPreference: ... }
  if (command.$query && typeof command.$query === 'object') command = command.$query as Doc;
  return { kind: 'query', header, collection, command };
}

/** The declared size of the BSON document at `pos`, checked against the room left. */
function bsonSize(buf: Buffer, pos: number, end: number): number {
  if (pos + 4 > end) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(pos);
  if (size > MAX_INTERNAL_BSON) throw errors.objectTooLarge(size);
  if (size < 5 || pos + size > end) throw new ProtocolError(`invalid BSON document size ${size}`);
  return size;
}

/** A command body: its own options (limit, batchSize, getMore's cursor id) are read as plain numbers. */
function decodeCommand(bytes: Buffer): Doc {
  const doc = decodeDoc(bytes);
  for (const [k, v] of Object.entries(doc))
    if (v instanceof Long && Number.isSafeInteger(v.toNumber())) doc[k] = v.toNumber();
  return doc;
}

function decodeDoc(bytes: Buffer): Doc {
  try {
    return decodeDocument(bytes);
  } catch (err) {
    throw errors.invalidBson(`invalid BSON: ${(err as Error).message}`);
  }
}

let nextRequestId = 1;

/** An OP_MSG reply carrying one body document. */
export function encodeMsgReply(responseTo: number, body: Doc): Buffer {
  const doc = encodeBody(body);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + doc.length, 0);
  header.writeInt32LE(nextRequestId++, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16);
  header[20] = 0;
  return Buffer.concat([header, doc]);
}

/** An OP_REPLY for the legacy handshake. */
export function encodeLegacyReply(responseTo: number, body: Doc): Buffer {
  const doc = encodeBody(body);
  const header = Buffer.alloc(36);
  header.writeInt32LE(36 + doc.length, 0);
  header.writeInt32LE(nextRequestId++, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(OP_REPLY, 12);
  header.writeInt32LE(8, 16); // AwaitCapable
  header.writeBigInt64LE(0n, 20); // cursorID
  header.writeInt32LE(0, 28); // startingFrom
  header.writeInt32LE(1, 32); // numberReturned
  return Buffer.concat([header, doc]);
}

export function isCommandError(err: unknown): err is MongoCommandError {
  return err instanceof MongoCommandError;
}
