import { sql, type Expression, type Kysely } from 'kysely';
import type { Migration, SchemaDialect } from './types';

/**
 * Real identity: a password per staff member (scrypt, parameters stored with the hash), a lock-out
 * after repeated wrong passwords, server-issued sessions stored only as hashes of their tokens, and
 * invitations a lead hands to a new staff member. Staff without a password keep working as before
 * on one machine (picked from the list).
 */
export const identity: Migration = {
  name: '0009_identity',
  async up(db, dialect) {
    // One column per statement: SQLite adds one column at a time.
    await db.schema.alterTable('staff').addColumn('password_hash', 'text').execute();
    await db.schema.alterTable('staff').addColumn('password_changed_at', 'bigint').execute();
    await db.schema
      .alterTable('staff')
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('staff').addColumn('locked_until', 'bigint').execute();
    await createSessions(db, dialect);
    await createInvitations(db, dialect);
  },
};

async function createSessions(db: Kysely<unknown>, dialect: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'integer', (c) => dialect.autoId(c))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    // SHA-256 of the token, hex: the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_reason', 'text')
    .addColumn('client', 'text')
    .execute();
  await db.schema
    .createIndex('staff_sessions_staff')
    .on('staff_sessions')
    .columns(['staff_id', 'revoked_at'])
    .execute();
}

async function createInvitations(db: Kysely<unknown>, dialect: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('staff_invitations')
    .addColumn('id', 'integer', (c) => dialect.autoId(c))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['agent', 'account_manager', 'lead'])))
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('staff_invitations_email').on('staff_invitations').column('email').execute();
}

function sqlIn(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
