// The shared vocabulary's lists, as the renderer needs them at run time. shared/domain and
// shared/contract build hundreds of zod schemas when they load; importing them for a list of names
// would put all of zod and the whole contract on the start-up path of every window. The lists
// here are checked against the shared types at compile time, both ways, so they cannot drift.
import type { EventName, builtinViewIds as contractViewIds } from '../../../shared/contract';
import type { ChannelId, PhoneTool, Priority, TicketStatus } from '../../../shared/domain';

/** Compiles only when A and B are the same union. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export const channelIds = ['topic', 'email', 'chat', 'phone', 'blog_comment'] as const;
export const ticketStatuses = ['new', 'open', 'waiting_customer', 'solved', 'closed'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const phoneTools = ['skype', 'google_meet'] as const;
export const builtinViewIds = [
  'needs_first_response',
  'mine',
  'unassigned',
  'topics',
  'email',
  'chat',
  'call_requests',
  'blog_comments',
  'due_soon',
  'waiting_for_hours',
  'refused',
  'free_quota_used_up',
] as const;

/** The contract's events: the serve-mode stream listens for each by name. */
export const eventNames = ['data.changed', 'sla.warning', 'sla.breached'] as const;

export type _Checks = [
  Assert<Same<(typeof eventNames)[number], EventName>>,
  Assert<Same<(typeof channelIds)[number], ChannelId>>,
  Assert<Same<(typeof ticketStatuses)[number], TicketStatus>>,
  Assert<Same<(typeof priorities)[number], Priority>>,
  Assert<Same<(typeof phoneTools)[number], PhoneTool>>,
  Assert<Same<(typeof builtinViewIds)[number], (typeof contractViewIds)[number]>>,
];
