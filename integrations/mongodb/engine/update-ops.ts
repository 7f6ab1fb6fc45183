/**
 * Operator updates (`$set`, `$inc`, `$push`, …) applied the way mongod applies them:
 * - two paths conflict only when one is a prefix of the other (or they are equal), whatever
 *   their operators: `items.$.tags` and `items.$.n` do not, `profile` and `profile.visits` do;
 * - fields are applied in field-name order (mongod ≥ 5.0), so new fields appear in that order;
 * - the positional `$` is the array position the query matched, `$[]` every element,
 *   `$[id]` the elements its array filter matches;
 * - arithmetic keeps BSON number types (int + int overflowing is a long, anything with a
 *   double is a double, with a decimal a decimal);
 * - `$pull` conditions are queries on each element (documents) or on the value (operators).
 */
import { Double, Long, Timestamp } from 'bson';
import type { Collation } from './collation';
import { decimalArithmetic } from './decimal';
import { compileFilter, isPlainDoc, type Matcher } from './matcher';
import { errors, MongoCommandError } from './mongo-error';
import {
  bsonTypeName,
  cloneDoc,
  compareBySpec,
  compareValues,
  type Doc,
  isInt32,
  keyOf,
  ownField,
  setField,
  toNumber,
  typeRank,
} from './values';

export interface UpdateContext {
  /** The document is being inserted by an upsert ($setOnInsert applies, _id may be set). */
  inserting: boolean;
  /** The array position the query matched, for the positional `$`. */
  position?: number;
  arrayFilters?: Doc[];
  collation?: Collation | null;
}

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$rename',
  '$bit',
  '$currentDate',
  '$setOnInsert',
]);

interface Mod {
  op: string;
  path: string;
  parts: string[];
  arg: unknown;
}

