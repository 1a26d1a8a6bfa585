// Where the intake reads mail: kept in the settings table under one key, the password sealed by the
// core's secret box (never plain in the database).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/schema';

export const IMAP_SETTINGS_KEY = 'channels.imap';

export const storedImapSettings = z.object({
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string(),
  /** secret-box sealed; null until a password is entered. */
  passwordSealed: z.string().nullable(),
  mailbox: z.string(),
  /** How often to look when the server offers no IDLE (and as a safety net when it does). */
  pollSeconds: z.number().int(),
});
export type StoredImapSettings = z.infer<typeof storedImapSettings>;

export const DEFAULT_IMAP_SETTINGS: StoredImapSettings = {
  enabled: false,
  host: '',
  port: 993,
  security: 'tls',
  user: '',
  passwordSealed: null,
  mailbox: 'INBOX',
  pollSeconds: 60,
};

export async function readImapSettings(db: Kysely<Database>): Promise<StoredImapSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', IMAP_SETTINGS_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_IMAP_SETTINGS;
  const parsed = storedImapSettings.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_IMAP_SETTINGS;
}

export async function writeImapSettings(
  db: Kysely<Database>,
  settings: StoredImapSettings,
  at: number,
  by: number | null,
): Promise<void> {
  const value = JSON.stringify(storedImapSettings.parse(settings));
  const updated = await db
    .updateTable('settings')
    .set({ value, updated_at: at, updated_by: by })
    .where('key', '=', IMAP_SETTINGS_KEY)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db
      .insertInto('settings')
      .values({ key: IMAP_SETTINGS_KEY, value, updated_at: at, updated_by: by })
      .execute();
  }
}
