/**
 * Find projections: inclusion, exclusion, `$slice` and `$elemMatch` by mingo, and the
 * positional `field.$`, which keeps the array element the query matched (mongod's rule: the
 * first array on the path, through which the filter matched).
 */
import { Query } from 'mingo';
import type { Collation } from '../collation';
import { MongoCommandError } from '../mongo-error';
import { type Doc, setField } from '../values';
import { matchedPosition } from './write';

export function project(
  docs: Doc[],
  projection: Doc | undefined,
  filter: Doc,
  collation: Collation | null,
): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const positional = Object.keys(projection).filter((k) => k.endsWith('.$'));
  if (positional.length > 1)
    throw new MongoCommandError(
      31276,
      'Location31276',
      'Cannot specify more than one positional projection per query.',
    );
  if (positional.length === 0) return mingoProject(docs, projection);
  const path = positional[0]!.slice(0, -2);
  const rest: Doc = {};
  for (const [k, v] of Object.entries(projection)) setField(rest, k === positional[0] ? path : k, v);
  const narrowed = docs.map((doc) => {
    const index = matchedPosition(filter, doc, collation);
    const array = arrayAt(doc, path);
    if (array === undefined) return doc;
    if (index === undefined || index >= array.length)
      throw new MongoCommandError(
        51246,
        'Location51246',
        "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array",
      );
    return withPath(doc, path.split('.'), [array[index]]);
  });
  return mingoProject(narrowed, rest);
}

function mingoProject(docs: Doc[], projection: Doc): Doc[] {
  try {
    return new Query({}).find(docs, projection as never).all() as Doc[];
  } catch (err) {
    throw new MongoCommandError(2, 'BadValue', (err as Error).message);
  }
}

function arrayAt(doc: Doc, path: string): unknown[] | undefined {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = Object.hasOwn(cur, part) ? (cur as Doc)[part] : undefined;
  }
  return Array.isArray(cur) ? cur : undefined;
}

/** A shallow copy of `doc` with the value at `parts` replaced. */
function withPath(doc: Doc, parts: string[], value: unknown): Doc {
  const out: Doc = { ...doc };
  const [head, ...tail] = parts;
  setField(out, head!, tail.length === 0 ? value : withPath(doc[head!] as Doc, tail, value));
  return out;
}
