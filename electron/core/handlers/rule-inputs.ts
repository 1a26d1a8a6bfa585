import type { RuleCustomer } from '../../../shared/domain';
import type { CustomerRow } from '../store/schema';

export function ruleCustomerOf(customer: CustomerRow): RuleCustomer {
  return { planId: customer.plan_id, accountEmail: customer.account_email, zone: customer.zone };
}
