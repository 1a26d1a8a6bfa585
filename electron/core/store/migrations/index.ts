import { initial } from './0001_initial';
import { accountManagement } from './0002_account_management';
import { queueViews } from './0003_queue_views';
import { search } from './0004_search';
import { callScheduling } from './0005_call_scheduling';
import { slaHours } from './0006_sla_hours';
import { writeLock } from './0007_write_lock';
import { quotaCounter } from './0008_quota_counter';
import { identity } from './0009_identity';
import { live } from './0010_live';
import { outboxMessageId } from './0011_outbox_message_id';
import { outboxDelivery } from './0012_outbox_delivery';
import { mailIntake } from './0013_mail_intake';
import { website } from './0014_website';
import { unmeasuredTickets } from './0015_unmeasured_tickets';
import { unknownCustomer } from './0016_unknown_customer';
import { queueScale } from './0017_queue_scale';
import { searchVectors } from './0018_search_vectors';
import { unassignedRecent } from './0019_unassigned_recent';
import { unansweredViews } from './0020_unanswered_views';
import { searchPrefixes } from './0021_search_prefixes';
import { queueOrderPg } from './0022_queue_order_pg';
import { openWorkByCustomer } from './0023_open_work_by_customer';
import { searchBuckets } from './0024_search_buckets';
import type { Migration } from './types';

/** Every migration, in the order it is applied. Append only. */
export const migrations: readonly Migration[] = [
  initial,
  accountManagement,
  queueViews,
  search,
  callScheduling,
  slaHours,
  writeLock,
  quotaCounter,
  identity,
  live,
  outboxMessageId,
  outboxDelivery,
  mailIntake,
  website,
  unmeasuredTickets,
  unknownCustomer,
  searchVectors,
  // Numbered before 0018 but released after it: the position, not the number, is the order.
  queueScale,
  unassignedRecent,
  unansweredViews,
  searchPrefixes,
  queueOrderPg,
  openWorkByCustomer,
  searchBuckets,
];
export type { ColumnRelaxation, Migration, SchemaDialect } from './types';
export { CALL_OVERLAP_GUARD, COUNTED_OPEN_STATUSES, OPEN_WORK_SQL } from './types';
