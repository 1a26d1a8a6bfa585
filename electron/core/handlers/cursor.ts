import type { z } from 'zod';
import { ApiError } from '../api/errors';

/** Cursors are opaque to clients: base64url JSON of where the previous page ended. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the one error below: a cursor is either ours or garbage
  }
  throw new ApiError(
    'invalid_input',
    'Invalid cursor: it does not come from a previous page of this list.',
    'cursor',
  );
}
