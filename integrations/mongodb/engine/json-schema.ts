/**
 * `$jsonSchema` as mongod implements it (draft 4 plus `bsonType`): each keyword applies only
 * to values of its kind (`minimum` to numbers, `minLength` to strings, …), as in mongod.
 * `validate` returns the rules not satisfied, in the shape of mongod's `errInfo.details`.
 */
import { errors } from './mongo-error';
import { bsonTypeName, compareValues, type Doc, keyOf, ownField, toNumber, typeRank } from './values';

type Failure = Doc;
export interface Schema {
  validate(v: unknown): Failure[];
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  object: (v) => bsonTypeName(v) === 'object',
  array: Array.isArray,
  number: (v) => typeRank(v) === 3,
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};
const NUMERIC = new Set(['int', 'long', 'double', 'decimal']);

export function compileSchema(schema: unknown): Schema {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    throw errors.failedToParse('$jsonSchema must be an object');
  return { validate: (v) => check(schema as Doc, v) };
}

function check(s: Doc, v: unknown): Failure[] {
  const out: Failure[] = [];
  const fail = (operatorName: string, extra: Doc = {}) =>
    out.push({ operatorName, specifiedAs: { [operatorName]: s[operatorName] }, ...extra });
  for (const [kw, arg] of Object.entries(s)) {
    switch (kw) {
      case 'bsonType': {
        const types = (Array.isArray(arg) ? arg : [arg]) as string[];
        const name = bsonTypeName(v);
        if (!types.includes(name) && !(types.includes('number') && NUMERIC.has(name)))
          fail(kw, { reason: 'type did not match', consideredValue: v, consideredType: name });
        break;
      }
      case 'type': {
        const types = (Array.isArray(arg) ? arg : [arg]) as string[];
        for (const t of types) if (!JSON_TYPES[t]) throw errors.badValue(`Unknown type name alias: ${t}`);
        if (!types.some((t) => JSON_TYPES[t]!(v)))
          fail(kw, { reason: 'type did not match', consideredValue: v });
        break;
      }
      case 'enum':
        if (!(arg as unknown[]).some((x) => keyOf(x) === keyOf(v)))
          fail(kw, { reason: 'value was not found in enum', consideredValue: v });
        break;
      case 'minimum':
      case 'maximum':
        if (typeRank(v) === 3) {
          const c = compareValues(v, arg);
          const exclusive = s[kw === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true;
          const bad = kw === 'minimum' ? (exclusive ? c <= 0 : c < 0) : exclusive ? c >= 0 : c > 0;
          if (bad) fail(kw, { reason: 'comparison failed', consideredValue: v });
        }
        break;
      case 'multipleOf':
        if (typeRank(v) === 3 && toNumber(v) % toNumber(arg) !== 0)
          fail(kw, { reason: 'factor did not divide the value', consideredValue: v });
        break;
      case 'minLength':
      case 'maxLength':
        if (typeof v === 'string') {
          const n = [...v].length;
          if (kw === 'minLength' ? n < toNumber(arg) : n > toNumber(arg))
            fail(kw, { reason: 'specified string length was not satisfied', consideredValue: v });
        }
        break;
      case 'pattern':
        if (typeof v === 'string' && !new RegExp(String(arg), 'u').test(v))
          fail(kw, { reason: 'regular expression did not match', consideredValue: v });
        break;
      case 'minItems':
      case 'maxItems':
        if (Array.isArray(v) && (kw === 'minItems' ? v.length < toNumber(arg) : v.length > toNumber(arg)))
          fail(kw, { reason: 'array did not match specified length', consideredValue: v });
        break;
      case 'uniqueItems':
        if (arg === true && Array.isArray(v) && new Set(v.map((x) => keyOf(x))).size !== v.length)
          fail(kw, { reason: 'found a duplicate item', consideredValue: v });
        break;
      case 'items':
        if (Array.isArray(v)) {
          const itemsFailed = Array.isArray(arg)
            ? v.some((x, i) => i < arg.length && check(arg[i] as Doc, x).length > 0)
            : v.some((x) => check(arg as Doc, x).length > 0);
          if (itemsFailed) fail(kw, { reason: 'At least one item did not match the sub-schema' });
        }
        break;
      case 'additionalItems':
        if (Array.isArray(v) && Array.isArray(s.items)) {
          const extra = v.slice(s.items.length);
          if (arg === false ? extra.length > 0 : extra.some((x) => check(arg as Doc, x).length > 0))
            fail(kw, { reason: 'additional items did not match' });
        }
        break;
      case 'required':
        if (isObject(v)) {
          const missing = (arg as string[]).filter((k) => ownField(v, k) === undefined);
          if (missing.length > 0) fail(kw, { missingProperties: missing });
        }
        break;
      case 'properties':
        if (isObject(v)) {
          const notSatisfied: Doc[] = [];
          for (const [name, sub] of Object.entries(arg as Doc)) {
            const x = ownField(v, name);
            if (x === undefined) continue;
            const details = check(sub as Doc, x);
            if (details.length > 0) notSatisfied.push({ propertyName: name, details });
          }
          if (notSatisfied.length > 0)
            out.push({ operatorName: 'properties', propertiesNotSatisfied: notSatisfied });
        }
        break;
      case 'patternProperties':
        if (isObject(v)) {
          for (const [pattern, sub] of Object.entries(arg as Doc)) {
            const re = new RegExp(pattern, 'u');
            for (const [k, x] of Object.entries(v))
              if (re.test(k) && check(sub as Doc, x).length > 0) fail(kw, { propertyName: k });
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(v)) {
          const known = new Set(Object.keys((s.properties as Doc | undefined) ?? {}));
          const patterns = Object.keys((s.patternProperties as Doc | undefined) ?? {}).map(
            (p) => new RegExp(p, 'u'),
          );
          const extra = Object.keys(v).filter((k) => !known.has(k) && !patterns.some((re) => re.test(k)));
          const bad =
            arg === false
              ? extra
              : arg === true
                ? []
                : extra.filter((k) => check(arg as Doc, v[k]).length > 0);
          if (bad.length > 0) fail(kw, { additionalProperties: bad });
        }
        break;
      case 'minProperties':
      case 'maxProperties':
        if (isObject(v)) {
          const n = Object.keys(v).length;
          if (kw === 'minProperties' ? n < toNumber(arg) : n > toNumber(arg))
            fail(kw, { reason: 'specified number of properties was not satisfied', numberOfProperties: n });
        }
        break;
      case 'dependencies':
        if (isObject(v)) {
          for (const [k, dep] of Object.entries(arg as Doc)) {
            if (ownField(v, k) === undefined) continue;
            const bad = Array.isArray(dep)
              ? dep.some((d) => ownField(v, String(d)) === undefined)
              : check(dep as Doc, v).length > 0;
            if (bad) fail(kw, { failingDependencies: [k] });
          }
        }
        break;
      case 'allOf':
        if ((arg as Doc[]).some((sub) => check(sub, v).length > 0)) fail(kw);
        break;
      case 'anyOf':
        if (!(arg as Doc[]).some((sub) => check(sub, v).length === 0)) fail(kw);
        break;
      case 'oneOf':
        if ((arg as Doc[]).filter((sub) => check(sub, v).length === 0).length !== 1) fail(kw);
        break;
      case 'not':
        if (check(arg as Doc, v).length === 0) fail(kw);
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'title':
      case 'description':
        break;
      default:
        throw errors.failedToParse(`Unknown $jsonSchema keyword: ${kw}`);
    }
  }
  return out;
}

function isObject(v: unknown): v is Doc {
  return bsonTypeName(v) === 'object';
}
