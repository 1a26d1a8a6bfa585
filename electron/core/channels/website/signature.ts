// The website signs each post with the secret it shares with the console: HMAC-SHA256 over
// "<timestamp>.<raw body>", sent as `v1=<hex>`. The timestamp is inside what is signed, so an old
// request captured on the way cannot be sent again once it left the tolerance window.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SCHEME = 'v1';
const HEX_SIGNATURE = /^v1=([0-9a-f]{64})$/;

/** A new shared secret: 256 random bits, base64url (43 characters), easy to paste into a config file. */
export function newWebsiteSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function signWebsitePost(secret: string, timestamp: number | string, body: Buffer | string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(`${timestamp}.`, 'utf8');
  mac.update(body);
  return `${SCHEME}=${mac.digest('hex')}`;
}

/**
 * Whether one of the header's signatures (comma-separated, so a website switching secrets may send
 * both) matches one of the secrets in force. Every comparison runs in constant time and every pair is
 * compared, so the time taken says nothing about which part matched.
 */
export function signatureMatches(
  header: string,
  timestamp: string,
  body: Buffer,
  secrets: readonly string[],
): boolean {
  const given = header
    .split(',')
    .map((part) => HEX_SIGNATURE.exec(part.trim())?.[1])
    .filter((hex): hex is string => hex !== undefined)
    .map((hex) => Buffer.from(hex, 'hex'));
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(signWebsitePost(secret, timestamp, body).slice(SCHEME.length + 1), 'hex');
    for (const candidate of given) {
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
    }
  }
  return matched;
}

/** Whether the header holds at least one signature in the expected form. */
export function isSignatureHeader(header: string): boolean {
  return header.split(',').some((part) => HEX_SIGNATURE.test(part.trim()));
}
