// Plan changes. The rules are re-evaluated at the effective time and every consequence is written
// in the same transaction, audited, and reported back: nothing is deleted, only ended or flagged.
import type { PlanChangeConsequences } from '../../../shared/contract';
import type { Core, WriteScope } from '../api/context';
import { ApiError, notFound } from '../api/errors';
import type { Handler } from '../api/handler';
import { runWrite } from '../api/write';
import type { RuleSet } from '../rules';
import { planHasChannel, quotaBalance } from '../rules';
import { findCustomer } from '../store/queries/customers';
import { activeAssignment, assignmentRows } from '../store/queries/managers';
import type { Selectable } from 'kysely';
import type { CustomerRow, PlanChangeTable } from '../store/schema';
import { endAssignment } from './managers';
import { ruleUsageOf } from './rule-inputs';
import { toManagerAssignment } from './present';

const OPEN_STATUSES = ['new', 'open', 'waiting_customer'] as const;

export const changePlan: Handler<'customers.changePlan'> = async (ctx, input) => {
  const now = ctx.now();
  const effectiveAt = input.effectiveAt ?? now;
  if (!ctx.rules.plans.some((p) => p.id === input.planId)) {
    throw new ApiError(
      'invalid_input',
      `There is no plan "${input.planId}" in the rules in force.`,
      'planId',
    );
  }
  const actor = ctx.actor;
  return ctx.write(async (w) => {
    const customer = await findCustomer(w.db, input.customerId);
    if (!customer) throw notFound('customer', input.customerId, 'customerId');
    if (actor?.role === 'account_manager') {
      const assignment = await activeAssignment(w.db, customer.id);
      if (assignment?.manager_id !== actor.id) {
        throw new ApiError(
          'forbidden',
          `${actor.name} can change plans only for their own clients.`,
          'customerId',
        );
      }
    }
    if (customer.plan_id === input.planId) {
      throw new ApiError(
        'conflict',
        `${customer.name} is already on the ${planName(ctx.rules, input.planId)} plan.`,
        'planId',
      );
    }
    if (effectiveAt < customer.plan_since) {
      throw new ApiError(
        'invalid_input',
        'The effective time is before the current plan took effect; plan history cannot be rewritten.',
        'effectiveAt',
      );
    }
    const values = {
      customer_id: customer.id,
      from_plan_id: customer.plan_id,
      plan_id: input.planId,
      effective_at: effectiveAt,
      changed_by: actor?.id ?? null,
      reason: input.reason,
      created_at: now,
      applied_at: null,
    };
    const change = await w.db
      .insertInto('plan_changes')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      entity: 'plan_change',
      entityId: change.id,
      before: null,
      after: { id: change.id, ...values },
    });
    if (effectiveAt > now) {
      // Scheduled: applied by applyDuePlanChanges when its time comes.
      w.changed({ topics: ['customers'], customerIds: [customer.id] });
      return {
        applied: false,
        fromPlanId: customer.plan_id,
        toPlanId: input.planId,
        effectiveAt,
        managerAssignmentEnded: null,
        ticketsFlagged: [],
        ticketsUnflagged: [],
        callsFlagged: [],
        callsUnflagged: [],
        quota: null,
      };
    }
    return applyPlanChange(w, ctx.rules, customer, { id: change.id, planId: input.planId, effectiveAt }, now);
  });
};

function planName(rules: RuleSet, planId: string): string {
  return rules.plans.find((p) => p.id === planId)?.name ?? planId;
}

