// Where the lead is inside the SLA section: which tab.
import { create } from 'zustand';

export type SlaTab = 'review' | 'rules';

interface SlaNavState {
  tab: SlaTab;
  setTab(tab: SlaTab): void;
}

export const useSlaNav = create<SlaNavState>()((set) => ({
  tab: 'review',
  setTab: (tab) => set({ tab }),
}));
