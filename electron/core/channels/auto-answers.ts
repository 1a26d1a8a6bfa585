// Automatic answers (refusals an intake e-mails on its own) are capped per address and day, whichever
// channel the request came through (mail, the website): neither a sender nor a script posting on a
// customer's behalf can make the console mail one address without end. One home for the cap and its
// count, read inside the intake's write so two intakes at once cannot both take the last one.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema';

/** Automatic answers (refusals) one address may receive in a day, whatever it sends. */
export const AUTO_ANSWERS_PER_DAY = 3;
const DAY_MS = 86_400_000;

/** Whether this address already received its automatic answers for the last 24 hours. */
export async function autoAnswersUsedUp(
  db: Kysely<Database>,
  address: string,
  now: number,
): Promise<boolean> {
  const recent = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<string>`lower(to_email)`, '=', address.toLowerCase())
    .where('kind', '=', 'intake_refused')
    .where('created_at', '>', now - DAY_MS)
    .executeTakeFirstOrThrow();
  return Number(recent.n) >= AUTO_ANSWERS_PER_DAY;
}
