import { initial } from './0001_initial';
import type { Migration } from './types';

/** Every migration, in the order it is applied. Append only. */
export const migrations: readonly Migration[] = [initial];
export type { Migration, SchemaDialect } from './types';
