// The shared vocabulary as the renderer needs it at run time, without loading zod and the whole
// contract on the start-up path: the fixed lists come from shared/vocabulary; the event names are
// checked against the contract's events at compile time, both ways, so they cannot drift.
import type { EventName } from '../../../shared/contract';

/** Compiles only when A and B are the same union. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export {
  builtinViewIds,
  channelIds,
  phoneTools,
  priorities,
  ticketStatuses,
} from '../../../shared/vocabulary';

/** The contract's events: the serve-mode stream listens for each by name. */
export const eventNames = ['data.changed', 'sla.warning', 'sla.breached'] as const;

export type _Checks = [Assert<Same<(typeof eventNames)[number], EventName>>];