/** Applies `update` to `doc` in place (the caller passes a copy). */
export function applyOperators(doc: Doc, update: Doc, ctx: UpdateContext): void {
  const mods: Mod[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if (!OPERATORS.has(op))
      throw errors.failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    if (!isPlainDoc(fields))
      throw errors.failedToParse(
        `Modifiers operate on fields but we found type ${bsonTypeName(fields)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(fields)}}`,
      );
    for (const [path, arg] of Object.entries(fields)) {
      checkPath(path);
      mods.push({ op, path, parts: path.split('.'), arg });
      if (op === '$rename') {
        if (typeof arg !== 'string')
          throw errors.badValue(`The 'to' field for $rename must be a string: ${path}: ${String(arg)}`);
        checkPath(arg);
        if (arg === path)
          throw errors.badValue(`The source and target field for $rename must differ: ${path}: "${arg}"`);
        mods.push({ op: '$rename:to', path: arg, parts: arg.split('.'), arg: path });
      }
    }
  }
  checkConflicts(mods);
  const filters = compileArrayFilters(ctx.arrayFilters, mods, ctx.collation);
  const ordered = [...mods].sort((a, b) => comparePaths(a.parts, b.parts));
  const idBefore = keyOf(doc._id);
  for (const mod of ordered) {
    if (mod.op === '$setOnInsert' && !ctx.inserting) continue;
    if (mod.op === '$rename:to') continue; // applied with its source
    apply(doc, mod, ctx, filters);
  }
  if (!ctx.inserting && doc._id !== undefined && keyOf(doc._id) !== idBefore) {
    throw errors.immutableField(
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
}

function checkPath(path: string): void {
  if (path === '') throw new MongoCommandError(56, 'EmptyFieldName', 'An empty update path is not valid.');
  const parts = path.split('.');
  if (parts.some((p) => p === ''))
    throw new MongoCommandError(
      56,
      'EmptyFieldName',
      `The update path '${path}' contains an empty field name, which is not allowed.`,
    );
}

/** mongod's rule: a path conflicts with another that it prefixes, or that prefixes it, or equals it. */
function checkConflicts(mods: Mod[]): void {
  interface Node {
    end: boolean;
    children: Map<string, Node>;
  }
  const root: Node = { end: false, children: new Map() };
  for (const mod of mods) {
    let node = root;
    for (let i = 0; i < mod.parts.length; i++) {
      if (node.end) throw errors.conflictingUpdate(mod.path, mod.parts.slice(0, i).join('.'));
      let next = node.children.get(mod.parts[i]!);
      if (!next) {
        next = { end: false, children: new Map() };
        node.children.set(mod.parts[i]!, next);
      }
      node = next;
    }
    if (node.end || node.children.size > 0) throw errors.conflictingUpdate(mod.path, mod.path);
    node.end = true;
  }
}

/** Field-name order, numeric names in numeric order, as mongod applies an update's paths. */
function comparePaths(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function compileArrayFilters(
  arrayFilters: Doc[] | undefined,
  mods: Mod[],
  collation: Collation | null | undefined,
): Map<string, Matcher> {
  const out = new Map<string, Matcher>();
  for (const f of arrayFilters ?? []) {
    const ids = new Set(Object.keys(f).map((k) => k.split('.')[0]!));
    if (ids.size !== 1)
      throw errors.failedToParse(
        'Error parsing array filter :: caused by :: Expected a single top-level field name',
      );
    const id = [...ids][0]!;
    if (out.has(id))
      throw errors.failedToParse(`Found multiple array filters with the same top-level field name ${id}`);
    // The filter names the element as `id`: test it against { [id]: element }.
    out.set(id, compileFilter(f, { collation }));
  }
  const used = new Set<string>();
  for (const m of mods) for (const p of m.parts) if (/^\$\[\w+\]$/.test(p)) used.add(p.slice(2, -1));
  for (const id of out.keys()) {
    if (!used.has(id))
      throw errors.failedToParse(`The array filter for identifier '${id}' was not used in the update`);
  }
  return out;
}

type Slot = { container: Doc | unknown[]; key: string | number };

/**
 * The places a path designates, creating the documents on the way when `create` is set.
 * Positional parts expand to array indexes.
 */
function slots(
  cur: unknown,
  parts: string[],
  i: number,
  mod: Mod,
  ctx: UpdateContext,
  filters: Map<string, Matcher>,
  create: boolean,
): Slot[] {
  const part = parts[i]!;
  const last = i === parts.length - 1;
  let keys: Array<string | number>;
  if (Array.isArray(cur)) {
    if (part === '$') {
      if (ctx.position === undefined)
        throw errors.badValue('The positional operator did not find the match needed from the query.');
      keys = [ctx.position];
    } else if (part === '$[]') keys = cur.map((_, k) => k);
    else if (/^\$\[\w+\]$/.test(part)) {
      const id = part.slice(2, -1);
      const filter = filters.get(id);
      if (!filter)
        throw errors.badValue(`No array filter found for identifier '${id}' in path '${mod.path}'`);
      keys = cur.flatMap((el, k) => (filter({ [id]: el }) ? [k] : []));
    } else if (/^\d+$/.test(part)) keys = [Number(part)];
    else {
      if (!create) return [];
      throw errors.pathNotViable(
        `Cannot create field '${part}' in element {${parts[i - 1] ?? ''}: ${render(cur)}}`,
      );
    }
  } else if (isPlainDoc(cur)) {
    if (part.startsWith('$'))
      throw errors.badValue(
        `The path '${parts.slice(0, i).join('.')}' must exist in the document in order to apply array updates.`,
      );
    keys = [part];
  } else {
    if (!create) return [];
    throw errors.pathNotViable(
      `Cannot create field '${part}' in element {${parts[i - 1] ?? ''}: ${render(cur)}}`,
    );
  }
  const container = cur as Doc | unknown[];
  if (last) return keys.map((key) => ({ container, key }));
  const out: Slot[] = [];
  for (const key of keys) {
    let child = get(container, key);
    if (child === undefined || (child === null && Array.isArray(container) && create)) {
      if (!create) continue;
      if (parts[i + 1]!.startsWith('$'))
        throw errors.badValue(
          `The path '${parts.slice(0, i + 1).join('.')}' must exist in the document in order to apply array updates.`,
        );
      child = {};
      put(container, key, child);
    }
    out.push(...slots(child, parts, i + 1, mod, ctx, filters, create));
  }
  return out;
}

function render(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function get(container: Doc | unknown[], key: string | number): unknown {
  return Array.isArray(container) ? container[key as number] : ownField(container, key as string);
}

function put(container: Doc | unknown[], key: string | number, value: unknown): void {
  if (Array.isArray(container)) {
    const k = key as number;
    while (container.length < k) container.push(null);
    container[k] = value;
  } else setField(container, key as string, value);
}

function remove(container: Doc | unknown[], key: string | number): void {
  if (Array.isArray(container)) {
    if ((key as number) < container.length) container[key as number] = null;
  } else delete container[key as string];
}

const CREATES = new Set([
  '$set',
  '$setOnInsert',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$currentDate',
  '$bit',
]);

function apply(doc: Doc, mod: Mod, ctx: UpdateContext, filters: Map<string, Matcher>): void {
  if (mod.op === '$rename') {
    rename(doc, mod, ctx, filters);
    return;
  }
  const create = CREATES.has(mod.op);
  for (const { container, key } of slots(doc, mod.parts, 0, mod, ctx, filters, create)) {
    const current = get(container, key);
    const exists =
      current !== undefined && !(Array.isArray(container) && (key as number) >= container.length);
    const fieldName = mod.path;
    switch (mod.op) {
      case '$set':
      case '$setOnInsert':
        put(container, key, cloneDoc(mod.arg));
        break;
      case '$unset':
        if (exists) remove(container, key);
        break;
      case '$inc':
      case '$mul': {
        const verb = mod.op === '$inc' ? 'increment' : 'multiply';
        if (typeRank(mod.arg) !== 3)
          throw errors.typeMismatch(
            `Cannot ${verb} with non-numeric argument: {${fieldName}: ${render(mod.arg)}}`,
          );
        if (!exists) {
          put(container, key, mod.op === '$inc' ? mod.arg : arithmetic(0, mod.arg, 'mul'));
          break;
        }
        if (typeRank(current) !== 3)
          throw errors.typeMismatch(
            `Cannot apply ${mod.op} to a value of non-numeric type. {_id: ${render(doc._id)}} has the field '${String(key)}' of non-numeric type ${bsonTypeName(current)}`,
          );
        put(container, key, arithmetic(current, mod.arg, mod.op === '$inc' ? 'add' : 'mul'));
        break;
      }
      case '$min':
      case '$max': {
        const c = exists ? compareValues(mod.arg, current, ctx.collation) : 0;
        if (!exists || (mod.op === '$min' ? c < 0 : c > 0)) put(container, key, cloneDoc(mod.arg));
        break;
      }
      case '$currentDate': {
        const type = isPlainDoc(mod.arg) ? mod.arg.$type : 'date';
        if (mod.arg !== true && type !== 'date' && type !== 'timestamp')
          throw errors.badValue(
            `${fieldName} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
          );
        const now = new Date();
        put(
          container,
          key,
          type === 'timestamp' ? Timestamp.fromBits(0, Math.floor(now.getTime() / 1000)) : now,
        );
        break;
      }
      case '$push':
      case '$addToSet': {
        const arr = arrayAt(current, exists, fieldName, doc);
        const hasEach = isPlainDoc(mod.arg) && '$each' in mod.arg;
        const spec = hasEach ? (mod.arg as Doc) : { $each: [mod.arg] };
        if (!Array.isArray(spec.$each))
          throw errors.badValue(
            `The argument to $each in ${mod.op} must be an array but it was of type: ${bsonTypeName(spec.$each)}`,
          );
        const items = (spec.$each as unknown[]).map((x) => cloneDoc(x));
        if (mod.op === '$addToSet') {
          const seen = new Set(arr.map((x) => keyOf(x)));
          for (const x of items) {
            const k = keyOf(x);
            if (!seen.has(k)) {
              seen.add(k);
              arr.push(x);
            }
          }
        } else pushWith(arr, items, spec, ctx.collation);
        put(container, key, arr);
        break;
      }
      case '$pop': {
        if (!exists) break;
        if (!Array.isArray(current))
          throw errors.typeMismatch(
            `Path '${fieldName}' contains an element of non-array type '${bsonTypeName(current)}'`,
          );
        const arr = [...current];
        if (toNumber(mod.arg) < 0) arr.shift();
        else arr.pop();
        put(container, key, arr);
        break;
      }
      case '$pull':
      case '$pullAll': {
        if (!exists) break;
        if (!Array.isArray(current)) throw errors.badValue(`Cannot apply ${mod.op} to a non-array value`);
        let drop: (el: unknown) => boolean;
        if (mod.op === '$pullAll') {
          if (!Array.isArray(mod.arg))
            throw errors.badValue(
              `$pullAll requires an array argument but was given a ${bsonTypeName(mod.arg)}`,
            );
          const keys = new Set(mod.arg.map((x) => keyOf(x)));
          drop = (el) => keys.has(keyOf(el));
        } else drop = pullCondition(mod.arg, ctx.collation);
        put(
          container,
          key,
          current.filter((el) => !drop(el)),
        );
        break;
      }
      case '$bit': {
        if (!isPlainDoc(mod.arg))
          throw errors.badValue(`The $bit modifier is not compatible with a ${bsonTypeName(mod.arg)}.`);
        const value = exists ? current : 0;
        const kind = bsonTypeName(value);
        if (kind !== 'int' && kind !== 'long')
          throw errors.badValue(
            `Cannot apply $bit to a value of non-integral type. {_id: ${render(doc._id)}} has the field ${String(key)} of non-integer type ${kind}`,
          );
        let n = BigInt(value instanceof Long ? value.toString() : (value as number));
        let long = kind === 'long';
        for (const [how, operand] of Object.entries(mod.arg)) {
          const t = bsonTypeName(operand);
          if (t !== 'int' && t !== 'long')
            throw errors.badValue(
              `The $bit modifier field must be an Integer(32/64 bit); a '${t}' is not supported here`,
            );
          long ||= t === 'long';
          const m = BigInt(operand instanceof Long ? operand.toString() : (operand as number));
          if (how === 'and') n &= m;
          else if (how === 'or') n |= m;
          else if (how === 'xor') n ^= m;
          else
            throw errors.badValue(
              `The $bit modifier only supports 'and', 'or', and 'xor', not '${how}' which is an unknown operator`,
            );
        }
        put(container, key, long ? Long.fromBigInt(BigInt.asIntN(64, n)) : Number(BigInt.asIntN(32, n)));
        break;
      }
    }
  }
}

function arrayAt(current: unknown, exists: boolean, field: string, doc: Doc): unknown[] {
  if (!exists || current === undefined) return [];
  if (!Array.isArray(current))
    throw errors.badValue(
      `The field '${field}' must be an array but is of type ${bsonTypeName(current)} in document {_id: ${render(doc._id)}}`,
    );
  return [...current];
}

function pushWith(
  arr: unknown[],
  items: unknown[],
  spec: Doc,
  collation: Collation | null | undefined,
): void {
  let position = arr.length;
  if (spec.$position !== undefined) {
    const p = toNumber(spec.$position);
    position = p < 0 ? Math.max(0, arr.length + p) : Math.min(p, arr.length);
  }
  arr.splice(position, 0, ...items);
  if (spec.$sort !== undefined) {
    const s = spec.$sort;
    if (isPlainDoc(s)) arr.sort((a, b) => compareBySpec(s, collation)(a as Doc, b as Doc));
    else {
      const dir = toNumber(s) < 0 ? -1 : 1;
      arr.sort((a, b) => dir * compareValues(a, b, collation));
    }
  }
  if (spec.$slice !== undefined) {
    const n = toNumber(spec.$slice);
    const kept = n < 0 ? arr.slice(Math.max(0, arr.length + n)) : arr.slice(0, n);
    arr.length = 0;
    arr.push(...kept);
  }
}

/** A `$pull` condition: operators test the element's value, a document queries each element. */
function pullCondition(cond: unknown, collation: Collation | null | undefined): (el: unknown) => boolean {
  if (isPlainDoc(cond)) {
    const keys = Object.keys(cond);
    const valueForm =
      keys.length > 0 &&
      keys.every((k) => k.startsWith('$') && !['$and', '$or', '$nor', '$expr'].includes(k));
    if (valueForm) {
      const m = compileFilter({ v: cond }, { collation });
      return (el) => m({ v: el });
    }
    const m = compileFilter(cond, { collation });
    return (el) => isPlainDoc(el) && m(el);
  }
  if (cond instanceof RegExp) {
    const m = compileFilter({ v: cond });
    return (el) => m({ v: el });
  }
  const k = keyOf(cond);
  return (el) => keyOf(el) === k;
}

function rename(doc: Doc, mod: Mod, ctx: UpdateContext, filters: Map<string, Matcher>): void {
  const from = slots(doc, mod.parts, 0, mod, ctx, filters, false);
  if (from.length === 0) return;
  const { container, key } = from[0]!;
  if (Array.isArray(container))
    throw errors.badValue(
      `The source field cannot be an array element, '${mod.path}' in doc with ${render(doc._id)} has an array field called '${mod.parts[mod.parts.length - 2]}'`,
    );
  const value = get(container, key);
  if (value === undefined) return;
  const target = mod.arg as string;
  const to = slots(
    doc,
    target.split('.'),
    0,
    { ...mod, path: target, parts: target.split('.') },
    ctx,
    filters,
    true,
  );
  remove(container, key);
  for (const slot of to) {
    if (Array.isArray(slot.container))
      throw errors.badValue(`The destination field cannot be an array element, '${target}'`);
    put(slot.container, slot.key, value);
  }
}

type Kind = 'int' | 'long' | 'double' | 'decimal';

function kindOf(v: unknown): Kind {
  const name = bsonTypeName(v);
  return name === 'int' || name === 'long' || name === 'decimal' ? name : 'double';
}

/** a + b or a × b with mongod's result type. */
function arithmetic(a: unknown, b: unknown, op: 'add' | 'mul'): unknown {
  const ka = kindOf(a);
  const kb = kindOf(b);
  // Exact decimal arithmetic (a double operand enters at 15 digits, as in mongod).
  if (ka === 'decimal' || kb === 'decimal') return decimalArithmetic(a, b, op);
  if (ka === 'double' || kb === 'double') {
    const r = op === 'add' ? toNumber(a) + toNumber(b) : toNumber(a) * toNumber(b);
    // An integral double stays a double on the wire.
    return isInt32(r) && !Object.is(r, -0) ? new Double(r) : r;
  }
  const x = a instanceof Long ? a.toBigInt() : BigInt(a as number);
  const y = b instanceof Long ? b.toBigInt() : BigInt(b as number);
  const r = op === 'add' ? x + y : x * y;
  if (ka === 'int' && kb === 'int' && r >= -2147483648n && r <= 2147483647n) return Number(r);
  if (r >= -(2n ** 63n) && r < 2n ** 63n) return Long.fromBigInt(r);
  return Number(r); // beyond 64 bits: a double, as mongod falls back to
}
