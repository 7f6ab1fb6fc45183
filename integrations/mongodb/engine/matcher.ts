/**
 * Query filters, matched the way mongod matches them: dotted paths that traverse arrays of
 * documents, leaf arrays matched by element or as a whole, negations ($ne, $nin, $not, $nor)
 * over the whole path, BSON comparison brackets (numbers of every type compare together,
 * never with strings), collation for strings, `$type` by BSON type, the `$bits*` operators on
 * numbers and binary, and the array position a match came from (what the positional `$` of an
 * update or a projection refers to). Fields are own fields only: `__proto__` is a field name.
 * Aggregation expressions (`$expr`) are evaluated by mingo.
 */
import { Binary, Decimal128, Double, Long } from 'bson';
import { Query } from 'mingo';
import type { Collation } from './collation';
import { compileSchema } from './json-schema';
import { errors, MongoCommandError } from './mongo-error';
import { bsonTypeName, compareValues, type Doc, keyOf, ownField, toNumber, typeRank } from './values';

/** Filled in by a match: the index, in the first array on the path, of the element that matched. */
export interface MatchDetails {
  index?: number;
}

export type Matcher = (doc: Doc, details?: MatchDetails) => boolean;

export interface MatchOptions {
  collation?: Collation | null;
}

type Pred = (doc: unknown, details: MatchDetails | undefined) => boolean;
type Test = (v: unknown) => boolean;

export function compileFilter(filter: Doc | undefined, options: MatchOptions = {}): Matcher {
  const pred = compileDoc(filter ?? {}, options);
  return (doc, details) => pred(doc, details);
}

export function isPlainDoc(v: unknown): v is Doc {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    typeRank(v) === 5 &&
    !(v instanceof Uint8Array)
  );
}

function compileDoc(filter: Doc, o: MatchOptions): Pred {
  if (!isPlainDoc(filter)) throw errors.badValue('query filter must be an object');
  const preds: Pred[] = [];
  for (const [key, cond] of Object.entries(filter)) {
    preds.push(key.startsWith('$') ? compileTop(key, cond, o) : compileField(key, cond, o));
  }
  if (preds.length === 1) return preds[0]!;
  return (doc, d) => {
    for (const p of preds) if (!p(doc, d)) return false;
    return true;
  };
}

function compileTop(op: string, arg: unknown, o: MatchOptions): Pred {
  switch (op) {
    case '$and':
    case '$or':
    case '$nor': {
      if (!Array.isArray(arg) || arg.length === 0)
        throw errors.badValue('$and/$or/$nor must be a nonempty array');
      const subs = arg.map((sub) => {
        if (!isPlainDoc(sub)) throw errors.badValue('$or/$and/$nor entries need to be full objects');
        return compileDoc(sub, o);
      });
      if (op === '$and') return (doc, d) => subs.every((p) => p(doc, d));
      if (op === '$or') return (doc, d) => subs.some((p) => p(doc, d));
      return (doc) => !subs.some((p) => p(doc, undefined));
    }
    case '$expr': {
      const q = new Query({ $expr: arg });
      return (doc) => q.test(mingoView(doc as Doc));
    }
    case '$jsonSchema': {
      const schema = compileSchema(arg);
      return (doc) => schema.validate(doc).length === 0;
    }
    case '$comment':
      return () => true;
    case '$alwaysTrue':
      return () => true;
    case '$alwaysFalse':
      return () => false;
    case '$where':
      throw errors.whereUnsupported();
    case '$text':
      throw errors.textIndexRequired();
    default:
      throw errors.badValue(
        `unknown top level operator: ${op}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`,
      );
  }
}

/** An object whose first key is an operator is a set of conditions, else a value to equal. */
function isOperatorObject(v: unknown): v is Doc {
  if (!isPlainDoc(v)) return false;
  const first = Object.keys(v)[0];
  return first?.startsWith('$') === true;
}

function compileField(path: string, cond: unknown, o: MatchOptions): Pred {
  if (cond instanceof RegExp) return atPath(path, regexTest(cond));
  if (!isOperatorObject(cond)) return atPath(path, equalTest(cond, o));
  const preds: Pred[] = [];
  for (const [op, arg] of Object.entries(cond)) {
    if (op === '$options') {
      if (!('$regex' in cond)) throw errors.badValue('$options needs a $regex');
      continue;
    }
    preds.push(compileOperator(path, op, arg, cond, o));
  }
  if (preds.length === 1) return preds[0]!;
  return (doc, d) => {
    for (const p of preds) if (!p(doc, d)) return false;
    return true;
  };
}

function negate(p: Pred): Pred {
  return (doc) => !p(doc, undefined);
}

