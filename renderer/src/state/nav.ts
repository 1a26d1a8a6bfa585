// Where the person is: which section, which ticket is highlighted in the queue, which one is open
// beside it, which customer panel is open, and which dialog. The address bar mirrors it
// (#/queue/<view>/ticket/<id>) so a reload lands in the same place.
import { create } from 'zustand';

export type Section = 'queue' | 'customers';
export type DialogKind = 'search' | 'help' | 'newTicket';

interface NavState {
  section: Section;
  /** The highlighted queue row (j/k move it). */
  selectedTicketId: number | null;
  /** The ticket open beside the queue. */
  openTicketId: number | null;
  /** A customer opened on their own (from the customers list or a queue row). */
  customerId: number | null;
  dialog: DialogKind | null;
  /** Where focus goes back to when a panel or dialog closes. */
  returnFocusTo: HTMLElement | null;
  setSection(section: Section): void;
  select(id: number | null): void;
  openTicket(id: number): void;
  closeTicket(): void;
  openCustomer(id: number, from?: HTMLElement | null): void;
  closeCustomer(): void;
  openDialog(dialog: DialogKind): void;
  closeDialog(): void;
  reset(): void;
}

function activeElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement ? document.activeElement : null;
}

export const useNav = create<NavState>()((set) => ({
  section: 'queue',
  selectedTicketId: null,
  openTicketId: null,
  customerId: null,
  dialog: null,
  returnFocusTo: null,
  setSection: (section) => set({ section, customerId: null }),
  select: (id) => set({ selectedTicketId: id }),
  openTicket: (id) => set({ section: 'queue', openTicketId: id, selectedTicketId: id, customerId: null }),
  closeTicket: () => set({ openTicketId: null }),
  openCustomer: (id, from = null) => set({ customerId: id, returnFocusTo: from ?? activeElement() }),
  closeCustomer: () => set({ customerId: null }),
  openDialog: (dialog) => set({ dialog, returnFocusTo: activeElement() }),
  closeDialog: () => set({ dialog: null }),
  reset: () =>
    set({
      section: 'queue',
      selectedTicketId: null,
      openTicketId: null,
      customerId: null,
      dialog: null,
      returnFocusTo: null,
    }),
}));

/** Puts focus back where the person was, or on `fallback` when that element is gone. */
export function restoreFocus(target: HTMLElement | null, fallback?: () => HTMLElement | null): void {
  window.requestAnimationFrame(() => {
    if (target?.isConnected) target.focus();
    else fallback?.()?.focus();
  });
}

/** The queue grid: where focus lands when nothing more specific is left. */
export function focusQueue(): void {
  document.getElementById('queue-grid')?.focus();
}
