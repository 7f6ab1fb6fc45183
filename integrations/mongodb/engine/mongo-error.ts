/** A server-side error answered as `{ ok: 0, errmsg, code, codeName }`, as mongod does. */
export class MongoCommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export const errors = {
  commandNotFound: (name: string) =>
    new MongoCommandError(59, 'CommandNotFound', `no such command: '${name}'`),
  badValue: (msg: string) => new MongoCommandError(2, 'BadValue', msg),
  failedToParse: (msg: string) => new MongoCommandError(9, 'FailedToParse', msg),
  typeMismatch: (msg: string) => new MongoCommandError(14, 'TypeMismatch', msg),
  illegalOperation: (msg: string) => new MongoCommandError(20, 'IllegalOperation', msg),
  invalidBson: (msg: string) => new MongoCommandError(22, 'InvalidBSON', msg),
  namespaceNotFound: (msg: string) => new MongoCommandError(26, 'NamespaceNotFound', msg),
  indexNotFound: (msg: string) => new MongoCommandError(27, 'IndexNotFound', msg),
  cursorNotFound: (id: string) => new MongoCommandError(43, 'CursorNotFound', `cursor id ${id} not found`),
  namespaceExists: (msg: string) => new MongoCommandError(48, 'NamespaceExists', msg),
  immutableField: (msg: string) => new MongoCommandError(66, 'ImmutableField', msg),
  invalidOptions: (msg: string) => new MongoCommandError(72, 'InvalidOptions', msg),
  indexOptionsConflict: (msg: string) => new MongoCommandError(85, 'IndexOptionsConflict', msg),
  indexKeySpecsConflict: (msg: string) => new MongoCommandError(86, 'IndexKeySpecsConflict', msg),
  objectTooLarge: (size: number) =>
    new MongoCommandError(
      10334,
      'BSONObjectTooLarge',
      `BSONObj size: ${size} (0x${size.toString(16)}) is invalid. Size must be between 0 and 16793600(16MB)`,
    ),
  invalidNamespace: (msg: string) => new MongoCommandError(73, 'InvalidNamespace', msg),
  pathNotViable: (msg: string) => new MongoCommandError(28, 'PathNotViable', msg),
  conflictingUpdate: (path: string, at: string) =>
    new MongoCommandError(
      40,
      'ConflictingUpdateOperators',
      `Updating the path '${path}' would create a conflict at '${at}'`,
    ),
  cannotCreateIndex: (msg: string) => new MongoCommandError(67, 'CannotCreateIndex', msg),
  documentValidation: (errInfo: Record<string, unknown>) =>
    new MongoCommandError(121, 'DocumentValidationFailure', 'Document failed validation', { errInfo }),
  updateTooLarge: () =>
    new MongoCommandError(
      10334,
      'BSONObjectTooLarge',
      'Resulting document after update is larger than 16777216',
    ),
  insertTooLarge: (size: number) =>
    new MongoCommandError(
      2,
      'BadValue',
      `object to insert too large. size in bytes: ${size}, max size: 16777216`,
    ),
  unrecognizedStage: (name: string) =>
    new MongoCommandError(40324, 'Location40324', `Unrecognized pipeline stage name: '${name}'`),
  // What the embedded engine refuses (documented in the README), in mongod's words where mongod has some.
  whereUnsupported: () => new MongoCommandError(2, 'BadValue', 'no globalScriptEngine in $where parsing'),
  textIndexRequired: () => new MongoCommandError(27, 'IndexNotFound', 'text index required for $text query'),
  geoUnsupported: (op: string) =>
    op === '$near' || op === '$nearSphere'
      ? new MongoCommandError(
          291,
          'NoQueryExecutionPlans',
          'error processing query: planner returned error :: caused by :: unable to find index for $geoNear query',
        )
      : new MongoCommandError(
          2,
          'BadValue',
          `${op} is not supported by the embedded engine (no geospatial support)`,
        ),
  // What a standalone mongod answers to a transaction or a change stream.
  transactionsUnsupported: () =>
    new MongoCommandError(
      20,
      'IllegalOperation',
      'Transaction numbers are only allowed on a replica set member or mongos',
    ),
  changeStreamUnsupported: () =>
    new MongoCommandError(
      40573,
      'Location40573',
      'The $changeStream stage is only supported on replica sets',
    ),
};

/**
 * A write the disk refused (full, quota, I/O error): answered as mongod does (OutOfDiskSpace
 * 14031, else InternalError), saying that nothing of the write was stored.
 */
export function ioError(err: NodeJS.ErrnoException): MongoCommandError {
  const full = err.code === 'ENOSPC' || err.code === 'EDQUOT';
  const what = full ? 'the disk is full' : `the disk refused the write (${err.code ?? err.message})`;
  return new MongoCommandError(
    full ? 14031 : 1,
    full ? 'OutOfDiskSpace' : 'InternalError',
    `Write not stored: ${what}. Nothing of this write was kept; reads still work, and writes resume once the disk accepts them.`,
  );
}

/** The E11000 shape drivers and mongoose parse (code, keyPattern, keyValue, errmsg). */
export function duplicateKeyError(
  ns: string,
  indexName: string,
  keyPattern: Record<string, unknown>,
  keyValue: Record<string, unknown>,
): MongoCommandError {
  const dup = Object.entries(keyValue)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');
  return new MongoCommandError(
    11000,
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: { ${dup} }`,
    { keyPattern, keyValue },
  );
}
