/**
 * BSON value semantics the engine needs beyond what mingo gives: a canonical key for hashing
 * (index maps, distinct, uniqueness), the BSON cross-type sort order, and dotted-path reads
 * that expand arrays the way MongoDB's multikey indexes do.
 */
import {
  Binary,
  Decimal128,
  Double,
  deserialize,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import type { Collation } from './collation';
import { compareExactly, decimalKey } from './decimal';

export type Doc = Record<string, unknown>;

/**
 * Stored numbers keep their BSON type where a JS number would lose it: an Int32 or a
 * fractional/out-of-range double is a plain number (bson writes it back as the same type),
 * an integral double stays a `Double`, a 64-bit integer stays a `Long`. Decoding with
 * `promoteValues: false` and normalising through here keeps Long, Double and Int32 apart.
 */
export function normalizeDecoded<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Int32) return v.value as T;
  if (v instanceof Double) return (isInt32(v.value) && !Object.is(v.value, -0) ? v : v.value) as T;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = normalizeDecoded(v[i]);
    return v;
  }
  if (typeRank(v) !== 5) return v;
  for (const k of Object.keys(v)) (v as Doc)[k] = normalizeDecoded((v as Doc)[k]);
  return v;
}

const DECODE = { promoteValues: false, promoteBuffers: false, bsonRegExp: false } as const;

/** Decodes BSON keeping the number types apart (see normalizeDecoded). */
export function decodeDocument(bytes: Uint8Array): Doc {
  return normalizeDecoded(deserialize(bytes, DECODE) as Doc);
}

export function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

/** MongoDB's name for a value's BSON type, as `$type` uses it. */
export function bsonTypeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'number') return isInt32(v) && !Object.is(v, -0) ? 'int' : 'double';
  if (typeof v === 'bigint' || v instanceof Long) return 'long';
  if (v instanceof Double) return 'double';
  if (v instanceof Decimal128) return 'decimal';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Binary || v instanceof Uint8Array) return 'binData';
  if (v instanceof RegExp) return 'regex';
  if (v instanceof Timestamp) return 'timestamp';
  if (v instanceof MinKey) return 'minKey';
  if (v instanceof MaxKey) return 'maxKey';
  const bsontype = (v as { _bsontype?: string })._bsontype;
  if (bsontype === 'Code') return 'javascript';
  if (bsontype === 'BSONSymbol') return 'symbol';
  return 'object';
}

/** MongoDB's comparison order of BSON types. */
export function typeRank(v: unknown): number {
  if (v instanceof MinKey) return 1;
  if (v === null || v === undefined) return 2;
  if (
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    v instanceof Long ||
    v instanceof Double ||
    v instanceof Decimal128
  )
    return 3;
  if (typeof v === 'string') return 4;
  if (Array.isArray(v)) return 6;
  if (v instanceof Binary || Buffer.isBuffer(v) || v instanceof Uint8Array) return 7;
  if (v instanceof ObjectId) return 8;
  if (typeof v === 'boolean') return 9;
  if (v instanceof Date) return 10;
  if (v instanceof Timestamp) return 11;
  if (v instanceof RegExp) return 12;
  if (v instanceof MaxKey) return 13;
  return 5; // embedded document
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Double) return v.value;
  if (v instanceof Decimal128) return Number(v.toString());
  return Number.NaN;
}

/** The exact integer a Long (or bigint) holds; null for other numbers. */
function exactInteger(v: unknown): bigint | null {
  if (v instanceof Long) return v.toBigInt();
  if (typeof v === 'bigint') return v;
  return null;
}

function compareNumbers(a: unknown, b: unknown): number {
  const ia = exactInteger(a);
  const ib = exactInteger(b);
  // Two 64-bit integers compare exactly (beyond 2^53 a double would round them together).
  if (ia !== null && ib !== null) return ia < ib ? -1 : ia > ib ? 1 : 0;
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1; // NaN sorts before every number
  if (Number.isNaN(y)) return 1;
  if (x !== y) return x < y ? -1 : 1;
  // Equal as doubles: a Decimal128 may still differ beyond a double's precision.
  return a instanceof Decimal128 || b instanceof Decimal128 ? compareExactly(a, b) : 0;
}

/** Total order over BSON values, as MongoDB sorts them (strings by `collation` if given). */
export function compareValues(a: unknown, b: unknown, collation?: Collation | null): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 3:
      return compareNumbers(a, b);
    case 4:
      if (collation) return collation.compare(a as string, b as string);
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 5: {
      const ea = Object.entries(a as Doc);
      const eb = Object.entries(b as Doc);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const [ka, va] = ea[i]!;
        const [kb, vb] = eb[i]!;
        const c = compareValues(va, vb, collation) || (ka < kb ? -1 : ka > kb ? 1 : 0);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
    case 6: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const c = compareValues(xa[i], xb[i], collation);
        if (c !== 0) return c;
      }
      return xa.length - xb.length;
    }
    case 7:
      return Buffer.compare(toBuffer(a), toBuffer(b));
    case 8:
      return (a as ObjectId).toHexString().localeCompare((b as ObjectId).toHexString());
    case 9:
      return Number(a) - Number(b);
    case 10:
      return (a as Date).getTime() - (b as Date).getTime();
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    case 12:
      return String(a).localeCompare(String(b));
    default:
      return 0;
  }
}

