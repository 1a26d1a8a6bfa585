// The review's filters, kept while the lead switches tabs or sections: the period (a preset, or
// custom dates in the viewer's zone), and the channel, plan and agent ('' for all).
import { create } from 'zustand';
import type { ChannelId } from '../../../../shared/domain';
import type { RangePreset } from './reviewRange';

export interface ReviewFilterFields {
  preset: RangePreset;
  /** YYYY-MM-DD, inclusive; used when the preset is 'custom'. */
  fromDate: string;
  toDate: string;
  channel: ChannelId | '';
  planId: string;
  /** A staff id as text, 'none' (nobody), or '' (everyone). */
  agentId: string;
}

interface ReviewFilterState extends ReviewFilterFields {
  set(patch: Partial<ReviewFilterFields>): void;
  reset(): void;
}

const initial: ReviewFilterFields = {
  preset: 'last30',
  fromDate: '',
  toDate: '',
  channel: '',
  planId: '',
  agentId: '',
};

export const useReviewFilters = create<ReviewFilterState>()((set) => ({
  ...initial,
  set: (patch) => set(patch),
  reset: () => set(initial),
}));

/** The agent filter as the contract takes it. */
export function agentFilter(value: string): number | 'none' | undefined {
  if (value === 'none') return 'none';
  const id = Number(value);
  return value !== '' && Number.isInteger(id) && id > 0 ? id : undefined;
}
