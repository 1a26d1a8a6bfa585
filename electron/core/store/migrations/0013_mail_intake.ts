import { sql } from 'kysely';
import { dialectOf } from '../dialect';
import type { Migration } from './types';

/**
 * The mail intake (channels/mail-in/).
 *
 * `mail_inbound`: one row per mail read from the mailbox, keyed by (mailbox, UIDVALIDITY, UID) and
 * written in the same transaction as the ticket or message it became, so a restart or a crash never
 * processes a mail twice nor skips one. It is also the intake's log (what each mail became, or why
 * not), the store of the Message-IDs we received (threading), and, for an unknown sender, the mail
 * waiting to be linked to a customer. `sha256` recognises a mail seen under an earlier UIDVALIDITY.
 *
 * `mail_attachments`: an attachment's bytes in the database itself, committed with its mail: one
 * backup holds everything, a team server's PostgreSQL needs no shared disk, and a crash can never
 * leave a file without its row or a row without its file.
 *
 * `mail_mailbox_state`: per mailbox, the UIDVALIDITY and highest UID processed, and the last check's
 * outcome the lead sees.
 */
export const mailIntake: Migration = {
  name: '0013_mail_intake',
  async up(db, dialect) {
    const bytes = dialectOf(db) === 'postgres' ? sql`bytea` : sql`blob`;
    await db.schema
      .createTable('mail_inbound')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('uid_validity', 'bigint', (c) => c.notNull())
      .addColumn('uid', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('rfc_message_id', 'text')
      .addColumn('from_address', 'text')
      .addColumn('from_name', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      /** Why, as a code: auto_reply, too_large, own_address, refusal_limited, … */
      .addColumn('note', 'text')
      .addColumn('auto_submitted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('message_id', 'integer', (c) => c.references('messages.id'))
      /** The text kept while the mail waits for a customer (unknown sender), else null. */
      .addColumn('body', 'text')
      .addUniqueConstraint('mail_inbound_uid', ['mailbox', 'uid_validity', 'uid'])
      .execute();
    await db.schema
      .createIndex('mail_inbound_message_id')
      .on('mail_inbound')
      .column('rfc_message_id')
      .execute();
    await db.schema.createIndex('mail_inbound_sha256').on('mail_inbound').column('sha256').execute();
    await db.schema.createIndex('mail_inbound_ticket').on('mail_inbound').column('ticket_id').execute();
    await db.schema.createIndex('mail_inbound_message').on('mail_inbound').column('message_id').execute();
    await db.schema
      .createIndex('mail_inbound_outcome')
      .on('mail_inbound')
      .columns(['outcome', 'received_at'])
      .execute();

    await db.schema
      .createTable('mail_attachments')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('inbound_id', 'integer', (c) => c.notNull().references('mail_inbound.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('content', bytes, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('mail_attachments_inbound')
      .on('mail_attachments')
      .column('inbound_id')
      .execute();

    await db.schema
      .createTable('mail_mailbox_state')
      .addColumn('mailbox', 'text', (c) => c.primaryKey())
      .addColumn('uid_validity', 'bigint')
      .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('last_check_at', 'bigint')
      .addColumn('last_success_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', 'bigint')
      .execute();
  },
};
