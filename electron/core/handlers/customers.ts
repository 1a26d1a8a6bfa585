import type { Handler } from '../api/handler';
import { notFound } from '../api/errors';
import { answerReservingKinds, evaluateEntitlements } from '../rules';
import { findCustomer, listCustomers, usageOf } from '../store/queries/customers';
import { listQueue } from '../store/queries/tickets';
import { decodeCursor, encodeCursor } from './cursor';
import { queueScope } from './queue';
import { toCustomerSummary, toTicketSummary } from './present';
import { ruleUsageOf } from './rule-inputs';
import { z } from 'zod';

const customerCursor = z.tuple([z.string(), z.number().int()]);

export const listCustomersHandler: Handler<'customers.list'> = async (ctx, input) => {
  const after = input.cursor ? decodeCursor(input.cursor, customerCursor) : null;
  const { rows, total } = await listCustomers(ctx.db, answerReservingKinds(ctx.rules), {
    search: input.search,
    planIds: input.planIds,
    afterName: after,
    limit: input.limit + 1,
  });
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => toCustomerSummary(ctx.rules, r, usageOf(r), r.manager_name)),
    nextCursor: more && last ? encodeCursor([last.name, last.id]) : null,
    total,
  };
};

export const getCustomer: Handler<'customers.get'> = async (ctx, { id }) => {
  const customer = await findCustomer(ctx.db, id);
  if (!customer) throw notFound('customer', id, 'id');
  const usage = await ruleUsageOf(ctx.db, ctx.rules, id);
  const manager = await ctx.db
    .selectFrom('manager_assignments as ma')
    .innerJoin('staff as s', 's.id', 'ma.manager_id')
    .select(['s.id', 's.name', 'ma.started_at'])
    .where('ma.customer_id', '=', id)
    .where('ma.ended_at', 'is', null)
    .executeTakeFirst();
  const history = await ctx.db
    .selectFrom('plan_changes as pc')
    .leftJoin('staff as s', 's.id', 'pc.changed_by')
    .select([
      'pc.id',
      'pc.from_plan_id',
      'pc.plan_id',
      'pc.effective_at',
      'pc.reason',
      's.name as changed_by_name',
    ])
    .where('pc.customer_id', '=', id)
    .orderBy('pc.effective_at', 'desc')
    .execute();
  const recent = await listQueue(ctx.db, {
    filter: { customerId: id },
    sort: { field: 'created_at', direction: 'desc' },
    after: null,
    limit: 20,
    scope: queueScope(ctx, { customerId: id }, ctx.now()),
  });
  const calls = await ctx.db
    .selectFrom('calls as k')
    .leftJoin('staff as s', 's.id', 'k.agent_id')
    .select(['k.id', 'k.ticket_id', 'k.status', 'k.starts_at', 'k.ends_at', 'k.tool', 's.name as agent_name'])
    .where('k.customer_id', '=', id)
    .where((eb) =>
      eb.or([
        eb('k.status', '=', 'requested'),
        eb.and([eb('k.status', '=', 'scheduled'), eb('k.ends_at', '>', ctx.now())]),
      ]),
    )
    .orderBy('k.starts_at')
    .orderBy('k.id')
    .limit(20)
    .execute();
  const entitlements = evaluateEntitlements(
    ctx.rules,
    { planId: customer.plan_id, accountEmail: customer.account_email, zone: customer.zone },
    usage,
    ctx.now(),
  );
  return {
    customer: {
      ...toCustomerSummary(ctx.rules, customer, usage, manager?.name ?? null),
      planSince: customer.plan_since,
      createdAt: customer.created_at,
    },
    entitlements,
    planHistory: history.map((h) => ({
      id: h.id,
      fromPlanId: h.from_plan_id,
      planId: h.plan_id,
      effectiveAt: h.effective_at,
      changedByName: h.changed_by_name,
      reason: h.reason,
    })),
    manager: manager ? { staffId: manager.id, name: manager.name, since: manager.started_at } : null,
    recentTickets: recent.rows.map((r) => toTicketSummary(ctx.rules, r)),
    upcomingCalls: calls.map((c) => ({
      id: c.id,
      ticketId: c.ticket_id,
      status: c.status === 'scheduled' ? ('scheduled' as const) : ('requested' as const),
      startsAt: c.starts_at,
      endsAt: c.ends_at,
      tool: c.tool,
      agentName: c.agent_name,
    })),
  };
};
