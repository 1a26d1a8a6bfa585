// The queue views every staff member has. They are data (a filter and a sort over the contract's
// queue filter), so the store counts and pages them exactly like the views an agent saves, and the
// renderer can ask for a built-in view's first page before views.list has answered.
import type { builtinViewIds, QueueFilter, QueueSort } from './contract';
import { openWorkStatuses, type ChannelId, type TicketStatus } from './domain';

export type BuiltinViewId = (typeof builtinViewIds)[number];

export interface BuiltinView {
  id: BuiltinViewId;
  /** English; the renderer names views by id in the person's language. */
  name: string;
  filter: QueueFilter;
  sort: QueueSort;
}

const OPEN_WORK: TicketStatus[] = [...openWorkStatuses];
/** Open work where the next move is the team's (waiting on the customer stops the clock). */
const OWED: TicketStatus[] = ['new', 'open'];
/** Not closed: a refused item may have been solved without the courteous answer it is owed. */
const NOT_CLOSED: TicketStatus[] = ['new', 'open', 'waiting_customer', 'solved'];

/** How close to its due time a ticket must be for "Due soon", in the channel's business minutes. */
export const DUE_SOON_MINUTES = 60;

const byDue: QueueSort = { field: 'due_at', direction: 'asc' };

function channelView(id: BuiltinViewId, name: string, channel: ChannelId): BuiltinView {
  return { id, name, filter: { channels: [channel], statuses: OPEN_WORK }, sort: byDue };
}

export const builtinViews: readonly BuiltinView[] = [
  {
    id: 'needs_first_response',
    name: 'Needs first response',
    filter: { statuses: OWED, intakeOutcome: 'accept', needsFirstResponse: true },
    sort: byDue,
  },
  { id: 'mine', name: 'Mine', filter: { assignee: { kind: 'me' }, statuses: OPEN_WORK }, sort: byDue },
  {
    id: 'unassigned',
    name: 'Unassigned',
    filter: { assignee: { kind: 'none' }, statuses: OWED },
    sort: byDue,
  },
  channelView('topics', 'Topics', 'topic'),
  channelView('email', 'Email', 'email'),
  channelView('chat', 'Chat', 'chat'),
  channelView('call_requests', 'Call requests', 'phone'),
  channelView('blog_comments', 'Blog comments', 'blog_comment'),
  {
    id: 'due_soon',
    name: 'Due soon or breached',
    filter: { statuses: OWED, dueWithinMinutes: DUE_SOON_MINUTES },
    sort: byDue,
  },
  {
    id: 'waiting_for_hours',
    name: 'Waiting for hours',
    // Unanswered: once staff answered (they may write any time), nothing waits for the opening.
    filter: { statuses: OWED, intakeOutcome: 'accept', needsFirstResponse: true, waitingForHours: true },
    sort: byDue,
  },
  {
    id: 'refused',
    name: 'Refused at intake',
    // Refused items owe no SLA, but the customer still needs a courteous answer pointing to what
    // they can use; oldest first, as they have waited longest.
    filter: { statuses: NOT_CLOSED, intakeOutcome: 'refuse', needsFirstResponse: true },
    sort: { field: 'created_at', direction: 'asc' },
  },
  {
    id: 'free_quota_used_up',
    name: 'Free quota used up',
    filter: { statuses: OPEN_WORK, quotaUsedUp: true },
    sort: byDue,
  },
  {
    id: 'unknown_customer',
    name: 'Unknown customer',
    // Mail from addresses no customer has: no plan, so no due time, and every SLA clock runs from the
    // mail's arrival once linked. Oldest first, so none waits long to be linked.
    filter: { statuses: NOT_CLOSED, unknownCustomer: true },
    sort: { field: 'created_at', direction: 'asc' },
  },
];

export function findBuiltinView(id: string): BuiltinView | undefined {
  return builtinViews.find((v) => v.id === id);
}
