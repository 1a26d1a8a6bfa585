// The lead's outbox (list by state, retry, cancel), the SMTP settings with their test mail, and the
// delivery state the ticket shows for each message.
import type { Kysely } from 'kysely';
import type { MailError, MessageDelivery, OutboxItem, OutboxState } from '../../../shared/contract';
import { mailError, outboxState } from '../../../shared/contract';
import { outboxStates } from '../../../shared/vocabulary';
import type { Handler } from '../api/handler';
import { ApiError, notFound } from '../api/errors';
import { checkAddress } from '../channels/mail-out/compose';
import {
  loadMailOutConfig,
  MAIL_OUT_KEY,
  presentMailOut,
  readStoredMailOut,
  type StoredMailOut,
} from '../channels/mail-out/settings';
import { classifySendError, DEFAULT_TIMEOUTS, smtpTransport } from '../channels/mail-out/transport';
import { coarseStatus } from '../channels/mail-out/worker';
import { SecretBoxError } from '../channels/secret-box';
import type { Database, OutboxRow } from '../store/schema';

function parseError(text: string | null): MailError | null {
  if (text === null) return null;
  try {
    const parsed = mailError.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { code: 'error', detail: text };
  } catch {
    return { code: 'error', detail: text };
  }
}

const retryable: readonly OutboxState[] = ['failed', 'needs_attention', 'cancelled'];
const cancellable: readonly OutboxState[] = ['queued', 'failed', 'needs_attention'];

type ItemRow = OutboxRow & { customer_name: string | null };

function toItem(row: ItemRow): OutboxItem {
  return {
    id: row.id,
    createdAt: row.created_at,
    ticketId: row.ticket_id,
    customerId: row.customer_id,
    // An answer to an unknown sender has no customer: the address it goes to names it.
    customerName: row.customer_name ?? row.to_email,
    toEmail: row.to_email,
    kind: row.kind,
    subject: row.subject,
    state: row.delivery,
    attempts: row.attempts,
    nextAttemptAt: row.delivery === 'failed' ? row.next_attempt_at : null,
    handedAt: row.handed_at,
    lastError: parseError(row.last_error),
    smtpResponse: row.smtp_response,
    messageId: row.message_id,
    canRetry: retryable.includes(row.delivery),
    canCancel: cancellable.includes(row.delivery),
  };
}