const GEO = new Set(['$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$within']);

function compileOperator(path: string, op: string, arg: unknown, all: Doc, o: MatchOptions): Pred {
  switch (op) {
    case '$eq':
      return atPath(path, equalTest(arg, o));
    case '$ne':
      return negate(atPath(path, equalTest(arg, o)));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return atPath(path, compareTest(op, arg, o));
    case '$in':
      return atPath(path, inTest(arg, o));
    case '$nin':
      return negate(atPath(path, inTest(arg, o)));
    case '$exists': {
      const exists = atPath(path, (v) => v !== undefined);
      return arg ? exists : negate(exists);
    }
    case '$type':
      return atPath(path, typeTest(arg));
    case '$size': {
      const n = toNumber(arg);
      if (!Number.isFinite(n)) throw errors.badValue('$size needs a number');
      return atPath(path, (v) => Array.isArray(v) && v.length === n, false);
    }
    case '$all': {
      if (!Array.isArray(arg)) throw errors.badValue('$all needs an array');
      if (arg.length === 0) return () => false;
      const each = arg.map((x) =>
        isPlainDoc(x) && '$elemMatch' in x
          ? compileOperator(path, '$elemMatch', x.$elemMatch, x, o)
          : x instanceof RegExp
            ? atPath(path, regexTest(x))
            : atPath(path, equalTest(x, o)),
      );
      return (doc, d) => each.every((p) => p(doc, d));
    }
    case '$elemMatch':
      return elemMatch(path, arg, o);
    case '$regex':
      return atPath(path, regexTest(makeRegex(arg, all.$options)));
    case '$not': {
      if (arg instanceof RegExp) return negate(atPath(path, regexTest(arg)));
      if (!isOperatorObject(arg)) throw errors.badValue('$not needs a regex or a document');
      return negate(compileField(path, arg, o));
    }
    case '$mod': {
      if (!Array.isArray(arg) || arg.length !== 2)
        throw errors.badValue('malformed mod, needs to be an array');
      const [divisor, remainder] = arg.map(toNumber) as [number, number];
      if (divisor === 0) throw errors.badValue('divisor cannot be 0');
      return atPath(
        path,
        (v) => typeRank(v) === 3 && Math.trunc(toNumber(v)) % Math.trunc(divisor) === remainder,
      );
    }
    case '$bitsAllSet':
    case '$bitsAnySet':
    case '$bitsAllClear':
    case '$bitsAnyClear':
      return atPath(path, bitsTest(op, arg));
    case '$comment':
      return () => true;
    default:
      if (GEO.has(op)) throw errors.geoUnsupported(op);
      throw errors.badValue(`unknown operator: ${op}`);
  }
}

/**
 * A predicate over the values `path` reaches. Arrays met on the way are traversed into their
 * document elements; an array at the end is tested as a whole and, when `expandLeaf`, by element.
 */
function atPath(path: string, test: Test, expandLeaf = true): Pred {
  const parts = path.split('.');
  return (doc, d) => matchAt(doc, parts, 0, test, expandLeaf, d, true);
}

function isIndex(part: string): boolean {
  return /^\d+$/.test(part);
}

function matchAt(
  cur: unknown,
  parts: string[],
  i: number,
  test: Test,
  expandLeaf: boolean,
  d: MatchDetails | undefined,
  outer: boolean,
): boolean {
  if (i === parts.length) {
    if (test(cur)) return true;
    if (expandLeaf && Array.isArray(cur)) {
      for (let k = 0; k < cur.length; k++) {
        if (test(cur[k])) {
          if (outer && d && d.index === undefined) d.index = k;
          return true;
        }
      }
    }
    return false;
  }
  const part = parts[i]!;
  if (Array.isArray(cur)) {
    if (isIndex(part) && matchAt(cur[Number(part)], parts, i + 1, test, expandLeaf, d, false)) return true;
    let sawDoc = false;
    for (let k = 0; k < cur.length; k++) {
      const el = cur[k];
      if (!isPlainDoc(el)) continue;
      sawDoc = true;
      if (matchAt(ownField(el, part), parts, i + 1, test, expandLeaf, d, false)) {
        if (outer && d && d.index === undefined) d.index = k;
        return true;
      }
    }
    // Nothing to descend into: the path is missing.
    return !sawDoc && !isIndex(part) && test(undefined);
  }
  if (isPlainDoc(cur)) return matchAt(ownField(cur, part), parts, i + 1, test, expandLeaf, d, outer);
  return matchAt(undefined, parts, parts.length, test, false, d, outer);
}

