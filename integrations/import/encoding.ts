/**
 * The text encoding of an imported file, decided before a row is read: UTF-8 (with or without
 * BOM) as is; otherwise Windows-1252, the superset of Latin-1 that French spreadsheets and
 * accounting exports write, converted to text. Anything else (UTF-16, binary, bytes that mean
 * nothing in Windows-1252) is refused with the reason: nothing is stored as mojibake.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';

export type FileEncoding = 'utf-8' | 'windows-1252';

/** Bytes Windows-1252 leaves undefined: a file holding them is not Latin-1 text either. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export class EncodingError extends Error {}

/** Reads the file once, as bytes (memory stays flat), and names its encoding or refuses it. */
export async function detectEncoding(file: string): Promise<FileEncoding> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = true;
  let cp1252 = true;
  let first = true;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        throw new EncodingError('the file is UTF-16: save it as UTF-8 (or Latin-1) CSV');
    }
    if (chunk.includes(0)) throw new EncodingError('the file is not text (it holds NUL bytes)');
    if (isUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        isUtf8 = false;
      }
    }
    if (!isUtf8 && cp1252) for (const b of chunk) if (UNDEFINED_1252.has(b)) cp1252 = false;
  }
  if (isUtf8) {
    try {
      utf8.decode(); // a sequence cut at the end of the file
      return 'utf-8';
    } catch {
      isUtf8 = false;
    }
  }
  if (cp1252) return 'windows-1252';
  throw new EncodingError(
    'the encoding is neither UTF-8 nor Latin-1/Windows-1252: save the file as UTF-8 CSV',
  );
}

/** A stream of the file's text, whatever its encoding (a UTF-8 BOM is dropped). */
export function decodingStream(encoding: FileEncoding): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      cb(null, decoder.decode(chunk, { stream: true }));
    },
    flush(cb) {
      cb(null, decoder.decode());
    },
  });
}
