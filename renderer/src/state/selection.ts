// What the person is looking at: which list, and which customer is open beside it. Later views
// (ticket thread, calls) add their selections here so the shell can lay them out.
import { create } from 'zustand';

export type MainView = 'queue' | 'customers';

interface SelectionState {
  view: MainView;
  customerId: number | null;
  /** The element to return focus to when the customer panel closes. */
  returnFocusTo: HTMLElement | null;
  setView(view: MainView): void;
  openCustomer(id: number, from?: HTMLElement | null): void;
  closeCustomer(): void;
  reset(): void;
}

export const useSelection = create<SelectionState>()((set) => ({
  view: 'queue',
  customerId: null,
  returnFocusTo: null,
  setView: (view) => set({ view }),
  openCustomer: (id, from = null) => set({ customerId: id, returnFocusTo: from }),
  closeCustomer: () => set({ customerId: null }),
  reset: () => set({ view: 'queue', customerId: null, returnFocusTo: null }),
}));
