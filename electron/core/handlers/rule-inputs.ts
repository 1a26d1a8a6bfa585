import type { Kysely } from 'kysely';
import type { RuleCustomer, RuleUsage } from '../../../shared/domain';
import type { RuleSet } from '../rules';
import { answerReservingKinds } from '../rules';
import { quotaUsage } from '../store/queries/customers';
import type { CustomerRow, Database } from '../store/schema';

export function ruleCustomerOf(customer: CustomerRow): RuleCustomer {
  return { planId: customer.plan_id, accountEmail: customer.account_email, zone: customer.zone };
}

/**
 * The customer's quota usage for the rules engine: spent and reserved, and with a ticket what that
 * ticket holds. Read it inside the write that will act on the decision.
 */
export function ruleUsageOf(
  db: Kysely<Database>,
  rules: RuleSet,
  customerId: number,
  ticketId?: number,
): Promise<RuleUsage> {
  return quotaUsage(db, answerReservingKinds(rules), customerId, ticketId);
}
