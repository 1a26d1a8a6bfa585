// Session and invitation tokens: 256 random bits given to the client once; the database keeps only
// their SHA-256, so a copy of the database lets no one sign in. A fast hash is enough here: the
// token is random, not a password, so there is nothing to guess from it.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
