import type { Kysely } from 'kysely';
import { settingsShape, type Settings } from '../../../../shared/contract';
import type { Database } from '../schema';

export const DEFAULT_SETTINGS: Settings = {
  offerToManagerFirst: true,
  // Ten minutes lets an agent write up one call before the next; an hour gives the customer notice.
  callBufferMinutes: 10,
  callLeadMinutes: 60,
  // Half an hour of business time: enough to pick the ticket up, short enough not to cry wolf.
  preBreachMinutes: 30,
};

/** Settings are stored one key per row; a key never written keeps its default. */
export async function readSettings(db: Kysely<Database>): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value) as unknown;
  const parsed = settingsShape.partial().safeParse(stored);
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}
