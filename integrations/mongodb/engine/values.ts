/**
 * BSON value semantics the engine needs beyond what mingo gives: a canonical key for hashing
 * (index maps, distinct, uniqueness), the BSON cross-type sort order, and dotted-path reads
 * that expand arrays the way MongoDB's multikey indexes do.
 */
import { Binary, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';

export type Doc = Record<string, unknown>;

/** MongoDB's comparison order of BSON types. */
export function typeRank(v: unknown): number {
  if (v instanceof MinKey) return 1;
  if (v === null || v === undefined) return 2;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Long || v instanceof Decimal128)
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

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(v.toString());
  return Number.NaN;
}

/** Total order over BSON values, as MongoDB sorts them. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 3: {
      const x = toNumber(a);
      const y = toNumber(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1; // NaN sorts before every number
      if (Number.isNaN(y)) return 1;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 4:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 5: {
      const ea = Object.entries(a as Doc);
      const eb = Object.entries(b as Doc);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const [ka, va] = ea[i]!;
        const [kb, vb] = eb[i]!;
        const c = compareValues(va, vb) || (ka < kb ? -1 : ka > kb ? 1 : 0);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
    case 6: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const c = compareValues(xa[i], xb[i]);
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
export function keyOf(v: unknown): string {
  switch (typeRank(v)) {
    case 2:
      return 'z';
    case 3: {
      const n = toNumber(v);
      return Object.is(n, -0) ? 'n0' : `n${n}`;
    }
    case 4:
      return `s${v as string}`;
    case 6:
      return `a[${(v as unknown[]).map(keyOf).join(',')}]`;
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
        .map(([k, x]) => `${JSON.stringify(k)}:${keyOf(x)}`)
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
  walk((cur as Doc)[parts[i]!], parts, i + 1, out);
}

/** True for BSON wrapper objects that are values, not sub-documents. */
function typeTag(v: object): boolean {
  return typeRank(v) !== 5 && !Array.isArray(v);
}

/** The single value a path reaches (no array expansion), for sort keys on scalars. */
export function sortKey(doc: Doc, path: string, direction: 1 | -1): unknown {
  const values = valuesAtPath(doc, path);
  if (values.length === 1) return values[0];
  // An array sorts by its smallest element ascending and its largest descending.
  let best = values[0];
  for (const v of values) {
    const c = compareValues(v, best);
    if ((direction === 1 && c < 0) || (direction === -1 && c > 0)) best = v;
  }
  return best;
}

export function compareBySpec(spec: Record<string, unknown>): (a: Doc, b: Doc) => number {
  const keys = Object.entries(spec).map(([k, d]) => [k, Number(d) < 0 ? -1 : 1] as const);
  return (a, b) => {
    for (const [k, d] of keys) {
      const c = compareValues(sortKey(a, k, d), sortKey(b, k, d));
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
  for (const [k, x] of Object.entries(v as Doc)) out[k] = cloneDoc(x);
  return out as T;
}
