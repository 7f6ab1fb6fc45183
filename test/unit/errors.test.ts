import { z } from 'zod';
import { normalizeError, userMessage, ValidationError } from '../../models/errors';

describe('error normalisation', () => {
  it('turns a zod failure into a validation error naming the field', () => {
    const result = z.object({ amount: z.number().positive() }).safeParse({ amount: -5 });
    const err = normalizeError(result.error);
    expect(err.code).toBe('VALIDATION');
    expect(err.status).toBe(400);
    expect(err.problems[0]!.path).toBe('amount');
  });

  it('recognises a duplicate key as a conflict and a refused connection as an unavailable upstream', () => {
    expect(normalizeError(Object.assign(new Error('E11000 dup'), { code: 11000 })).code).toBe('CONFLICT');
    const down = normalizeError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(down.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(down.cause).toBeInstanceOf(Error);
  });

  it('keeps a thrown RelanceError as it is and wraps anything else as internal', () => {
    const v = new ValidationError('bad date');
    expect(normalizeError(v)).toBe(v);
    expect(normalizeError('boom').code).toBe('INTERNAL');
  });

  it('apologises in the user language without leaking internals', () => {
    const internal = normalizeError(new Error('TypeError: x is undefined at dialogs/foo.ts'));
    expect(userMessage(internal, 'fr')).toMatch(/^Désolé/);
    expect(userMessage(internal, 'en')).toMatch(/^Sorry/);
    expect(userMessage(internal, 'en')).not.toContain('dialogs/foo.ts');
  });
});
