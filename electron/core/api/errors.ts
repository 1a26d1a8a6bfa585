import type { z } from 'zod';
import type { ApiErrorShape, ErrorCode } from '../../../shared/contract';

/** An expected failure with a message fit to show the person who acted. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** For locked_out: when sign-in may be tried again. */
    readonly until?: number,
  ) {
    super(message);
  }

  toShape(): ApiErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.until === undefined ? {} : { until: this.until }),
    };
  }
}

export const notFound = (what: string, id: number, field?: string) =>
  new ApiError('not_found', `No ${what} with id ${id}.`, field);

export function fromZodError(error: z.ZodError, where: string): ApiError {
  const issues = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { path, text: path ? `${path}: ${issue.message}` : issue.message };
  });
  const first = issues[0];
  const message = `Invalid ${where}: ${issues.map((i) => i.text).join('; ')}`;
  return new ApiError('invalid_input', message, first?.path || undefined);
}
