// Where the person is: which section, which ticket is highlighted in the queue, which one is open
// beside it, which customer panel is open, and which dialog. The address bar mirrors it
// (#/queue/<view>/ticket/<id>) so a reload lands in the same place.
import { create } from 'zustand';

// 'clients' (My clients) and 'overview' (the lead's) are shown by role: views/accounts/access.ts;
// 'sla' (the lead's SLA review and targets) by views/sla/access.ts.
// 'staff' (the lead's staff accounts and invitations) by views/staff/access.ts.
// 'channels' (the lead's mail, website and outbox) by views/channels/access.ts.
export type Section = 'queue' | 'customers' | 'calls' | 'clients' | 'overview' | 'sla' | 'staff' | 'channels';
export type DialogKind = 'search' | 'help' | 'newTicket' | 'views' | 'password';

interface NavState {
  section: Section;
  /** The highlighted queue row (j/k move it). */
  selectedTicketId: number | null;
  /** The ticket open beside the queue. */
  openTicketId: number | null;
  /** The open ticket's customer, once the ticket has loaded: their panel shows beside it. */
  ticketCustomerId: number | null;
  /** A customer opened on their own (from the customers list or a queue row). */
  customerId: number | null;
  dialog: DialogKind | null;
  /** Where focus goes back to when a panel or dialog closes. */
  returnFocusTo: HTMLElement | null;
  setSection(section: Section): void;
  select(id: number | null): void;
  openTicket(id: number): void;
  closeTicket(): void;
  setTicketCustomer(id: number | null): void;
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
  ticketCustomerId: null,
  customerId: null,
  dialog: null,
  returnFocusTo: null,
  setSection: (section) => set({ section, customerId: null }),
  select: (id) => set({ selectedTicketId: id }),
  openTicket: (id) => set({ section: 'queue', openTicketId: id, selectedTicketId: id, customerId: null }),
  closeTicket: () => set({ openTicketId: null, ticketCustomerId: null }),
  setTicketCustomer: (id) => set({ ticketCustomerId: id }),
  openCustomer: (id, from = null) => set({ customerId: id, returnFocusTo: from ?? activeElement() }),
  closeCustomer: () => set({ customerId: null }),
  openDialog: (dialog) => set({ dialog, returnFocusTo: activeElement() }),
  closeDialog: () => set({ dialog: null }),
  reset: () =>
    set({
      section: 'queue',
      selectedTicketId: null,
      openTicketId: null,
      ticketCustomerId: null,
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

let titleFocusPending = false;

/**
 * Focus the open ticket's title, now or as soon as the ticket view is on screen (its code loads on
 * first use).
 */
export function focusTicketTitle(): void {
  window.requestAnimationFrame(() => {
    const title = document.getElementById('ticket-title');
    if (title) title.focus();
    else titleFocusPending = true;
  });
}

/** Called by the ticket view once mounted: true when someone asked for its title to have focus. */
export function takeTitleFocus(): boolean {
  const pending = titleFocusPending;
  titleFocusPending = false;
  return pending;
}

/** The queue grid: where focus lands when nothing more specific is left. */
export function focusQueue(): void {
  document.getElementById('queue-grid')?.focus();
}
