// The desktop's one settings file: where it works (this computer or a team server) and, for a
// team, the sealed credentials. Beside the database in the app's data folder. Written whole to a
// temporary file and renamed over the old one, so a crash never leaves half a file.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { teamCredentials, type TeamCredentials } from './credentials';

export const SETTINGS_FILE_NAME = 'desktop-settings.json';

export const desktopSettings = z.discriminatedUnion('mode', [
  /** The person asked to choose again ("Change" on the sign-in screen). */
  z.object({ version: z.literal(1), mode: z.literal('unchosen') }).strict(),
  z.object({ version: z.literal(1), mode: z.literal('local') }).strict(),
  z
    .object({
      version: z.literal(1),
      mode: z.literal('team'),
      /** The server's base address, without any token. */
      server: z.string().url(),
      /** TeamCredentials as JSON, sealed by the system keystore, base64; null when it cannot seal. */
      sealedCredentials: z.string().nullable(),
    })
    .strict(),
]);
export type DesktopSettings = z.infer<typeof desktopSettings>;

/**
 * Seals secrets with the operating system's keystore (Electron's safeStorage in the app). When no
 * keystore is available, nothing secret is written: the person signs in at every start instead.
 */
export interface SecretBox {
  available(): boolean;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

export type SettingsRead =
  { kind: 'missing' } | { kind: 'read'; settings: DesktopSettings } | { kind: 'unreadable'; detail: string };

export function readSettings(file: string): SettingsRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', detail: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', detail: `${file} is not valid JSON.` };
  }
  const parsed = desktopSettings.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'unreadable',
      detail: `${file}: ${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return { kind: 'read', settings: parsed.data };
}

export function writeSettings(file: string, settings: DesktopSettings): void {
  const valid = desktopSettings.parse(settings);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${SETTINGS_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  // Readable by this user only: it may hold sealed credentials.
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(valid, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function sealCredentials(box: SecretBox, credentials: TeamCredentials): string | null {
  if (!box.available()) return null;
  return box.seal(JSON.stringify(credentials)).toString('base64');
}

/** The credentials back, or null when they cannot be opened (another machine's keystore, tampered). */
export function openCredentials(box: SecretBox, sealed: string | null): TeamCredentials | null {
  if (sealed === null || !box.available()) return null;
  try {
    const parsed = teamCredentials.safeParse(JSON.parse(box.open(Buffer.from(sealed, 'base64'))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