function equalTest(value: unknown, o: MatchOptions): Test {
  if (value === null || value === undefined) return (v) => v === null || v === undefined;
  const rank = typeRank(value);
  const collation = o.collation;
  return (v) => typeRank(v) === rank && v !== undefined && compareValues(v, value, collation) === 0;
}

function compareTest(op: string, value: unknown, o: MatchOptions): Test {
  if (value instanceof RegExp) throw errors.badValue(`Can't have RegEx as arg to predicate over field.`);
  const rank = typeRank(value);
  const collation = o.collation;
  const ok =
    op === '$gt'
      ? (c: number) => c > 0
      : op === '$gte'
        ? (c: number) => c >= 0
        : op === '$lt'
          ? (c: number) => c < 0
          : (c: number) => c <= 0;
  if (value === null || value === undefined) {
    const inclusive = op === '$gte' || op === '$lte';
    return (v) => inclusive && (v === null || v === undefined);
  }
  // MinKey and MaxKey compare with every type; other values only within their type's bracket.
  if (rank === 1 || rank === 13) return (v) => v !== undefined && ok(compareValues(v, value));
  return (v) => v !== undefined && typeRank(v) === rank && ok(compareValues(v, value, collation));
}

/**
 * Types whose equality is exactly equality of keyOf (numbers across their types, strings,
 * ObjectIds, booleans, dates): an `$in` of them is answered by one set lookup. Under a
 * collation, strings are left to comparisons.
 */
const KEYED_RANKS = new Set([3, 4, 8, 9, 10]);
const KEYED_RANKS_COLLATED = new Set([3, 8, 9, 10]);

function inTest(arg: unknown, o: MatchOptions): Test {
  if (!Array.isArray(arg)) throw errors.badValue('$in needs an array');
  // A refresh asks for 500 customers at once: testing each document against every value
  // (500 comparisons a document) was most of the cost of the read.
  // Strings under a collation keep their comparisons (a collation's keys are built as it goes).
  const keyed = o.collation ? KEYED_RANKS_COLLATED : KEYED_RANKS;
  const keys = new Set<string>();
  const tests: Test[] = [];
  for (const x of arg) {
    if (isOperatorObject(x)) throw errors.badValue('cannot nest $ under $in');
    if (x instanceof RegExp) tests.push(regexTest(x));
    else if (keyed.has(typeRank(x))) keys.add(keyOf(x));
    else tests.push(equalTest(x, o));
  }
  return (v) =>
    (keys.size > 0 && v !== undefined && keyed.has(typeRank(v)) && keys.has(keyOf(v))) ||
    tests.some((t) => t(v));
}

function regexTest(re: RegExp): Test {
  const plain = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
  return (v) =>
    (typeof v === 'string' && plain.test(v)) ||
    (v instanceof RegExp && v.source === re.source && v.flags === re.flags);
}

function makeRegex(source: unknown, options: unknown): RegExp {
  const flags = typeof options === 'string' ? options : '';
  if (/[^imsxu]/.test(flags)) throw errors.badValue(`invalid flag in regex options: ${flags}`);
  let src: string;
  let base = '';
  if (source instanceof RegExp) {
    src = source.source;
    base = source.flags;
  } else if (typeof source === 'string') src = source;
  else throw errors.badValue('$regex has to be a string');
  // 'x' (extended): whitespace and #-comments in the pattern are not part of it.
  if (flags.includes('x')) src = stripExtended(src);
  const all = [...new Set((base + flags.replace('x', '')).split(''))]
    .filter((f) => 'imsu'.includes(f))
    .join('');
  try {
    return new RegExp(src, all);
  } catch (err) {
    throw errors.badValue(`Regular expression is invalid: ${(err as Error).message}`);
  }
}

function stripExtended(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') {
      out += ch + (src[i + 1] ?? '');
      i++;
    } else if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

const TYPE_CODES: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  14: 'symbol',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};
const TYPE_NAMES = new Set([...Object.values(TYPE_CODES), 'number']);
const NUMERIC = new Set(['int', 'long', 'double', 'decimal']);

function typeTest(arg: unknown): Test {
  const wanted = (Array.isArray(arg) ? arg : [arg]).map((t) => {
    if (typeof t === 'string') {
      if (!TYPE_NAMES.has(t)) throw errors.badValue(`Unknown type name alias: ${t}`);
      return t;
    }
    const name = TYPE_CODES[toNumber(t)];
    if (!name) throw errors.badValue(`Invalid numerical type code: ${String(t)}`);
    return name;
  });
  const set = new Set(wanted);
  return (v) => {
    if (v === undefined) return false;
    const name = bsonTypeName(v);
    return set.has(name) || (set.has('number') && NUMERIC.has(name));
  };
}

