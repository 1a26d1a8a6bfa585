import type { Handler } from '../api/handler';
import { assignmentRows, managerLoads } from '../store/queries/managers';
import { answerReservingKinds } from '../rules';
import { currentManagerSubquery, quotaColumns, usageOf } from '../store/queries/customers';
import { toCustomerSummary, toManagerAssignment, toManagerLoad } from './present';

/** The lead's view of personal management: who lacks a manager, who carries what, what changed. */
export const leadOverview: Handler<'overview.lead'> = async (ctx) => {
  const managedPlans = ctx.rules.personalManager.plans;
  const unmanaged =
    managedPlans.length === 0
      ? []
      : await ctx.db
          .selectFrom('customers as c')
          .selectAll('c')
          .select((eb) => [
            ...quotaColumns(eb, answerReservingKinds(ctx.rules)),
            currentManagerSubquery(eb).as('manager_name'),
          ])
          .where('c.plan_id', 'in', managedPlans)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('manager_assignments as ma')
                  .select('ma.id')
                  .whereRef('ma.customer_id', '=', 'c.id')
                  .where('ma.ended_at', 'is', null),
              ),
            ),
          )
          .orderBy('c.plan_since')
          .execute();
  const recent = await assignmentRows(ctx.db)
    .orderBy((eb) => eb.fn.coalesce('ma.ended_at', 'ma.started_at'), 'desc')
    .orderBy('ma.id', 'desc')
    .limit(20)
    .execute();
  return {
    unmanaged: unmanaged.map((c) => toCustomerSummary(ctx.rules, c, usageOf(c), c.manager_name)),
    managers: (await managerLoads(ctx.db)).map(toManagerLoad),
    recentChanges: recent.map(toManagerAssignment),
  };
};
