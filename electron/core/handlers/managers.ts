// Personal managers: a managed, audited relationship between an account manager and an
// Enterprise Express customer. Only leads change it; everyone can read who the manager is.
import type { Kysely } from 'kysely';
import { ApiError, notFound } from '../api/errors';
import type { WriteScope } from '../api/context';
import type { Handler } from '../api/handler';
import { evaluateEntitlements } from '../rules';
import type { RuleSet } from '../rules';
import { findCustomer } from '../store/queries/customers';
import { activeAssignment, assignmentRows, managerLoads } from '../store/queries/managers';
import { findStaff } from '../store/queries/staff';
import type { CustomerRow, Database } from '../store/schema';
import { toManagerAssignment, toManagerLoad } from './present';
import { ruleCustomerOf, ruleUsageOf } from './rule-inputs';

async function loadCustomer(db: Kysely<Database>, id: number): Promise<CustomerRow> {
  const customer = await findCustomer(db, id);
  if (!customer) throw notFound('customer', id, 'customerId');
  return customer;
}

/** The rules decide who may have a personal manager; the refusal carries their reason. */
async function requireManagerEntitlement(
  db: Kysely<Database>,
  rules: RuleSet,
  customer: CustomerRow,
  now: number,
) {
  const entitlement = evaluateEntitlements(
    rules,
    ruleCustomerOf(customer),
    await ruleUsageOf(db, rules, customer.id),
    now,
  ).personalManager;
  if (!entitlement.entitled) {
    throw new ApiError(
      'rule_refused',
      `${customer.name} cannot have a personal manager: ${entitlement.reason.text}`,
      'customerId',
    );
  }
}

async function readAssignment(db: Kysely<Database>, id: number) {
  return toManagerAssignment(await assignmentRows(db).where('ma.id', '=', id).executeTakeFirstOrThrow());
}

/** Ends an assignment in the caller's transaction, with its audit entry. */
export async function endAssignment(
  w: WriteScope,
  assignment: { id: number; customer_id: number; ended_at: number | null },
  at: number,
  reason: string,
): Promise<void> {
  await w.db
    .updateTable('manager_assignments')
    .set({ ended_at: at, ended_reason: reason })
    .where('id', '=', assignment.id)
    .execute();
  await w.audit({
    entity: 'manager_assignment',
    entityId: assignment.id,
    before: { ended_at: assignment.ended_at },
    after: { ended_at: at, ended_reason: reason },
  });
  w.changed({ topics: ['assignments', 'customers'], customerIds: [assignment.customer_id] });
}

export const suggestManager: Handler<'managers.suggest'> = async (ctx, { customerId }) => {
  const customer = await loadCustomer(ctx.db, customerId);
  await requireManagerEntitlement(ctx.db, ctx.rules, customer, ctx.now());
  const current = await activeAssignment(ctx.db, customerId);
  const candidates = (await managerLoads(ctx.db))
    .map(toManagerLoad)
    .filter((m) => m.active && m.staffId !== current?.manager_id);
  const underCapacity = candidates
    .filter((m) => m.load < m.capacity)
    .sort(
      (a, b) => a.load / a.capacity - b.load / b.capacity || a.load - b.load || a.name.localeCompare(b.name),
    );
  const suggestion = underCapacity[0] ?? null;
  return {
    suggestion,
    candidates,
    reason: suggestion
      ? `${suggestion.name} has the lightest load (${suggestion.load} of ${suggestion.capacity} clients).`
      : 'Every active account manager is at capacity: raise a capacity or free a client first.',
  };
};

export const assignManager: Handler<'managers.assign'> = async (ctx, { customerId, managerId, reason }) => {
  const now = ctx.now();
  const id = await ctx.write(async (w) => {
    const customer = await loadCustomer(w.db, customerId);
    await requireManagerEntitlement(w.db, ctx.rules, customer, now);
    const manager = await findStaff(w.db, managerId);
    if (!manager) throw notFound('staff member', managerId, 'managerId');
    if (manager.role !== 'account_manager') {
      throw new ApiError(
        'invalid_input',
        `${manager.name} is not an account manager and cannot be a personal manager.`,
        'managerId',
      );
    }
    if (manager.active !== 1)
      throw new ApiError('invalid_input', `${manager.name} is no longer active.`, 'managerId');
    const current = await activeAssignment(w.db, customerId);
    if (current?.manager_id === managerId) {
      throw new ApiError('conflict', `${manager.name} already manages ${customer.name}.`, 'managerId');
    }
    const load = (await managerLoads(w.db)).find((m) => m.id === managerId);
    const capacity = manager.capacity ?? 0;
    if (Number(load?.load ?? 0) >= capacity) {
      throw new ApiError(
        'conflict',
        `${manager.name} is at capacity (${Number(load?.load ?? 0)} of ${capacity} clients). Raise the capacity or choose another manager.`,
        'managerId',
      );
    }
    if (current) await endAssignment(w, current, now, `Reassigned to ${manager.name}: ${reason}`);
    const values = {
      customer_id: customerId,
      manager_id: managerId,
      started_at: now,
      ended_at: null,
      assigned_by: ctx.actor?.id ?? null,
      reason,
      ended_reason: null,
    };
    const row = await w.db
      .insertInto('manager_assignments')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      entity: 'manager_assignment',
      entityId: row.id,
      before: null,
      after: { id: row.id, ...values },
    });
    w.changed({ topics: ['assignments', 'customers'], customerIds: [customerId] });
    return row.id;
  });
  return readAssignment(ctx.db, id);
};

export const unassignManager: Handler<'managers.unassign'> = async (ctx, { customerId, reason }) => {
  const id = await ctx.write(async (w) => {
    const customer = await loadCustomer(w.db, customerId);
    const current = await activeAssignment(w.db, customerId);
    if (!current)
      throw new ApiError('conflict', `${customer.name} has no personal manager to remove.`, 'customerId');
    await endAssignment(w, current, ctx.now(), reason);
    return current.id;
  });
  return readAssignment(ctx.db, id);
};

export const managerHistory: Handler<'managers.history'> = async (ctx, { customerId }) => {
  await loadCustomer(ctx.db, customerId);
  const rows = await assignmentRows(ctx.db)
    .where('ma.customer_id', '=', customerId)
    .orderBy('ma.started_at', 'desc')
    .orderBy('ma.id', 'desc')
    .execute();
  return rows.map(toManagerAssignment);
};

export const setManagerCapacity: Handler<'managers.setCapacity'> = async (ctx, { staffId, capacity }) => {
  await ctx.write(async (w) => {
    const staff = await findStaff(w.db, staffId);
    if (!staff) throw notFound('staff member', staffId, 'staffId');
    if (staff.role !== 'account_manager') {
      throw new ApiError(
        'invalid_input',
        `${staff.name} is not an account manager; only they have a capacity.`,
        'staffId',
      );
    }
    if (staff.capacity === capacity)
      throw new ApiError('conflict', `${staff.name}'s capacity is already ${capacity}.`, 'capacity');
    await w.db.updateTable('staff').set({ capacity }).where('id', '=', staffId).execute();
    await w.audit({
      entity: 'staff',
      entityId: staffId,
      before: { capacity: staff.capacity },
      after: { capacity },
    });
    w.changed({ topics: ['staff', 'assignments'] });
  });
  const row = (await managerLoads(ctx.db)).find((m) => m.id === staffId);
  if (!row) throw notFound('account manager', staffId, 'staffId');
  return toManagerLoad(row);
};
