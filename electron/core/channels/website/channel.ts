// The website channel's one settings row: switched on or off, and its signing secrets sealed with
// Core.secrets (the database never holds them in plain text).
import type { Kysely } from 'kysely';
import type { SecretBox } from '../secret-box';
import type { Database, WebsiteChannelTable } from '../../store/schema';

export type WebsiteChannelRow = WebsiteChannelTable;

export async function readWebsiteChannel(db: Kysely<Database>): Promise<WebsiteChannelRow | null> {
  return (await db.selectFrom('website_channel').selectAll().where('id', '=', 1).executeTakeFirst()) ?? null;
}

/** The secrets that sign valid requests now: the current one, and the previous one during its grace period. */
export function secretsInForce(row: WebsiteChannelRow, secrets: SecretBox, now: number): string[] {
  const open: string[] = [];
  if (row.secret_sealed) open.push(secrets.open(row.secret_sealed));
  if (row.previous_secret_sealed && row.previous_valid_until !== null && now < row.previous_valid_until) {
    open.push(secrets.open(row.previous_secret_sealed));
  }
  return open;
}
