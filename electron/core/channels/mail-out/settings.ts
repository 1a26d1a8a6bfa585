// The SMTP server the outbox goes through, stored as one settings row (`mail_out`). The password is
// sealed by Core.secrets before it is written (the database never holds it in plain text) and opened
// only when the worker connects.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { SmtpSettings } from '../../../../shared/contract';
import { smtpSecurity } from '../../../../shared/contract';
import type { SecretBox } from '../secret-box';
import type { Database } from '../../store/schema';

export const MAIL_OUT_KEY = 'mail_out';

const stored = z.object({
  host: z.string(),
  port: z.number().int(),
  security: smtpSecurity,
  user: z.string().nullable(),
  passwordSealed: z.string().nullable(),
  fromAddress: z.string(),
  fromName: z.string(),
  verifyCertificates: z.boolean(),
});
export type StoredMailOut = z.infer<typeof stored>;

/** What the worker connects with: the password opened. */
export interface MailOutConfig extends Omit<StoredMailOut, 'passwordSealed'> {
  password: string | null;
  /** Changes whenever a lead saves other settings, so the worker knows to reconnect. */
  version: string;
}

export async function readStoredMailOut(
  db: Kysely<Database>,
): Promise<{ value: StoredMailOut; updatedAt: number } | null> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'updated_at'])
    .where('key', '=', MAIL_OUT_KEY)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = stored.safeParse(JSON.parse(row.value));
  return parsed.success ? { value: parsed.data, updatedAt: row.updated_at } : null;
}

export function presentMailOut(
  current: { value: StoredMailOut; updatedAt: number } | null,
  secrets: SecretBox,
): SmtpSettings {
  if (!current) {
    return {
      configured: false,
      host: '',
      port: 587,
      security: 'starttls',
      user: null,
      passwordSet: false,
      fromAddress: '',
      fromName: '',
      verifyCertificates: true,
      keeper: secrets.keeper,
      updatedAt: null,
    };
  }
  const { passwordSealed, ...rest } = current.value;
  return {
    configured: true,
    ...rest,
    passwordSet: passwordSealed !== null,
    keeper: secrets.keeper,
    updatedAt: current.updatedAt,
  };
}

/** The settings with the password opened; throws SecretBoxError when the key changed. */
export async function loadMailOutConfig(
  db: Kysely<Database>,
  secrets: SecretBox,
): Promise<MailOutConfig | null> {
  const current = await readStoredMailOut(db);
  if (!current) return null;
  const { passwordSealed, ...rest } = current.value;
  return {
    ...rest,
    password: passwordSealed === null ? null : secrets.open(passwordSealed),
    version: JSON.stringify(current.value),
  };
}
