// Which call is open in the Calls section and which tab shows. Kept apart from state/nav.ts so the
// calls area does not touch the console's navigation beyond its one section name.
import { create } from 'zustand';
import { useNav } from '../../state/nav';

export type CallsTab = 'list' | 'calendar';

interface CallsNavState {
  tab: CallsTab;
  callId: number | null;
  setTab(tab: CallsTab): void;
  open(callId: number | null): void;
}

export const useCallsNav = create<CallsNavState>()((set) => ({
  tab: 'list',
  callId: null,
  setTab: (tab) => set({ tab }),
  open: (callId) => set({ callId }),
}));

/** From anywhere (a ticket, the customer panel): the Calls section with this call open. */
export function showCall(callId: number): void {
  useCallsNav.getState().open(callId);
  useNav.getState().setSection('calls');
}
