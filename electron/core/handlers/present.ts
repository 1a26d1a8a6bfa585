// Turns store rows into the contract's shapes. Plan names, flags and balances come from the rule
// set in force, so what the renderer shows is always what the rules say now.
import type {
  CustomerSummary,
  ManagerAssignment,
  ManagerLoad,
  StaffMember,
  TicketSummary,
} from '../../../shared/contract';
import type { RuleUsage } from '../../../shared/domain';
import type { RuleSet } from '../rules';
import { planHasChannel, planOf, quotaBalance, quotaSpentUp } from '../rules';
import type { CustomerRow, StaffRow } from '../store/schema';
import type { TicketSummaryRow } from '../store/queries/tickets';

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    zone: row.zone,
    active: row.active === 1,
    hasPassword: row.password_hash !== null,
  };
}

export function toCustomerSummary(
  rules: RuleSet,
  row: CustomerRow,
  usage: RuleUsage,
  managerName: string | null,
): CustomerSummary {
  const plan = planOf(rules, row.plan_id);
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    accountEmail: row.account_email,
    zone: row.zone,
    planId: row.plan_id,
    planName: plan.name,
    paid: plan.paid,
    express: plan.express,
    quota: quotaBalance(rules, row.plan_id, usage),
    managerName,
  };
}

export function toTicketSummary(rules: RuleSet, row: TicketSummaryRow): TicketSummary {
  // An unknown sender's ticket has no customer, so no plan, no quota and no entitlement to flag.
  const plan = row.plan_id === null ? null : planOf(rules, row.plan_id);
  return {
    id: row.id,
    channel: row.channel,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    customerId: row.customer_id,
    customerName: row.customer_name ?? row.sender_name ?? row.sender_email ?? '',
    planId: row.plan_id,
    planName: plan?.name ?? null,
    paid: plan?.paid ?? false,
    express: plan?.express ?? false,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    clockStartsAt: row.clock_starts_at,
    firstResponseAt: row.first_response_at,
    dueAt: row.due_at,
    intakeOutcome: row.intake_outcome,
    intakeReason: row.intake_reason,
    flags: {
      notEntitled:
        row.plan_id !== null &&
        (row.flagged_not_entitled === 1 || !planHasChannel(rules, row.plan_id, row.channel)),
      overQuota: row.plan_id !== null && quotaSpentUp(rules, row.plan_id, Number(row.quota_used ?? 0)),
      outsideHours: row.clock_starts_at > row.created_at,
    },
    sender: row.sender_email === null ? null : { email: row.sender_email, name: row.sender_name },
  };
}

export function toManagerLoad(row: {
  id: number;
  name: string;
  active: 0 | 1;
  capacity: number | null;
  load: number | string | bigint;
}): ManagerLoad {
  return {
    staffId: row.id,
    name: row.name,
    active: row.active === 1,
    load: Number(row.load),
    capacity: row.capacity ?? 0,
  };
}

export function toManagerAssignment(row: {
  id: number;
  customer_id: number;
  customer_name: string;
  manager_id: number;
  manager_name: string;
  started_at: number;
  ended_at: number | null;
  assigned_by_name: string | null;
  reason: string;
  ended_reason: string | null;
}): ManagerAssignment {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    managerId: row.manager_id,
    managerName: row.manager_name,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    assignedByName: row.assigned_by_name,
    reason: row.reason,
    endedReason: row.ended_reason,
  };
}
