// The thread headers of a mail we send about a ticket: In-Reply-To names the latest mail of the
// ticket's thread and References the thread's ids, oldest first, so the customer's mail program
// files the answer under the conversation (RFC 5322 §3.6.4). The ids are the ones we gave the
// ticket's earlier mails (stored when they were queued, 0011) and those of the customer's mails the
// intake threaded onto the ticket (0013).
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { parseMessageIds } from './message-id';

/** Mail programs and servers cope badly with endless References: the first id and the latest ones. */
const MAX_REFERENCES = 20;

export interface ThreadHeaders {
  inReplyTo: string | null;
  references: string[];
}

/** A well-formed `<left@right>` id and nothing else: a stored id can never carry a header break. */
export function isMessageId(value: string): boolean {
  return /^<[^<>\s@]+@[^<>\s@]+>$/.test(value) && value.length <= 250;
}

/** From the thread's ids, oldest first (duplicates and malformed ids dropped). */
export function threadHeaders(ids: readonly string[]): ThreadHeaders {
  const seen = new Set<string>();
  const clean: string[] = [];
  for (const raw of ids) {
    for (const id of parseMessageIds(raw)) {
      if (!isMessageId(id) || seen.has(id)) continue;
      seen.add(id);
      clean.push(id);
    }
  }
  const references =
    clean.length <= MAX_REFERENCES ? clean : [clean[0] as string, ...clean.slice(-(MAX_REFERENCES - 1))];
  return { inReplyTo: references.at(-1) ?? null, references };
}

/**
 * The ticket's thread before the outbox row `beforeOutboxId`, oldest first: the ids we gave its
 * earlier mails and the ids of the customer's mails the intake received on it (`mail_inbound`), so
 * an answer replies to the customer's latest mail.
 */
export async function ticketThreadIds(
  db: Kysely<Database>,
  ticketId: number,
  beforeOutboxId: number,
): Promise<string[]> {
  const self = await db
    .selectFrom('outbox')
    .select('created_at')
    .where('id', '=', beforeOutboxId)
    .executeTakeFirst();
  const until = self?.created_at ?? Number.MAX_SAFE_INTEGER;
  const sent = await db
    .selectFrom('outbox')
    .select(['message_id', 'created_at as at'])
    .where('ticket_id', '=', ticketId)
    .where('id', '<', beforeOutboxId)
    .where('message_id', 'is not', null)
    .where('delivery', '!=', 'cancelled')
    .orderBy('id')
    .execute();
  const received = await db
    .selectFrom('mail_inbound')
    .select(['rfc_message_id as message_id', 'received_at as at'])
    .where('ticket_id', '=', ticketId)
    .where('rfc_message_id', 'is not', null)
    .where('received_at', '<=', until)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  // A stable sort keeps each list's own order among equal times; a received mail sorts before our
  // mail of the same instant (we answer what arrived).
  return [...received, ...sent]
    .sort((a, b) => a.at - b.at)
    .map((r) => r.message_id)
    .filter((id): id is string => id !== null);
}
