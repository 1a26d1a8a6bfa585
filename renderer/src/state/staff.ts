// Everyone who can take a ticket, for the assignee filter and the assign menu. Refetched when the
// core says staff changed.
import { create } from 'zustand';
import type { StaffMember } from '../../../shared/contract';
import { api } from '../transport';

interface StaffState {
  staff: StaffMember[] | null;
  load(): Promise<void>;
}

export const useStaff = create<StaffState>()((set) => ({
  staff: null,
  async load() {
    const result = await api['staff.list']({});
    if (result.ok) set({ staff: result.value });
  },
}));
