// Credentials the channels need (SMTP and IMAP passwords, the website's signing secret) never sit in
// the database in plain text: the database holds them sealed, and the key lives elsewhere. The
// desktop app seals with Electron's safeStorage (the OS keychain); serve mode and the team server
// with a key file beside the data (or named on the command line), readable only by its owner.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface SecretBox {
  /** Where the key lives, for messages and the settings screen ("safeStorage", a file path). */
  readonly keeper: string;
  seal(plain: string): string;
  /** Throws a SecretBoxError when the sealed text was not sealed with this box's key. */
  open(sealed: string): string;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const PREFIX = 'v1:';

/** AES-256-GCM under a 32-byte key: `v1:<iv>.<tag>.<ciphertext>`, base64url. */
export function aesSecretBox(key: Buffer, keeper: string): SecretBox {
  if (key.length !== 32) throw new SecretBoxError(`The secret key must be 32 bytes, not ${key.length}.`);
  return {
    keeper,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
      return PREFIX + parts.join('.');
    },
    open(sealed) {
      const parts = sealed.startsWith(PREFIX) ? sealed.slice(PREFIX.length).split('.') : [];
      const [iv, tag, data] = parts.map((p) => Buffer.from(p, 'base64url'));
      if (parts.length !== 3 || !iv || !tag || !data) {
        throw new SecretBoxError('A stored secret is not in the sealed form this console writes.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          `A stored secret cannot be opened with the key from ${keeper}: enter it again.`,
        );
      }
    },
  };
}

/** The key file's box, creating the file (mode 0600) with a fresh key on first use. */
export function keyFileSecretBox(file: string): SecretBox {
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new SecretBoxError(`The secret key file ${file} does not hold a 32-byte base64 key.`);
  chmodSync(file, 0o600);
  return aesSecretBox(key, file);
}

/** A key that lives as long as the process: for throwaway databases (':memory:', tests). */
export function ephemeralSecretBox(): SecretBox {
  return aesSecretBox(randomBytes(32), 'this process only');
}
