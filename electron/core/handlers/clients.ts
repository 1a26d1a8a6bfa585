// "My clients": the account manager's book. Managers see only their own clients; leads see anyone's.
import { ApiError, notFound, notSignedIn } from '../api/errors';
import type { HandlerContext } from '../api/context';
import type { Handler } from '../api/handler';
import { answerReservingKinds, evaluateEntitlements } from '../rules';
import { currentManagerSubquery, findCustomer, quotaColumns, usageOf } from '../store/queries/customers';
import { activeAssignment } from '../store/queries/managers';
import { toCustomerSummary } from './present';

const OPEN_STATUSES = ['new', 'open', 'waiting_customer'] as const;

/** An account manager may act only on clients assigned to them now; a lead on anyone's. */
async function requireOwnClient(ctx: HandlerContext, customerId: number): Promise<void> {
  const customer = await findCustomer(ctx.db, customerId);
  if (!customer) throw notFound('customer', customerId, 'customerId');
  if (ctx.actor?.role === 'lead') return;
  const assignment = await activeAssignment(ctx.db, customerId);
  if (assignment?.manager_id !== ctx.actor?.id) {
    throw new ApiError('forbidden', `${customer.name} is not one of your clients.`, 'customerId');
  }
}

export const listClients: Handler<'clients.list'> = async (ctx, { managerId }) => {
  const actor = ctx.actor;
  if (!actor) throw notSignedIn(ctx.identity);
  let forManager: number | null = actor.role === 'account_manager' ? actor.id : (managerId ?? null);
  if (actor.role === 'account_manager' && managerId !== undefined && managerId !== actor.id) {
    throw new ApiError('forbidden', 'Account managers see only their own clients.', 'managerId');
  }
  if (actor.role === 'lead' && managerId === undefined) forManager = null;
  const now = ctx.now();

  let query = ctx.db
    .selectFrom('customers as c')
    .innerJoin('manager_assignments as ma', (j) =>
      j.onRef('ma.customer_id', '=', 'c.id').on('ma.ended_at', 'is', null),
    )
    .selectAll('c')
    .select((eb) => [
      ...quotaColumns(eb, answerReservingKinds(ctx.rules)),
      currentManagerSubquery(eb).as('manager_name'),
    ])
    .orderBy('c.name');
  if (forManager !== null) query = query.where('ma.manager_id', '=', forManager);
  const customers = await query.execute();
  if (customers.length === 0) return [];
  const ids = customers.map((c) => c.id);

  const tickets = await ctx.db
    .selectFrom('tickets')
    .select([
      'customer_id',
      'status',
      'due_at',
      'created_at',
      'last_customer_message_at',
      'last_staff_message_at',
      'updated_at',
    ])
    .where('customer_id', 'in', ids)
    .execute();
  const calls = await ctx.db
    .selectFrom('calls')
    .select(['customer_id', 'starts_at'])
    .where('customer_id', 'in', ids)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .execute();
  const notes = await ctx.db
    .selectFrom('customer_notes as n')
    .innerJoin('staff as s', 's.id', 'n.author_staff_id')
    .select(['n.id', 'n.customer_id', 'n.body', 's.name as author_name', 'n.created_at'])
    .where('n.customer_id', 'in', ids)
    .orderBy('n.created_at', 'desc')
    .execute();
  const seen = await ctx.db
    .selectFrom('client_views')
    .select(['customer_id', 'last_seen_at'])
    .where('manager_id', '=', actor.id)
    .where('customer_id', 'in', ids)
    .execute();
  const planChanges = await ctx.db
    .selectFrom('plan_changes')
    .select(['customer_id', 'created_at'])
    .where('customer_id', 'in', ids)
    .execute();

  return customers.map((c) => {
    const own = tickets.filter((t) => t.customer_id === c.id);
    const open = own.filter((t) => (OPEN_STATUSES as readonly string[]).includes(t.status));
    const dues = open.map((t) => t.due_at).filter((d): d is number => d !== null);
    const lastSeenAt = seen.find((s) => s.customer_id === c.id)?.last_seen_at ?? null;
    const contacts = own
      .flatMap((t) => [t.last_customer_message_at, t.last_staff_message_at])
      .filter((x): x is number => x !== null);
    const lastActivity = Math.max(
      0,
      ...own.map((t) => t.updated_at),
      ...planChanges.filter((p) => p.customer_id === c.id).map((p) => p.created_at),
    );
    const usage = usageOf(c);
    const entitlements = evaluateEntitlements(
      ctx.rules,
      { planId: c.plan_id, accountEmail: c.account_email, zone: c.zone },
      usage,
      now,
    );
    const nextCalls = calls.filter((k) => k.customer_id === c.id).map((k) => k.starts_at ?? Infinity);
    return {
      customer: toCustomerSummary(ctx.rules, c, usage, c.manager_name),
      channels: entitlements.channels.map((ch) => ({
        channel: ch.channel,
        name: ch.name,
        allowed: ch.allowed,
        reason: ch.reason.text,
      })),
      openTickets: open.length,
      overdueTickets: dues.filter((d) => d < now).length,
      nextDueAt: dues.length ? Math.min(...dues) : null,
      nextCallAt: nextCalls.length ? Math.min(...nextCalls) : null,
      lastContactAt: contacts.length ? Math.max(...contacts) : null,
      notes: notes
        .filter((n) => n.customer_id === c.id)
        .slice(0, 5)
        .map((n) => ({ id: n.id, body: n.body, authorName: n.author_name, createdAt: n.created_at })),
      activitySinceSeen: lastSeenAt === null ? lastActivity > 0 : lastActivity > lastSeenAt,
      lastSeenAt,
    };
  });
};

export const markClientSeen: Handler<'clients.markSeen'> = async (ctx, { customerId }) => {
  await requireOwnClient(ctx, customerId);
  const managerId = ctx.actor?.id ?? 0;
  const at = ctx.now();
  await ctx.write(async (w) => {
    const before = await w.db
      .selectFrom('client_views')
      .select('last_seen_at')
      .where('manager_id', '=', managerId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    if (before) {
      await w.db
        .updateTable('client_views')
        .set({ last_seen_at: at })
        .where('manager_id', '=', managerId)
        .where('customer_id', '=', customerId)
        .execute();
    } else {
      await w.db
        .insertInto('client_views')
        .values({ manager_id: managerId, customer_id: customerId, last_seen_at: at })
        .execute();
    }
    await w.audit({
      entity: 'client_view',
      entityId: customerId,
      before: before ?? null,
      after: { last_seen_at: at },
    });
    w.changed({ topics: ['assignments'], customerIds: [customerId] });
  });
  return null;
};

export const addClientNote: Handler<'clients.addNote'> = async (ctx, { customerId, body }) => {
  await requireOwnClient(ctx, customerId);
  const at = ctx.now();
  const author = ctx.actor;
  if (!author) throw notSignedIn(ctx.identity);
  const id = await ctx.write(async (w) => {
    const values = { customer_id: customerId, author_staff_id: author.id, body, created_at: at };
    const row = await w.db
      .insertInto('customer_notes')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      entity: 'customer_note',
      entityId: row.id,
      before: null,
      after: { id: row.id, ...values },
    });
    w.changed({ topics: ['customers', 'assignments'], customerIds: [customerId] });
    return row.id;
  });
  return { id, body, authorName: author.name, createdAt: at };
};