function itemRows(db: Kysely<Database>) {
  return db
    .selectFrom('outbox as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .selectAll('o')
    .select('c.name as customer_name');
}

async function loadItem(db: Kysely<Database>, id: number): Promise<ItemRow> {
  const row = await itemRows(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('mail in the outbox', id, 'id');
  return row;
}

export const listOutbox: Handler<'outbox.list'> = async (ctx, input) => {
  let query = itemRows(ctx.db);
  if (input.state) query = query.where('o.delivery', '=', input.state);
  if (input.before !== undefined) query = query.where('o.id', '<', input.before);
  const rows = await query.orderBy('o.id', 'desc').limit(input.limit).execute();
  const grouped = await ctx.db
    .selectFrom('outbox')
    .select((eb) => ['delivery', eb.fn.countAll<number>().as('n')])
    .groupBy('delivery')
    .execute();
  const counts = Object.fromEntries(outboxStates.map((s) => [s, 0])) as Record<OutboxState, number>;
  for (const g of grouped) counts[outboxState.parse(g.delivery)] = Number(g.n);
  return {
    items: rows.map(toItem),
    counts,
    configured: (await readStoredMailOut(ctx.db)) !== null,
  };
};

async function move(
  ctx: Parameters<Handler<'outbox.retry'>>[0],
  id: number,
  from: readonly OutboxState[],
  to: 'queued' | 'cancelled',
  refusal: (state: OutboxState) => string,
): Promise<OutboxItem> {
  await ctx.write(async (w) => {
    const before = await loadItem(w.db, id);
    if (!from.includes(before.delivery)) throw new ApiError('conflict', refusal(before.delivery), 'id');
    const change =
      to === 'queued'
        ? // A fresh series of tries, due now; the last error stays until the next try replaces it.
          { delivery: 'queued' as const, status: coarseStatus('queued'), attempts: 0, next_attempt_at: null }
        : { delivery: 'cancelled' as const, status: coarseStatus('cancelled'), next_attempt_at: null };
    const updated = await w.db
      .updateTable('outbox')
      .set(change)
      .where('id', '=', id)
      .where('delivery', '=', before.delivery)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new ApiError('conflict', `Mail ${id} changed meanwhile; look again.`, 'id');
    }
    await w.audit({
      entity: 'outbox',
      entityId: id,
      before: { delivery: before.delivery, attempts: before.attempts, nextAttemptAt: before.next_attempt_at },
      after: {
        delivery: change.delivery,
        attempts: 'attempts' in change ? change.attempts : before.attempts,
      },
    });
    w.changed({
      topics: ['outbox', 'messages'],
      ticketIds: before.ticket_id === null ? [] : [before.ticket_id],
      customerIds: before.customer_id === null ? [] : [before.customer_id],
    });
  });
  return toItem(await loadItem(ctx.db, id));
}

const STATE_WORDS: Record<OutboxState, string> = {
  queued: 'is waiting in the queue',
  sending: 'is being handed to the mail server right now',
  sent: 'was already sent',
  failed: 'is waiting for its next try',
  needs_attention: 'needs attention',
  cancelled: 'is cancelled',
};

export const retryOutbox: Handler<'outbox.retry'> = (ctx, { id }) =>
  move(
    ctx,
    id,
    retryable,
    'queued',
    (s) => `Mail ${id} ${STATE_WORDS[s]}: only a failed or cancelled mail can be retried.`,
  );

export const cancelOutbox: Handler<'outbox.cancel'> = (ctx, { id }) =>
  move(
    ctx,
    id,
    cancellable,
    'cancelled',
    (s) => `Mail ${id} ${STATE_WORDS[s]}: it can no longer be cancelled.`,
  );

/** The outbox columns a message's delivery is read from. */
export const DELIVERY_COLUMNS = [
  'id',
  'source_message_id',
  'delivery',
  'attempts',
  'next_attempt_at',
  'handed_at',
  'last_error',
] as const;

type DeliveryRow = Pick<OutboxRow, (typeof DELIVERY_COLUMNS)[number]>;

/** A message's delivery as the ticket shows it, from its outbox row. */
export function deliveryOf(r: DeliveryRow): MessageDelivery {
  return {
    outboxId: r.id,
    state: r.delivery,
    attempts: r.attempts,
    nextAttemptAt: r.delivery === 'failed' ? r.next_attempt_at : null,
    handedAt: r.handed_at,
    lastError: parseError(r.last_error),
  };
}

/** Each message's e-mail (the latest one it caused) on one ticket. */
export async function deliveriesOf(
  db: Kysely<Database>,
  ticketId: number,
): Promise<Map<number, MessageDelivery>> {
  const rows = await db
    .selectFrom('outbox')
    .select(DELIVERY_COLUMNS)
    .where('ticket_id', '=', ticketId)
    .where('source_message_id', 'is not', null)
    .orderBy('id')
    .execute();
  const out = new Map<number, MessageDelivery>();
  for (const r of rows) {
    if (r.source_message_id === null) continue;
    out.set(r.source_message_id, deliveryOf(r));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SMTP settings

export const getSmtp: Handler<'channels.smtp.get'> = async (ctx) =>
  presentMailOut(await readStoredMailOut(ctx.db), ctx.secrets);

export const updateSmtp: Handler<'channels.smtp.update'> = async (ctx, input) => {
  const at = ctx.now();
  await ctx.write(async (w) => {
    const before = await readStoredMailOut(w.db);
    const passwordSealed =
      input.password === undefined
        ? (before?.value.passwordSealed ?? null)
        : input.password === null
          ? null
          : ctx.secrets.seal(input.password);
    const value: StoredMailOut = {
      host: input.host,
      port: input.port,
      security: input.security,
      user: input.user === '' ? null : input.user,
      passwordSealed,
      fromAddress: input.fromAddress,
      fromName: input.fromName,
      verifyCertificates: input.verifyCertificates,
    };
    const json = JSON.stringify(value);
    const updated = await w.db
      .updateTable('settings')
      .set({ value: json, updated_at: at, updated_by: ctx.actor?.id ?? null })
      .where('key', '=', MAIL_OUT_KEY)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await w.db
        .insertInto('settings')
        .values({ key: MAIL_OUT_KEY, value: json, updated_at: at, updated_by: ctx.actor?.id ?? null })
        .execute();
    }
    // The audit trail says whether the password changed, never what it is (sealed or not).
    const shown = (v: StoredMailOut | undefined) => {
      if (!v) return null;
      const { passwordSealed: sealed, ...rest } = v;
      return { ...rest, passwordSet: sealed !== null };
    };
    await w.audit({
      entity: 'settings',
      entityId: null,
      before: before ? { mailOut: shown(before.value) } : null,
      after: {
        mailOut: shown(value),
        passwordChanged: input.password !== undefined,
      },
    });
    w.changed({ topics: ['settings', 'outbox'] });
  });
  return presentMailOut(await readStoredMailOut(ctx.db), ctx.secrets);
};

export const removeSmtp: Handler<'channels.smtp.remove'> = async (ctx, { updatedAt }) => {
  await ctx.write(async (w) => {
    const before = await readStoredMailOut(w.db);
    if (!before) throw new ApiError('not_found', 'No SMTP server is set up: there is nothing to remove.');
    if (before.updatedAt !== updatedAt) {
      throw new ApiError(
        'conflict',
        'The SMTP settings were saved again since you opened them; nothing was removed. Look at them again first.',
        'updatedAt',
      );
    }
    await w.db.deleteFrom('settings').where('key', '=', MAIL_OUT_KEY).execute();
    const { passwordSealed, ...rest } = before.value;
    // The audit trail says a password went with them, never what it was (sealed or not).
    await w.audit({
      entity: 'settings',
      entityId: null,
      before: { mailOut: { ...rest, passwordSet: passwordSealed !== null } },
      after: { mailOut: null },
    });
    w.changed({ topics: ['settings', 'outbox'] });
  });
  return presentMailOut(null, ctx.secrets);
};

const TEST_TIMEOUTS = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 20_000 };

export const testSmtp: Handler<'channels.smtp.test'> = async (ctx, { to }) => {
  let config;
  try {
    config = await loadMailOutConfig(ctx.db, ctx.secrets);
  } catch (error) {
    if (error instanceof SecretBoxError) throw new ApiError('conflict', error.message, 'password');
    throw error;
  }
  if (!config) {
    return {
      ok: false,
      response: null,
      error: { code: 'not_configured', detail: 'No SMTP server is set up yet.' },
    };
  }
  const transporter = await smtpTransport(config, { ...DEFAULT_TIMEOUTS, ...TEST_TIMEOUTS }, null);
  try {
    const info = (await transporter.sendMail({
      from: { name: config.fromName, address: checkAddress(config.fromAddress) },
      to: { name: '', address: checkAddress(to) },
      subject: 'Support Console: test mail',
      text: `This test mail was sent by ${ctx.actor?.name ?? 'a lead'} from the Support Console's mail settings.`,
    })) as { response?: unknown };
    return { ok: true, response: typeof info.response === 'string' ? info.response : null, error: null };
  } catch (error) {
    const { code, detail } = classifySendError(error);
    return { ok: false, response: null, error: { code, detail } };
  } finally {
    transporter.close();
  }
};