function toBuffer(v: unknown): Buffer {
  if (v instanceof Binary) return Buffer.from(v.buffer);
  return Buffer.from(v as Uint8Array);
}

/**
 * A string that is equal for two values exactly when MongoDB considers them equal
 * (1, 1.0 and Long(1) share a key; field order matters in documents, as in MongoDB).
 */
export function keyOf(v: unknown, collation?: Collation | null): string {
  switch (typeRank(v)) {
    case 2:
      return 'z';
    case 3: {
      if (v instanceof Decimal128) {
        const k = decimalKey(v);
        if (typeof k === 'string') return k;
        return keyOf(k);
      }
      const exact = exactInteger(v);
      if (exact !== null && (exact > 2n ** 53n || exact < -(2n ** 53n))) return `n${exact}`;
      const n = toNumber(v);
      if (Number.isInteger(n) && Math.abs(n) >= 2 ** 53 && Math.abs(n) < 1e21) return `n${BigInt(n)}`;
      return Object.is(n, -0) ? 'n0' : `n${n}`;
    }
    case 4:
      return `s${collation ? collation.key(v as string) : (v as string)}`;
    case 6:
      return `a[${(v as unknown[]).map((x) => keyOf(x, collation)).join(',')}]`;
    case 7:
      return `x${toBuffer(v).toString('hex')}`;
    case 8:
      return `o${(v as ObjectId).toHexString()}`;
    case 9:
      return v ? 'bt' : 'bf';
    case 10:
      return `d${(v as Date).getTime()}`;
    case 5:
      return `{${Object.entries(v as Doc)
        .map(([k, x]) => `${JSON.stringify(k)}:${keyOf(x, collation)}`)
        .join(',')}}`;
    default:
      return `?${typeRank(v)}:${String(v)}`;
  }
}

/**
 * The values a dotted path reaches, expanding arrays on the way (multikey semantics).
 * A path that reaches nothing yields [undefined]; an array at the end yields its elements.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  walk(doc, path.split('.'), 0, out);
  return out.length === 0 ? [undefined] : out;
}

function walk(cur: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(cur)) {
      if (cur.length === 0) out.push(undefined);
      else out.push(...cur);
    } else out.push(cur);
    return;
  }
  if (Array.isArray(cur)) {
    const idx = Number(parts[i]);
    if (Number.isInteger(idx) && idx >= 0 && String(idx) === parts[i]) {
      walk(cur[idx], parts, i + 1, out);
      return;
    }
    for (const el of cur) if (el !== null && typeof el === 'object') walk(el, parts, i, out);
    return;
  }
  if (cur === null || typeof cur !== 'object' || typeTag(cur)) return;
  walk(ownField(cur as Doc, parts[i]!), parts, i + 1, out);
}

/** A document's own field (never one inherited from Object.prototype, `__proto__` included). */
export function ownField(doc: Doc, name: string): unknown {
  return Object.hasOwn(doc, name) ? doc[name] : undefined;
}

/** True for BSON wrapper objects that are values, not sub-documents. */
function typeTag(v: object): boolean {
  return typeRank(v) !== 5 && !Array.isArray(v);
}

/** The single value a path reaches (no array expansion), for sort keys on scalars. */
export function sortKey(doc: Doc, path: string, direction: 1 | -1, collation?: Collation | null): unknown {
  const values = valuesAtPath(doc, path);
  if (values.length === 1) return values[0];
  // An array sorts by its smallest element ascending and its largest descending.
  let best = values[0];
  for (const v of values) {
    const c = compareValues(v, best, collation);
    if ((direction === 1 && c < 0) || (direction === -1 && c > 0)) best = v;
  }
  return best;
}

export function compareBySpec(
  spec: Record<string, unknown>,
  collation?: Collation | null,
): (a: Doc, b: Doc) => number {
  const keys = Object.entries(spec).map(([k, d]) => [k, Number(d) < 0 ? -1 : 1] as const);
  return (a, b) => {
    for (const [k, d] of keys) {
      const c = compareValues(sortKey(a, k, d, collation), sortKey(b, k, d, collation), collation);
      if (c !== 0) return d * c;
    }
    return 0;
  };
}

/**
 * Deep copy of a document's own structure; BSON value objects (ObjectId, Decimal128, ...) are
 * immutable and shared. (structuredClone would turn an ObjectId into a plain object.)
 */
export function cloneDoc<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  if (typeRank(v) !== 5) return v;
  const out: Doc = {};
  for (const [k, x] of Object.entries(v as Doc)) setField(out, k, cloneDoc(x));
  return out as T;
}

/** Sets a field, `__proto__` included as an ordinary own field (never the prototype). */
export function setField(doc: Doc, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(doc, name, { value, enumerable: true, writable: true, configurable: true });
  else doc[name] = value;
}
