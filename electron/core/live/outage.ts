// A database server that is restarting or unreachable is not a bug in a call: the client is told so
// in words and retries, and the server keeps running and reconnects by itself.
import { ApiError } from '../api/errors';

/** SQLSTATEs of a lost or refused connection: class 08, and the server shutting down or starting. */
const CONNECTION_STATES = /^(08...|57P01|57P02|57P03)$/;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const DRIVER_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'connection timeout',
  'timeout exceeded when trying to connect',
];

export function isDatabaseUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (CONNECTION_STATES.test(code) || NETWORK_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return DRIVER_MESSAGES.some((m) => message.includes(m));
}

export function unavailableError(): ApiError {
  return new ApiError(
    'unavailable',
    'The database cannot be reached right now (it may be restarting). Try again in a moment; ' +
      'if you were saving something, check whether it was saved before sending it again.',
  );
}
