// The mail intake's contract methods: the lead's mailbox settings, status and check; attachments.
// (An unknown sender's mail is a ticket of its own, linked by handlers/unknown-customer.ts.)
import type { Kysely } from 'kysely';
import type { MailAttachmentInfo, MailOutcomeId } from '../../../shared/mail-in';
import { mailOutcome } from '../../../shared/mail-in';
import type { Core } from '../api/context';
import { ApiError, notFound } from '../api/errors';
import type { Handler } from '../api/handler';
import {
  IMAP_SETTINGS_KEY,
  readImapSettings,
  writeImapSettings,
  type StoredImapSettings,
} from '../channels/mail-in/settings';
import { connectionOf, describeImapError, imapClient, wakeMailIn } from '../channels/mail-in/worker';
import { SecretBoxError } from '../channels/secret-box';
import type { Database } from '../store/schema';

async function imapStatusOf(core: Pick<Core, 'db' | 'secrets'>) {
  const settings = await readImapSettings(core.db);
  const { passwordSealed, ...shown } = settings;
  const state = await core.db
    .selectFrom('mail_mailbox_state')
    .selectAll()
    .where('mailbox', '=', settings.mailbox)
    .executeTakeFirst();
  const grouped = await core.db
    .selectFrom('mail_inbound')
    .select((eb) => ['outcome', eb.fn.countAll<number>().as('n')])
    .groupBy('outcome')
    .execute();
  const counts = Object.fromEntries(mailOutcome.options.map((o) => [o, 0])) as Record<MailOutcomeId, number>;
  for (const g of grouped) counts[g.outcome] = Number(g.n);
  const recent = await core.db
    .selectFrom('mail_inbound')
    .select([
      'id',
      'received_at',
      'from_address',
      'from_name',
      'subject',
      'size',
      'outcome',
      'note',
      'ticket_id',
    ])
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return {
    settings: { ...shown, hasPassword: passwordSealed !== null, keeper: core.secrets.keeper },
    mailbox: {
      uidValidity: state?.uid_validity ?? null,
      lastUid: Number(state?.last_uid ?? 0),
      lastCheckAt: state?.last_check_at ?? null,
      lastSuccessAt: state?.last_success_at ?? null,
      lastError: state?.last_error ?? null,
      lastErrorAt: state?.last_error_at ?? null,
    },
    counts,
    recent: recent.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      from: r.from_address,
      fromName: r.from_name,
      subject: r.subject,
      size: Number(r.size),
      outcome: r.outcome,
      notes: r.note ? r.note.split(' ') : [],
      ticketId: r.ticket_id,
    })),
  };
}

export const getImapSettings: Handler<'channels.imap.get'> = (ctx) => imapStatusOf(ctx);

export const updateImapSettings: Handler<'channels.imap.update'> = async (ctx, input) => {
  await ctx.write(async (w) => {
    const before = await readImapSettings(w.db);
    if (input.enabled && !input.password && before.passwordSealed === null) {
      throw new ApiError(
        'invalid_input',
        'Enter the mailbox password before switching the intake on.',
        'password',
      );
    }
    const next: StoredImapSettings = {
      enabled: input.enabled,
      host: input.host,
      port: input.port,
      security: input.security,
      user: input.user,
      passwordSealed: input.password ? ctx.secrets.seal(input.password) : before.passwordSealed,
      mailbox: input.mailbox,
      pollSeconds: input.pollSeconds,
    };
    await writeImapSettings(w.db, next, ctx.now(), ctx.actor?.id ?? null);
    // The audit trail says the password changed, never what it is (not even sealed).
    const shown = ({ passwordSealed, ...rest }: StoredImapSettings) => ({
      ...rest,
      hasPassword: passwordSealed !== null,
    });
    await w.audit({
      entity: 'settings',
      entityId: null,
      before: shown(before),
      after: { ...shown(next), passwordChanged: input.password !== undefined },
    });
    w.changed({ topics: ['settings'] });
  });
  wakeMailIn(ctx);
  return imapStatusOf(ctx);
};

