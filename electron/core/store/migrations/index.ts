import { initial } from './0001_initial';
import { accountManagement } from './0002_account_management';
import { queueViews } from './0003_queue_views';
import { search } from './0004_search';
import type { Migration } from './types';

/** Every migration, in the order it is applied. Append only. */
export const migrations: readonly Migration[] = [initial, accountManagement, queueViews, search];
export type { Migration, SchemaDialect } from './types';
