/**
 * What a collection checks before storing a document: mongod's 16 MiB limit and the
 * collection's validator (`$jsonSchema` or query operators) with its `validationAction`
 * (error refuses with code 121, warn accepts) and `validationLevel` (strict, moderate, off).
 */
import { calculateObjectSize } from 'bson';
import type { Collection } from './collection';
import { compileSchema } from './json-schema';
import { compileFilter, type Matcher } from './matcher';
import { errors } from './mongo-error';
import type { Doc } from './values';

export const MAX_USER_BSON = 16 * 1024 * 1024;

export function bsonSize(doc: Doc): number {
  return calculateObjectSize(doc, { ignoreUndefined: true });
}

const compiled = new WeakMap<object, Matcher>();

function validatorOf(validator: Doc): Matcher {
  let m = compiled.get(validator);
  if (!m) {
    m = compileFilter(validator);
    compiled.set(validator, m);
  }
  return m;
}

/** Checks a validator when it is set (collMod / create), so a broken one is refused then. */
export function checkValidator(validator: unknown): void {
  if (validator === undefined) return;
  if (!validator || typeof validator !== 'object' || Array.isArray(validator))
    throw errors.failedToParse("'validator' option must be a document");
  validatorOf(validator as Doc);
}

/** Where a `warn` validator reports a document it lets through (the engine's logger). */
export type ValidationWarn = (message: string, details: Doc) => void;

/**
 * Throws mongod's DocumentValidationFailure (121) when `doc` fails the collection's validator
 * and the action is `error`; with `warn`, stores it and logs one warning, as mongod does —
 * the collection and the rules that failed, never the document's content (personal data).
 * `before` is the stored version for an update (moderate level: documents that were already
 * invalid may be updated).
 */
export function validate(
  collection: Collection,
  doc: Doc,
  before: Doc | undefined,
  bypass: boolean,
  warn?: ValidationWarn,
): void {
  const { validator, validationAction, validationLevel } = collection.options as {
    validator?: Doc;
    validationAction?: string;
    validationLevel?: string;
  };
  if (!validator || bypass || validationLevel === 'off') return;
  const test = validatorOf(validator);
  if (test(doc)) return;
  if (validationLevel === 'moderate' && before && !test(before)) return;
  const details = explain(validator, doc);
  if (validationAction === 'warn') {
    warn?.('Document would fail validation', {
      namespace: collection.ns,
      validationAction: 'warn',
      rulesNotSatisfied: withoutValues(details),
    });
    return;
  }
  throw errors.documentValidation({ failingDocumentId: doc._id, details });
}

/** The failed rules without what the document held (mongod's `consideredValue`s). */
function withoutValues(details: unknown): unknown {
  if (Array.isArray(details)) return details.map(withoutValues);
  if (!details || typeof details !== 'object' || details.constructor !== Object) return details;
  const out: Doc = {};
  for (const [k, v] of Object.entries(details)) {
    if (k === 'consideredValue' || k === 'consideredValues') continue;
    out[k] = withoutValues(v);
  }
  return out;
}

/** The `errInfo.details` mongod gives: which operator failed, and for a schema, which rules. */
function explain(validator: Doc, doc: Doc): Doc {
  if ('$jsonSchema' in validator && Object.keys(validator).length === 1) {
    return {
      operatorName: '$jsonSchema',
      schemaRulesNotSatisfied: compileSchema(validator.$jsonSchema).validate(doc),
    };
  }
  const clauses = Object.entries(validator)
    .filter(([k, v]) => !compileFilter({ [k]: v })(doc))
    .map(([k, v]) => ({ operatorName: k.startsWith('$') ? k : '$eq', specifiedAs: { [k]: v } }));
  return clauses.length === 1 ? clauses[0]! : { operatorName: '$and', clausesNotSatisfied: clauses };
}
