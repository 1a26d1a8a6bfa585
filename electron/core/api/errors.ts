import type { z } from 'zod';
import type { ApiErrorShape, ErrorCode } from '../../../shared/contract';
import type { signInModes } from '../../../shared/vocabulary';

export type SignInMode = (typeof signInModes)[number];

/** An expected failure with a message fit to show the person who acted. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** For locked_out: when sign-in may be tried again. */
    readonly until?: number,
    /** For not_signed_in and session_expired: how to sign in again here. */
    readonly signIn?: SignInMode,
  ) {
    super(message);
  }

  toShape(): ApiErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.until === undefined ? {} : { until: this.until }),
      ...(this.signIn === undefined ? {} : { signIn: this.signIn }),
    };
  }
}

/** How this core signs people in: from the list on one machine, by e-mail and password on a team server. */
export function signInModeOf(identity: { requirePasswords: boolean }): SignInMode {
  return identity.requirePasswords ? 'password' : 'picker';
}

const notSignedInMessages: Record<SignInMode, string> = {
  picker: 'Sign in first: choose who you are working as.',
  password: 'Sign in first with your e-mail and password.',
};

/** No one is signed in; the error says, as data, which kind of sign-in is needed here. */
export function notSignedIn(identity: { requirePasswords: boolean }): ApiError {
  const mode = signInModeOf(identity);
  return new ApiError('not_signed_in', notSignedInMessages[mode], undefined, undefined, mode);
}

/** An ended session's error, with how to sign in again here. */
export function withSignIn(error: ApiError, identity: { requirePasswords: boolean }): ApiError {
  if (error.code !== 'session_expired' && error.code !== 'not_signed_in') return error;
  return new ApiError(error.code, error.message, error.field, error.until, signInModeOf(identity));
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