/** Moves the customer to the new plan and writes every consequence, inside the caller's transaction. */
export async function applyPlanChange(
  w: WriteScope,
  rules: RuleSet,
  customer: CustomerRow,
  change: { id: number; planId: string; effectiveAt: number },
  now: number,
): Promise<PlanChangeConsequences> {
  const toPlan = change.planId;
  await w.db
    .updateTable('customers')
    .set({ plan_id: toPlan, plan_since: change.effectiveAt, updated_at: now })
    .where('id', '=', customer.id)
    .execute();
  await w.db.updateTable('plan_changes').set({ applied_at: now }).where('id', '=', change.id).execute();
  await w.audit({
    entity: 'customer',
    entityId: customer.id,
    before: { plan_id: customer.plan_id, plan_since: customer.plan_since },
    after: { plan_id: toPlan, plan_since: change.effectiveAt },
  });

  let managerAssignmentEnded: PlanChangeConsequences['managerAssignmentEnded'] = null;
  const assignment = await activeAssignment(w.db, customer.id);
  if (assignment && !rules.personalManager.plans.includes(toPlan)) {
    await endAssignment(w, assignment, change.effectiveAt, 'plan changed');
    managerAssignmentEnded = toManagerAssignment(
      await assignmentRows(w.db).where('ma.id', '=', assignment.id).executeTakeFirstOrThrow(),
    );
  }

  const openTickets = await w.db
    .selectFrom('tickets')
    .select(['id', 'channel', 'flagged_not_entitled'])
    .where('customer_id', '=', customer.id)
    .where('status', 'in', OPEN_STATUSES)
    .execute();
  const ticketsFlagged: number[] = [];
  const ticketsUnflagged: number[] = [];
  for (const ticket of openTickets) {
    const entitled = planHasChannel(rules, toPlan, ticket.channel);
    const flag = entitled ? 0 : 1;
    if (flag === ticket.flagged_not_entitled) continue;
    await w.db
      .updateTable('tickets')
      .set({ flagged_not_entitled: flag, updated_at: now })
      .where('id', '=', ticket.id)
      .execute();
    await w.audit({
      entity: 'ticket',
      entityId: ticket.id,
      before: { flagged_not_entitled: ticket.flagged_not_entitled },
      after: { flagged_not_entitled: flag },
    });
    (flag ? ticketsFlagged : ticketsUnflagged).push(ticket.id);
  }

  const futureCalls = await w.db
    .selectFrom('calls')
    .select(['id', 'flagged_for_review'])
    .where('customer_id', '=', customer.id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'requested'),
        eb.and([eb('status', '=', 'scheduled'), eb('starts_at', '>', now)]),
      ]),
    )
    .execute();
  const phoneAllowed = planHasChannel(rules, toPlan, 'phone');
  const callsFlagged: number[] = [];
  const callsUnflagged: number[] = [];
  for (const call of futureCalls) {
    const flag = phoneAllowed ? 0 : 1;
    if (flag === call.flagged_for_review) continue;
    await w.db
      .updateTable('calls')
      .set({ flagged_for_review: flag, updated_at: now })
      .where('id', '=', call.id)
      .execute();
    await w.audit({
      entity: 'call',
      entityId: call.id,
      before: { flagged_for_review: call.flagged_for_review },
      after: { flagged_for_review: flag },
    });
    (flag ? callsFlagged : callsUnflagged).push(call.id);
  }

  w.changed({
    topics: ['customers', 'tickets', 'calls', 'assignments'],
    customerIds: [customer.id],
    ticketIds: [...ticketsFlagged, ...ticketsUnflagged],
  });
  return {
    applied: true,
    fromPlanId: customer.plan_id,
    toPlanId: toPlan,
    effectiveAt: change.effectiveAt,
    managerAssignmentEnded,
    ticketsFlagged,
    ticketsUnflagged,
    callsFlagged,
    callsUnflagged,
    // Every quota message the customer ever spent counts again when they return to a quota plan.
    quota: quotaBalance(rules, toPlan, await ruleUsageOf(w.db, rules, customer.id)),
  };
}

/**
 * Applies plan changes whose effective time has come. Run at start (changes that fell due while the
 * app was closed) and on a timer; each change is its own transaction.
 */
export async function applyDuePlanChanges(core: Core): Promise<number> {
  const now = core.now();
  const due = await core.db
    .selectFrom('plan_changes')
    .selectAll()
    .where('applied_at', 'is', null)
    .where('effective_at', '<=', now)
    .orderBy('effective_at')
    .orderBy('id')
    .execute();
  let applied = 0;
  for (const change of due) {
    try {
      await runWrite(core, 'plans.applyScheduled', change.changed_by, async (w) => {
        // Claimed first, conditionally: a change another process applied meanwhile (a leader that
        // was taken over while still running) is not applied twice.
        const claimed = await w.db
          .updateTable('plan_changes')
          .set({ applied_at: now })
          .where('id', '=', change.id)
          .where('applied_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) throw new AlreadyApplied();
        await applyDueChange(core, w, change, now);
      });
      applied++;
    } catch (error) {
      if (!(error instanceof AlreadyApplied)) throw error;
    }
  }
  return applied;
}

/** Thrown inside the write of a change found already applied, so that it rolls back unaudited. */
class AlreadyApplied extends Error {}

async function applyDueChange(
  core: Core,
  w: WriteScope,
  change: Selectable<PlanChangeTable>,
  now: number,
): Promise<void> {
  const customer = await findCustomer(w.db, change.customer_id);
  if (!customer || customer.plan_id === change.plan_id) {
    // Nothing to move (the customer is already on that plan): the change is only marked applied.
    await w.audit({
      entity: 'plan_change',
      entityId: change.id,
      before: { applied_at: null },
      after: { applied_at: now },
    });
    return;
  }
  await applyPlanChange(
    w,
    core.rules,
    customer,
    { id: change.id, planId: change.plan_id, effectiveAt: change.effective_at },
    now,
  );
}