/** The bit positions a `$bits*` mask names: a number, an array of positions, or binary. */
function maskPositions(arg: unknown): number[] {
  if (Array.isArray(arg)) {
    return arg.map((p) => {
      const n = toNumber(p);
      if (!Number.isInteger(n) || n < 0) throw errors.badValue(`bit positions must be non-negative integers`);
      return n;
    });
  }
  const bytes = binaryBytes(arg);
  if (bytes) {
    const out: number[] = [];
    bytes.forEach((b, i) => {
      for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) out.push(i * 8 + bit);
    });
    return out;
  }
  const n = toNumber(arg);
  if (!Number.isInteger(n) || n < 0) throw errors.badValue('bitmask must be a non-negative integer');
  const out: number[] = [];
  let big = BigInt(n);
  for (let i = 0; big > 0n; i++, big >>= 1n) if (big & 1n) out.push(i);
  return out;
}

function binaryBytes(v: unknown): Uint8Array | null {
  if (v instanceof Binary) return v.buffer.subarray(0, v.position);
  if (v instanceof Uint8Array) return v;
  return null;
}

/** The bits of a value as a test per position, or null when the value has no bits to test. */
function bitsOf(v: unknown): ((pos: number) => boolean) | null {
  const bytes = binaryBytes(v);
  if (bytes) return (pos) => pos >> 3 < bytes.length && (bytes[pos >> 3]! & (1 << (pos & 7))) !== 0;
  let big: bigint | null = null;
  if (v instanceof Long) big = v.toBigInt();
  else if (typeof v === 'number' || v instanceof Double || v instanceof Decimal128) {
    const n = toNumber(v);
    if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) big = BigInt(n);
  }
  if (big === null) return null;
  const n = big;
  // BigInt shifts are arithmetic: a negative number is sign-extended beyond its 64 bits.
  return (pos) => ((n >> BigInt(pos)) & 1n) === 1n;
}

function bitsTest(op: string, arg: unknown): Test {
  const positions = maskPositions(arg);
  return (v) => {
    const bit = bitsOf(v);
    if (!bit) return false;
    switch (op) {
      case '$bitsAllSet':
        return positions.every(bit);
      case '$bitsAnySet':
        return positions.some(bit);
      case '$bitsAllClear':
        return positions.every((p) => !bit(p));
      default:
        return positions.some((p) => !bit(p));
    }
  };
}

function elemMatch(path: string, cond: unknown, o: MatchOptions): Pred {
  if (!isPlainDoc(cond)) throw errors.badValue('$elemMatch needs an Object');
  const keys = Object.keys(cond);
  const valueForm =
    keys.length > 0 &&
    keys.every((k) => k.startsWith('$') && !['$and', '$or', '$nor', '$expr', '$where'].includes(k));
  let test: Test;
  if (valueForm) {
    const inner = compileField('v', cond, o);
    test = (el) => inner({ v: el }, undefined);
  } else {
    const inner = compileDoc(cond, o);
    test = (el) => isPlainDoc(el) && inner(el, undefined);
  }
  const parts = path.split('.');
  return (doc, d) =>
    matchAt(
      doc,
      parts,
      0,
      (arr) => {
        if (!Array.isArray(arr)) return false;
        for (let k = 0; k < arr.length; k++) {
          if (test(arr[k])) {
            if (d && d.index === undefined && parts.length === 1) d.index = k;
            return true;
          }
        }
        return false;
      },
      false,
      d,
      true,
    );
}

/**
 * A document as mingo can evaluate it: BSON number wrappers (Long, integral Double,
 * Decimal128) become JS numbers. Documents without any are returned as they are.
 */
const views = new WeakMap<object, Doc>();
export function mingoView<T>(doc: T): T {
  if (doc === null || typeof doc !== 'object') return doc;
  const cached = views.get(doc as object);
  if (cached) return cached as T;
  const view = promote(doc);
  views.set(doc as object, view as Doc);
  return view;
}

function promote<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Long || v instanceof Double || v instanceof Decimal128) return toNumber(v) as T;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const p = promote(v[i]);
      if (p !== v[i]) out ??= v.slice();
      if (out) out[i] = p;
    }
    return (out ?? v) as T;
  }
  if (!isPlainDoc(v)) return v;
  let out: Doc | null = null;
  for (const k of Object.keys(v)) {
    const x = (v as Doc)[k];
    const p = promote(x);
    if (p !== x) out ??= { ...(v as Doc) };
    if (out) out[k] = p;
  }
  return (out ?? v) as T;
}

/** Mingo reports problems as plain errors: answer them as mongod's BadValue. */
export function asCommandError(err: unknown): unknown {
  if (err instanceof MongoCommandError) return err;
  return errors.badValue((err as Error).message);
}
