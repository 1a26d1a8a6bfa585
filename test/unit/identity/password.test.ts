// Password hashing: scrypt with a salt per password and its parameters stored with the hash.
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../electron/core/identity/password';
import { hashToken, newToken, TOKEN_PATTERN } from '../../../electron/core/identity/tokens';

const FAST = { N: 2 ** 12, r: 8, p: 1 };
const STRONGER = { N: 2 ** 13, r: 8, p: 1 };

describe('password hashes', () => {
  it('stores the algorithm, its parameters, a salt and the key; never the password', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect(hash).toMatch(/^scrypt\$4096\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('horse');
  });

  it('salts every hash: the same password twice gives two different hashes', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password!', FAST),
      hashPassword('same password!', FAST),
    ]);
    expect(a).not.toBe(b);
    expect((await verifyPassword('same password!', a, FAST)).ok).toBe(true);
    expect((await verifyPassword('same password!', b, FAST)).ok).toBe(true);
  });

  it.each([
    ['the right password', 'correct horse battery', true],
    ['a wrong one', 'correct horse batterY', false],
    ['an empty one', '', false],
    ['a prefix', 'correct horse', false],
  ])('accepts only the right password: %s', async (_name, given, ok) => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect((await verifyPassword(given, hash, FAST)).ok).toBe(ok);
  });

  it('treats a composed and a decomposed accent as the same password (NFC)', async () => {
    const hash = await hashPassword('mot de passe é!', FAST);
    expect((await verifyPassword('mot de passe e\u0301!', hash, FAST)).ok).toBe(true);
  });

  it('asks for a re-hash when the stored parameters are weaker than the current ones', async () => {
    const weak = await hashPassword('long enough pass', FAST);
    expect(await verifyPassword('long enough pass', weak, STRONGER)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword('long enough pass', weak, FAST)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('wrong', weak, STRONGER)).toEqual({ ok: false, needsRehash: false });
  });

  it.each([
    ['another algorithm', 'bcrypt$2b$10$abc'],
    ['a cost that is not a power of two', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43)],
    [
      'a cost large enough to exhaust memory',
      'scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43),
    ],
    ['a truncated key', 'scrypt$4096$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
    ['garbage', 'not a hash'],
  ])('refuses a stored hash that is %s without throwing', async (_name, stored) => {
    expect(await verifyPassword('anything at all', stored, FAST)).toEqual({ ok: false, needsRehash: false });
  });
});

describe('tokens', () => {
  it('are 256 random bits in base64url, hashed with SHA-256 for storage', () => {
    const tokens = new Set(Array.from({ length: 100 }, newToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(TOKEN_PATTERN);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
