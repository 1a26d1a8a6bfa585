// The queue's filters and sort live outside the view so they survive switching to the customers
// list and back.
import { create } from 'zustand';
import type { QueueFilter, QueueListInput, queueSortFields } from '../../../shared/contract';
import type { ChannelId, TicketStatus } from '../../../shared/domain';

export type StatusFilter = 'active' | 'all' | TicketStatus;
export type SortField = (typeof queueSortFields)[number];
export type SortDirection = 'asc' | 'desc';

const activeStatuses: TicketStatus[] = ['new', 'open', 'waiting_customer'];

interface QueueState {
  channel: ChannelId | 'all';
  status: StatusFilter;
  refusedOnly: boolean;
  sort: { field: SortField; direction: SortDirection };
  setChannel(channel: ChannelId | 'all'): void;
  setStatus(status: StatusFilter): void;
  setRefusedOnly(refusedOnly: boolean): void;
  toggleSort(field: SortField): void;
}

export const useQueueState = create<QueueState>()((set) => ({
  channel: 'all',
  status: 'active',
  refusedOnly: false,
  sort: { field: 'due_at', direction: 'asc' },
  setChannel: (channel) => set({ channel }),
  setStatus: (status) => set({ status }),
  setRefusedOnly: (refusedOnly) => set({ refusedOnly }),
  toggleSort: (field) =>
    set(({ sort }) => ({
      sort:
        sort.field === field
          ? { field, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
          : // Due soonest first, but newest first for the other time columns: what is usually wanted.
            { field, direction: field === 'due_at' ? 'asc' : 'desc' },
    })),
}));

export function toQueueFilter(state: Pick<QueueState, 'channel' | 'status' | 'refusedOnly'>): QueueFilter {
  const filter: QueueFilter = {};
  if (state.channel !== 'all') filter.channels = [state.channel];
  if (state.status === 'active') filter.statuses = activeStatuses;
  else if (state.status !== 'all') filter.statuses = [state.status];
  if (state.refusedOnly) filter.intakeOutcome = 'refuse';
  return filter;
}

export type QueueRequest = Omit<QueueListInput, 'cursor' | 'limit'>;