export const removeImapSettings: Handler<'channels.imap.remove'> = async (ctx) => {
  await ctx.write(async (w) => {
    const stored = await w.db
      .selectFrom('settings')
      .select('key')
      .where('key', '=', IMAP_SETTINGS_KEY)
      .executeTakeFirst();
    if (!stored) throw new ApiError('not_found', 'No mailbox is set up: there is nothing to remove.');
    const { passwordSealed, ...before } = await readImapSettings(w.db);
    await w.db.deleteFrom('settings').where('key', '=', IMAP_SETTINGS_KEY).execute();
    // The audit trail says a password went with them, never what it was (not even sealed).
    await w.audit({
      entity: 'settings',
      entityId: null,
      before: { ...before, hasPassword: passwordSealed !== null },
      after: null,
    });
    w.changed({ topics: ['settings'] });
  });
  // The worker lets go of the mailbox now rather than at its next look.
  wakeMailIn(ctx);
  return imapStatusOf(ctx);
};

export const testImap: Handler<'channels.imap.test'> = async (ctx) => {
  const settings = await readImapSettings(ctx.db);
  if (!settings.host || !settings.user) {
    throw new ApiError('invalid_input', 'Enter the mail server and user first.', 'host');
  }
  let connection;
  try {
    connection = connectionOf(ctx, settings);
  } catch (error) {
    if (error instanceof SecretBoxError) return { ok: false as const, error: error.message };
    throw error;
  }
  const client = await imapClient(connection, { timeoutMs: 10_000 });
  try {
    await client.connect();
    const box = await client.mailboxOpen(connection.mailbox, { readOnly: true });
    const state = await ctx.db
      .selectFrom('mail_mailbox_state')
      .select(['uid_validity', 'last_uid'])
      .where('mailbox', '=', connection.mailbox)
      .executeTakeFirst();
    const last = state && state.uid_validity === Number(box.uidValidity) ? Number(state.last_uid) : 0;
    const unread =
      box.exists === 0
        ? 0
        : ((await client.search({ uid: `${last + 1}:*` }, { uid: true })) || []).filter((uid) => uid > last)
            .length;
    // The worker looks now too, instead of at its next poll.
    wakeMailIn(ctx);
    return { ok: true as const, messages: box.exists, unread, idle: client.capabilities.has('IDLE') };
  } catch (error) {
    return { ok: false as const, error: describeImapError(error) };
  } finally {
    await client.logout().catch(() => client.close());
  }
};

async function attachmentsOf(
  db: Kysely<Database>,
  inboundIds: number[],
): Promise<Map<number, MailAttachmentInfo[]>> {
  const byInbound = new Map<number, MailAttachmentInfo[]>();
  if (inboundIds.length === 0) return byInbound;
  const rows = await db
    .selectFrom('mail_attachments')
    .select(['id', 'inbound_id', 'filename', 'content_type', 'size'])
    .where('inbound_id', 'in', inboundIds)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = byInbound.get(r.inbound_id) ?? [];
    list.push({ id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size) });
    byInbound.set(r.inbound_id, list);
  }
  return byInbound;
}

/** For the ticket view: the mail each message came in, by message id. */
export async function mailOfMessages(db: Kysely<Database>, messageIds: number[]) {
  const byMessage = new Map<
    number,
    { from: string | null; fromName: string | null; attachments: MailAttachmentInfo[] }
  >();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom('mail_inbound')
    .select(['id', 'message_id', 'from_address', 'from_name'])
    .where('message_id', 'in', messageIds)
    .execute();
  const attachments = await attachmentsOf(
    db,
    rows.map((r) => r.id),
  );
  for (const r of rows) {
    if (r.message_id === null) continue;
    byMessage.set(r.message_id, {
      from: r.from_address,
      fromName: r.from_name,
      attachments: attachments.get(r.id) ?? [],
    });
  }
  return byMessage;
}

export const getMailAttachment: Handler<'mail.attachment'> = async (ctx, { id }) => {
  const row = await ctx.db.selectFrom('mail_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('attachment', id, 'id');
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    base64: Buffer.from(row.content).toString('base64'),
  };
};
